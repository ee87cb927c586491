package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.kit.ContextExpressions;

import java.util.Iterator;
import java.util.Map;

/** The condition of a wiring or trigger: payload key ({@code a.b} or {@code $.a.b}) → expected value, all must match. */
final class Matching {

    private Matching() {
    }

    static boolean holds(JsonNode condition, JsonNode payload) {
        if (condition == null || condition.isNull()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = condition.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().startsWith("$.") ? e.getKey().substring(2) : e.getKey();
            if (!same(ContextExpressions.path(payload, key), e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode actual, JsonNode expected) {
        if (actual.isNumber() && expected.isNumber()) {
            return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
        }
        return actual.equals(expected);
    }
}
