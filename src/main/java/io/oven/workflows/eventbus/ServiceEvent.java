package io.oven.workflows.eventbus;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event the service publishes about itself ({@code workflows.*}), as a record named in the
 * past tense: its components are the payload (nulls left out), its name and correlation id come
 * from the record. Subscribers read the same JSON as before; publishers cannot misspell a field.
 */
public interface ServiceEvent {

    /** The events' source. */
    String SOURCE = "workflows";

    /** The event's name, such as {@code workflows.execution.started}. */
    String name();

    /** What groups it with others ({@code execution-<id>}); null when nothing does. */
    default String correlationId() {
        return null;
    }

    /** The payload: the record's components. */
    default ObjectNode payload() {
        return Payloads.MAPPER.valueToTree(this);
    }

    /** Records to JSON without any of the application's mapper settings (nulls are left out). */
    final class Payloads {
        private static final ObjectMapper MAPPER = JsonMapper.builder()
                .serializationInclusion(JsonInclude.Include.NON_NULL).build();

        private Payloads() {
        }
    }
}
