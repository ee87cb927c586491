package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;

/** What a save writes: every field of a workflow a user can set. */
record WorkflowDraft(
        String name,
        String slug,
        String description,
        JsonNode definition,
        String triggerEvent,
        JsonNode triggerCondition,
        boolean enabled) {

    static WorkflowDraft of(Workflow w) {
        return new WorkflowDraft(w.name(), w.slug(), w.description(), w.definition(), w.triggerEvent(),
                w.triggerCondition(), w.enabled());
    }

    static WorkflowDraft of(WorkflowVersion v, String slug) {
        return new WorkflowDraft(v.name(), slug, v.description(), v.definition(), v.triggerEvent(),
                v.triggerCondition(), v.enabled());
    }
}
