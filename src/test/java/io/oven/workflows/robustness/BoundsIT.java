package io.oven.workflows.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every resource one user's definition or request can take is bounded, and past a bound is a clear error. */
class BoundsIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode run(String definition) {
        Response created = api().post("/api/workflows", "{\"name\":\"bounds " + UUID.randomUUID() + "\",\"definition\":"
                + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Response done = api().post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true", "{}");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json();
    }

    @Test
    void aJsonataPadPastItsBoundFailsTheNodeAtOnce() {
        JsonNode execution = run("""
                {"initial":"pad","states":{
                  "pad":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":"{% $pad('x', 100000000) %}"},
                    "onDone":"done"}},
                  "done":{"type":"final"}}}""");

        assertThat(execution.get("status").asText()).isEqualTo("failed");
        assertThat(execution.get("error").asText()).contains("$pad", "100000");
    }

    @Test
    void aJsonataValueTooLargeFailsTheNode() {
        JsonNode execution = run("""
                {"initial":"big","states":{
                  "big":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":"{% [1..2000000] %}"},
                    "onDone":"done"}},
                  "done":{"type":"final"}}}""");

        assertThat(execution.get("status").asText()).isEqualTo("failed");
        assertThat(execution.get("error").asText()).contains("larger than");
    }

    @Test
    void aContextGrowingWithoutEndFailsTheRunWithTheBound() {
        String chunk = "x".repeat(20_000);
        JsonNode execution = run("""
                {"initial":"grow","context":{"list":[]},"states":{
                  "grow":{"loop":{"type":"while","maxIterations":100000,
                    "condition":{"params":{"key":"list","operator":"exists"}},"bodyInitial":"add",
                    "bodyStates":{"add":{"invoke":{"src":"core.setVariable","input":{"name":"{% 'k' & $string(index) %}",
                       "value":"CHUNK"},"onDone":"end"}},"end":{"type":"final"}}},
                    "onDone":"done"},
                  "done":{"type":"final"}}}""".replace("CHUNK", chunk));

        assertThat(execution.get("status").asText()).isEqualTo("failed");
        assertThat(execution.get("error").asText()).contains("oven.engine.max-context-size");
        assertThat(execution.get("nodesTotal").asLong()).isLessThan(2_000);
    }

    @Test
    void aTenThousandStateChainIsRefusedAtOnceWithoutCheckingEachState() {
        ObjectNode definition = MAPPER.createObjectNode().put("initial", "s0");
        ObjectNode states = definition.putObject("states");
        for (int i = 0; i < 10_000; i++) {
            states.putObject("s" + i).put("always", i == 9_999 ? "done" : "s" + (i + 1));
        }
        states.putObject("done").put("type", "final");

        Response refused = api().post("/api/workflows", MAPPER.createObjectNode().put("name", "chain " + UUID.randomUUID())
                .set("definition", definition));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("details")).hasSize(1);
        assertThat(refused.json().get("details").get(0).get("message").asText()).contains("oven.engine.max-states");
    }

    @Test
    void aLoopAskingForMoreIterationsThanTheBoundIsRefused() {
        Response refused = api().post("/api/workflows", """
                {"name":"iterations %s","definition":{"initial":"w","states":{
                  "w":{"loop":{"type":"while","maxIterations":1000000000,"condition":{"params":{"key":"x","operator":"exists"}},
                    "bodyInitial":"e","bodyStates":{"e":{"type":"final"}}},"onDone":"done"},
                  "done":{"type":"final"}}}}""".formatted(UUID.randomUUID()));

        assertThat(refused.status()).as(refused.text()).isEqualTo(400);
        assertThat(refused.json().get("details")).anySatisfy(d ->
                assertThat(d.get("path").asText()).isEqualTo("/states/w/loop/maxIterations"));
    }

    @Test
    void aLongRunsDetailIsReadAPageAtATime() {
        JsonNode execution = run("""
                {"initial":"w","states":{
                  "w":{"loop":{"type":"while","maxIterations":1500,"condition":{"params":{"key":"index","operator":"!=",
                    "value":1499}},"bodyInitial":"e","bodyStates":{"e":{"type":"final"}}},"onDone":"done"},
                  "done":{"type":"final"}}}""");
        long id = execution.get("id").asLong();

        JsonNode first = api().get("/api/workflow-executions/" + id).json();
        JsonNode second = api().get("/api/workflow-executions/" + id + "?nodes=" + io.oven.workflows.support.ApiClient
                .query("[1000,1999]")).json();
        Response tooMany = api().get("/api/workflow-executions/" + id + "?nodes=" + io.oven.workflows.support.ApiClient
                .query("[0,5000]"));

        assertThat(first.get("nodes")).hasSize(1000);
        assertThat(first.get("nodesTotal").asLong()).isGreaterThan(1000);
        assertThat(second.get("nodes").size()).isEqualTo((int) first.get("nodesTotal").asLong() - 1000);
        assertThat(tooMany.status()).isEqualTo(400);
    }

    @Test
    void aRetriedEventWithItsIdempotencyKeyIsStoredOnce() {
        String key = UUID.randomUUID().toString();
        String event = "{\"name\":\"robust.event.sent\",\"payload\":{\"n\":1}}";

        Response first = api().send(api().request("/api/events").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)));
        Response again = api().send(api().request("/api/events").header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(java.net.http.HttpRequest.BodyPublishers.ofString(event)));
        Response byId = api().post("/api/events", "{\"id\":\"" + key + "\",\"name\":\"robust.event.sent\",\"payload\":{\"n\":1}}");
        Response other = api().post("/api/events", "{\"id\":\"" + key + "\",\"name\":\"robust.event.other\"}");

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(byId.status()).isEqualTo(200);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(byId.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(other.status()).isEqualTo(409);
        JsonNode stored = api().get("/api/events?filter=" + io.oven.workflows.support.ApiClient.query(
                "{\"name\":\"robust.event.sent\"}") + "&range=" + io.oven.workflows.support.ApiClient.query("[0,999]")).json();
        long copies = 0;
        for (JsonNode e : stored) {
            copies += key.equals(e.get("eventId").asText()) ? 1 : 0;
        }
        assertThat(copies).isEqualTo(1);
    }
}
