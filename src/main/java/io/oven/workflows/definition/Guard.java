package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A condition on the context: {@code condition} (key, operator, value) or {@code jsonata}
 * (expr). {@code type} is null when it was left out, which means {@code condition}.
 */
public record Guard(String type, JsonNode params, Map<String, JsonNode> extra) {

    public static final String CONDITION = "condition";
    public static final String JSONATA = "jsonata";

    public String effectiveType() {
        return type == null ? CONDITION : type;
    }
}
