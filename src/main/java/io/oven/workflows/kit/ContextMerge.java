package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * The Oven context merge after a node completes (DESIGN §3):
 * {@code { ...context, "<state>_output": output, ...spread(output) }}, plus
 * {@code context[outputKey] = output}. It returns a new top-level object and never changes
 * the one it is given, so a context handed to the tracking writer stays as it was.
 */
public final class ContextMerge {

    private ContextMerge() {
    }

    public static ObjectNode merge(ObjectNode context, String stateId, JsonNode output, String outputKey) {
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.setAll(context);
        JsonNode value = output == null ? JsonNodeFactory.instance.nullNode() : output;
        merged.set(stateId + "_output", value);
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                merged.set(e.getKey(), e.getValue());
            }
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                merged.set(Integer.toString(i), value.get(i));
            }
            merged.put("length", value.size());
        } else if (!value.isNull()) {
            merged.set("result", value);
        }
        if (outputKey != null) {
            merged.set(outputKey, value);
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
