package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test a step ({@code POST /api/workflows/:id/test-step}) runs one node of the live version with
 * a given context and records nothing; a test run ({@code "test": true}) uses the outputs pinned
 * on nodes ({@code meta.pinned.output}) and says so in their rows, a production run never does.
 */
class TestStepAndPinsIT extends IntegrationTest {

    long workflow;
    long player;
    String username;

    @BeforeEach
    void workflowReadingAPlayer() {
        username = "step-" + UUID.randomUUID().toString().substring(0, 8);
        player = api().post("/api/players", Map.of("username", username)).json().get("id").asLong();
        workflow = api().post("/api/workflows", """
                {"name": "Step %s", "definition": {"initial": "look",
                  "payloadSchema": [{"name": "playerId", "type": "number", "required": true}],
                  "states": {
                    "look": {"invoke": {"src": "players.get", "input": {"id": "$.playerId"}}, "onDone": "greet",
                             "meta": {"pinned": {"output": {"id": 0, "username": "pinned-name"}}}},
                    "greet": {"invoke": {"src": "core.setVariable", "input": {"name": "greeting", "value": "$.look_output.username"}},
                              "onDone": "done"},
                    "done": {"type": "final"}}}}
                """.formatted(username)).json().get("id").asLong();
    }

    ApiClient.Response testStep(Object body) {
        return api().post("/api/workflows/" + workflow + "/test-step", body);
    }

    long executions() {
        return api().get("/api/workflow-executions?filter=" + ApiClient.query("{\"workflowId\":" + workflow + "}")
                + "&range=" + ApiClient.query("[0,0]")).header("Content-Range").map(r -> Long.parseLong(r.substring(r.indexOf('/') + 1)))
                .orElseThrow();
    }

