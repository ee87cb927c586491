package io.oven.workflows.eventbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The transactional outbox: {@link #publish} inserts into {@code event_log} on the caller's
 * connection, so the event commits or rolls back with the change that caused it. The relay
 * takes it from there. The engine's own lifecycle events ({@code workflows.execution.*},
 * {@code workflows.node.*}: several per run, thousands per second) are stored only while a
 * durable subscriber wants them.
 */
@Component
class OutboxEventBus implements EventBus {

    private static final Logger log = LoggerFactory.getLogger(OutboxEventBus.class);
    private static final List<String> ON_DEMAND = List.of("workflows.execution.", "workflows.node.");

    private record Tap(String prefix, Consumer<Event> listener) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Subscriptions subscriptions;
    private final BusMetrics metrics;
    private final CopyOnWriteArrayList<Tap> taps = new CopyOnWriteArrayList<>();

    OutboxEventBus(JdbcTemplate jdbc, ObjectMapper mapper, Subscriptions subscriptions, BusMetrics metrics) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    @Override
    public Event publish(String name, String source, JsonNode payload, String correlationId) {
        return publish(randomId(), name, source, payload, correlationId);
    }

    @Override
    public Event publish(String eventId, String name, String source, JsonNode payload, String correlationId) {
        Event event = new Event(eventId, name, source, payload == null ? JsonNodeFactory.instance.objectNode() : payload,
                Instant.now(), correlationId);
        if (stored(name)) {
            jdbc.update("insert into event_log (event_id, name, source, payload, correlation_id, emitted_at) "
                    + "values (?, ?, ?, cast(? as jsonb), ?, ?)", event.id(), name, source, json(event.payload()),
                    correlationId, Timestamp.from(event.emittedAt()));
            metrics.published(source);
        }
        if (!taps.isEmpty()) {
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        tap(event);
                    }
                });
            } else {
                tap(event);
            }
        }
        return event;
    }

    private boolean stored(String name) {
        for (String prefix : ON_DEMAND) {
            if (name.startsWith(prefix)) {
                return subscriptions.wantsOnDemand(name);
            }
        }
        return true;
    }

    private void tap(Event event) {
        for (Tap t : taps) {
            if (event.name().startsWith(t.prefix())) {
                try {
                    t.listener().accept(event);
                } catch (RuntimeException e) {
                    log.warn("listener to {} failed on {}", t.prefix(), event.name(), e);
                }
            }
        }
    }

    @Override
    public boolean hasListeners(String name) {
        if (stored(name)) {
            return true; // someone may subscribe to a stored event at any time
        }
        for (Tap t : taps) {
            if (name.startsWith(t.prefix())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public AutoCloseable subscribe(String prefix, Consumer<Event> listener) {
        Tap tap = new Tap(prefix, listener);
        taps.add(tap);
        return () -> taps.remove(tap);
    }

    @Override
    public void forget(String subscriber) {
        subscriptions.remove(subscriber);
    }

    private String json(JsonNode payload) {
        try {
            return mapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event payload is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Random (version 4) ids without SecureRandom, whose lock is contended at thousands of events per second. */
    static String randomId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | Long.MIN_VALUE).toString();
    }
}
