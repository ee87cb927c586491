package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers ordered events to the running subscribers, each from its own position. One
 * transaction per batch holds the subscriber's row lock (so one instance delivers to it at a
 * time); per event a receipt is inserted before the subscriber acts, under a savepoint: if the
 * receipt exists the event was handled already and is skipped, if the subscriber fails its
 * effects roll back and the receipt says so. The new position commits with the batch, so the
 * subscriber's own database work, its receipt and its position are one transaction.
 */
@Component
class EventDelivery {

    /** Hands an event to a subscriber; throwing means the subscriber failed on it. */
    @FunctionalInterface
    interface Target {
        void deliver(LoggedEvent event) throws Exception;
    }

    /** An event as stored: its row id, its place in the delivery order, the event. */
    record LoggedEvent(long logId, long seq, Event event) {
    }

    private static final Logger log = LoggerFactory.getLogger(EventDelivery.class);
    private static final int BATCH = 200;

    final class Pump {
        final String subscriber;
        final String like;
        final Target target;
        final AtomicInteger pending = new AtomicInteger();
        volatile boolean stopped;

        Pump(String subscriber, String pattern, Target target) {
            this.subscriber = subscriber;
            this.like = EventNames.like(pattern);
            this.target = target;
        }

        void signal() {
            if (!stopped && pending.getAndIncrement() == 0) {
                try {
                    threads().execute(this::drain);
                } catch (RejectedExecutionException shuttingDown) {
                    pending.set(0); // Camel stopped its pools: the next start delivers from the stored position
                }
            }
        }

        private void drain() {
            int missed = 1;
            do {
                try {
                    while (!stopped && batch(this) == BATCH) {
                        // a full batch: more may be waiting
                    }
                } catch (RuntimeException e) {
                    log.warn("delivering events to {} failed; retried on the next signal", subscriber, e);
                }
                missed = pending.addAndGet(-missed);
            } while (missed != 0);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final Subscriptions subscriptions;
    private final BusMetrics metrics;
    private final Map<String, Pump> pumps = new ConcurrentHashMap<>();
    private final ObjectProvider<CamelContext> camel;
    private volatile ExecutorService threads;

    EventDelivery(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper, Subscriptions subscriptions,
                  BusMetrics metrics, ObjectProvider<CamelContext> camel) {
        this.camel = camel;
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    /**
     * The delivery pool, made on first use through Camel's manager (named {@code oven-bus-delivery},
     * in JMX, shut down with the context); first use comes after the context exists, so asking for
     * it here makes no dependency cycle with the {@code bus:} component.
     */
    private ExecutorService threads() {
        ExecutorService pool = threads;
        if (pool == null) {
            synchronized (this) {
                if (threads == null) {
                    threads = camel.getObject().getExecutorServiceManager().newThreadPool(this, "oven-bus-delivery",
                            new ThreadPoolProfileBuilder("oven-bus-delivery").poolSize(8).maxPoolSize(8).maxQueueSize(-1)
                                    .build());
                }
                pool = threads;
            }
        }
        return pool;
    }

    /** Starts delivering to {@code subscriber} from its stored position (the end of the log if it is new). */
    Pump start(String subscriber, String pattern, Target target) {
        subscriptions.ensure(subscriber, pattern);
        Pump pump = new Pump(subscriber, pattern, target);
        Pump previous = pumps.put(subscriber, pump);
        if (previous != null) {
            previous.stopped = true;
        }
        pump.signal();
        return pump;
    }

    void stop(Pump pump) {
        pump.stopped = true;
        pumps.remove(pump.subscriber, pump);
    }

    /** New events are in order: every running subscriber looks. */
    void signalAll() {
        pumps.values().forEach(Pump::signal);
    }

    private int batch(Pump pump) {
        Integer delivered = tx.execute(status -> {
            List<Long> position = jdbc.queryForList("select position from event_subscriptions where subscriber = ? "
                    + "for update skip locked", Long.class, pump.subscriber);
            if (position.isEmpty()) {
                return 0; // another instance is delivering to it, or it was removed
            }
            long from = position.get(0);
            // The newest ordered event this batch can see. Events up to it that the pattern does not
            // match are passed over for good, so the position moves past them too: otherwise every
            // look would scan them again, and each look would cost more as the log grows.
            Long upto = jdbc.queryForObject("select max(seq) from event_log", Long.class);
            if (upto == null || upto <= from) {
                return 0;
            }
            List<LoggedEvent> events = jdbc.query("select id, seq, event_id, name, source, payload::text, emitted_at, "
                    + "correlation_id from event_log where seq > ? and seq <= ? and name like ? order by seq limit " + BATCH,
                    (rs, n) -> new LoggedEvent(rs.getLong(1), rs.getLong(2), new Event(rs.getString(3), rs.getString(4),
                            rs.getString(5), readTree(rs.getString(6)), rs.getTimestamp(7).toInstant(), rs.getString(8))),
                    from, upto, pump.like);
            long last = from;
            boolean all = true;
            for (LoggedEvent event : events) {
                if (pump.stopped) {
                    all = false;
                    break;
                }
                deliver(pump, event, status);
                last = event.seq();
            }
            long next = all && events.size() < BATCH ? upto : last;
            if (next > from) {
                jdbc.update("update event_subscriptions set position = ?, updated_at = now() where subscriber = ?",
                        next, pump.subscriber);
            }
            return events.size();
        });
        return delivered == null ? 0 : delivered;
    }

    private void deliver(Pump pump, LoggedEvent event, TransactionStatus status) {
        Object savepoint = status.createSavepoint();
        if (jdbc.update("insert into event_receipts (subscriber, event_id, status) values (?, ?, 'delivered') "
                + "on conflict do nothing", pump.subscriber, event.logId()) == 0) {
            status.releaseSavepoint(savepoint);
            metrics.redelivered(pump.subscriber);
            return;
        }
        try {
            pump.target.deliver(event);
            status.releaseSavepoint(savepoint);
            metrics.delivered(pump.subscriber, Duration.between(event.event().emittedAt(), Instant.now()));
        } catch (Exception e) {
            status.rollbackToSavepoint(savepoint);
            log.warn("subscriber {} failed on event {} ({}): {}", pump.subscriber, event.logId(), event.event().name(),
                    e.getMessage());
            jdbc.update("insert into event_receipts (subscriber, event_id, status, error) values (?, ?, 'failed', ?) "
                    + "on conflict do nothing", pump.subscriber, event.logId(), String.valueOf(e.getMessage()));
            metrics.failed(pump.subscriber);
        }
    }

    private JsonNode readTree(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored event payload is not JSON", e);
        }
    }
}
