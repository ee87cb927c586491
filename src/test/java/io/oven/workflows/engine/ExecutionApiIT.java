package io.oven.workflows.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class ExecutionApiIT extends IntegrationTest {

    @Autowired
    CamelContext camel;

    @Autowired
    EventBus bus;

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = api();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    /** a gate node, then a marker, then done: the run waits at the gate until the test opens it. */
    static String gated(String gate, String marker) {
        return """
                { "initial": "wait", "states": {
                    "wait": { "invoke": { "src": "test.gate", "input": { "gate": "%s" }, "onDone": "mark" } },
                    "mark": { "invoke": { "src": "core.setVariable", "input": { "name": "ranOn", "value": "%s" }, "onDone": "done" } },
                    "done": { "type": "final" } } }""".formatted(gate, marker);
    }

    static String simple(String marker) {
        return """
                { "initial": "mark", "payloadSchema": [ { "name": "level", "type": "number", "required": true } ],
                  "states": {
                    "mark": { "invoke": { "src": "core.setVariable", "input": { "name": "ranOn", "value": "%s" }, "onDone": "done" } },
                    "done": { "type": "final" } } }""".formatted(marker);
    }

    long create(String name, String definition) {
        Response response = api.post("/api/workflows", "{ \"name\": \"" + name + "\", \"definition\": " + definition + " }");
        assertThat(response.status()).as(response.text()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    JsonNode execution(long id) {
        return api.get("/api/workflow-executions/" + id).json();
    }

    static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(condition::getAsBoolean);
    }

    static List<String> nodeIds(JsonNode execution) {
        List<String> ids = new ArrayList<>();
        execution.get("nodes").forEach(n -> ids.add(n.get("nodeId").asText()));
        return ids;
    }

    @Nested
    class Execute {

        @Test
        void answers202WithTheExecutionIdAndRunsInTheBackground() {
            long id = create("bg " + tag, simple("v1"));

            Response response = api.post("/api/workflows/" + id + "/execute", "{ \"params\": { \"level\": 1 } }");

            assertThat(response.status()).isEqualTo(202);
            long executionId = response.json().get("executionId").asLong();
            await("the run to complete", () -> "completed".equals(execution(executionId).get("status").asText()));
            JsonNode done = execution(executionId);
            assertThat(nodeIds(done)).containsExactly("mark", "done");
            assertThat(done.at("/context/ranOn").asText()).isEqualTo("v1");
            assertThat(done.get("workflowVersion").asInt()).isEqualTo(1);
        }

        @Test
        void refusesParamsThatDoNotMatchThePayloadSchema() {
            long id = create("params " + tag, simple("v1"));

            Response missing = api.post("/api/workflows/" + id + "/execute", "{ \"params\": {} }");
            Response wrongType = api.post("/api/workflows/" + id + "/execute", "{ \"params\": { \"level\": \"high\" } }");
            Response unknownField = api.post("/api/workflows/" + id + "/execute", "{ \"lvl\": 1 }");

            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().at("/details/0/path").asText()).isEqualTo("params.level");
            assertThat(wrongType.status()).isEqualTo(400);
            assertThat(wrongType.json().at("/details/0/message").asText()).contains("number");
            assertThat(unknownField.status()).isEqualTo(400);
            assertThat(unknownField.json().at("/details/0/path").asText()).isEqualTo("lvl");
            assertThat(unknownField.json().at("/details/0/message").asText()).contains("payloadSchema").contains("level");
        }

        /** Oven's editor sends the payload bare: a body without params whose fields the payloadSchema names is the payload. */
        @Test
        void takesThePayloadBareAsOvensEditorSendsIt() {
            long id = create("bare " + tag, simple("v1"));

            Response bare = api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"level\": 4 }");

            assertThat(bare.status()).as(bare.text()).isEqualTo(200);
            assertThat(bare.json().at("/context/level").asInt()).isEqualTo(4);
            Response both = api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"level\": 5, \"strategy\": \"direct\" }");
            assertThat(both.status()).as(both.text()).isEqualTo(200);
            assertThat(both.json().at("/context/level").asInt()).isEqualTo(5);
            assertThat(both.json().at("/context/strategy").isMissingNode()).isTrue();
        }

        @Test
        void answers404ForAnUnknownWorkflowAnd409ForADisabledOne() {
            assertThat(api.post("/api/workflows/987654321/execute", "").status()).isEqualTo(404);

            long id = create("disabled " + tag, simple("v1"));
            api.put("/api/workflows/" + id, "{ \"enabled\": false }");

            Response response = api.post("/api/workflows/" + id + "/execute", "{ \"params\": { \"level\": 1 } }");
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.json().get("error").asText()).contains("disabled");
            String slug = api.get("/api/workflows/" + id).json().get("slug").asText();
            await("the routes to be removed", () -> camel.getRoutes().stream()
                    .noneMatch(r -> r.getRouteId().startsWith("wf." + slug + ".")));
        }

        @Test
        void removesTheRouteOfADeletedWorkflow() {
            long id = create("deleted " + tag, simple("v1"));
            String slug = api.get("/api/workflows/" + id).json().get("slug").asText();
            assertThat(camel.getRoute("wf." + slug + ".v1")).isNotNull();

            api.delete("/api/workflows/" + id);

            assertThat(camel.getRoute("wf." + slug + ".v1")).isNull();
            assertThat(api.post("/api/workflows/" + id + "/execute", "{}").status()).isEqualTo(404);
        }
    }

    @Nested
    class HotReload {

        @Test
        void runningExecutionsFinishOnTheirVersionWhileNewOnesUseTheSavedOne() {
            String gate = "reload-" + tag;
            long id = create("reload " + tag, gated(gate, "v1"));
            String slug = api.get("/api/workflows/" + id).json().get("slug").asText();
            long first = api.post("/api/workflows/" + id + "/execute", "{}").json().get("executionId").asLong();

            Response saved = api.put("/api/workflows/" + id, "{ \"definition\": " + simple("v2") + " }");
            assertThat(saved.json().get("version").asInt()).isEqualTo(2);
            JsonNode second = api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"params\": { \"level\": 2 } }").json();

            assertThat(second.get("status").asText()).isEqualTo("completed");
            assertThat(second.get("workflowVersion").asInt()).isEqualTo(2);
            assertThat(second.at("/context/ranOn").asText()).isEqualTo("v2");
            assertThat(execution(first).get("status").asText()).isEqualTo("running");
            assertThat(camel.getRoute("wf." + slug + ".v1")).as("v1 stays while a run uses it").isNotNull();

            TestNodes.GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();

            await("the first run to finish", () -> "completed".equals(execution(first).get("status").asText()));
            JsonNode firstDone = execution(first);
            assertThat(firstDone.get("workflowVersion").asInt()).isEqualTo(1);
            assertThat(firstDone.at("/context/ranOn").asText()).isEqualTo("v1");
            await("v1's route to be removed", () -> camel.getRoute("wf." + slug + ".v1") == null);
            JsonNode compiled = api.post("/api/workflows/" + id + "/compile", "").json();
            assertThat(compiled.get("routeId").asText()).isEqualTo("wf." + slug + ".v2");
        }

        @Test
        void anInvalidSaveLeavesTheDeployedRouteRunning() {
            long id = create("keep " + tag, simple("v1"));

            Response invalid = api.put("/api/workflows/" + id, "{ \"definition\": { \"initial\": \"x\", \"states\": {} } }");
            JsonNode run = api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"params\": { \"level\": 1 } }").json();

            assertThat(invalid.status()).isEqualTo(400);
            assertThat(run.get("status").asText()).isEqualTo("completed");
            assertThat(run.get("workflowVersion").asInt()).isEqualTo(1);
        }
    }

    @Nested
    class Cancel {

        @Test
        void stopsTheRunAtItsNextNodeBoundary() {
            String gate = "cancel-" + tag;
            long id = create("cancel " + tag, gated(gate, "never"));
            List<Event> events = new CopyOnWriteArrayList<>();
            long executionId = api.post("/api/workflows/" + id + "/execute", "{}").json().get("executionId").asLong();

            try (AutoCloseable ignored = bus.subscribe("workflows.execution.cancelled", events::add)) {
                Response cancel = api.post("/api/workflow-executions/" + executionId + "/cancel", "");
                assertThat(cancel.status()).as("the gate node is still busy").isEqualTo(202);

                TestNodes.GATES.computeIfAbsent(gate, g -> new CountDownLatch(1)).countDown();

                await("the run to be cancelled", () -> "cancelled".equals(execution(executionId).get("status").asText()));
                assertThat(nodeIds(execution(executionId))).containsExactly("wait");
                assertThat(execution(executionId).at("/context/ranOn").isMissingNode()).isTrue();
                await("the cancelled event", () -> !events.isEmpty());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(api.post("/api/workflow-executions/" + executionId + "/cancel", "").status()).isEqualTo(409);
        }

        @Test
        void cancelsAParkedRunAtOnce() {
            long id = create("parked " + tag, """
                    { "initial": "pause", "states": {
                        "pause": { "invoke": { "src": "core.delay", "input": { "ms": 600000 }, "onDone": "done" } },
                        "done": { "type": "final" } } }""");
            JsonNode parked = api.post("/api/workflows/" + id + "/execute?wait=true", "{}").json();
            assertThat(parked.get("status").asText()).isEqualTo("waiting");
            assertThat(parked.get("resumeAt").isNull()).isFalse();

            Response cancel = api.post("/api/workflow-executions/" + parked.get("id").asLong() + "/cancel", "");

            assertThat(cancel.status()).isEqualTo(200);
            assertThat(cancel.json().get("status").asText()).isEqualTo("cancelled");
        }

        @Test
        void answers404ForAnUnknownExecution() {
            assertThat(api.post("/api/workflow-executions/987654321/cancel", "").status()).isEqualTo(404);
            assertThat(api.get("/api/workflow-executions/987654321").status()).isEqualTo(404);
        }
    }

    @Nested
    class ListAndCompile {

        @Test
        void listsExecutionsFilteredByWorkflowAndStatus() {
            long id = create("list " + tag, simple("v1"));
            api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"params\": { \"level\": 1 } }");
            api.post("/api/workflows/" + id + "/execute?wait=true", "{ \"params\": { \"level\": 2 } }");

            Response list = api.get("/api/workflow-executions?filter=" + query("{\"workflowId\":" + id + ",\"status\":\"completed\"}")
                    + "&sort=" + query("[\"id\",\"ASC\"]") + "&range=" + query("[0,0]"));

            assertThat(list.status()).isEqualTo(200);
            assertThat(list.json()).hasSize(1);
            assertThat(list.header("Content-Range")).hasValue("workflow-executions 0-0/2");
            assertThat(list.json().get(0).get("workflowName").asText()).isEqualTo("list " + tag);
            assertThat(api.get("/api/workflow-executions?filter=" + query("{\"status\":\"nope\"}")).status()).isEqualTo(400);
        }

        @Test
        void compilesToCamelYamlWithOneStepPerState() {
            long id = create("compile " + tag, gated("unused-" + tag, "v1"));
            String slug = api.get("/api/workflows/" + id).json().get("slug").asText();

            JsonNode compiled = api.post("/api/workflows/" + id + "/compile", "").json();

            assertThat(compiled.get("deployed").asBoolean()).isTrue();
            String yaml = compiled.get("yaml").asText();
            assertThat(yaml).contains("id: wf." + slug + ".v1", "loop:", "choice:",
                    "id: wf." + slug + ".v1.wait", "id: wf." + slug + ".v1.mark", "id: wf." + slug + ".v1.done");
            // States and outcomes are compared in Java: no Simple expression is left in the route.
            assertThat(yaml).doesNotContain("simple:", "${");
            assertThat(compiled.get("steps")).extracting(s -> s.get("stateId").asText())
                    .containsExactlyInAnyOrder("wait", "mark", "done");
            assertThat(api.post("/api/workflows/987654321/compile", "").status()).isEqualTo(404);
        }
    }
}
