package io.oven.workflows.workflow;

/** A workflow was deleted; its executions are kept. */
public record WorkflowDeleted(Workflow workflow) {
}
