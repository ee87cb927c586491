package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A workflow definition in the Oven (XState-style) format. Keys the engine does not know are
 * kept in {@code extra} so that a definition survives a round trip unchanged.
 */
public record WorkflowDefinition(
        String id,
        String initial,
        JsonNode context,
        List<PayloadField> payloadSchema,
        Map<String, StateNode> states,
        Map<String, JsonNode> extra) {
}
