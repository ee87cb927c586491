package io.oven.workflows.workflow;

/** A workflow was created or saved as a new version (by an edit or a restore). */
public record WorkflowSaved(Workflow workflow, boolean created) {
}
