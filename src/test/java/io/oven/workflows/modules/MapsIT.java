package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class MapsIT extends IntegrationTest {

    ApiClient api;
    String tag;

    @BeforeEach
    void setUp() {
        api = api();
        tag = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void tilesHaveAUniqueSmallId() {
        int tileId = ThreadLocalRandom.current().nextInt(1, 32000);
        Response created = api.post("/api/tiles", "{ \"tileId\": " + tileId + ", \"name\": \"grass " + tag + "\", "
                + "\"colorHex\": \"#33aa55\", \"category\": \"ground\" }");

        assertThat(created.status()).isEqualTo(201);
        assertThat(api.post("/api/tiles", "{ \"tileId\": " + tileId + ", \"name\": \"again\" }").status()).isEqualTo(409);
        long id = created.json().get("id").asLong();
        assertThat(api.put("/api/tiles/" + id, "{ \"flags\": 3 }").json().get("flags").asInt()).isEqualTo(3);
        assertThat(api.post("/api/tiles", "{ \"tileId\": 40000, \"name\": \"too big\" }").status()).isEqualTo(400);
        assertThat(api.delete("/api/tiles/" + id).status()).isEqualTo(200);
        assertThat(api.get("/api/tiles/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/tiles/" + id).status()).isEqualTo(404);
    }

    /** Oven's maps.worldConfigs.delete and maps.maps.delete: a map goes with its chunks; a config a map uses stays. */
    @Test
    void mapsAndWorldConfigsCanBeDeletedButNotAConfigAMapUses() {
        long config = api.post("/api/world-configs", "{ \"name\": \"doomed " + tag + "\" }").json().get("id").asLong();
        long map = api.post("/api/maps", "{ \"name\": \"doomed " + tag + "\", \"mode\": \"fixed\", \"seed\": 7, "
                + "\"worldConfigId\": " + config + " }").json().get("id").asLong();
        api.post("/api/maps/" + map + "/chunks", "{ \"chunkX\": 0, \"chunkY\": 0, \"layerData\": \"AA==\" }");

        Response inUse = api.delete("/api/world-configs/" + config);
        assertThat(inUse.status()).as(inUse.text()).isEqualTo(409);
        assertThat(api.delete("/api/maps/" + map).status()).isEqualTo(200);
        assertThat(api.get("/api/maps/" + map).status()).isEqualTo(404);
        assertThat(api.get("/api/maps/" + map + "/chunks").status()).isEqualTo(404);
        assertThat(api.delete("/api/world-configs/" + config).status()).isEqualTo(200);
        assertThat(api.delete("/api/world-configs/" + config).status()).isEqualTo(404);
        assertThat(api.get("/api/node-types/maps.maps.delete").status()).isEqualTo(200);
    }

    @Test
    void activatingAWorldConfigDeactivatesTheOthers() {
        long first = api.post("/api/world-configs", "{ \"name\": \"first " + tag + "\", \"mapMode\": \"fixed\" }").json()
                .get("id").asLong();
        long second = api.post("/api/world-configs", "{ \"name\": \"second " + tag + "\" }").json().get("id").asLong();

        api.post("/api/world-configs/" + first + "/activate", "");
        Response activated = api.post("/api/world-configs/" + second + "/activate", "");

        assertThat(activated.json().get("isActive").asBoolean()).isTrue();
        assertThat(api.get("/api/world-configs/" + first).json().get("isActive").asBoolean()).isFalse();
        assertThat(api.get("/api/world-configs?filter=" + query("{\"isActive\":true}")).json()).hasSize(1);
        assertThat(api.get("/api/world-configs/active").json().get("id").asLong()).isEqualTo(second);
        assertThat(api.post("/api/world-configs/987654321/activate", "").status()).isEqualTo(404);
        assertThat(api.post("/api/world-configs", "{ \"name\": \"bad " + tag + "\", \"mapMode\": \"round\" }").status())
                .isEqualTo(400);
    }

    @Test
    void generatesChunksWithinBoundsAndVersionsSavedChunks() {
        Response map = api.post("/api/maps", "{ \"name\": \"island " + tag + "\", \"mode\": \"fixed\", \"seed\": 42, "
                + "\"bounds\": { \"minX\": 0, \"maxX\": 2, \"minY\": -1, \"maxY\": 1 } }");
        assertThat(map.status()).as(map.text()).isEqualTo(201);
        long id = map.json().get("id").asLong();

        JsonNode generated = api.post("/api/maps/" + id + "/generate", "").json();
        assertThat(generated.get("generated").asInt()).isEqualTo(9);
        assertThat(api.post("/api/maps/" + id + "/generate", "").json().get("generated").asInt()).isZero();
        Response chunks = api.get("/api/maps/" + id + "/chunks?range=" + query("[0,99]"));
        assertThat(chunks.json()).hasSize(9);
        assertThat(chunks.header("Content-Range")).hasValue("chunks 0-8/9");

        JsonNode saved = api.post("/api/maps/" + id + "/chunks", "{ \"chunkX\": 0, \"chunkY\": 0, \"layerData\": \"AAEC\" }").json();
        assertThat(saved.get("version").asInt()).isEqualTo(2);
        assertThat(api.get("/api/maps/" + id).json().get("totalChunks").asInt()).isEqualTo(9);
        assertThat(api.post("/api/maps/" + id + "/chunks", "{ \"chunkX\": 0, \"chunkY\": 0, \"layerData\": \"%%%\" }")
                .status()).isEqualTo(400);
    }

    @Test
    void refusesToGenerateAMapWithoutBounds() {
        long id = api.post("/api/maps", "{ \"name\": \"open " + tag + "\" }").json().get("id").asLong();

        Response response = api.post("/api/maps/" + id + "/generate", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().at("/details/0/path").asText()).startsWith("bounds.");
    }

    @Test
    void theGameModulesOfferAtLeast35ApiCallNodes() {
        JsonNode apiCalls = api.get("/api/node-types?filter=" + query("{\"category\":\"api-call\"}")).json();

        long gameNodes = 0;
        for (JsonNode type : apiCalls) {
            if (List.of("players", "sessions", "positions", "maps").contains(type.get("module").asText())) {
                gameNodes++;
            }
        }
        assertThat(gameNodes).isGreaterThanOrEqualTo(35);
        apiCalls.forEach(type -> {
            assertThat(type.get("method").asText()).isNotEmpty();
            assertThat(type.get("route").asText()).startsWith("/api/");
            assertThat(type.has("outputs")).isTrue();
        });
    }
}
