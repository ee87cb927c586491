package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** A running or waiting execution pauses at its next node boundary and resumes where it stopped. */
class PauseResumeIT extends IntegrationTest {

    long workflow(String definition) {
        Response created = api().post("/api/workflows", "{\"name\":\"pause " + UUID.randomUUID() + "\",\"definition\":"
                + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    JsonNode execution(long id) {
        return api().get("/api/workflow-executions/" + id).json();
    }

    @Test
    void aRunningExecutionPausesAfterItsNodeAndResumesAtTheNextState() {
        String gate = "pause-" + UUID.randomUUID();
        long id = workflow("""
                {"initial":"hold","states":{
                  "hold":{"invoke":{"src":"test.gate","input":{"gate":"%s"},"onDone":"after"}},
                  "after":{"invoke":{"src":"core.setVariable","input":{"name":"went","value":"on"},"onDone":"done"}},
                  "done":{"type":"final"}}}""".formatted(gate));
        long executionId = api().post("/api/workflows/" + id + "/execute", "{}").json().get("executionId").asLong();
        ApiClient api = api();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "running".equals(execution(executionId).get("status").asText()));

        Response pausing = api.post("/api/workflow-executions/" + executionId + "/pause", "{}");
        TestNodes.GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();

        assertThat(pausing.status()).as(pausing.text()).isEqualTo(200);
        JsonNode paused = Awaitility.await("paused").atMost(Duration.ofSeconds(10))
                .until(() -> execution(executionId), e -> "paused".equals(e.get("status").asText()));
        assertThat(paused.get("currentState").asText()).isEqualTo("after");
        assertThat(paused.get("nodes")).extracting(n -> n.get("nodeId").asText()).containsExactly("hold");
        assertThat(api.post("/api/workflow-executions/" + executionId + "/pause", "{}").status()).isEqualTo(409);

        Response resumed = api.post("/api/workflow-executions/" + executionId + "/resume", "{}");

        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        JsonNode done = Awaitility.await("completed").atMost(Duration.ofSeconds(10))
                .until(() -> execution(executionId), e -> "completed".equals(e.get("status").asText()));
        assertThat(done.get("nodes")).extracting(n -> n.get("nodeId").asText()).containsExactly("hold", "after", "done");
        assertThat(done.get("context").get("went").asText()).isEqualTo("on");
        assertThat(api.post("/api/workflow-executions/" + executionId + "/resume", "{}").status()).isEqualTo(409);
    }

    @Test
    void aWaitingExecutionPausedPastItsTimerWaitsUntilResumed() {
        long id = workflow("""
                {"initial":"wait","states":{
                  "wait":{"after":{"1600":"done"}},
                  "done":{"type":"final"}}}""");
        JsonNode waiting = api().post("/api/workflows/" + id + "/execute?wait=true", "{}").json();
        assertThat(waiting.get("status").asText()).isEqualTo("waiting");
        long executionId = waiting.get("id").asLong();

        assertThat(api().post("/api/workflow-executions/" + executionId + "/pause", "{}").json().get("status").asText())
                .isEqualTo("paused");
        Awaitility.await("the timer is due").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofSeconds(2))
                .until(() -> true);
        assertThat(execution(executionId).get("status").asText()).as("a paused run's timer does not fire").isEqualTo("paused");

        api().post("/api/workflow-executions/" + executionId + "/resume", "{}");

        Awaitility.await("completed").atMost(Duration.ofSeconds(10))
                .until(() -> "completed".equals(execution(executionId).get("status").asText()));
    }
}
