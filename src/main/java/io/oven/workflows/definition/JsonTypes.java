package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** The JSON type names definitions use (payloadSchema, node inputs), and whether a value has one. */
public final class JsonTypes {

    public static final Set<String> NAMES = Set.of("string", "number", "integer", "boolean", "object", "array", "any");

    private JsonTypes() {
    }

    public static boolean matches(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            default -> true;
        };
    }
}
