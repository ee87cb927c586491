package io.oven.workflows.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import org.apache.camel.CamelContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

import static org.awaitility.Awaitility.await;

/**
 * The event bus measurements, shared by the embedded and the Kafka benchmark: event to
 * execution start latency at a steady rate, and events per second delivered to one trigger.
 */
final class BusLoad {

    static final int RATE = Integer.getInteger("bench.bus.rate", 200);
    static final int STEADY = Integer.getInteger("bench.bus.steady", 2000);
    static final int BURST = Integer.getInteger("bench.bus.burst", 10000);

    private final ApiClient api;
    private final EventBus bus;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String mode;
    private final List<String> lines = new ArrayList<>();

    private final CamelContext camel;

    BusLoad(String mode, ApiClient api, EventBus bus, JdbcTemplate jdbc, CamelContext camel) {
        this.camel = camel;
        this.mode = mode;
        this.api = api;
        this.bus = bus;
        this.jdbc = jdbc;
    }

    void run() throws Exception {
        String event = "bench.tick" + UUID.randomUUID().toString().substring(0, 6);
        String slug = "bench-trigger-" + UUID.randomUUID().toString().substring(0, 6);
        long workflow = api.post("/api/workflows", Map.of("name", slug, "triggerEvent", event,
                "definition", Map.of("id", slug, "initial", "done", "states", Map.of("done", Map.of("type", "final")))))
                .json().get("id").asLong();

        // Warm-up, then a steady rate: latency from emission to the execution's start.
        publish(event, 500, 0, "w");
        awaitExecutions(workflow, 500);
        long periodNanos = 1_000_000_000L / RATE;
        long next = System.nanoTime();
        for (int n = 0; n < STEADY; n++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += periodNanos;
            bus.publish(event, "bench", mapper.createObjectNode().put("phase", "s").put("n", n), null);
        }
        awaitExecutions(workflow, 500 + STEADY);
        Map<String, Object> latency = jdbc.queryForMap("select "
                + "percentile_cont(0.5) within group (order by extract(epoch from (x.started_at - l.emitted_at)) * 1000) as p50, "
                + "percentile_cont(0.99) within group (order by extract(epoch from (x.started_at - l.emitted_at)) * 1000) as p99 "
                + "from workflow_executions x join event_log l on l.name = ? and l.payload->>'phase' = 's' "
                + "and l.payload->>'n' = x.trigger_payload->>'n' where x.workflow_id = ? and x.trigger_payload->>'phase' = 's'",
                event, workflow);
        line("%s: event → execution start at %d events/s (%d events): p50 %.1f ms, p99 %.1f ms", mode, RATE, STEADY,
                ((Number) latency.get("p50")).doubleValue(), ((Number) latency.get("p99")).doubleValue());

        // As fast as 4 publishers go: events per second until every one started its execution.
        long t0 = System.nanoTime();
        publish(event, BURST, 4, "b");
        double published = (System.nanoTime() - t0) / 1e9;
        awaitExecutions(workflow, 500 + STEADY + BURST);
        double delivered = (System.nanoTime() - t0) / 1e9;
        line("%s: %d events from 4 publishers: published in %.2f s, all delivered (each started an execution) in %.2f s "
                + "= %.0f events/s", mode, BURST, published, delivered, BURST / delivered);
        // Delivery alone: the trigger's route is stopped while events pile up, then started.
        camel.getRouteController().stopRoute("trigger." + slug);
        publish(event, BURST, 4, "d");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from event_log where name = ? and payload->>'phase' = 'd' and seq is not null",
                Long.class, event) >= BURST);
        long t1 = System.nanoTime();
        camel.getRouteController().startRoute("trigger." + slug);
        awaitExecutions(workflow, 500 + STEADY + 2 * BURST);
        double drained = (System.nanoTime() - t1) / 1e9;
        line("%s: %d waiting events drained by the trigger (each started an execution) in %.2f s = %.0f events/s",
                mode, BURST, drained, BURST / drained);
        Path out = Path.of("target/bench/bus-results.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void publish(String event, int count, int threads, String phase) throws Exception {
        if (threads == 0) {
            for (int n = 0; n < count; n++) {
                bus.publish(event, "bench", mapper.createObjectNode().put("phase", phase).put("n", n), null);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int n = first; n < count; n += threads) {
                        bus.publish(event, "bench", mapper.createObjectNode().put("phase", phase).put("n", n), null);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void awaitExecutions(long workflow, int count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "select count(*) from workflow_executions where workflow_id = ?", Long.class, workflow) >= count);
    }

    private void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
