package io.oven.workflows.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.ThreadMXBean;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard workload <b>player-spawn-lite</b> (issue 17): a workflow started over HTTP with
 * {@code execute?wait=true} that calls a loopback game API 3.5 times on average — GET the player's
 * active sessions → if element 0 exists, PUT to end it → GET the spawn config → transform
 * spawnX/spawnY → POST a session → setVariable sessionId → final — its nodes imported from the
 * mock's OpenAPI document, tracking on. Driven at concurrency 1, 8 and 32, each after a warm-up
 * at its own concurrency ({@code bench.warmup} runs, a third of them at 1), on the database as it
 * is and again after {@code bench.prefill} executions (default 1,000,000, with their node rows)
 * were generated with SQL. Reports runs/s, p50/p99, service CPU per run (every
 * thread but the load generator's and the mock's) and PostgreSQL CPU per run (the backends of
 * this database, from {@code pg_stat_activity}, read in /proc). Run with
 * {@code ./mvnw -Pbench verify -DskipEditor -Dtest=PlayerSpawnBenchmark}; figures go to stdout and
 * target/bench/player-spawn.md.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oven.egress.allowed-hosts=127.0.0.1",
        "oven.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
        "oven.admin.token=" + ApiClient.ADMIN_TOKEN,
        "oven.admin.password=" + ApiClient.ADMIN_PASSWORD})
class PlayerSpawnBenchmark extends IntegrationTest {

    static final int RUNS = Integer.getInteger("bench.runs", 3000);
    static final int WARMUP = Integer.getInteger("bench.warmup", 9000);
    static final int PREFILL = Integer.getInteger("bench.prefill", 1_000_000);
    static final int[] CONCURRENCY = Arrays.stream(System.getProperty("bench.concurrency", "1,8,32").split(","))
            .mapToInt(Integer::parseInt).toArray();
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** Lists the statements that cost the database most per run (needs pg_stat_statements preloaded). */
    static final boolean STATEMENTS = Boolean.getBoolean("bench.statements");

    static final String DOCUMENT = """
            { "openapi": "3.0.3", "info": { "title": "Game", "version": "1" },
              "paths": {
                "/players/{playerId}/sessions": { "get": { "operationId": "activeSessions",
                  "parameters": [ { "name": "playerId", "in": "path", "required": true, "schema": { "type": "integer" } },
                                  { "name": "active", "in": "query", "schema": { "type": "boolean" } } ],
                  "responses": { "200": { "description": "ok", "content": { "application/json": {
                    "schema": { "type": "array", "items": { "type": "object" } } } } } } } },
                "/sessions/{sessionId}/end": { "put": { "operationId": "endSession",
                  "parameters": [ { "name": "sessionId", "in": "path", "required": true, "schema": { "type": "integer" } } ],
                  "responses": { "200": { "description": "ok" } } } },
                "/config/spawn": { "get": { "operationId": "spawnConfig",
                  "responses": { "200": { "description": "ok", "content": { "application/json": { "schema": {
                    "type": "object", "properties": { "spawnX": { "type": "integer" }, "spawnY": { "type": "integer" } } } } } } } } },
                "/sessions": { "post": { "operationId": "createSession",
                  "requestBody": { "content": { "application/json": { "schema": { "type": "object",
                    "required": [ "playerId" ], "properties": { "playerId": { "type": "integer" },
                      "x": { "type": "integer" }, "y": { "type": "integer" } } } } } },
                  "responses": { "201": { "description": "created" } } } } } }""";

