package io.oven.workflows.eventbus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The durable subscribers ({@code event_subscriptions}): each has a pattern and its position in
 * the delivery order. A subscriber keeps its position while its route is stopped, so it catches
 * up on start; it starts at the end of the log when first created.
 */
@Component
class Subscriptions {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Map<String, String> patterns = new ConcurrentHashMap<>();

    Subscriptions(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
        jdbc.query("select subscriber, pattern from event_subscriptions",
                rs -> {
                    patterns.put(rs.getString(1), rs.getString(2));
                });
    }

    /**
     * Creates the subscriber at the end of the log, or updates its pattern keeping its position.
     * A new subscriber starts after every event committed before it: those not yet in the
     * delivery order are put in it first, so none of them reaches the newcomer.
     */
    void ensure(String subscriber, String pattern) {
        tx.executeWithoutResult(status -> {
            if (jdbc.queryForList("select 1 from event_subscriptions where subscriber = ?", Integer.class, subscriber).isEmpty()) {
                jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, EventRelay.ORDER_LOCK);
                List<Long> unordered = jdbc.queryForList("select id from event_log where seq is null order by id", Long.class);
                if (!unordered.isEmpty()) {
                    EventRelay.assign(jdbc, unordered);
                }
            }
            jdbc.update("insert into event_subscriptions (subscriber, pattern, position) "
                    + "values (?, ?, coalesce((select max(seq) from event_log), 0)) "
                    + "on conflict (subscriber) do update set pattern = excluded.pattern, updated_at = now() "
                    + "where event_subscriptions.pattern <> excluded.pattern", subscriber, pattern);
        });
        patterns.put(subscriber, pattern);
    }

    /** Forgets a subscriber for good: its position and its receipts. */
    void remove(String subscriber) {
        jdbc.update("delete from event_receipts where subscriber = ?", subscriber);
        jdbc.update("delete from event_subscriptions where subscriber = ?", subscriber);
        patterns.remove(subscriber);
    }

    /**
     * Whether a subscriber other than the engine's own ({@code engine.*}, such as the event waits'
     * catch-all) wants these: the engine's per-node and per-execution events are stored only then.
     */
    boolean wantsOnDemand(String name) {
        for (Map.Entry<String, String> e : patterns.entrySet()) {
            if (!e.getKey().startsWith(ENGINE) && EventNames.matches(e.getValue(), name)) {
                return true;
            }
        }
        return false;
    }

    /** The prefix of the engine's own subscribers. */
    static final String ENGINE = "engine.";

    Map<String, String> all() {
        return Map.copyOf(patterns);
    }
}
