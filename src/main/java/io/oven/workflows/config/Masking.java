package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/** Replaces secret config values wherever they appear in what an execution records. */
public final class Masking {

    public static final String MASK = "***";

    private Masking() {
    }

    /** A copy of {@code node} with every value equal to one of {@code secrets} masked; the node itself if none. */
    public static JsonNode mask(JsonNode node, Set<JsonNode> secrets) {
        if (node == null || secrets.isEmpty()) {
            return node;
        }
        if (secrets.contains(node)) {
            return JsonNodeFactory.instance.textNode(MASK);
        }
        if (node.isTextual()) {
            // A secret may also sit inside a longer text, such as a log line built from it.
            String text = node.asText();
            String masked = text;
            for (JsonNode secret : secrets) {
                String value = secret.isValueNode() ? secret.asText() : secret.toString();
                if (value.length() >= 3) {
                    masked = masked.replace(value, MASK);
                }
            }
            return masked.equals(text) ? node : JsonNodeFactory.instance.textNode(masked);
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), mask(e.getValue(), secrets)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(v -> copy.add(mask(v, secrets)));
            return copy;
        }
        return node;
    }
}
