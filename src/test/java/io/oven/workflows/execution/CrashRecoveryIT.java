package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ServiceProcess;
import io.oven.workflows.support.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service, a process of its own, killed with SIGKILL while 500 runs are in flight, a burst of
 * events is arriving for a triggered workflow and a persisted timer waits; started again at once:
 * every run completes with its exact node path (a node the kill cut off shows as interrupted,
 * then runs again), every accepted event started its workflow exactly once, and the timer fires.
 */
class CrashRecoveryIT {

    static final int IN_FLIGHT = Integer.getInteger("oven.crash.runs", 500);
    static final int EVENTS = Integer.getInteger("oven.crash.events", 2000);
    static final List<String> PATH = List.of("a", "wait1", "b", "wait2", "c", "done");

    @TempDir
    Path dataDir;

    @Test
    void killMinus9InTheMiddleOfEverythingLosesAndDoublesNothing() throws Exception {
        String url = TestDatabase.fresh("crash");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "needs the PostgreSQL server (the embedded one is EmbeddedCrashIT's)");
        int port = ServiceProcess.freePort();
        ApiClient api = ApiClient.at("http://127.0.0.1:" + port);
        String event = "crash.test" + UUID.randomUUID().toString().substring(0, 8) + ".fired";
        long chain;
        long triggered;
        long timed;
        List<Long> runs = new ArrayList<>();
        Set<String> accepted = Collections.synchronizedSet(new HashSet<>());
        long timer;
        Process first = start(url, port);
        try {
            ServiceProcess.awaitReady(api, first, Duration.ofSeconds(120));
            chain = api.post("/api/workflows", """
                    {"name":"chain","definition":{"initial":"a","states":{
                      "a":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":1},"onDone":"wait1"}},
                      "wait1":{"invoke":{"src":"core.delay","input":{"ms":3000},"onDone":"b"}},
                      "b":{"invoke":{"src":"core.setVariable","input":{"name":"y","value":2},"onDone":"wait2"}},
                      "wait2":{"invoke":{"src":"core.delay","input":{"ms":3000},"onDone":"c"}},
                      "c":{"invoke":{"src":"core.setVariable","input":{"name":"z","value":3},"onDone":"done"}},
                      "done":{"type":"final"}}}}""").json().get("id").asLong();
            triggered = api.post("/api/workflows", ("{\"name\":\"on event\",\"triggerEvent\":\"" + event + "\","
                    + "\"definition\":{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}}")).json()
                    .get("id").asLong();
            timed = api.post("/api/workflows", """
                    {"name":"timer","definition":{"initial":"w","states":{
                      "w":{"after":{"8000":"done"}},"done":{"type":"final"}}}}""").json().get("id").asLong();
            timer = api.post("/api/workflows/" + timed + "/execute", "{}").json().get("executionId").asLong();
            for (int i = 0; i < IN_FLIGHT; i++) {
                runs.add(api.post("/api/workflows/" + chain + "/execute", "{}").json().get("executionId").asLong());
            }
            // A burst of events from 4 publishers, each with its id; the kill comes in the middle of it.
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService publishers = Executors.newFixedThreadPool(4);
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sent.add(publishers.submit(() -> {
                    for (int i = 0; i < EVENTS / 4 && !killed.get(); i++) {
                        String id = UUID.randomUUID().toString();
                        try {
                            ApiClient.Response r = api.send(api.request("/api/events").header("Content-Type", "application/json")
                                    .header("Idempotency-Key", id).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                            "{\"name\":\"" + event + "\",\"payload\":{\"n\":" + i + "}}")));
                            if (r.status() == 201 || r.status() == 200) {
                                accepted.add(id);
                            }
                        } catch (RuntimeException e) {
                            return; // the service is gone
                        }
                    }
                }));
            }
            Awaitility.await("part of the burst is in").atMost(Duration.ofSeconds(60)).until(() -> accepted.size() >= EVENTS / 10);
            first.destroyForcibly().waitFor();
            killed.set(true);
            for (Future<?> f : sent) {
                f.get();
            }
            publishers.shutdown();
        } finally {
            first.destroyForcibly().waitFor();
        }

        long restarted = System.nanoTime();
        Process second = start(url, port);
        try {
            ServiceProcess.awaitReady(api, second, Duration.ofSeconds(120));
            double readySeconds = (System.nanoTime() - restarted) / 1e9;
            Awaitility.await("every run completes").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.get("/api/workflow-executions?filter=" + ApiClient.query("{\"workflowId\":" + chain
                            + ",\"status\":\"completed\"}") + "&range=" + ApiClient.query("[0,0]"))
                            .header("Content-Range").orElse("").endsWith("/" + IN_FLIGHT));
            double recoveredSeconds = (System.nanoTime() - restarted) / 1e9;
            List<String> wrong = new ArrayList<>();
            int interrupted = 0;
            for (long run : runs) {
                JsonNode nodes = api.get("/api/workflow-executions/" + run).json().get("nodes");
                List<String> completed = new ArrayList<>();
                for (JsonNode node : nodes) {
                    if (node.get("status").asText().equals("interrupted")) {
                        interrupted++;
                    } else {
                        completed.add(node.get("nodeId").asText());
                    }
                }
                if (!completed.equals(PATH)) {
                    wrong.add(run + ": " + completed);
                }
            }
            assertThat(wrong).as("runs whose path is not exactly %s", PATH).isEmpty();
            assertThat(interrupted).as("runs were in the middle of a node when the kill came").isPositive();
            System.out.printf("crash: %d runs in flight (%d nodes cut off), %d events accepted before the kill; "
                    + "restart ready in %.1f s, every run completed %.1f s after the restart began%n",
                    IN_FLIGHT, interrupted, accepted.size(), readySeconds, recoveredSeconds);

            long triggeredId = triggered;
            Awaitility.await("every accepted event started its workflow").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> {
                        Set<String> started = triggerEventIds(url, triggeredId);
                        return started.containsAll(accepted);
                    });
            assertThat(duplicates(url, triggered)).as("events that started their workflow twice").isZero();
            long timerId = timer;
            Awaitility.await("the persisted timer fires").atMost(Duration.ofSeconds(60))
                    .until(() -> "completed".equals(api.get("/api/workflow-executions/" + timerId).json().get("status").asText()));
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    Set<String> triggerEventIds(String url, long workflow) throws Exception {
        Set<String> ids = new HashSet<>();
        try (var c = connect(url); var st = c.prepareStatement(
                "select trigger_event_id from workflow_executions where workflow_id = ?")) {
            st.setLong(1, workflow);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    long duplicates(String url, long workflow) throws Exception {
        try (var c = connect(url); var st = c.prepareStatement("select count(*) from (select trigger_event_id from "
                + "workflow_executions where workflow_id = ? group by trigger_event_id having count(*) > 1) d")) {
            st.setLong(1, workflow);
            try (var rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    java.sql.Connection connect(String url) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(url, TestDatabase.user(), "");
    }

    Process start(String url, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-cp", System.getProperty("java.class.path"),
                "io.oven.workflows.OvenWorkflowsApplication", "--server.port=" + port, "--server.address=127.0.0.1",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN, "--logging.level.root=WARN"));
        command.add("--spring.datasource.url=" + url);
        command.add("--spring.datasource.username=" + TestDatabase.user());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("service-" + System.nanoTime() + ".log").toFile()).start();
    }


}
