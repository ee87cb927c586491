package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/** A stored workflow at its current version, as the API shows it. */
public record Workflow(
        long id,
        String name,
        String slug,
        String description,
        JsonNode definition,
        String triggerEvent,
        JsonNode triggerCondition,
        boolean enabled,
        int version,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {
}
