package io.oven.workflows.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL's lifetime, tied to the service's. On start, a postmaster still running
 * on the data directory (its service was killed with SIGKILL, which PostgreSQL outlives) is found
 * by its {@code postmaster.pid} — process alive, a postgres, and the same data directory — and
 * stopped (SIGTERM, then SIGKILL past a bound), so the new start can take the directory. Once
 * started, a small watcher process stops the postmaster when this JVM is gone, however it ended.
 */
final class LeftoverPostmaster {

    private static final Logger log = LoggerFactory.getLogger(LeftoverPostmaster.class);
    private static final Duration STOP_BOUND = Duration.ofSeconds(30);

    private LeftoverPostmaster() {
    }

    /** Stops the postmaster an earlier process left on {@code pgData}, if there is one. */
    static void stop(Path pgData) throws IOException {
        Optional<ProcessHandle> leftover = running(pgData);
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle postmaster = leftover.get();
        log.warn("a PostgreSQL (pid {}) from an earlier run still holds {}: stopping it", postmaster.pid(), pgData);
        postmaster.destroy();
        Instant deadline = Instant.now().plus(STOP_BOUND);
        while (postmaster.isAlive() && Instant.now().isBefore(deadline)) {
            try {
                postmaster.onExit().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // still stopping
            } catch (ExecutionException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the leftover PostgreSQL", e);
            }
        }
        if (postmaster.isAlive()) {
            log.warn("the leftover PostgreSQL (pid {}) did not stop within {}: killing it", postmaster.pid(), STOP_BOUND);
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
    }

    /** The live postgres process {@code postmaster.pid} names, if it runs on this very data directory. */
    static Optional<ProcessHandle> running(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Path dir = Path.of(lines.get(1).trim()).toAbsolutePath().normalize();
        if (!dir.equals(pgData.toAbsolutePath().normalize())) {
            return Optional.empty();
        }
        // A stale file whose pid now belongs to another program must not get that program killed.
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }

    /** Starts a watcher that stops the postmaster on {@code pgData} once this JVM has exited. */
    static void watch(Path pgData) {
        try {
            Optional<ProcessHandle> postmaster = running(pgData);
            if (postmaster.isEmpty() || !Files.isExecutable(Path.of("/bin/sh"))) {
                return;
            }
            long jvm = ProcessHandle.current().pid();
            long pg = postmaster.get().pid();
            // Checks the pid is still that postgres before signalling it (pids are reused).
            String script = "while kill -0 " + jvm + " 2>/dev/null; do sleep 1; done; "
                    + "if [ \"$(cat /proc/" + pg + "/comm 2>/dev/null)\" = postgres ]; then kill -INT " + pg + "; fi";
            new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            log.warn("could not start the watcher that stops the embedded PostgreSQL with this process", e);
        }
    }
}