    @Test
    void aStepRunsWithTheContextGivenAndRecordsNothing() {
        ApiClient.Response answer = testStep(Map.of("state", "look", "context", Map.of("playerId", player)));

        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("status").asText()).isEqualTo("completed");
        assertThat(json.get("nodeType").asText()).isEqualTo("players.get");
        assertThat(json.at("/input/id").asLong()).isEqualTo(player);
        assertThat(json.at("/output/username").asText()).as("the real node ran, not its pin").isEqualTo(username);
        assertThat(json.at("/context/look_output/username").asText()).isEqualTo(username);
        assertThat(json.at("/context/playerId").asLong()).isEqualTo(player);
        assertThat(json.get("durationMs").asDouble()).isPositive();
        assertThat(executions()).as("a test step is no execution").isZero();
    }

    @Test
    void aFailingStepAnswersItsErrorWithTheApisDetail() {
        JsonNode json = testStep(Map.of("state", "look", "context", Map.of("playerId", 987_654_321))).json();

        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.at("/error/status").asInt()).isEqualTo(404);
        assertThat(json.at("/error/message").asText()).isNotBlank();
        assertThat(json.at("/input/id").asLong()).isEqualTo(987_654_321L);
    }

    @Test
    void aDryRunCallsNoApi() {
        JsonNode json = testStep(Map.of("state", "look", "context", Map.of("playerId", 987_654_321), "strategy", "none")).json();

        assertThat(json.get("status").asText()).as("a missing player is not looked up in a dry run").isEqualTo("completed");
        assertThat(json.get("strategy").asText()).isEqualTo("none");
    }

    @Test
    void badRequestsAreFourHundredsWithTheirPointer() {
        assertThat(problems(testStep(Map.of("state", "nowhere")))).containsEntry("state",
                "'nowhere' is not a state of version 1");
        assertThat(problems(testStep(Map.of("state", "done")))).containsKey("state");
        assertThat(problems(testStep(Map.of("state", "look", "context", List.of(1))))).containsKey("context");
        assertThat(problems(testStep(Map.of("state", "look", "strategy", "fast")))).containsKey("strategy");
        assertThat(problems(testStep(Map.of("state", "look", "extra", 1)))).containsKey("extra");
        assertThat(problems(testStep(Map.of()))).containsKey("state");
        assertThat(api().post("/api/workflows/987654321/test-step", Map.of("state", "look")).status()).isEqualTo(404);
        assertThat(api().withToken(null).post("/api/workflows/" + workflow + "/test-step", Map.of("state", "look"))
                .status()).as("anonymous").isEqualTo(401);
    }

    @Test
    void aTestRunUsesThePinAndAProductionRunDoesNot() {
        JsonNode test = api().post("/api/workflows/" + workflow + "/execute?wait=true",
                Map.of("params", Map.of("playerId", player), "test", true)).json();
        assertThat(test.get("status").asText()).isEqualTo("completed");
        assertThat(test.get("test").asBoolean()).isTrue();
        assertThat(test.at("/context/greeting").asText()).isEqualTo("pinned-name");
        JsonNode look = node(test, "look");
        assertThat(look.get("status").asText()).isEqualTo("pinned");
        assertThat(look.at("/output/username").asText()).isEqualTo("pinned-name");
        assertThat(node(test, "greet").get("status").asText()).isEqualTo("completed");

        JsonNode production = api().post("/api/workflows/" + workflow + "/execute?wait=true",
                Map.of("params", Map.of("playerId", player))).json();
        assertThat(production.get("test").asBoolean()).isFalse();
        assertThat(production.at("/context/greeting").asText()).isEqualTo(username);
        assertThat(node(production, "look").get("status").asText()).isEqualTo("completed");

        assertThat(problems(api().post("/api/workflows/" + workflow + "/execute",
                Map.of("params", Map.of("playerId", player), "test", "yes")))).containsKey("test");
    }

    @Test
    void statsCountRunsByDayAndTimeEachNode() {
        for (int i = 0; i < 2; i++) {
            api().post("/api/workflows/" + workflow + "/execute?wait=true", Map.of("params", Map.of("playerId", player)));
        }
        api().post("/api/workflows/" + workflow + "/execute?wait=true", Map.of("params", Map.of("playerId", 987_654_321)));

        JsonNode stats = api().get("/api/workflows/" + workflow + "/stats?days=7").json();
        assertThat(stats.get("days").asInt()).isEqualTo(7);
        JsonNode today = stats.get("runs").get(stats.get("runs").size() - 1);
        assertThat(today.get("completed").asInt()).isEqualTo(2);
        assertThat(today.get("failed").asInt()).isEqualTo(1);
        JsonNode look = null;
        for (JsonNode n : stats.get("nodes")) {
            if (n.get("nodeId").asText().equals("look")) {
                look = n;
            }
        }
        assertThat(look).isNotNull();
        assertThat(look.get("runs").asInt()).isEqualTo(3);
        assertThat(look.get("failed").asInt()).isEqualTo(1);
        assertThat(look.get("p95Ms").asDouble()).isGreaterThanOrEqualTo(look.get("p50Ms").asDouble());

        assertThat(problems(api().get("/api/workflows/" + workflow + "/stats?days=0"))).containsKey("days");
        assertThat(problems(api().get("/api/workflows/" + workflow + "/stats?days=many"))).containsKey("days");
        assertThat(api().get("/api/workflows/987654321/stats").status()).isEqualTo(404);

        // The list says where each run's time went: its slowest nodes.
        JsonNode listed = api().get("/api/workflow-executions?filter=" + ApiClient.query("{\"workflowId\":" + workflow + "}"))
                .json().get(0);
        assertThat(listed.get("nodeTimes").isArray()).isTrue();
        assertThat(listed.get("nodeTimes").get(0).has("nodeId")).isTrue();
    }

    static JsonNode node(JsonNode execution, String id) {
        for (JsonNode n : execution.get("nodes")) {
            if (n.get("nodeId").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no row of " + id + " in " + execution);
    }

    static Map<String, String> problems(ApiClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        response.json().get("details").forEach(d -> out.put(d.get("path").asText(), d.get("message").asText()));
        return out;
    }
}
