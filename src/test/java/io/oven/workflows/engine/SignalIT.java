package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Human approval as a wait for a signal: the run parks, a signal resumes it, a timeout ends the wait. */
class SignalIT extends IntegrationTest {

    static final String APPROVAL = """
            {"initial":"ask","states":{
              "ask":{"on":{"approve":"approved","reject":"rejected"},"after":{"%d":"expired"}},
              "approved":{"invoke":{"src":"core.setVariable","input":{"name":"by","value":"$.approver"},"onDone":"done"}},
              "rejected":{"type":"final"},
              "expired":{"type":"final"},
              "done":{"type":"final"}}}""";

    long start(long timeoutMs) {
        Response created = api().post("/api/workflows", "{\"name\":\"approval " + UUID.randomUUID() + "\",\"definition\":"
                + APPROVAL.formatted(timeoutMs) + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        JsonNode waiting = api().post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true", "{}")
                .json();
        assertThat(waiting.get("status").asText()).as(waiting.toString()).isEqualTo("waiting");
        assertThat(waiting.get("currentState").asText()).isEqualTo("ask");
        return waiting.get("id").asLong();
    }

    JsonNode ended(long id) {
        return Awaitility.await("execution " + id + " ends").atMost(Duration.ofSeconds(15))
                .until(() -> api().get("/api/workflow-executions/" + id).json(),
                        e -> e.get("status").asText().matches("completed|failed|cancelled"));
    }

    @Test
    void aSignalResumesTheRunAtItsTargetWithItsPayload() {
        long id = start(600_000);

        Response wrong = api().post("/api/workflow-executions/" + id + "/signal", "{\"name\":\"maybe\"}");
        Response signalled = api().post("/api/workflow-executions/" + id + "/signal",
                "{\"name\":\"approve\",\"payload\":{\"approver\":\"ann\"}}");

        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.json().get("error").asText()).contains("approve", "reject");
        assertThat(signalled.status()).as(signalled.text()).isEqualTo(200);
        JsonNode done = ended(id);
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("currentState").asText()).isEqualTo("done");
        assertThat(done.get("context").get("by").asText()).isEqualTo("ann");
        assertThat(api().post("/api/workflow-executions/" + id + "/signal", "{\"name\":\"approve\"}").status())
                .as("the run no longer waits").isEqualTo(409);
    }

    @Test
    void withoutASignalTheTimeoutEndsTheWait() {
        long id = start(1600);

        JsonNode done = ended(id);

        assertThat(done.get("currentState").asText()).isEqualTo("expired");
        assertThat(api().post("/api/workflow-executions/" + id + "/signal", "{\"name\":\"approve\"}").status())
                .isEqualTo(409);
    }

    @Test
    void aWaitInsideARegionIsRefusedAtSave() {
        Response refused = api().post("/api/workflows", """
                {"name":"nested wait %s","definition":{"initial":"fork","states":{
                  "fork":{"type":"parallel","onDone":"done","states":{"r":{"initial":"w","states":{
                    "w":{"on":{"go":"e"}},"e":{"type":"final"}}}}},
                  "done":{"type":"final"}}}}""".formatted(UUID.randomUUID()));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("details")).extracting(d -> d.get("path").asText())
                .contains("/states/fork/states/r/states/w/on");
    }
}
