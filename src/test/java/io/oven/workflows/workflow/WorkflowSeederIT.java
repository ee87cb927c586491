package io.oven.workflows.workflow;

import io.oven.workflows.OvenWorkflowsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A seed file that does not validate stops start-up, naming the file and its problems. */
class WorkflowSeederIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path seeds;

    @Test
    void anInvalidSeedFileStopsStartUpWithItsPathAndProblems() throws Exception {
        Path bad = seeds.resolve("broken.json");
        Files.writeString(bad, """
                { "id": "broken", "initial": "nowhere", "states": { "done": { "type": "final" } } }""");

        assertThatThrownBy(() -> new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run("--server.port=0", "--oven.data-dir=" + dataDir, "--spring.datasource.url=",
                        "--oven.seed-dir=" + seeds).close())
                .hasStackTraceContaining(bad.toAbsolutePath().toString())
                .hasStackTraceContaining("/initial");
    }
}