    static final String DEFINITION = """
            { "initial": "sessions", "states": {
              "sessions": { "invoke": { "src": "%1$s.activeSessions", "input": { "playerId": "$.playerId", "active": true },
                            "outputKey": "active", "onDone": "check" } },
              "check": { "always": [
                  { "guard": { "params": { "key": "active.0", "operator": "exists" } }, "target": "end" },
                  { "target": "config" } ] },
              "end": { "invoke": { "src": "%1$s.endSession", "input": { "sessionId": "$.active.0.id" }, "onDone": "config" } },
              "config": { "invoke": { "src": "%1$s.spawnConfig", "input": {}, "outputKey": "spawn", "onDone": "place" } },
              "place": { "invoke": { "src": "core.transform", "input": { "mapping": { "x": "$.spawn.spawnX", "y": "$.spawn.spawnY" } },
                         "onDone": "create" } },
              "create": { "invoke": { "src": "%1$s.createSession", "input": { "playerId": "$.playerId", "x": "$.x", "y": "$.y" },
                          "outputKey": "session", "onDone": "remember" } },
              "remember": { "invoke": { "src": "core.setVariable", "input": { "name": "sessionId", "value": "$.session.id" },
                            "onDone": "done" } },
              "done": { "type": "final" } } }""";

    static HttpServer game;
    static final AtomicLong sessions = new AtomicLong();
    static final AtomicLong apiCalls = new AtomicLong();

    @Autowired
    JdbcTemplate jdbc;

    final List<String> lines = new ArrayList<>();

    /** The loopback game API: every other player has an active session to end. */
    static synchronized String startGame() throws IOException {
        if (game == null) {
            // The JDK server writes headers and body apart: with Nagle on, each answer would wait
            // for the client's delayed ACK (40 ms). A game server answers at once.
            System.setProperty("sun.net.httpserver.nodelay", "true");
            game = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            game.setExecutor(Executors.newFixedThreadPool(16, named("bench-game")));
            game.createContext("/", exchange -> {
                apiCalls.incrementAndGet();
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                exchange.getRequestBody().readAllBytes();
                if (method.equals("GET") && path.startsWith("/players/")) {
                    long player = Long.parseLong(path.split("/")[2]);
                    answer(exchange, 200, player % 2 == 1 ? "[{\"id\":" + player * 10 + ",\"active\":true}]" : "[]");
                } else if (method.equals("PUT") && path.endsWith("/end")) {
                    answer(exchange, 200, "{\"ended\":true}");
                } else if (method.equals("GET") && path.equals("/config/spawn")) {
                    answer(exchange, 200, "{\"spawnX\":12,\"spawnY\":34}");
                } else if (method.equals("POST") && path.equals("/sessions")) {
                    answer(exchange, 201, "{\"id\":" + sessions.incrementAndGet() + "}");
                } else {
                    answer(exchange, 404, "{\"error\":\"no route\"}");
                }
            });
            game.start();
        }
        return "http://127.0.0.1:" + game.getAddress().getPort();
    }

    static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @AfterAll
    static void stopGame() {
        if (game != null) {
            game.stop(0);
            game = null;
        }
    }

    @Test
    void measure() throws Exception {
        String base = startGame();
        String name = "spawn" + UUID.randomUUID().toString().substring(0, 6);
        ApiClient.Response imported = api().post("/api/node-types/import", "{ \"name\": \"" + name + "\", \"baseUrl\": \""
                + base + "\", \"document\": " + DOCUMENT + " }");
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        ApiClient.Response created = api().post("/api/workflows", "{ \"name\": \"player spawn lite " + name
                + "\", \"definition\": " + DEFINITION.formatted(name) + " }");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        long workflow = created.json().get("id").asLong();

        // Every run must do what the workload says before anything is measured.
        JsonNode one = MAPPER.readTree(execute(HttpClient.newHttpClient(), workflow, 7).body());
        assertThat(one.get("status").asText()).as(one.toString()).isEqualTo("completed");
        assertThat(one.at("/context/sessionId").isNumber()).as(one.toString()).isTrue();
        // sessions, check, end (player 7 has an active session), config, place, create, remember, done
        assertThat(one.get("nodes").size()).as(one.toString()).isEqualTo(8);

        line("player-spawn-lite: %d runs per figure (c = 1: %d), each after %d warm-up runs at its concurrency "
                        + "(c = 1: %d); %d cores; PostgreSQL %s",
                RUNS, RUNS / 3, WARMUP, WARMUP / 3, Runtime.getRuntime().availableProcessors(),
                jdbc.queryForObject("show server_version", String.class));
        table(workflow, "as it is (" + executions() + " executions stored)");
        if (PREFILL > 0) {
            long t0 = System.nanoTime();
            prefill(workflow, PREFILL);
            line("");
            line("generated %d executions with their node rows in %.0f s", PREFILL, (System.nanoTime() - t0) / 1e9);
            table(workflow, "with " + executions() + " executions stored");
        }
        Path out = Path.of("target/bench/player-spawn.md");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
    }

