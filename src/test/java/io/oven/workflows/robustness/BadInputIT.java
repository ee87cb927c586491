package io.oven.workflows.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a careless or hostile client sends is answered with a clear 4xx in the API's error shape,
 * nothing stored; and a value PostgreSQL cannot store never costs other runs their rows.
 */
class BadInputIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String FINAL_ONLY = "{\"initial\":\"done\",\"states\":{\"done\":{\"type\":\"final\"}}}";

    long workflow(String definition) {
        Response created = api().post("/api/workflows", "{\"name\":\"bad input " + UUID.randomUUID() + "\",\"definition\":"
                + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    static void assertErrorShape(Response response) {
        assertThat(response.header("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = response.json();
        assertThat(body.get("error").asText()).isNotBlank();
        assertThat(body.get("details").isArray()).isTrue();
        assertThat(response.text()).doesNotContain("Exception", "<html", "at io.oven");
    }

    @Test
    void aNulInParamsIsRefusedWithItsPointerAndStartsNothing() {
        long id = workflow(FINAL_ONLY);

        Response refused = api().post("/api/workflows/" + id + "/execute?wait=true", "{\"params\":{\"s\":\"a\\u0000b\"}}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertErrorShape(refused);
        assertThat(refused.json().get("details").get(0).get("path").asText()).isEqualTo("/params/s");
        assertThat(api().get("/api/workflow-executions?filter=" + ApiClient.query("{\"workflowId\":" + id + "}")).json())
                .isEmpty();
    }

    @Test
    void aNulInANameOrDescriptionIsRefusedAndNothingIsStored() {
        String name = "nul " + UUID.randomUUID();
        Response refused = api().post("/api/workflows", "{\"name\":\"" + name + "\\u0000\",\"description\":\"x\\u0000\","
                + "\"definition\":" + FINAL_ONLY + "}");

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertErrorShape(refused);
        assertThat(refused.json().get("details")).extracting(d -> d.get("path").asText()).contains("/name", "/description");
        assertThat(api().get("/api/workflows?filter=" + ApiClient.query("{\"q\":\"" + name + "\"}")).json()).isEmpty();
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] latin1 = "{\"name\":\"caf\u00e9\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Response refused = api().send(api().request("/api/workflows").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));

        assertThat(refused.status()).isEqualTo(400);
        assertErrorShape(refused);
        assertThat(refused.json().get("error").asText()).contains("UTF-8");
    }

    @Test
    void anImageBodyIsRefusedWith415() {
        Response refused = api().send(api().request("/api/workflows").header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{(byte) 0x89, 'P', 'N', 'G'})));

        assertThat(refused.status()).isEqualTo(415);
        assertErrorShape(refused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/workflows/%00", "/api/workflows/..%2f..%2fetc", "/api/workflows/1%2f2",
            "/api/workflow-executions/%00/cancel", "/api/workflows/%2e%2e/x"})
    void anOddPathIdGetsTheErrorShapeNotAnHtmlPage(String path) {
        Response response = api().get(path);

        assertThat(response.status()).isBetween(400, 499);
        assertErrorShape(response);
    }

    @Test
    void aNulProducedByARunNeverCostsOtherRunsTheirRows() throws Exception {
        long nul = workflow("""
                {"initial":"make","states":{
                  "make":{"invoke":{"src":"core.setVariable","input":{"name":"odd","value":"{% 'a\\\\u0000b' %}"},
                    "onDone":"done"}},
                  "done":{"type":"final"}}}""");
        long normal = workflow("""
                {"initial":"one","states":{
                  "one":{"invoke":{"src":"core.setVariable","input":{"name":"n","value":"$.n"},"onDone":"two"}},
                  "two":{"invoke":{"src":"core.transform","input":{"mapping":{"m":"$.n"}},"onDone":"done"}},
                  "done":{"type":"final"}}}""");
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Response>> runs = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                boolean odd = i % 6 == 0;
                String body = "{\"params\":{\"n\":" + i + "}}";
                long id = odd ? nul : normal;
                runs.add(CompletableFuture.supplyAsync(() -> api().post("/api/workflows/" + id + "/execute?wait=true",
                        body), callers));
            }
            int normalRuns = 0;
            for (CompletableFuture<Response> run : runs) {
                Response done = run.get();
                assertThat(done.status()).as(done.text()).isEqualTo(200);
                JsonNode execution = done.json();
                assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("completed");
                if (execution.get("workflowId").asLong() == normal) {
                    normalRuns++;
                    assertThat(execution.get("nodes")).extracting(n -> n.get("nodeId").asText())
                            .containsExactly("one", "two", "done");
                } else {
                    // The NUL is stored as U+FFFD: the row is kept, the character replaced.
                    assertThat(execution.get("context").get("odd").asText()).isEqualTo("a\uFFFDb");
                }
            }
            assertThat(normalRuns).isEqualTo(100);
        } finally {
            callers.shutdownNow();
        }
    }
}
