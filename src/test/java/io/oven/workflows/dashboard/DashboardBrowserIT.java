package io.oven.workflows.dashboard;

import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard and the visual editor in a real browser (Debian Chromium through playwright-core,
 * editor/e2e) against this service on its random port. Screenshots of every step go to
 * target/screenshots. Outside CI it is skipped when the dashboard was not built (-DskipEditor)
 * or Chromium is not installed; in CI both must be there.
 */
class DashboardBrowserIT extends IntegrationTest {

    private static final boolean CI = "true".equalsIgnoreCase(System.getenv("CI"));

    @Test
    void aUserCreatesFindsRunsAndReadsAWorkflowInTheDashboard() throws Exception {
        String log = runInBrowser("dashboard.e2e.mjs");
        assertThat(log).contains("dashboard e2e: all steps passed");
        assertThat(Path.of("target/screenshots/05-execution-nodes.png")).exists();
    }

    /**
     * The visual editor: three nodes dragged from the palette and connected, the inspector filled,
     * saved and run with every node turning green; a failing API node red with its error; an
     * invalid save marking its node; and the 300-node figures (editor-performance.json).
     */
    @Test
    void aUserBuildsAWorkflowOnTheCanvasAndWatchesItRun() throws Exception {
        String log = runInBrowser("editor.e2e.mjs");
        assertThat(log).contains("editor e2e: all steps passed");
        assertThat(Path.of("target/screenshots/e06-execute-and-watch.png")).exists();
        assertThat(Path.of("target/screenshots/editor-performance.json")).exists();
    }

    /** Runs one editor/e2e script against this service; answers its output, failing with it when the script fails. */
    private String runInBrowser(String script) throws Exception {
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
        Path output = shots.resolve(script.replace(".mjs", ".log"));
        ProcessBuilder command = new ProcessBuilder("node", "e2e/" + script, "http://127.0.0.1:" + port, shots.toString())
                .directory(new File("editor"))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        command.environment().put("OVEN_E2E_USER", "admin");
        command.environment().put("OVEN_E2E_PASSWORD", ApiClient.ADMIN_PASSWORD);
        command.environment().put("OVEN_E2E_TOKEN", ApiClient.ADMIN_TOKEN);
        Process node = command.start();
        boolean finished = node.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            node.destroyForcibly();
        }
        String log = Files.readString(output);
        System.out.println(log);
        assertThat(finished).as("%s finished within 5 minutes:%n%s", script, log).isTrue();
        assertThat(node.exitValue()).as("%s failed:%n%s", script, log).isZero();
        return log;
    }
}
