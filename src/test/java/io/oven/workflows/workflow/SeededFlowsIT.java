package io.oven.workflows.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

/** The Oven flows seeded from routes/workflows/, run end to end against the real modules. */
class SeededFlowsIT extends IntegrationTest {

    ApiClient api;
    long playerId;
    long mapId;
    final List<Long> configs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        api = api();
        playerId = api.post("/api/players", "{ \"username\": \"seed-" + UUID.randomUUID() + "\" }").json().get("id").asLong();
        mapId = api.post("/api/maps", "{ \"name\": \"seed map\" }").json().get("id").asLong();
    }

    @AfterEach
    void cleanUp() {
        configs.forEach(id -> api.delete("/api/module-configs/" + id));
    }

    long workflow(String slug) {
        JsonNode found = api.get("/api/workflows?filter=" + query("{\"q\":\"" + slug + "\"}")).json();
        for (JsonNode w : found) {
            if (w.get("slug").asText().equals(slug)) {
                return w.get("id").asLong();
            }
        }
        throw new AssertionError("seeded workflow " + slug + " not found in " + found);
    }

    JsonNode run(String slug, String params) {
        JsonNode run = api.post("/api/workflows/" + workflow(slug) + "/execute?wait=true", "{ \"params\": " + params + " }").json();
        assertThat(run.get("status").asText()).as("%s: %s", slug, run).isEqualTo("completed");
        return run;
    }

    static List<String> path(JsonNode run) {
        List<String> path = new ArrayList<>();
        run.get("nodes").forEach(n -> path.add(n.get("nodeId").asText()));
        return path;
    }

    @Test
    void playerSpawnStartsANewPlayerAtTheMapsInstanceStartCell() {
        configs.add(api.post("/api/module-configs", "{ \"moduleName\": \"maps\", \"key\": \"START_CELL_POSITION\", "
                + "\"scope\": \"instance\", \"scopeId\": \"" + mapId + "\", \"value\": { \"x\": 5, \"y\": 6 } }").json()
                .get("id").asLong());

        JsonNode run = run("player-spawn", "{ \"playerId\": " + playerId + ", \"mapId\": " + mapId + " }");

        assertThat(path(run)).containsExactly("checkActiveSession", "getAssignment", "resolveStartCell", "spawnAtStartCell",
                "createSession", "keepSessionId", "createAssignment", "keepAssignmentId", "done");
        JsonNode session = api.get("/api/sessions/" + run.at("/context/sessionId").asLong()).json();
        assertThat(session.get("startTileX").asInt()).isEqualTo(5);
        assertThat(session.get("startTileY").asInt()).isEqualTo(6);
        JsonNode assignment = api.get("/api/map-assignments/active?playerId=" + playerId).json();
        assertThat(assignment.get("id").asLong()).isEqualTo(run.at("/context/assignmentId").asLong());
        assertThat(assignment.get("spawnTileX").asInt()).isEqualTo(5);
        assertThat(run.at("/configLookups/0/source").asText()).isEqualTo("instance");
    }

    @Test
    void playerSpawnEndsTheActiveSessionAndSpawnsAtTheSavedPosition() {
        JsonNode first = run("player-spawn", "{ \"playerId\": " + playerId + ", \"mapId\": " + mapId + " }");
        long firstSession = first.at("/context/sessionId").asLong();
        api.put("/api/map-assignments/" + first.at("/context/assignmentId").asLong(),
                "{ \"currentTileX\": 9, \"currentTileY\": 10 }");

        JsonNode second = run("player-spawn", "{ \"playerId\": " + playerId + ", \"mapId\": " + mapId + " }");

        assertThat(path(second)).startsWith("checkActiveSession", "rememberOldSession", "endOldSession", "getAssignment",
                "spawnAtLastPosition", "createSession");
        assertThat(api.get("/api/sessions/" + firstSession).json().get("endedAt").isNull()).isFalse();
        JsonNode session = api.get("/api/sessions/" + second.at("/context/sessionId").asLong()).json();
        assertThat(session.get("startTileX").asInt()).isEqualTo(9);
        assertThat(session.get("startTileY").asInt()).isEqualTo(10);
        assertThat(api.get("/api/sessions/active?playerId=" + playerId).json()).hasSize(1);
    }

    @Test
    void sessionEndEndsTheSessionAndSavesTheLastPosition() {
        JsonNode spawn = run("player-spawn", "{ \"playerId\": " + playerId + ", \"mapId\": " + mapId + " }");
        long sessionId = spawn.at("/context/sessionId").asLong();
        long assignmentId = spawn.at("/context/assignmentId").asLong();

        run("session-end", "{ \"sessionId\": " + sessionId + ", \"assignmentId\": " + assignmentId
                + ", \"endTileX\": 3, \"endTileY\": 4, \"tilesTraveled\": 17 }");

        JsonNode session = api.get("/api/sessions/" + sessionId).json();
        assertThat(session.get("endedAt").isNull()).isFalse();
        assertThat(session.get("tilesTraveled").asInt()).isEqualTo(17);
        assertThat(api.get("/api/map-assignments/" + assignmentId).json().get("currentTileX").asInt()).isEqualTo(3);
    }

    @Test
    void sessionResumeFindsTheActiveSessionOrSaysThereIsNone() {
        JsonNode none = run("session-resume", "{ \"playerId\": " + playerId + " }");
        assertThat(none.at("/context/hasSession").asBoolean()).isFalse();

        JsonNode spawn = run("player-spawn", "{ \"playerId\": " + playerId + ", \"mapId\": " + mapId + " }");
        JsonNode resumed = run("session-resume", "{ \"playerId\": " + playerId + " }");

        assertThat(resumed.at("/context/hasSession").asBoolean()).isTrue();
        assertThat(resumed.at("/context/sessionId").asLong()).isEqualTo(spawn.at("/context/sessionId").asLong());
        assertThat(resumed.at("/context/mapId").asLong()).isEqualTo(mapId);
        assertThat(resumed.at("/context/assignment/id").asLong()).isEqualTo(spawn.at("/context/assignmentId").asLong());
    }
}
