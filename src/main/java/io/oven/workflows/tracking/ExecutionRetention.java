package io.oven.workflows.tracking;

import io.oven.workflows.cluster.Leadership;
import io.oven.workflows.settings.EngineSettings;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.cluster.ClusteredRoutePolicy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Keeps execution history bounded: route {@code engine.retention} (hourly, and on demand at
 * {@code direct:engine.retention}) deletes ended executions older than
 * {@code oven.engine.retention.max-age}, and beyond the newest {@code keep-per-workflow} of each
 * workflow, with their node rows and config lookups — in small batches, each its own short
 * transaction, so no long lock is taken. Running, waiting and paused executions are never touched.
 */
@Component
class ExecutionRetention extends RouteBuilder {

    private static final int BATCH = 1_000;
    private static final String ENDED = "status in ('completed', 'failed', 'cancelled')";

    private final JdbcTemplate jdbc;
    private final Duration maxAge;
    private final int keepPerWorkflow;
    private final Duration every;
    private final Leadership leadership;

    ExecutionRetention(JdbcTemplate jdbc, EngineSettings settings, Leadership leadership) {
        this.leadership = leadership;
        Duration every = settings.retention().check();
        this.jdbc = jdbc;
        this.maxAge = settings.retention().maxAge();
        this.keepPerWorkflow = settings.retention().keepPerWorkflow();
        this.every = every;
    }

    @Override
    public void configure() throws Exception {
        // One instance of the cluster prunes: the leader of "execution-retention".
        from("timer:engine.retention?period=" + every.toMillis() + "&delay=" + every.toMillis())
                .routeId("engine.retention.timer")
                .routePolicy(ClusteredRoutePolicy.forNamespace(leadership, "execution-retention"))
                .to("direct:engine.retention");
        from("direct:engine.retention").routeId("engine.retention")
                .process(exchange -> exchange.getMessage().setBody(prune()));
    }

    /** Deletes what is past retention; answers how many executions went. */
    long prune() {
        long removed = 0;
        String old = "select id from workflow_executions where " + ENDED + " and started_at < now() - make_interval(secs => "
                + maxAge.toSeconds() + ") order by id limit " + BATCH;
        for (int n = removed(old); n > 0; n = n == BATCH ? removed(old) : 0) {
            removed += n;
        }
        if (keepPerWorkflow > 0) {
            String surplus = "select id from (select id, row_number() over (partition by workflow_id order by id desc) as r "
                    + "from workflow_executions where " + ENDED + ") ranked where r > " + keepPerWorkflow
                    + " order by id limit " + BATCH;
            for (int n = removed(surplus); n > 0; n = n == BATCH ? removed(surplus) : 0) {
                removed += n;
            }
        }
        return removed;
    }

    /** Deletes one batch of executions (chosen by {@code ids}) with their rows; answers how many. */
    private int removed(String ids) {
        Long[] batch = jdbc.queryForList(ids, Long.class).toArray(Long[]::new);
        if (batch.length == 0) {
            return 0;
        }
        jdbc.update("delete from node_executions where execution_id = any (?)", (Object) batch);
        jdbc.update("delete from execution_config_lookups where execution_id = any (?)", (Object) batch);
        return jdbc.update("delete from workflow_executions where id = any (?)", (Object) batch);
    }
}
