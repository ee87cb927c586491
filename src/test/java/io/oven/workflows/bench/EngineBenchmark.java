package io.oven.workflows.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.OperatingSystemMXBean;
import io.oven.workflows.execution.ExecutionService;
import io.oven.workflows.kit.Run;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import io.oven.workflows.tracking.TrackingNotifier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completed executions per second of a 10-node core-only workflow (transforms, conditions,
 * setVariable), tracking on and off, at concurrency 1, 8 and 32, on PostgreSQL; the same
 * workflow with a 1 ms wait in every node (test.io.* twins of the core nodes); and the latency of {@code execute?wait=true}.
 * Run with {@code ./mvnw -Pbench verify}; figures go to stdout and target/bench/results.md.
 */
class EngineBenchmark extends IntegrationTest {

    static final int RUNS = Integer.getInteger("bench.runs", 3000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 1000);
    /** Only concurrency 32 and the 1 ms case: for quick comparisons while tuning. */
    static final boolean QUICK = Boolean.getBoolean("bench.quick");

    @Autowired
    ExecutionService executions;

    @Autowired
    TrackingNotifier tracking;

    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper mapper = new ObjectMapper();
    final List<String> lines = new ArrayList<>();

    /**
     * 10 states: transforms, setVariables, two condition nodes and a guarded branch; 8 are visited.
     * With {@code io}, every node first waits 1 ms (the {@code test.io.*} twins of the core nodes),
     * as if each did a small piece of I/O.
     */
    static String coreOnly(boolean io) {
        String definition = """
                { "initial": "t1", "context": { "level": 3 }, "states": {
                  "t1": { "invoke": { "src": "core.transform", "input": { "mapping": { "score": "{% level * 10 %}", "name": "p" } }, "onDone": "v1" } },
                  "v1": { "invoke": { "src": "core.setVariable", "input": { "name": "a", "value": "$.score" }, "onDone": "c1" } },
                  "c1": { "invoke": { "src": "core.condition", "input": { "key": "a", "operator": ">", "value": 10 } }, "always": [
                      { "guard": { "params": { "key": "result", "operator": "==", "value": true } }, "target": "v2" },
                      { "target": "x1" } ] },
                  "v2": { "invoke": { "src": "core.setVariable", "input": { "name": "b", "value": "$.a" }, "onDone": "t2" } },
                  "t2": { "invoke": { "src": "core.transform", "input": { "mapping": { "sum": "$.b", "tag": "$.name" } }, "onDone": "c2" } },
                  "c2": { "always": [
                      { "guard": { "params": { "key": "sum", "operator": ">=", "value": 100 } }, "target": "x1" },
                      { "guard": { "params": { "key": "tag", "operator": "==", "value": "q" } }, "target": "x1" },
                      { "target": "v3" } ] },
                  "v3": { "invoke": { "src": "core.setVariable", "input": { "name": "c", "value": 1 }, "onDone": "t3" } },
                  "t3": { "invoke": { "src": "core.transform", "input": { "mapping": { "out": "$.c" } }, "onDone": "done" } },
                  "x1": { "invoke": { "src": "core.setVariable", "input": { "name": "c", "value": 2 }, "onDone": "done" } },
                  "done": { "type": "final" } } }""";
        return io ? definition.replace("\"src\": \"core.", "\"src\": \"test.io.") : definition;
    }

    long create(String definition) {
        ApiClient.Response r = api().post("/api/workflows", "{ \"name\": \"bench " + UUID.randomUUID() + "\", \"definition\": "
                + definition + " }");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** CPU time of this JVM and of every PostgreSQL process, in microseconds; steadier than throughput on a busy machine. */
    static long[] cpuMicros() throws Exception {
        long service = ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1000;
        return new long[]{service, PostgresCpu.nanos(List.of())[0] / 1000};
    }

    /** Completed (and stored) executions per second with {@code threads} callers; CPU per run goes to {@link #cpu}. */
    double throughput(long workflowId, int threads, int runs) throws Exception {
        long[] before = cpuMicros();
        double rate = measureThroughput(workflowId, threads, runs);
        long[] after = cpuMicros();
        cpu = String.format(Locale.ROOT, "%.0f / %.0f", (after[0] - before[0]) / (double) runs,
                (after[1] - before[1]) / (double) runs);
        return rate;
    }

    String cpu = "";

    double measureThroughput(long workflowId, int threads, int runs) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(runs);
        ObjectNode body = mapper.createObjectNode();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(callers.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    Run run = executions.execute(workflowId, body, null);
                    assertThat(executions.await(run, Duration.ofSeconds(60))).isTrue();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        callers.shutdown();
        return runs / seconds;
    }

    @Test
    void measure() throws Exception {
        long core = create(coreOnly(false));
        long withIo = create(coreOnly(true));
        line("Engine benchmark: %d runs per figure after %d warm-up runs; %d cores; PostgreSQL %s",
                RUNS, WARMUP, Runtime.getRuntime().availableProcessors(),
                jdbc.queryForObject("show server_version", String.class));
        throughput(core, 8, WARMUP);

        line("");
        line("| workflow | tracking | concurrency 1 | concurrency 8 | concurrency 32 | CPU µs per run at 32 (service / PostgreSQL) |");
        line("|---|---|---|---|---|---|");
        for (boolean on : new boolean[]{true, false}) {
            tracking.setTracking(on);
            List<String> cells = new ArrayList<>();
            for (int threads : QUICK ? new int[]{32} : new int[]{1, 8, 32}) {
                cells.add(String.format(Locale.ROOT, "%.0f/s", throughput(core, threads, threads == 1 ? RUNS / 3 : RUNS)));
            }
            line("| 10-node core-only | %s | %s | %s |", on ? "on" : "off", String.join(" | ", cells), cpu);
        }
        double ioOn;
        double ioOff;
        tracking.setTracking(true);
        ioOn = throughput(withIo, 32, RUNS / 2);
        String ioOnCpu = cpu;
        tracking.setTracking(false);
        ioOff = throughput(withIo, 32, RUNS / 2);
        tracking.setTracking(true);
        line("| same, each node waiting 1 ms first | on / off | | | %.0f/s / %.0f/s (ratio %.2f) | %s / %s |",
                ioOn, ioOff, ioOn / ioOff, ioOnCpu, cpu);

        if (QUICK) {
            return;
        }
        line("");
        List<Long> latencies = new ArrayList<>();
        ApiClient api = api();
        for (int i = 0; i < 500; i++) {
            long t0 = System.nanoTime();
            ApiClient.Response r = api.post("/api/workflows/" + core + "/execute?wait=true", "{}");
            latencies.add((System.nanoTime() - t0) / 1000);
            assertThat(r.status()).isEqualTo(200);
        }
        Collections.sort(latencies);
        line("execute?wait=true over HTTP, one caller, 500 calls: p50 %.2f ms, p99 %.2f ms",
                latencies.get(latencies.size() / 2) / 1000.0, latencies.get(latencies.size() * 99 / 100) / 1000.0);
        Long nodeRows = jdbc.queryForObject("select count(*) from node_executions", Long.class);
        line("node rows written: %d", nodeRows);
        Path out = Path.of("target/bench/results.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
