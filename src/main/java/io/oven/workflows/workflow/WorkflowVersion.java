package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;

/**
 * A workflow as it was at one version. {@code id} is the version number, so that
 * {@code /workflows/:id/versions/:versionId} reads as "version 2 of workflow 7".
 */
public record WorkflowVersion(
        int id,
        long workflowId,
        int version,
        String name,
        String description,
        JsonNode definition,
        String triggerEvent,
        JsonNode triggerCondition,
        boolean enabled,
        OffsetDateTime createdAt) {
}
