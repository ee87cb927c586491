package io.oven.workflows.database;

import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default survives a crash: the service, a process of its own, is killed with
 * SIGKILL and started again at once on the same data directory — the PostgreSQL the killed one
 * left is stopped, the new start takes the directory, and what was stored is there.
 */
class EmbeddedCrashIT {

    @TempDir
    Path dataDir;

    long inFlight;
    long parked;

    @Test
    void aStartRightAfterKillMinus9Works() throws Exception {
        int port = ServiceProcess.freePort();
        ApiClient api = ApiClient.at("http://127.0.0.1:" + port);
        Process first = start(port);
        try {
            ServiceProcess.awaitReady(api, first, Duration.ofSeconds(120));
            assertThat(api.post("/api/workflows", "{\"name\":\"survives a crash\",\"definition\":"
                    + "{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}}").status()).isEqualTo(201);
            // A run in the middle of a node (an in-memory delay), and one parked on a persisted timer.
            long working = api.post("/api/workflows", """
                    {"name":"cut off","definition":{"initial":"before","states":{
                      "before":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":1},"onDone":"work"}},
                      "work":{"invoke":{"src":"core.delay","input":{"ms":4000},"onDone":"done"}},
                      "done":{"type":"final"}}}}""").json().get("id").asLong();
            long timed = api.post("/api/workflows", """
                    {"name":"timer through a crash","definition":{"initial":"wait","states":{
                      "wait":{"after":{"9000":"done"}},"done":{"type":"final"}}}}""").json().get("id").asLong();
            inFlight = api.post("/api/workflows/" + working + "/execute", "{}").json().get("executionId").asLong();
            parked = api.post("/api/workflows/" + timed + "/execute", "{}").json().get("executionId").asLong();
            long cut = inFlight;
            Awaitility.await("the first node is stored").atMost(Duration.ofSeconds(10)).until(() ->
                    api.get("/api/workflow-executions/" + cut).json().get("nodes").toString().contains("\"before\""));
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = start(port);
        try {
            ServiceProcess.awaitReady(api, second, Duration.ofSeconds(120));
            assertThat(api.get("/api/workflows").json()).extracting(w -> w.get("name").asText()).contains("survives a crash");
            long cut = inFlight;
            com.fasterxml.jackson.databind.JsonNode resumed = Awaitility.await("the cut-off run completes")
                    .atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/workflow-executions/" + cut).json(),
                            e -> "completed".equals(e.get("status").asText()));
            // Its history shows what happened: the node the kill cut off, then its second attempt.
            assertThat(resumed.get("nodes")).extracting(n -> n.get("nodeId").asText() + " " + n.get("status").asText()
                    + " " + n.get("attempt").asInt()).containsExactly("before completed 1", "work interrupted 1",
                    "work completed 2", "done completed 1");
            long timer = parked;
            Awaitility.await("the persisted timer fires after the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> "completed".equals(api.get("/api/workflow-executions/" + timer).json().get("status").asText()));
        } finally {
            second.destroy();
            second.waitFor();
        }
        Awaitility.await("the watcher stops PostgreSQL with its service").atMost(Duration.ofSeconds(30))
                .until(() -> LeftoverPostmaster.running(dataDir.resolve("postgres")).isEmpty());
    }

    Process start(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.oven.workflows.OvenWorkflowsApplication", "--server.port=" + port, "--server.address=127.0.0.1",
                "--oven.data-dir=" + dataDir, "--spring.datasource.url=", "--oven.admin.token=" + ApiClient.ADMIN_TOKEN,
                "--logging.level.root=WARN"))
                .redirectErrorStream(true).redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-"
                        + System.nanoTime() + ".log").toFile()).start();
    }



    @Test
    void aPostmasterLeftOnTheDataDirectoryIsFoundAndStopped() throws Exception {
        Path pgData = dataDir.resolve("leftover");
        EmbeddedPostgres orphan = EmbeddedPostgres.builder().setDataDirectory(pgData).setCleanDataDirectory(false).start();
        try {
            assertThat(LeftoverPostmaster.running(pgData)).isPresent();

            LeftoverPostmaster.stop(pgData);

            assertThat(LeftoverPostmaster.running(pgData)).isEmpty();
            assertThat(orphan.getProcess().isAlive()).isFalse();
        } finally {
            try {
                orphan.close();
            } catch (IOException alreadyStopped) {
                // stopped above, as a leftover is
            }
        }
    }
}