    long executions() {
        return jdbc.queryForObject("select count(*) from workflow_executions", Long.class);
    }

    /**
     * Waits (at most a minute) for the JIT to work off what the warm-up queued, so the compiler
     * threads do not run beside the figure on two shared cores.
     */
    void settleJit() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long[] last = {jit.getTotalCompilationTime()};
        long started = System.nanoTime();
        try {
            Awaitility.await("the JIT to settle").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        long now = jit.getTotalCompilationTime();
                        boolean settled = now - last[0] < 50;
                        last[0] = now;
                        return settled;
                    });
            System.out.printf(Locale.ROOT, "(after the warm-up the JIT settled in %.0f s)%n", (System.nanoTime() - started) / 1e9);
        } catch (ConditionTimeoutException e) {
            System.out.println("(the JIT was still compiling a minute after the warm-up)");
        }
    }

    void table(long workflow, String database) throws Exception {
        line("");
        line("Database %s:", database);
        line("");
        line("| concurrency | runs/s | p50 ms | p99 ms | service CPU ms/run | PostgreSQL CPU ms/run (backends / all) "
                + "| load generator + mock CPU ms/run | machine CPU ms/run (ceiling on %d cores) | game API calls/run |",
                Runtime.getRuntime().availableProcessors());
        line("|---|---|---|---|---|---|---|---|---|");
        List<String> statements = new ArrayList<>();
        for (int c : CONCURRENCY) {
            int runs = c == 1 ? RUNS / 3 : RUNS;
            // Each figure warms up at its own concurrency: warmed at 8 only, c = 1 kept getting faster
            // over four figures in a row (144, 191, 223, 255 runs/s; CPU per run 7.6 -> 2.6 ms).
            drive(workflow, c, c == 1 ? WARMUP / 3 : WARMUP);
            settleJit();
            if (STATEMENTS) {
                jdbc.execute("create extension if not exists pg_stat_statements");
                jdbc.queryForList("select pg_stat_statements_reset()");
            }
            Result r = drive(workflow, c, runs);
            line("| %d | %.0f | %.2f | %.2f | %.2f | %.2f / %.2f | %.2f | %.2f (%.0f/s) | %.2f |", c, r.rate, r.p50, r.p99,
                    r.serviceMs, r.backendMs, r.postgresMs, r.driverMs, r.machineMs,
                    Runtime.getRuntime().availableProcessors() * 1000 / r.machineMs, r.calls);
            if (STATEMENTS) {
                statements.add("");
                statements.add("c = " + c + ": statements by database time per run (calls per run, ms per run, rows per call, blocks hit per call)");
                for (var row : jdbc.queryForList("select calls, total_exec_time, rows, shared_blks_hit, "
                        + "left(regexp_replace(query, '\\s+', ' ', 'g'), 150) as q from pg_stat_statements "
                        + "where dbid = (select oid from pg_database where datname = current_database()) "
                        + "order by total_exec_time desc limit 12")) {
                    long calls = ((Number) row.get("calls")).longValue();
                    statements.add(String.format(Locale.ROOT, "  %6.2f  %7.3f  %6.1f  %8.1f  %s", calls / (double) runs,
                            ((Number) row.get("total_exec_time")).doubleValue() / runs,
                            ((Number) row.get("rows")).doubleValue() / Math.max(1, calls),
                            ((Number) row.get("shared_blks_hit")).doubleValue() / Math.max(1, calls), row.get("q")));
                }
            }
        }
        statements.forEach(s -> line("%s", s));
    }

    /**
     * One figure. {@code driverMs}: the load generator's and the mock game API's threads;
     * {@code machineMs}: every process on the machine (from /proc/stat, time stolen by the host
     * left out), so the cores divided by it bound what any engine could reach here with this
     * load generator and mock.
     */
    record Result(double rate, double p50, double p99, double serviceMs, double backendMs, double postgresMs,
                  double driverMs, double machineMs, double calls) {
    }

    HttpResponse<String> execute(HttpClient client, long workflow, long player) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/workflows/" + workflow
                        + "/execute?wait=true"))
                .header("Authorization", "Bearer " + ApiClient.ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"params\":{\"playerId\":" + player + "}}")).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("execute answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    Result drive(long workflow, int concurrency, int runs) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(concurrency, named("bench-client"));
        HttpClient client = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(4, named("bench-http"))).build();
        AtomicInteger left = new AtomicInteger(runs);
        long[] latencies = new long[runs];
        AtomicInteger at = new AtomicInteger();
        long callsBefore = apiCalls.get();
        long[] cpuBefore = cpu();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            futures.add(callers.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    long t0 = System.nanoTime();
                    execute(client, workflow, at.get());
                    latencies[at.getAndIncrement()] = System.nanoTime() - t0;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpu();
        callers.shutdown();
        Arrays.sort(latencies);
        return new Result(runs / seconds, latencies[runs / 2] / 1e6, latencies[Math.min(runs - 1, runs * 99 / 100)] / 1e6,
                (cpuAfter[0] - cpuBefore[0]) / 1e6 / runs, (cpuAfter[1] - cpuBefore[1]) / 1e6 / runs,
                (cpuAfter[2] - cpuBefore[2]) / 1e6 / runs, (cpuAfter[3] - cpuBefore[3]) / 1e6 / runs,
                (cpuAfter[4] - cpuBefore[4]) / 1e6 / runs, (apiCalls.get() - callsBefore) / (double) runs);
    }

    /**
     * CPU nanoseconds: the service's threads (not the load generator's or the mock's), this
     * database's backends, all of PostgreSQL, the load generator's and the mock's threads, the machine.
     */
    long[] cpu() throws Exception {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        long others = 0;
        for (var info : threads.dumpAllThreads(false, false)) {
            String n = info.getThreadName();
            if (n.startsWith("bench-") || n.startsWith("HttpClient") || n.startsWith("HTTP-Dispatcher")) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                others += Math.max(0, t);
            }
        }
        List<Integer> backends = jdbc.queryForList("select pid from pg_stat_activity where datname = current_database()",
                Integer.class);
        long[] postgres = PostgresCpu.nanos(backends);
        return new long[]{process - others, postgres[1], postgres[0], others, PostgresCpu.machine()};
    }

    /**
     * {@code count} ended executions of the workflow with their node rows, made by SQL in batches
     * (as a long-lived service would hold them), then analysed so the planner knows their size.
     */
    void prefill(long workflow, int count) {
        int batch = 100_000;
        for (int done = 0; done < count; done += batch) {
            int n = Math.min(batch, count - done);
            jdbc.update("""
                    with made as (
                      insert into workflow_executions (workflow_id, workflow_version, status, current_state, context,
                                                       started_at, completed_at)
                      select ?, 1, 'completed', 'done', '{"playerId": 1, "sessionId": 5}'::jsonb,
                             now() - make_interval(secs => g), now() - make_interval(secs => g) + interval '5 ms'
                      from generate_series(1, ?) g
                      returning id, started_at)
                    insert into node_executions (execution_id, node_id, node_type, status, input, output, attempt,
                                                 started_at, completed_at)
                    select m.id, s.node, s.type, 'completed', '{"playerId": 1}'::jsonb, '{"id": 5}'::jsonb, 1,
                           m.started_at, m.started_at
                    from made m cross join (values ('sessions', 'spawn.activeSessions'), ('end', 'spawn.endSession'),
                      ('config', 'spawn.spawnConfig'), ('place', 'core.transform'), ('create', 'spawn.createSession'),
                      ('remember', 'core.setVariable')) s(node, type)""", workflow, n);
        }
        jdbc.execute("analyze workflow_executions");
        jdbc.execute("analyze node_executions");
    }

    void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        lines.add(line);
    }
}
