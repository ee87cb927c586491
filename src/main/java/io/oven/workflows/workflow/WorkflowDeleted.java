package io.oven.workflows.workflow;

/** A workflow was deleted (on another instance when {@code elsewhere}); its executions are kept. */
public record WorkflowDeleted(long workflowId, boolean elsewhere) {
}
