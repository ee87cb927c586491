package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** "Retry from the failed node": one request starts a new execution where the failed one stopped. */
class RetryFromFailedNodeIT extends IntegrationTest {

    @Test
    void aFailedExecutionIsRetriedFromItsFailedNodeWithItsContext() {
        String key = "retry-" + UUID.randomUUID();
        Response created = api().post("/api/workflows", """
                {"name":"retry %s","definition":{"initial":"first","states":{
                  "first":{"invoke":{"src":"core.setVariable","input":{"name":"kept","value":"from the first run"},
                    "onDone":"call"}},
                  "call":{"invoke":{"src":"test.flaky","input":{"key":"%s","failures":1},"onDone":"done"}},
                  "done":{"type":"final"}}}}""".formatted(key, key));
        long id = created.json().get("id").asLong();
        JsonNode failed = api().post("/api/workflows/" + id + "/execute?wait=true", "{}").json();
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("currentState").asText()).isEqualTo("call");

        Response retried = api().post("/api/workflow-executions/" + failed.get("id").asLong() + "/retry?wait=true", "{}");
        Response again = api().post("/api/workflow-executions/" + retried.json().get("id").asLong() + "/retry", "{}");

        assertThat(retried.status()).as(retried.text()).isEqualTo(200);
        JsonNode run = retried.json();
        assertThat(run.get("status").asText()).isEqualTo("completed");
        assertThat(run.get("rerunOf").asLong()).isEqualTo(failed.get("id").asLong());
        assertThat(run.get("nodes")).extracting(n -> n.get("nodeId").asText()).containsExactly("call", "done");
        assertThat(run.get("context").get("kept").asText()).isEqualTo("from the first run");
        assertThat(again.status()).as("a completed execution is not retried").isEqualTo(409);
    }
}
