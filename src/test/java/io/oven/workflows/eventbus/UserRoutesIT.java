package io.oven.workflows.eventbus;

import io.oven.workflows.OvenWorkflowsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
