package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Delivers events to subscribers in this process, synchronously. It keeps nothing: durable
 * delivery (the PostgreSQL outbox, Kafka) replaces it when the event bus is built.
 */
@Component
class InProcessEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(InProcessEventBus.class);

    private record Subscription(String prefix, Consumer<Event> listener) {
    }

    private final CopyOnWriteArrayList<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public Event publish(String name, String source, JsonNode payload, String correlationId) {
        // Random ids without SecureRandom, whose lock is contended at thousands of events per second.
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID id = new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE);
        Event event = new Event(id.toString(), name, source, payload, Instant.now(), correlationId);
        for (Subscription s : subscriptions) {
            if (name.startsWith(s.prefix())) {
                try {
                    s.listener().accept(event);
                } catch (RuntimeException e) {
                    log.warn("subscriber to {} failed on {}", s.prefix(), name, e);
                }
            }
        }
        return event;
    }

    @Override
    public boolean hasListeners(String name) {
        for (Subscription s : subscriptions) {
            if (name.startsWith(s.prefix())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AutoCloseable subscribe(String prefix, Consumer<Event> listener) {
        Subscription subscription = new Subscription(prefix, listener);
        subscriptions.add(subscription);
        return () -> subscriptions.remove(subscription);
    }
}
