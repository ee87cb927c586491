package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** One parameter a run of the workflow takes: {@code { "name", "type", "required" }}. */
public record PayloadField(String name, String type, Boolean required, Map<String, JsonNode> extra) {

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }
}
