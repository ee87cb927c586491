package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A definition written with Oven's node ids saves and runs: they are aliases of ours. */
class OvenNodeIdsIT extends IntegrationTest {

    @Test
    void ovensIdsAreListedAsAliasesAndRunAsTheNodesTheyName() {
        ApiClient api = api();
        JsonNode alias = api.get("/api/node-types/maps.chunks.get").json();
        assertThat(alias.get("aliasOf").asText()).isEqualTo("maps.chunks.list");
        assertThat(alias.get("inputs")).isEqualTo(api.get("/api/node-types/maps.chunks.list").json().get("inputs"));
        for (String oven : new String[]{"maps.chunks.upsert", "maps.generate", "positions.record", "positions.visitedChunks.record"}) {
            assertThat(api.get("/api/node-types/" + oven).status()).as(oven).isEqualTo(200);
        }
        assertThat(api.get("/api/node-types/maps.chunks.list").json().path("aliasOf").isTextual()).isFalse();

        long map = api.post("/api/maps", "{ \"name\": \"oven ids " + UUID.randomUUID() + "\" }").json().get("id").asLong();
        ApiClient.Response created = api.post("/api/workflows", """
                { "name": "oven ids %s", "definition": { "initial": "chunks", "states": {
                    "chunks": { "invoke": { "src": "maps.chunks.get", "input": { "id": %d }, "outputKey": "chunks",
                                "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(UUID.randomUUID(), map));
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        JsonNode run = api.post("/api/workflows/" + created.json().get("id").asLong() + "/execute?wait=true", "{}").json();

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(run.at("/nodes/0/nodeType").asText()).isEqualTo("maps.chunks.get");
        // Oven keeps the category in its node rows: here it is a field of its own.
        assertThat(run.at("/nodes/0/nodeCategory").asText()).isEqualTo("api-call");
        assertThat(run.at("/context/chunks").isArray()).as(run.toString()).isTrue();
    }
}
