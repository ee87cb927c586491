package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With Kafka configured but unreachable, the service is not ready and says why; events wait in the outbox. */
class KafkaUnreachableIT {

    @TempDir
    Path dataDir;

    @Test
    void healthTurnsDownAndReadinessFailsWhileKafkaIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--oven.admin.token=" + ApiClient.ADMIN_TOKEN,
                "--camel.main.shutdown-timeout=2",
                "--oven.eventbus.kafka.bootstrap-servers=127.0.0.1:" + closedPort, "--oven.data-dir=" + dataDir));
        String url = TestDatabase.fresh("kdown");
        args.add("--spring.datasource.url=" + (url == null ? "" : url));
        if (url != null) {
            args.add("--spring.datasource.username=" + TestDatabase.user());
        }
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run(args.toArray(String[]::new))) {
            ApiClient api = ApiClient.at("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port"));
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
            JsonNode bus = api.get("/actuator/health").json().at("/components/eventBus");
            assertThat(bus.get("status").asText()).isEqualTo("DOWN");
            assertThat(bus.at("/details/error").asText()).contains("127.0.0.1:" + closedPort);

            assertThat(api.post("/api/events", Map.of("name", "test.waiting.event")).status()).isEqualTo(201);
            assertThat(api.get("/actuator/health").json().at("/components/eventBus/details/outboxBacklog").asLong())
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
