package io.oven.workflows.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Execution history stays bounded: old executions go with their rows, and oversized node values are cut. */
class RetentionIT extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    long run(String definition) {
        Response created = api().post("/api/workflows", "{\"name\":\"retention " + UUID.randomUUID() + "\",\"definition\":"
                + definition + "}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Response done = api().post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true", "{}");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json().get("id").asLong();
    }

    @Test
    void executionsPastTheirAgeGoWithTheirNodeRowsAndRecentOnesStay() {
        String definition = "{\"initial\":\"a\",\"states\":{\"a\":{\"invoke\":{\"src\":\"core.setVariable\","
                + "\"input\":{\"name\":\"x\",\"value\":1},\"onDone\":\"done\"}},\"done\":{\"type\":\"final\"}}}";
        long old = run(definition);
        long recent = run(definition);
        jdbc.update("update workflow_executions set started_at = now() - interval '40 days' where id = ?", old);

        Object removed = camel.requestBody("direct:engine.retention", (Object) null);

        assertThat(((Number) removed).longValue()).isGreaterThanOrEqualTo(1);
        assertThat(api().get("/api/workflow-executions/" + old).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from node_executions where execution_id = ?", Long.class, old))
                .isZero();
        assertThat(api().get("/api/workflow-executions/" + recent).json().get("nodes")).hasSize(2);
    }

    @Test
    void aNodeValueAboveTheBoundIsStoredAsAMarkerWithItsSize() {
        String big = "y".repeat(300_000);
        long id = run("{\"initial\":\"a\",\"states\":{\"a\":{\"invoke\":{\"src\":\"core.setVariable\","
                + "\"input\":{\"name\":\"x\",\"value\":\"" + big + "\"},\"onDone\":\"done\"}},\"done\":{\"type\":\"final\"}}}");

        JsonNode node = api().get("/api/workflow-executions/" + id).json().get("nodes").get(0);

        assertThat(node.get("output").get("truncated").asBoolean()).isTrue();
        assertThat(node.get("output").get("size").asInt()).isGreaterThan(300_000);
        assertThat(node.get("output").get("preview").asText()).hasSize(1000);
    }
}
