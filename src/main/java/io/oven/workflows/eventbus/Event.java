package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** Something that happened: {@code { id, name, source, payload, emittedAt, correlationId }}. */
public record Event(String id, String name, String source, JsonNode payload, Instant emittedAt, String correlationId) {
}
