package io.oven.workflows.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.kit.Run;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many runs waiting at once: N runs on a short in-memory delay (below the timer threshold) —
 * threads and heap while they wait, and the latency of a one-node run started meanwhile — and N
 * runs parked on persisted timers due together: how late they fire (p50, p99). Run with
 * {@code ./mvnw -Pbench verify -DskipEditor -Dtest=TimersBenchmark -Dbench.timers=10000};
 * figures go to stdout and target/bench/timers.md.
 */
@org.springframework.test.context.TestPropertySource(properties = "oven.engine.timer-threshold-ms=60000")
class TimersBenchmark extends IntegrationTest {

    static final int N = Integer.getInteger("bench.timers", 10_000);
    /** In memory: below the timer threshold this benchmark sets. */
    static final int SHORT_MS = 20_000;

    @Autowired
    ExecutionService executions;
    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper mapper = new ObjectMapper();
    final List<String> lines = new ArrayList<>();

    long workflow(String definition) {
        ApiClient.Response created = api().post("/api/workflows", "{\"name\":\"timers " + UUID.randomUUID()
                + "\",\"definition\":" + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    @Test
    void manyRunsWaitingAtOnce() throws Exception {
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long shortWait = workflow("{\"initial\":\"w\",\"states\":{\"w\":{\"after\":{\"%d\":\"done\"}},\"done\":{\"type\":\"final\"}}}"
                .formatted(SHORT_MS));
        long quick = workflow("{\"initial\":\"a\",\"states\":{\"a\":{\"invoke\":{\"src\":\"core.setVariable\","
                + "\"input\":{\"name\":\"x\",\"value\":1},\"onDone\":\"done\"}},\"done\":{\"type\":\"final\"}}}");
        long started = System.nanoTime();
        List<Run> runs = start(shortWait, N);
        double startSeconds = (System.nanoTime() - started) / 1e9;
        int threadsWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapWaiting = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long t0 = System.nanoTime();
        Run one = executions.execute(quick, mapper.createObjectNode(), null);
        assertThat(executions.await(one, Duration.ofSeconds(60))).isTrue();
        double quickMs = (System.nanoTime() - t0) / 1e6;
        for (Run run : runs) {
            assertThat(executions.await(run, Duration.ofSeconds(120))).isTrue();
        }
        double allSeconds = (System.nanoTime() - started) / 1e9;
        line("%d runs on a %d s in-memory delay: started in %.1f s, all completed %.1f s after the first start", N, SHORT_MS / 1000,
                startSeconds, allSeconds);
        line("  threads: %d before, %d while they waited; heap used while waiting %d MiB", threadsBefore, threadsWaiting,
                heapWaiting >> 20);
        line("  a one-node run started while they waited completed in %.1f ms", quickMs);

        long parkedWorkflow = workflow("{\"initial\":\"w\",\"states\":{\"w\":{\"after\":{\"600000\":\"done\"}},"
                + "\"done\":{\"type\":\"final\"}}}");
        start(parkedWorkflow, N);
        AtomicInteger waiting = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            Integer n = jdbc.queryForObject("select count(*) from workflow_executions where workflow_id = ? and status = 'waiting'",
                    Integer.class, parkedWorkflow);
            waiting.set(n == null ? 0 : n);
            return waiting.get() == N;
        });
        int threadsParked = ManagementFactory.getThreadMXBean().getThreadCount();
        // Every timer due at the same moment, in 3 s.
        java.sql.Timestamp due = java.sql.Timestamp.from(java.time.Instant.now().plusSeconds(3));
        jdbc.update("update workflow_executions set resume_at = ? where workflow_id = ? and status = 'waiting'", due,
                parkedWorkflow);
        Awaitility.await().atMost(Duration.ofSeconds(300)).until(() -> {
            Integer n = jdbc.queryForObject("select count(*) from workflow_executions where workflow_id = ? "
                    + "and status = 'completed'", Integer.class, parkedWorkflow);
            return n != null && n == N;
        });
        Map<String, Object> lag = jdbc.queryForMap("select percentile_cont(0.5) within group (order by lag) as p50, "
                + "percentile_cont(0.99) within group (order by lag) as p99, max(lag) as max from (select "
                + "extract(epoch from (completed_at - ?)) * 1000 as lag from workflow_executions where workflow_id = ?) l",
                due, parkedWorkflow);
        line("%d runs parked on persisted timers due together: threads %d while parked", N, threadsParked);
        line("  completed after their due time: p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                ((Number) lag.get("p50")).doubleValue(), ((Number) lag.get("p99")).doubleValue(),
                ((Number) lag.get("max")).doubleValue());
        Path out = Path.of("target/bench/timers.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    /** Starts n runs of a workflow from 8 threads; answers them. */
    List<Run> start(long workflow, int n) throws Exception {
        List<Run> runs = java.util.Collections.synchronizedList(new ArrayList<>(n));
        java.util.concurrent.ExecutorService starters = java.util.concurrent.Executors.newFixedThreadPool(8);
        AtomicInteger left = new AtomicInteger(n);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(starters.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    runs.add(executions.execute(workflow, mapper.createObjectNode(), null));
                }
            }));
        }
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        starters.shutdown();
        return runs;
    }

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
