package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.kit.NodeFailure;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** One invocation: the input with every expression resolved, and the context it ran in. */
public record NodeCall(
        long executionId,
        String workflowSlug,
        String stateId,
        ObjectNode input,
        ObjectNode context,
        Consumer<ConfigResolver.Resolved> configLookups,
        String strategy,
        UnaryOperator<JsonNode> mask) {

    public JsonNode input(String name) {
        JsonNode value = input.get(name);
        return value == null || value.isNull() ? null : value;
    }

    public String text(String name) {
        JsonNode value = input(name);
        if (value == null) {
            throw new NodeFailure("input '" + name + "' is required");
        }
        if (!value.isValueNode()) {
            throw new NodeFailure("input '" + name + "' must be text, got " + value);
        }
        return value.asText();
    }
}
