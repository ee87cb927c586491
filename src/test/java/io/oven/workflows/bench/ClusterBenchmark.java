package io.oven.workflows.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ServiceProcess;
import io.oven.workflows.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same workload on 1, 2 and 3 instances (processes of their own, one fresh database each
 * time): a five-node core workflow run with {@code execute?wait=true} by {@code bench.concurrency}
 * clients spread over the instances. Reports runs/s, per-instance efficiency (runs/s per
 * instance against one instance's), PostgreSQL transactions per run, the idle coordination cost
 * (transactions per second per instance: heartbeats, takeover checks, reconciles, leadership),
 * and how long a save takes to run everywhere. Not a test: {@code ./mvnw -Pbench verify -DskipEditor
 * -Dtest=ClusterBenchmark}; the table goes to {@code target/bench/cluster.md}.
 */
class ClusterBenchmark {

    static final int RUNS = Integer.getInteger("bench.runs", 4000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 3000);
    static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
    static final int IDLE_SECONDS = Integer.getInteger("bench.idle-seconds", 20);

    record Figures(int instances, double runsPerSecond, double p50, double p99, double commitsPerRun,
                   double machineMsPerRun, double postgresMsPerRun, double idleCommitsPerInstanceSecond, long saveMs) {
    }

    @Test
    void oneTwoAndThreeInstances() throws Exception {
        Assumptions.assumeTrue(TestDatabase.url() != null, "needs the PostgreSQL server");
        Path work = Files.createTempDirectory("oven-cluster-bench");
        List<Figures> figures = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            figures.add(measure(n, work));
        }
        StringBuilder table = new StringBuilder("| instances | runs/s | per instance vs 1 | p50 ms | p99 ms | PG transactions "
                + "per run | machine CPU ms per run | PostgreSQL CPU ms per run | idle PG transactions /s per instance "
                + "| save running everywhere |\n|---|---|---|---|---|---|---|---|---|---|\n");
        double one = figures.get(0).runsPerSecond();
        for (Figures f : figures) {
            table.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f %% | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %d ms |%n",
                    f.instances(), f.runsPerSecond(), 100 * f.runsPerSecond() / f.instances() / one, f.p50(), f.p99(),
                    f.commitsPerRun(), f.machineMsPerRun(), f.postgresMsPerRun(), f.idleCommitsPerInstanceSecond(), f.saveMs()));
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target/bench"));
        Files.writeString(Path.of("target/bench/cluster.md"), "ClusterBenchmark: " + RUNS + " runs of a 5-node core workflow, "
                + CONCURRENCY + " clients, execute?wait=true\n\n" + table);
        assertThat(figures).allMatch(f -> f.runsPerSecond() > 0);
    }

    Figures measure(int instances, Path work) throws Exception {
        String url = TestDatabase.fresh("clusterbench" + instances);
        List<Process> processes = new ArrayList<>();
        List<ApiClient> apis = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                int port = ServiceProcess.freePort();
                processes.add(start(url, port, "bench-" + i, work));
                apis.add(ApiClient.at("http://127.0.0.1:" + port));
                if (i == 0) {
                    ServiceProcess.awaitReady(apis.get(0), processes.get(0), Duration.ofSeconds(180)); // the first migrates alone
                }
            }
            for (int i = 0; i < instances; i++) {
                ServiceProcess.awaitReady(apis.get(i), processes.get(i), Duration.ofSeconds(180));
            }
            JsonNode created = apis.get(0).post("/api/workflows", """
                    {"name":"bench five","definition":{"initial":"s1","states":{
                      "s1":{"invoke":{"src":"core.setVariable","input":{"name":"a","value":1},"onDone":"s2"}},
                      "s2":{"invoke":{"src":"core.setVariable","input":{"name":"b","value":2},"onDone":"s3"}},
                      "s3":{"invoke":{"src":"core.setVariable","input":{"name":"c","value":3},"onDone":"s4"}},
                      "s4":{"invoke":{"src":"core.setVariable","input":{"name":"d","value":4},"onDone":"s5"}},
                      "s5":{"invoke":{"src":"core.setVariable","input":{"name":"e","value":5},"onDone":"done"}},
                      "done":{"type":"final"}}}}""").json();
            long id = created.get("id").asLong();
            // Idle, before any load (afterwards autovacuum works on what the load wrote): what the
            // instances cost the database when nothing runs — heartbeats, takeover and timer polls,
            // reconciles, leadership, the bus's polls.
            long idleBefore = commits(url);
            long idleStart = System.nanoTime();
            Awaitility.await().pollDelay(Duration.ofSeconds(IDLE_SECONDS)).atMost(Duration.ofSeconds(IDLE_SECONDS + 5))
                    .until(() -> true);
            double idleSeconds = (System.nanoTime() - idleStart) / 1e9;
            long idle = commits(url) - idleBefore;
            load(apis, id, WARMUP);
            long commitsBefore = commits(url);
            long machineBefore = PostgresCpu.machine();
            long postgresBefore = PostgresCpu.nanos(java.util.Set.of())[0];
            long started = System.nanoTime();
            double[] latencies = load(apis, id, RUNS);
            double seconds = (System.nanoTime() - started) / 1e9;
            double machineMs = (PostgresCpu.machine() - machineBefore) / 1e6 / RUNS;
            double postgresMs = (PostgresCpu.nanos(java.util.Set.of())[0] - postgresBefore) / 1e6 / RUNS;
            long commitsAfter = commits(url);
            Arrays.sort(latencies);
            JsonNode saved = apis.get(0).put("/api/workflows/" + id, "{\"description\":\"saved again\"}").json();
            assertThat(saved.get("deployment").get("everywhere").asBoolean()).as(saved.toString()).isTrue();
            return new Figures(instances, RUNS / seconds, latencies[latencies.length / 2], latencies[(int) (latencies.length * 0.99)],
                    (commitsAfter - commitsBefore) / (double) RUNS, machineMs, postgresMs, idle / idleSeconds / instances,
                    saved.get("deployment").get("waitedMs").asLong());
        } finally {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                p.waitFor();
            }
        }
    }

    /** {@code runs} runs by {@link #CONCURRENCY} clients, round robin over the instances; each run's latency in ms. */
    static double[] load(List<ApiClient> apis, long workflow, int runs) throws Exception {
        double[] latencies = new double[runs];
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                done.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < runs; i = next.getAndIncrement()) {
                        ApiClient api = apis.get(i % apis.size());
                        long t = System.nanoTime();
                        ApiClient.Response r = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}");
                        latencies[i] = (System.nanoTime() - t) / 1e6;
                        assertThat(r.status()).as(r.text()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdown();
        }
        return latencies;
    }

    static long commits(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestDatabase.user(), "");
             Statement st = c.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("select xact_commit + xact_rollback from pg_stat_database "
                    + "where datname = current_database()")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static Process start(String url, int port, String id, Path work) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "io.oven.workflows.OvenWorkflowsApplication", "--server.port=" + port, "--server.address=127.0.0.1",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN, "--logging.level.root=WARN",
                "--oven.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", "--oven.cluster.instance-id=" + id,
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + TestDatabase.user());
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(id + ".log").toFile())).start();
    }


}
