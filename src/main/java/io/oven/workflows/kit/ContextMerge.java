package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Oven context merge after a node completes (DESIGN §3, as Oven's engine does it):
 * {@code { ...context, "<state>_output": output, ...output }}, plus
 * {@code context[outputKey] = output}. An output that is neither an object nor an array (a
 * scalar, or null) becomes {@code { "result": value }} first, as Oven's API calls answer it; an
 * array spreads as {@code "0"}, {@code "1"}, … (no {@code length}: {@code $.x.length} reads an
 * array's size). It returns a new top-level object and never changes the one it is given, so a
 * context handed to the tracking writer stays as it was.
 */
public final class ContextMerge {

    private ContextMerge() {
    }

    /** What a node's output is kept as: objects and arrays as they are, anything else as {@code { result }}. */
    public static JsonNode output(JsonNode output) {
        if (output != null && (output.isObject() || output.isArray())) {
            return output;
        }
        return JsonNodeFactory.instance.objectNode()
                .set("result", output == null || output.isMissingNode() ? NullNode.instance : output);
    }

    public static ObjectNode merge(ObjectNode context, String stateId, JsonNode output, String outputKey) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.setAll(context);
        JsonNode value = output(output);
        merged.set(stateId + "_output", value);
        if (value.isObject()) {
            merged.setAll((ObjectNode) value);
        } else {
            for (int i = 0; i < value.size(); i++) {
                merged.set(Integer.toString(i), value.get(i));
            }
        }
        if (outputKey != null) {
            merged.set(outputKey, output == null ? NullNode.instance : output);
        }
        return merged;
    }

    /**
     * The merge of {@code core.setVariable}'s {@code { name, value }}: the variable is set and the
     * output kept under {@code "<state>_output"}. Oven spreads {@code name} and {@code value} over
     * the context as well, overwriting whatever those keys held (a player's name): not here.
     */
    public static ObjectNode variable(ObjectNode context, String stateId, JsonNode output, String outputKey) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.setAll(context);
        merged.set(stateId + "_output", output);
        String name = output.path("name").asText("");
        if (!name.isEmpty()) {
            merged.set(name, output.get("value"));
        }
        if (outputKey != null) {
            merged.set(outputKey, output);
        }
        return merged;
    }

    /** A shallow copy with one key set: how setVariable-like changes are applied. */
    public static ObjectNode with(ObjectNode context, String key, JsonNode value) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.setAll(context);
        copy.set(key, value);
        return copy;
    }

    /** A shallow copy without the given keys. */
    public static ObjectNode without(ObjectNode context, String... keys) {
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.setAll(context);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }
}
