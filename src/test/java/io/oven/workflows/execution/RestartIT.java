package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durability across a restart, on a database of its own (an embedded PostgreSQL in a temporary
 * directory), so that recovering "running" executions at start touches no other test's runs.
 */
class RestartIT {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run("--server.port=0", "--oven.data-dir=" + dataDir, "--spring.datasource.url=",
                        "--oven.engine.timer-threshold-ms=500", "--oven.engine.timer-poll-ms=200",
                        "--oven.admin.token=" + ApiClient.ADMIN_TOKEN);
    }

    static ApiClient api(ConfigurableApplicationContext context) {
        return ApiClient.at("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Test
    void resumesAParkedExecutionAndKeepsDeploymentsAndImportsAfterARestart() {
        long executionId;
        long workflowId;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = api(first);
            JsonNode created = api.post("/api/workflows", """
                    { "name": "sleeps through a restart", "definition": { "initial": "before", "states": {
                        "before": { "invoke": { "src": "core.setVariable", "input": { "name": "x", "value": 1 }, "onDone": "pause" } },
                        "pause": { "invoke": { "src": "core.delay", "input": { "ms": 4000 }, "onDone": "after" } },
                        "after": { "invoke": { "src": "core.setVariable", "input": { "name": "y", "value": "{% x + 1 %}" }, "onDone": "done" } },
                        "done": { "type": "final" } } } }""").json();
            workflowId = created.get("id").asLong();
            JsonNode parked = api.post("/api/workflows/" + workflowId + "/execute?wait=true", "{}").json();
            assertThat(parked.get("status").asText()).isEqualTo("waiting");
            assertThat(parked.get("currentState").asText()).isEqualTo("pause");
            executionId = parked.get("id").asLong();
            assertThat(api.post("/api/node-types/import", """
                    { "name": "kept", "baseUrl": "http://127.0.0.1:9", "document": { "openapi": "3.0.0",
                      "paths": { "/ping": { "get": { "operationId": "ping", "responses": {} } } } } }""").status())
                    .isEqualTo(201);
        }

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = api(second);
            JsonNode done = Awaitility.await("the parked run to resume and complete").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/api/workflow-executions/" + executionId).json(),
                            e -> "completed".equals(e.get("status").asText()));

            assertThat(done.at("/context/y").asInt()).isEqualTo(2);
            // The delay leaves two rows: parked on its timer, then resumed by it.
            assertThat(done.get("nodes")).extracting(n -> n.get("nodeId").asText())
                    .containsExactly("before", "pause", "pause", "after", "done");
            assertThat(done.at("/nodes/1/output/parkedUntil").isTextual()).isTrue();
            assertThat(done.at("/nodes/2/output/resumed").asBoolean()).isTrue();
            assertThat(api.get("/api/node-types/kept.ping").status()).as("imports survive a restart").isEqualTo(200);
            JsonNode again = api.post("/api/workflows/" + workflowId + "/execute", "{}").json();
            assertThat(again.has("executionId")).as("deployed at start: %s", again).isTrue();
        }
    }
}
