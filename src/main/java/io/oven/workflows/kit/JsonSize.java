package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/** About how many bytes a JSON value takes when written, counted only until a bound is passed. */
public final class JsonSize {

    private JsonSize() {
    }

    /** Whether {@code node} written as JSON would take more than {@code limit} bytes (an estimate, from below). */
    public static boolean exceeds(JsonNode node, long limit) {
        long size = 0;
        Deque<JsonNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            JsonNode n = todo.pop();
            if (n.isTextual()) {
                size += n.textValue().length() + 2;
            } else if (n.isObject()) {
                size += 2;
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    size += e.getKey().length() + 4;
                    todo.push(e.getValue());
                }
            } else if (n.isArray()) {
                size += 2 + n.size();
                n.forEach(todo::push);
            } else {
                size += 4;
            }
            if (size > limit) {
                return true;
            }
        }
        return false;
    }
}
