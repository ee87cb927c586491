package io.oven.workflows.eventbus;

import io.oven.workflows.OvenWorkflowsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A user route file that does not parse stops start-up, naming the file and the parser's complaint. */
class UserRoutesIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path routes;

    @Test
    void aBrokenRouteFileStopsStartUpWithItsPath() throws Exception {
        Files.createDirectories(routes.resolve("workflows"));
        Path bad = routes.resolve("broken.camel.yaml");
        Files.writeString(bad, """
                - route:
                    id: broken
                    from:
                      uri: "timer:x"
                      steps:
                        - noSuchStep: {}
                """);

        assertThatThrownBy(() -> new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run("--server.port=0", "--oven.data-dir=" + dataDir, "--spring.datasource.url=",
                        "--oven.routes-dir=" + routes).close())
                .hasStackTraceContaining(bad.getFileName().toString())
                .hasStackTraceContaining("noSuchStep");
    }

    @Test
    void aMissingRoutesFolderMeansNoUserRoutesAndTheOvenFlowsAreStillSeeded() throws Exception {
        Path missing = routes.resolve("not-there");
        String url = TestDatabase.fresh("noroutes");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN,
                "--oven.routes-dir=" + missing));
        if (url != null) {
            args.add("--spring.datasource.url=" + url);
            args.add("--spring.datasource.username=" + TestDatabase.user());
        } else {
            args.add("--oven.data-dir=" + dataDir);
            args.add("--spring.datasource.url=");
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run(args.toArray(String[]::new))) {
            ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            Awaitility.await("readiness").atMost(Duration.ofSeconds(60))
                    .until(() -> api.get("/actuator/health/readiness").status() == 200);

            assertThat(api.get("/api/workflows").json()).extracting(w -> w.get("slug").asText())
                    .contains("player-spawn", "session-end", "session-resume");
        }
    }
}
