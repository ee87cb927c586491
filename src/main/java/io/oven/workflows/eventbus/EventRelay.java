package io.oven.workflows.eventbus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Moves committed events out of the outbox. Embedded: gives them their place in the delivery
 * order ({@code seq}) under a lock, so that order only grows as readers see it, and wakes the
 * subscribers. Distributed: sends them to Kafka instead ({@link KafkaBridge}); they are ordered
 * when they come back from the topic.
 */
@Component
class EventRelay {

    static final long ORDER_LOCK = 0x0BE7_0001L;
    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventDelivery delivery;
    private final Optional<KafkaBridge> kafka;

    EventRelay(JdbcTemplate jdbc, TransactionTemplate tx, EventDelivery delivery, Optional<KafkaBridge> kafka) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.delivery = delivery;
        this.kafka = kafka;
    }

    /** Relays what is waiting; answers how many events it moved. */
    synchronized int relay() {
        int total = 0;
        int moved;
        do {
            moved = kafka.isPresent() ? kafka.get().relay() : order();
            total += Math.max(moved, 0);
        } while (moved == BATCH);
        if (total > 0 && kafka.isEmpty()) {
            delivery.signalAll();
        }
        return total;
    }

    private int order() {
        Integer ordered = tx.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, ORDER_LOCK))) {
                return -1; // another relay is at it and will take these too
            }
            List<Long> ids = jdbc.queryForList("select id from event_log where seq is null order by id limit " + BATCH,
                    Long.class);
            if (ids.isEmpty()) {
                return 0;
            }
            assign(jdbc, ids);
            return ids.size();
        });
        return ordered == null ? 0 : ordered;
    }

    /** Gives {@code ids} (in id order) the next places in the delivery order; the caller holds {@link #ORDER_LOCK}. */
    static void assign(JdbcTemplate jdbc, List<Long> ids) {
        List<Long> seqs = new ArrayList<>(jdbc.queryForList("select nextval('event_seq') from generate_series(1, ?)",
                Long.class, ids.size()));
        Collections.sort(seqs);
        jdbc.update("update event_log e set seq = u.seq, relayed_at = coalesce(e.relayed_at, now()) "
                + "from unnest(?, ?) as u(id, seq) where e.id = u.id", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", seqs.toArray()));
        });
        jdbc.execute("select pg_notify('oven_event_seq', '')");
    }
}
