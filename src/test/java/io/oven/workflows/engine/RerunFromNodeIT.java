package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Re-run from any node: an ended execution runs again from a chosen state, with the context that
 * state's node started with (or one given), on its own version or the workflow's current one.
 */
class RerunFromNodeIT extends IntegrationTest {

    static final String FLOW = """
            {"initial":"a","states":{
              "a":{"invoke":{"src":"core.setVariable","input":{"name":"n","value":1},"onDone":"b"}},
              "b":{"invoke":{"src":"core.setVariable","input":{"name":"n","value":"{%% n + 10 %%}"},"onDone":"c"}},
              "c":{"invoke":{"src":"core.setVariable","input":{"name":"label","value":"%s"},"onDone":"done"}},
              "done":{"type":"final"}}}""";

    long workflow(String name) {
        Response created = api().post("/api/workflows", "{\"name\":\"" + name + "\",\"definition\":" + FLOW.formatted("v1") + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    JsonNode rerun(long execution, String body) {
        Response answer = api().post("/api/workflow-executions/" + execution + "/rerun?wait=true", body);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void aCompletedRunRunsAgainFromAnyNodeWithTheContextItStartedWith() {
        long id = workflow("rerun " + UUID.randomUUID());
        JsonNode first = api().post("/api/workflows/" + id + "/execute?wait=true", "{}").json();
        assertThat(first.at("/context/n").asInt()).isEqualTo(11);
        long execution = first.get("id").asLong();
        assertThat(first.at("/nodes/1/contextBefore/n").asInt()).as("b started with n = 1").isEqualTo(1);

        JsonNode fromB = rerun(execution, "{\"from\":\"b\"}");
        assertThat(fromB.get("rerunOf").asLong()).isEqualTo(execution);
        assertThat(fromB.get("nodes")).extracting(n -> n.get("nodeId").asText()).containsExactly("b", "c", "done");
        assertThat(fromB.at("/context/n").asInt()).as("b ran on n = 1 again, not on the 11 the run ended with").isEqualTo(11);

        JsonNode edited = rerun(execution, "{\"from\":\"b\",\"context\":{\"n\":100}}");
        assertThat(edited.at("/context/n").asInt()).isEqualTo(110);

        // The workflow changes; a re-run can take the new version or keep the old.
        assertThat(api().put("/api/workflows/" + id, "{\"definition\":" + FLOW.formatted("v2") + "}").status()).isEqualTo(200);
        assertThat(rerun(execution, "{\"from\":\"c\"}").at("/context/label").asText()).isEqualTo("v1");
        JsonNode current = rerun(execution, "{\"from\":\"c\",\"version\":\"current\"}");
        assertThat(current.at("/context/label").asText()).isEqualTo("v2");
        assertThat(current.get("workflowVersion").asInt()).isEqualTo(2);
    }

    @Test
    void badRequestsNameWhatIsWrong() {
        long id = workflow("rerun bad " + UUID.randomUUID());
        long execution = api().post("/api/workflows/" + id + "/execute?wait=true", "{}").json().get("id").asLong();

        Response bad = api().post("/api/workflow-executions/" + execution + "/rerun",
                "{\"from\":7,\"version\":\"newest\",\"context\":[1],\"extra\":true}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details").findValuesAsText("path")).contains("from", "version", "context", "extra");

        Response unknown = api().post("/api/workflow-executions/" + execution + "/rerun", "{\"from\":\"nowhere\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("details").findValuesAsText("path")).contains("from");

        Response running = api().post("/api/workflow-executions/" + execution + "/rerun", "{\"from\":\"a\",\"context\":{}}");
        assertThat(running.status()).isEqualTo(202);
        assertThat(api().post("/api/workflow-executions/987654321/rerun", "{\"from\":\"a\"}").status()).isEqualTo(404);
    }
}
