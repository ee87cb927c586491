package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Oven's sample data on request: map 1, a player, its spawn config; into an empty game only, once. */
class SampleDataIT {

    @TempDir
    Path dataDir;

    @Test
    void anEmptyGameGetsOvensSampleDataOnceAndTheSpawnConfigResolves() {
        String url = TestDatabase.fresh("sampledata");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.data-dir=" + dataDir, "--oven.seed-sample-data=true", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabase.user()));
        args.addAll(ApiClient.adminArgs());
        for (int start = 0; start < 2; start++) {
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                    .run(args.toArray(String[]::new))) {
                ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
                JsonNode maps = api.get("/api/maps").json();
                assertThat(maps).as("start " + start).hasSize(1);
                assertThat(maps.get(0).get("name").asText()).isEqualTo("Test Discovery World");
                assertThat(api.get("/api/players").json()).hasSize(1);
                JsonNode spawn = api.get("/api/module-configs/resolve?moduleName=maps&key=START_CELL_POSITION&scopeId="
                        + maps.get(0).get("id").asLong()).json();
                assertThat(spawn.get("value").get("x").asInt()).as(spawn.toString()).isEqualTo(16);
                assertThat(spawn.get("source").asText()).isEqualTo("instance");
            }
        }
    }
}
