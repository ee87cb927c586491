package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Consumer;

/** Where events go. Publishing never fails the caller's work for a subscriber's sake. */
public interface EventBus {

    Event publish(String name, String source, JsonNode payload, String correlationId);

    /** Whether publishing {@code name} would reach anyone; lets hot paths skip building a payload. */
    default boolean hasListeners(String name) {
        return true;
    }

    /** Calls {@code listener} for every event whose name starts with {@code prefix}; returns a handle to stop. */
    AutoCloseable subscribe(String prefix, Consumer<Event> listener);
}
