package io.oven.workflows.dashboard;

import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser (Debian Chromium through playwright-core, editor/e2e) against
 * this service on its random port: create a workflow through the form, find it by search, run
 * it, read its execution's node table, see a refused save's error. Screenshots of every step go
 * to target/screenshots. Outside CI it is skipped when the dashboard was not built (-DskipEditor)
 * or Chromium is not installed; in CI both must be there.
 */
class DashboardBrowserIT extends IntegrationTest {

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    @Test
    void aUserCreatesFindsRunsAndReadsAWorkflowInTheDashboard() throws Exception {
        boolean built = getClass().getResource("/static/index.html") != null;
        boolean chromium = Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")));
        if (CI) {
            assertThat(built).as("the dashboard is built into the jar (npm run build)").isTrue();
            assertThat(chromium).as("Chromium at /usr/bin/chromium (apt-get install chromium)").isTrue();
        }
        assumeTrue(built, "dashboard not built (-DskipEditor)");
        assumeTrue(chromium, "no Chromium at /usr/bin/chromium");

        Path shots = Path.of("target/screenshots").toAbsolutePath();
        Files.createDirectories(shots);
        Process node = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs", "http://127.0.0.1:" + port, shots.toString())
                .directory(new File("editor"))
                .redirectErrorStream(true)
                .redirectOutput(shots.resolve("e2e.log").toFile())
                .start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        assertThat(finished).as("the browser test finished within 5 minutes").isTrue();
        String log = Files.readString(shots.resolve("e2e.log"));
        System.out.println(log);
        assertThat(node.exitValue()).as("browser test failed:%n%s", log).isZero();
        assertThat(shots.resolve("05-execution-nodes.png")).exists();
    }
}
