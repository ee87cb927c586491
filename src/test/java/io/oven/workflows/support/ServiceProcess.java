package io.oven.workflows.support;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for tests that run the service as a process of its own. */
public final class ServiceProcess {

    private ServiceProcess() {
    }

    /** Waits until the process's readiness answers UP (Camel's routes up), failing at once if the process ends. */
    public static void awaitReady(ApiClient api, Process process, Duration atMost) {
        Awaitility.await("readiness").atMost(atMost).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> {
                    assertThat(process.isAlive()).as("the service process is running").isTrue();
                    return api.get("/actuator/health/readiness").status() == 200;
                });
    }

    /** A loopback port free at this moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
