package io.oven.workflows.workflow;

import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.problem.Violation;

import java.util.Optional;

/**
 * Whether a validated definition also compiles into routes. Asked on every save, so a save whose
 * definition could not be deployed is refused (400) and the deployed version keeps running.
 * Implemented by the deployment room, which this package must not import.
 */
public interface CompileCheck {

    Optional<Violation> problem(String slug, WorkflowDefinition definition);
}
