package io.oven.workflows.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ServiceProcess;
import io.oven.workflows.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the packaged jar, processes of their own on loopback ports, on one
 * PostgreSQL database and one Kafka broker (KRaft, in this JVM): they share executions and events,
 * a restarted instance takes nothing of the others', and killing one with SIGKILL in the middle of
 * the load loses and doubles nothing — its runs are taken over within 10 s, every execution
 * completes once with its exact node path, every event starts its trigger once and fires its
 * wiring once, and a save on one instance runs on the others before the save answers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterJarIT {

    static final int RUNS = Integer.getInteger("oven.cluster.runs", 3000);
    static final int EVENTS = Integer.getInteger("oven.cluster.events", 3000);
    static final List<String> PATH = List.of("a", "pause", "b", "done");
    static final String SECRET_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    static EmbeddedKafkaKraftBroker kafka;
    static String url;
    static Path work;
    static final Node[] nodes = new Node[3];
    static long chain;

    /** One instance: its id, port, process. */
    static final class Node {
        final String id;
        final int port;
        final ApiClient api;
        volatile Process process;

        Node(String id, int port) {
            this.id = id;
            this.port = port;
            this.api = ApiClient.at("http://127.0.0.1:" + port);
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", System.getProperty("oven.jar"),
                    "--server.port=" + port, "--server.address=127.0.0.1", "--oven.admin.token=" + ApiClient.ADMIN_TOKEN,
                    "--oven.admin.password=" + ApiClient.ADMIN_PASSWORD, "--oven.secrets.key=" + SECRET_KEY, "--spring.datasource.url=" + url,
                    "--spring.datasource.username=" + TestDatabase.user(), "--oven.cluster.instance-id=" + id,
                    // As on machines of their own: a killed instance is found gone by its lease, not its process id.
                    "--oven.cluster.host=host-" + id, "--oven.cluster.heartbeat=1s", "--oven.cluster.lease=5s",
                    "--oven.eventbus.kafka.bootstrap-servers=" + kafka.getBrokersAsString(),
                    "--oven.eventbus.kafka.session-timeout=6s", "--logging.level.root=WARN",
                    "--spring.datasource.hikari.maximum-pool-size=12", "--spring.datasource.hikari.minimum-idle=4",
                    "--logging.level.io.oven.workflows.cluster=INFO", "--logging.level.io.oven.workflows.execution=INFO");
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(id + ".log").toFile())).start();
        }

        void awaitReady() {
            ServiceProcess.awaitReady(api, process, Duration.ofSeconds(240));
        }
    }

    @BeforeAll
    static void cluster() throws Exception {
        Assumptions.assumeTrue(System.getProperty("oven.jar") != null && Files.exists(Path.of(System.getProperty("oven.jar"))),
                "runs the packaged jar: ./mvnw verify");
        url = TestDatabase.fresh("cluster");
        Assumptions.assumeTrue(url != null, "needs the PostgreSQL server");
        work = Files.createTempDirectory("oven-cluster");
        kafka = new EmbeddedKafkaKraftBroker(1, 6, "oven.events", "oven.events.dlt");
        kafka.afterPropertiesSet();
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = new Node("node-" + (i + 1), ServiceProcess.freePort());
        }
        // The first one migrates the database alone; then the other two.
        nodes[0].start();
        nodes[0].awaitReady();
        nodes[1].start();
        nodes[2].start();
        nodes[1].awaitReady();
        nodes[2].awaitReady();
        chain = chain(nodes[0].api, "cluster chain", 800);
    }

    /** A workflow whose runs take {@link #PATH}, pausing {@code ms} in the middle. */
    static long chain(ApiClient api, String name, int ms) {
        return api.post("/api/workflows", """
                {"name":"%s","definition":{"initial":"a","states":{
                  "a":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":1},"onDone":"pause"}},
                  "pause":{"invoke":{"src":"core.delay","input":{"ms":%d},"onDone":"b"}},
                  "b":{"invoke":{"src":"core.setVariable","input":{"name":"y","value":2},"onDone":"done"}},
                  "done":{"type":"final"}}}}""".formatted(name, ms)).json().get("id").asLong();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Node node : nodes) {
            if (node != null && node.process != null) {
                node.process.destroyForcibly().waitFor();
            }
        }
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Test
    @Order(1)
    void anInstanceRestartedWhileTheOthersRunTakesNothingOfTheirs() throws Exception {
        // Runs on node-1 and node-2 while node-3 stops and starts again.
        List<Long> runs = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            Node node = nodes[c];
            sent.add(clients.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    runs.add(node.api.post("/api/workflows/" + chain + "/execute", "{}").json().get("executionId").asLong());
                }
                return null;
            }));
        }
        nodes[2].process.destroy();
        nodes[2].process.waitFor();
        nodes[2].start();
        nodes[2].awaitReady();
        for (Future<?> f : sent) {
            f.get();
        }
        clients.shutdown();
        awaitCompleted(runs);
        try (Connection db = connect()) {
            Map<Long, String> owners = owners(db, runs);
            assertThat(owners.values()).as("owners of node-1's and node-2's runs").containsOnly("node-1", "node-2");
            assertThat(wrongPaths(db, runs)).as("runs whose path is not exactly %s", PATH).isEmpty();
            assertThat(interrupted(db, runs)).as("nodes cut off by a restart that took a run").isZero();
        }
        // A dashboard login made on one instance holds on another (sessions live in PostgreSQL), and so does its logout.
        java.net.CookieManager cookies = new java.net.CookieManager();
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder().cookieHandler(cookies).build();
        java.util.function.BiFunction<Node, String, HttpRequest.Builder> at = (node, path) ->
                HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + node.port + path)).timeout(Duration.ofSeconds(30));
        assertThat(browser.send(at.apply(nodes[0], "/api/auth/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + ApiClient.ADMIN_PASSWORD
                        + "\"}")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(browser.send(at.apply(nodes[2], "/api/workflows").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("the session on node-3").isEqualTo(200);
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        assertThat(browser.send(at.apply(nodes[1], "/api/auth/logout").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
        assertThat(browser.send(at.apply(nodes[0], "/api/workflows").GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("logged out everywhere").isEqualTo(401);

        // A second process given a live instance's id refuses to start (it would take that one's runs).
        Node twin = new Node("node-1", ServiceProcess.freePort());
        twin.start();
        assertThat(twin.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the twin gave up").isTrue();
        assertThat(twin.process.exitValue()).isNotZero();
        assertThat(Files.readString(work.resolve("node-1.log"))).contains("'node-1' is in use by a live instance");
        assertThat(nodes[0].api.get("/actuator/health/readiness").status()).as("node-1 runs on").isEqualTo(200);
    }

    @Test
    @Order(2)
    void killingAnInstanceMidLoadLosesAndDoublesNothing() throws Exception {
        String event = "cluster.test" + UUID.randomUUID().toString().substring(0, 8) + ".fired";
        ApiClient api = nodes[0].api;
        // A wiring listens to an event some module declares or that was seen: this one is seen once first.
        assertThat(api.post("/api/events", "{\"name\":\"" + event + "\",\"payload\":{\"n\":-1}}").status()).isEqualTo(201);
        long triggered = api.post("/api/workflows", ("{\"name\":\"on cluster event\",\"triggerEvent\":\"" + event + "\","
                + "\"definition\":{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}}")).json().get("id").asLong();
        long wiring = api.post("/api/event-wirings", Map.of("label", "cluster wiring", "sourceEvent", event,
                "targetAction", "core.log", "transform", Map.of("message", "$.n"))).json().get("id").asLong();
        // Every instance runs the trigger and the wiring before the load starts.
        for (Node node : nodes) {
            Awaitility.await(node.id + " has the trigger").atMost(Duration.ofSeconds(20)).until(() ->
                    node.api.get("/api/cluster").json().toString().contains("\"" + triggered + "\":1"));
        }

        Node victim = nodes[1];
        // Ids come in blocks per instance, so this test's runs are told by when they started.
        long since = System.currentTimeMillis();
        AtomicInteger accepted = new AtomicInteger();
        Set<String> events = Collections.synchronizedSet(new HashSet<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int client = c;
            sent.add(clients.submit(() -> {
                for (int i = client; i < RUNS; i += 2) {
                    // A request the killed instance refused is sent to the next one; one it took and did not
                    // answer may have started its run, which is checked with the rest.
                    for (int attempt = 0; attempt < 3; attempt++) {
                        Node node = nodes[(i + attempt) % 3];
                        try {
                            node.api.post("/api/workflows/" + chain + "/execute", "{}").json().get("executionId").asLong();
                            accepted.incrementAndGet();
                            break;
                        } catch (RuntimeException e) {
                            if (!(e.getCause() instanceof java.net.ConnectException)) {
                                break;
                            }
                        }
                    }
                }
                return null;
            }));
            sent.add(clients.submit(() -> {
                for (int i = client; i < EVENTS; i += 2) {
                    String id = UUID.randomUUID().toString();
                    // An event whose answer was lost is sent again, with its id, to the next instance.
                    for (int attempt = 0; ; attempt++) {
                        Node node = nodes[(i + attempt) % 3];
                        try {
                            ApiClient.Response r = node.api.send(node.api.request("/api/events")
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                            "{\"id\":\"" + id + "\",\"name\":\"" + event + "\",\"payload\":{\"n\":" + i + "}}")));
                            if (r.status() == 201 || r.status() == 200) {
                                events.add(id);
                                break;
                            }
                        } catch (RuntimeException e) {
                            // next instance
                        }
                        assertThat(attempt).as("event " + id + " accepted by some instance").isLessThan(6);
                    }
                }
                return null;
            }));
        }
        Awaitility.await("a third of the load is in").atMost(Duration.ofSeconds(120))
                .until(() -> accepted.get() >= RUNS / 3 && events.size() >= EVENTS / 3);
        victim.process.destroyForcibly().waitFor(); // SIGKILL
        long killed = System.nanoTime();

        // Its running executions are taken over within 10 s.
        double takenOver;
        try (Connection db = connect()) {
            Awaitility.await("the killed instance's runs are taken over").atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(100)).until(() -> count(db,
                            "select count(*) from workflow_executions where owner = 'node-2' and status = 'running'") == 0);
            takenOver = (System.nanoTime() - killed) / 1e9;
        }
        for (Future<?> f : sent) {
            f.get();
        }
        clients.shutdown();

        try (Connection db = connect()) {
            List<Long> all = ids(db, "select id from workflow_executions where workflow_id = " + chain + " and started_at >= " + since(since));
            assertThat(all.size()).as("executions stored").isGreaterThanOrEqualTo(accepted.get());
            awaitCompleted(all);
            assertThat(wrongPaths(db, all)).as("runs whose path is not exactly %s", PATH).isEmpty();
            long resumedElsewhere = count(db, "select count(distinct execution_id) from node_executions n join "
                    + "workflow_executions e on e.id = n.execution_id where n.status = 'interrupted' and e.workflow_id = " + chain
                    + " and e.started_at >= " + since(since));
            assertThat(resumedElsewhere).as("runs the kill cut off, resumed on another instance").isPositive();

            // Every event: its trigger once, its wiring once.
            Awaitility.await("every event started its workflow").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(db, "select count(distinct trigger_event_id) from workflow_executions where workflow_id = "
                            + triggered) >= events.size());
            Set<String> started = new HashSet<>(strings(db, "select trigger_event_id from workflow_executions where workflow_id = "
                    + triggered));
            assertThat(started).containsAll(events);
            assertThat(count(db, "select count(*) from workflow_executions where workflow_id = " + triggered))
                    .as("trigger runs (one per event)").isEqualTo(started.size());
            String firings = "wiring_firings f join event_log l on l.id = f.event_id where f.wiring_id = " + wiring;
            Awaitility.await("every event fired the wiring").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(db, "select count(distinct l.event_id) from " + firings) >= events.size());
            assertThat(new HashSet<>(strings(db, "select l.event_id from " + firings))).containsAll(events);
            assertThat(count(db, "select count(*) from (select l.event_id from " + firings
                    + " group by l.event_id having count(*) > 1) d")).as("events that fired the wiring twice").isZero();
            assertThat(count(db, "select count(*) from " + firings + " and f.status <> 'completed'"))
                    .as("failed firings").isZero();
            System.out.printf("cluster: %d runs accepted of %d sent (%d stored), %d events; node-2 killed, its runs taken "
                    + "over %.1f s later, %d runs resumed elsewhere%n", accepted.get(), RUNS, all.size(), events.size(),
                    takenOver, resumedElsewhere);
        }

        // The killed instance is gone for the others (its process is dead), and no singleton stays with it.
        Awaitility.await("retention led by a live instance").atMost(Duration.ofSeconds(15)).until(() -> {
            String leader = nodes[0].api.get("/api/cluster").json().path("leaders").path("event-retention").asText("");
            return leader.equals("node-1") || leader.equals("node-3");
        });

        // A save on node-1 runs on node-3 before it answers.
        long saving = System.nanoTime();
        JsonNode saved = nodes[0].api.put("/api/workflows/" + chain, """
                {"definition":{"initial":"a","states":{
                  "a":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":"second"},"onDone":"done"}},
                  "done":{"type":"final"}}}}""").json();
        double savedMs = (System.nanoTime() - saving) / 1e6;
        JsonNode deployment = saved.get("deployment");
        assertThat(deployment.get("everywhere").asBoolean()).as(deployment.toString()).isTrue();
        assertThat(deployment.get("instances").toString()).contains("node-1", "node-3").doesNotContain("node-2");
        JsonNode run = nodes[2].api.post("/api/workflows/" + chain + "/execute?wait=true", "{}").json();
        assertThat(run.get("workflowVersion").asInt()).isEqualTo(saved.get("version").asInt());
        assertThat(run.get("context").get("x").asText()).isEqualTo("second");
        System.out.printf("cluster: a save on node-1 answered in %.0f ms, running on node-3 by then%n", savedMs);
    }

    static String since(long millis) {
        return "to_timestamp(" + millis / 1000.0 + ")";
    }

    @Test
    @Order(3)
    void anInstanceFrozenPastItsLeaseGivesUpTheRunsTakenOverWhenItWakes() throws Exception {
        Node frozen = nodes[2];
        long slow = chain(nodes[0].api, "cluster chain, slow", 3000);
        List<Long> runs = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            sent.add(clients.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    runs.add(frozen.api.post("/api/workflows/" + slow + "/execute", "{}").json().get("executionId").asLong());
                }
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get();
        }
        clients.shutdown();
        signal("STOP", frozen); // frozen, not dead: its process and its connections stay
        try (Connection db = connect()) {
            Awaitility.await("the frozen instance's runs are taken over").atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(100)).until(() -> count(db,
                            "select count(*) from workflow_executions where owner = 'node-3' and status = 'running'") == 0);
            long takenOver = count(db, "select count(*) from workflow_executions where id = any(?) and owner <> 'node-3'", runs);
            signal("CONT", frozen);
            awaitCompleted(runs);
            assertThat(wrongPaths(db, runs)).as("runs whose path is not exactly %s", PATH).isEmpty();
            assertThat(takenOver).as("runs the frozen instance still had").isPositive();
            Awaitility.await("the woken instance beats again").atMost(Duration.ofSeconds(20)).until(() -> frozen.api
                    .get("/api/cluster").json().toString().contains("\"id\":\"node-3\""));
            System.out.printf("cluster: node-3 frozen with 200 runs; %d taken over, none run twice after it woke%n", takenOver);
        } finally {
            signal("CONT", frozen);
        }
    }

    static void signal(String signal, Node node) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(node.process.pid())).start().waitFor()).isZero();
    }

    static void awaitCompleted(List<Long> runs) throws Exception {
        try (Connection db = connect()) {
            Awaitility.await("every run completes").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> count(db, "select count(*) from workflow_executions where id = any(?) and status = 'completed'",
                            runs) == runs.size());
        }
    }

    /** Runs whose node rows (but the ones a kill cut off) are not exactly {@link #PATH}. */
    static List<String> wrongPaths(Connection db, List<Long> runs) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("select execution_id, string_agg(node_id, ',' order by id) from "
                + "node_executions where execution_id = any(?) and status <> 'interrupted' group by execution_id")) {
            st.setArray(1, db.createArrayOf("bigint", runs.toArray()));
            Set<Long> seen = new HashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    seen.add(rs.getLong(1));
                    if (!rs.getString(2).equals(String.join(",", PATH))) {
                        wrong.add(rs.getLong(1) + ": " + rs.getString(2));
                    }
                }
            }
            runs.stream().filter(id -> !seen.contains(id)).forEach(id -> wrong.add(id + ": no nodes"));
        }
        return wrong;
    }

    static long interrupted(Connection db, List<Long> runs) throws Exception {
        return count(db, "select count(*) from node_executions where execution_id = any(?) and status = 'interrupted'", runs);
    }

    static Map<Long, String> owners(Connection db, List<Long> runs) throws Exception {
        Map<Long, String> owners = new HashMap<>();
        try (PreparedStatement st = db.prepareStatement("select id, owner from workflow_executions where id = any(?)")) {
            st.setArray(1, db.createArrayOf("bigint", runs.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    owners.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return owners;
    }

    static long count(Connection db, String sql) throws Exception {
        return ids(db, sql).get(0);
    }

    static long count(Connection db, String sql, List<Long> ids) throws Exception {
        try (PreparedStatement st = db.prepareStatement(sql)) {
            st.setArray(1, db.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<Long> ids(Connection db, String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static List<String> strings(Connection db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(url, TestDatabase.user(), "");
    }

}
