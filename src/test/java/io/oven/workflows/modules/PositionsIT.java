package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class PositionsIT extends IntegrationTest {

    @Autowired
    EventBus bus;

    ApiClient api;
    long playerId;

    @BeforeEach
    void setUp() {
        api = api();
        Response player = api.post("/api/players", "{ \"username\": \"pos-" + UUID.randomUUID() + "\" }");
        playerId = player.json().get("id").asLong();
    }

    @Test
    void aNewAssignmentEndsThePreviousOneAndActiveAnswersOneObjectOrNull() throws Exception {
        List<Event> events = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = bus.subscribe("position.", events::add)) {
            assertThat(api.get("/api/map-assignments/active?playerId=" + playerId).text()).isEqualTo("null");

            long first = api.post("/api/map-assignments", "{ \"playerId\": " + playerId + ", \"mapId\": 1, "
                    + "\"spawnTileX\": 0, \"spawnTileY\": 0 }").json().get("id").asLong();
            Response second = api.post("/api/map-assignments", "{ \"playerId\": " + playerId + ", \"mapId\": 2 }");

            assertThat(second.status()).isEqualTo(201);
            JsonNode active = api.get("/api/map-assignments/active?playerId=" + playerId).json();
            assertThat(active.isObject()).isTrue();
            assertThat(active.get("id").asLong()).isEqualTo(second.json().get("id").asLong());
            JsonNode previous = api.get("/api/map-assignments/" + first).json();
            assertThat(previous.get("isActive").asBoolean()).isFalse();
            assertThat(previous.get("leftAt").isNull()).isFalse();
            assertThat(events).extracting(Event::name).containsExactly("position.player.assigned",
                    "position.player.left", "position.player.assigned");
        }
    }

    @Test
    void updatesTheCurrentTileOfAnAssignment() {
        long id = api.post("/api/map-assignments", "{ \"playerId\": " + playerId + ", \"mapId\": 1 }").json()
                .get("id").asLong();

        Response moved = api.put("/api/map-assignments/" + id, "{ \"currentTileX\": 5, \"currentTileY\": 6 }");

        assertThat(moved.json().get("currentTileX").asInt()).isEqualTo(5);
        assertThat(api.put("/api/map-assignments/" + id, "{ \"isActive\": false }").status()).isEqualTo(200);
        assertThat(api.put("/api/map-assignments/987654321", "{ \"currentTileX\": 1 }").status()).isEqualTo(404);
    }

    @Test
    void recordsPositionsAndListsThemByPlayer() {
        Response recorded = api.post("/api/player-positions", "{ \"playerId\": " + playerId + ", \"mapId\": 1, "
                + "\"tileX\": 3, \"tileY\": 4, \"worldX\": 1.5 }");

        assertThat(recorded.status()).isEqualTo(201);
        Response list = api.get("/api/player-positions?filter=" + query("{\"playerId\":" + playerId + "}"));
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("worldX").asDouble()).isEqualTo(1.5);
        Response missing = api.post("/api/player-positions", "{ \"playerId\": " + playerId + " }");
        assertThat(missing.json().get("details")).extracting(d -> d.get("path").asText())
                .containsExactlyInAnyOrder("mapId", "tileX", "tileY");
    }

    @Test
    void visitingAChunkAgainCountsAnotherVisit() {
        String chunk = "{ \"playerId\": " + playerId + ", \"mapId\": 1, \"chunkX\": 2, \"chunkY\": -1 }";

        JsonNode first = api.post("/api/visited-chunks", chunk).json();
        JsonNode second = api.post("/api/visited-chunks", chunk).json();

        assertThat(first.get("visitCount").asInt()).isEqualTo(1);
        assertThat(second.get("visitCount").asInt()).isEqualTo(2);
        assertThat(second.get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(api.post("/api/visited-chunks", "{ \"playerId\": 987654321, \"mapId\": 1, \"chunkX\": 0, "
                + "\"chunkY\": 0 }").status()).isEqualTo(400);
    }
}
