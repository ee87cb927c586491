package io.oven.workflows.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Iterator;
import java.util.Map;

/**
 * What PostgreSQL text and jsonb cannot hold — the NUL character — replaced (by U+FFFD) before a
 * row is written, so one odd character in one run's data never fails a batch of other runs' rows.
 */
public final class PostgresText {

    /** What a NUL becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private PostgresText() {
    }

    public static String text(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', REPLACEMENT);
    }

    /** Whether serialized JSON may hold a NUL (Jackson writes one as the escape {@code \u0000}). */
    public static boolean mayHoldNul(CharSequence json, int from) {
        for (int i = from; i + 5 < json.length(); i++) {
            if (json.charAt(i) == '\\' && json.charAt(i + 1) == 'u' && json.charAt(i + 2) == '0'
                    && json.charAt(i + 3) == '0' && json.charAt(i + 4) == '0' && json.charAt(i + 5) == '0') {
                return true;
            }
        }
        return false;
    }

    /** {@code node} with every NUL in its strings and keys replaced; the node itself when it has none. */
    public static JsonNode json(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String s = node.textValue();
            return s.indexOf('\u0000') < 0 ? node : TextNode.valueOf(text(s));
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(json(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(text(e.getKey()), json(e.getValue()));
            }
            return copy;
        }
        return node;
    }
}
