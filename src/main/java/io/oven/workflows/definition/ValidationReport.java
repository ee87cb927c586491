package io.oven.workflows.definition;

import io.oven.workflows.problem.Violation;

import java.util.List;

/**
 * Every problem found in a definition, errors and warnings apart. A definition with errors
 * is refused; warnings are reported but saved. {@code definition} is null when the document
 * could not be read as a definition at all.
 */
public record ValidationReport(WorkflowDefinition definition, List<Violation> errors, List<Violation> warnings) {

    public boolean valid() {
        return errors.isEmpty();
    }
}
