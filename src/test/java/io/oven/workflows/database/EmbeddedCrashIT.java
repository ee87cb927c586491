package io.oven.workflows.database;

import io.oven.workflows.support.ApiClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
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

    @Test
    void aStartRightAfterKillMinus9Works() throws Exception {
        int port = freePort();
        ApiClient api = ApiClient.at("http://127.0.0.1:" + port);
        Process first = start(port);
        try {
            awaitReady(api, first);
            assertThat(api.post("/api/workflows", "{\"name\":\"survives a crash\",\"definition\":"
                    + "{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}}").status()).isEqualTo(201);
        } finally {
            first.destroyForcibly().waitFor();
        }

        Process second = start(port);
        try {
            awaitReady(api, second);
            assertThat(api.get("/api/workflows").json()).extracting(w -> w.get("name").asText()).contains("survives a crash");
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

    static void awaitReady(ApiClient api, Process process) {
        Awaitility.await("readiness").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    assertThat(process.isAlive()).as("the service process is running").isTrue();
                    return api.get("/actuator/health/readiness").status() == 200;
                });
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
