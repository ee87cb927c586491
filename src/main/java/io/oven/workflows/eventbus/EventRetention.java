package io.oven.workflows.eventbus;

import io.oven.workflows.cluster.Leadership;
import io.oven.workflows.settings.EventBusSettings;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Keeps the event log from growing without end: route {@code bus.retention} (hourly, and on
 * demand at {@code direct:bus.retention}) deletes events older than {@code oven.eventbus.retention}
 * that every subscriber has passed and that were relayed, then the receipts and wiring firings
 * of that age. An event a stopped subscriber has not seen yet is kept, however old. The timer runs
 * on one instance of the cluster, the leader of {@code event-retention} ({@link Leadership}).
 */
@Component
class EventRetention extends RouteBuilder {

    private static final int BATCH = 10_000;

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration every;
    private final Leadership leadership;
    /** The singleton's namespace in {@link Leadership}. */
    static final String LEADERSHIP = "event-retention";

    EventRetention(JdbcTemplate jdbc, EventBusSettings settings, Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.retention = settings.retention();
        this.every = settings.retentionCheck();
    }

    @Override
    public void configure() throws Exception {
        // One instance of the cluster prunes: the leader of "event-retention".
        from("timer:bus.retention?period=" + every.toMillis() + "&delay=" + every.toMillis()).routeId("bus.retention.timer")
                .routePolicy(ClusteredRoutePolicy.forNamespace(leadership, LEADERSHIP))
                .to("direct:bus.retention");
        from("direct:bus.retention").routeId("bus.retention")
                .process(exchange -> exchange.getMessage().setBody(prune()));
    }

    /** Deletes what is past retention; answers how many events went. */
    long prune() {
        String cutoff = "now() - make_interval(secs => " + retention.toSeconds() + ")";
        long events = 0;
        int deleted;
        do {
            deleted = jdbc.update("delete from event_log where id in (select id from event_log e where e.emitted_at < " + cutoff
                    + " and e.seq is not null and e.relayed_at is not null"
                    + " and e.seq <= coalesce((select min(position) from event_subscriptions), e.seq)"
                    + " order by e.id limit " + BATCH + ")");
            events += deleted;
        } while (deleted == BATCH);
        jdbc.update("delete from event_receipts where received_at < " + cutoff);
        jdbc.update("delete from wiring_firings where fired_at < " + cutoff);
        return events;
    }
}
