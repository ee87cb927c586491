package io.oven.workflows.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Hawtio and Jolokia: behind a login, and showing each workflow as its own Camel route. */
class ConsoleIT extends IntegrationTest {

    private ApiClient.Response asAdmin(String path) {
        return api().withLogin("admin", ApiClient.ADMIN_PASSWORD).get(path);
    }

    @Test
    void hawtioAndJolokiaRefuseWithoutALoginAndAnswerWithOne() {
        ApiClient.Response anonymous = api().anonymous().get("/actuator/hawtio/");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(api().anonymous().get("/actuator/jolokia/version").status()).isEqualTo(401);
        ApiClient.Response hawtio = asAdmin("/actuator/hawtio/");
        assertThat(hawtio.status()).isEqualTo(200);
        assertThat(hawtio.text()).containsIgnoringCase("hawtio");
        assertThat(asAdmin("/actuator/jolokia/version").json().at("/value/agent").asText()).isNotBlank();
        assertThat(api().get("/actuator/jolokia/version").status()).isEqualTo(200); // the admin token too
    }

    @Test
    void jolokiaShowsAWorkflowRoutesCompletedExchangesRising() {
        String slug = "jmx-" + UUID.randomUUID().toString().substring(0, 8);
        long id = api().post("/api/workflows", Map.of("name", slug, "definition", Map.of("id", slug, "initial", "note",
                "states", Map.of("note", Map.of("invoke", Map.of("src", "core.setVariable",
                                "input", Map.of("name", "a", "value", 1)), "onDone", "done"),
                        "done", Map.of("type", "final"))))).json().get("id").asLong();
        String routeMBean = "org.apache.camel:context=oven-workflows,type=routes,name=\"wf." + slug + ".v1\"";
        String read = "/actuator/jolokia/read/" + URLEncoder.encode(routeMBean, StandardCharsets.UTF_8).replace("+", "%20")
                + "/ExchangesCompleted";
        long before = asAdmin(read).json().get("value").asLong();

        for (int n = 0; n < 3; n++) {
            assertThat(api().post("/api/workflows/" + id + "/execute?wait=true", Map.of()).status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> asAdmin(read).json().get("value").asLong() == before + 3);

        // The node is a processor of its own, named after the state.
        String step = "org.apache.camel:context=oven-workflows,type=steps,name=\"wf." + slug + ".v1.note\"";
        JsonNode steps = asAdmin("/actuator/jolokia/read/" + URLEncoder.encode(step, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/ExchangesCompleted").json();
        assertThat(steps.get("status").asInt()).as(steps.toString()).isEqualTo(200);
        assertThat(steps.get("value").asLong()).isEqualTo(3);
    }
}
