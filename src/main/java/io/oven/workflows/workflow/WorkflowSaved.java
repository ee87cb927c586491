package io.oven.workflows.workflow;

/**
 * A workflow was created or saved as a new version (by an edit, a restore, an enable or a
 * disable). {@code elsewhere}: on another instance, which has done what is shared by all (the bus
 * subscriptions); this one only deploys.
 */
public record WorkflowSaved(Workflow workflow, boolean created, boolean elsewhere) {
}
