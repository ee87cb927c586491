package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.function.Consumer;

/**
 * Where events go. {@link #publish} appends the event to the outbox ({@code event_log}) in the
 * caller's transaction, if there is one, so an event is stored and announced only with the
 * change that caused it.
 */
public interface EventBus {

    Event publish(String name, String source, JsonNode payload, String correlationId);

    /** As {@link #publish(String, String, JsonNode, String)} with the event id given (an idempotency key). */
    Event publish(String eventId, String name, String source, JsonNode payload, String correlationId);

    /** Publishes one of the service's own events. */
    default Event publish(ServiceEvent event) {
        return publish(event.name(), ServiceEvent.SOURCE, event.payload(), event.correlationId());
    }

    /** Whether publishing {@code name} would reach anyone; lets hot paths skip building a payload. */
    default boolean hasListeners(String name) {
        return true;
    }

    /**
     * Calls {@code listener} in this process, right after the publishing transaction commits, for
     * every event whose name starts with {@code prefix}; returns a handle to stop. Not durable: a
     * subscriber that must not miss an event is a {@code bus:} consumer route.
     */
    AutoCloseable subscribe(String prefix, Consumer<Event> listener);

    /** Forgets a durable subscriber (its position and receipts): when it comes back it starts from now. */
    void forget(String subscriber);
}
