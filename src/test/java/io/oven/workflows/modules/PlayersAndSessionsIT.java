package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.oven.workflows.support.ApiClient.query;
import static org.assertj.core.api.Assertions.assertThat;

class PlayersAndSessionsIT extends IntegrationTest {

    @Autowired
    EventBus bus;

    ApiClient api;
    String tag;
    final List<Event> events = new CopyOnWriteArrayList<>();
    AutoCloseable subscriptions;

    @BeforeEach
    void setUp() {
        api = api();
        tag = UUID.randomUUID().toString().substring(0, 8);
        AutoCloseable players = bus.subscribe("players.", events::add);
        AutoCloseable sessions = bus.subscribe("sessions.", events::add);
        subscriptions = () -> {
            players.close();
            sessions.close();
        };
    }

    @AfterEach
    void tearDown() throws Exception {
        subscriptions.close();
    }

    long player(String name) {
        Response r = api.post("/api/players", "{ \"username\": \"" + name + "\", \"displayName\": \"D " + name + "\" }");
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    List<String> eventNames() {
        return events.stream().map(Event::name).toList();
    }

    @Nested
    class Players {

        @Test
        void createsReadsListsAndUpdatesAPlayerAndAnnouncesEachChange() {
            long id = player("alice-" + tag);

            JsonNode read = api.get("/api/players/" + id).json();
            assertThat(read.get("status").asText()).isEqualTo("active");
            assertThat(read.get("totalPlayTimeSeconds").asLong()).isZero();
            Response list = api.get("/api/players?filter=" + query("{\"q\":\"alice-" + tag + "\"}"));
            assertThat(list.json()).hasSize(1);
            assertThat(list.header("Content-Range")).hasValue("players 0-0/1");

            Response banned = api.put("/api/players/" + id, "{ \"status\": \"banned\" }");

            assertThat(banned.status()).isEqualTo(200);
            assertThat(banned.json().get("status").asText()).isEqualTo("banned");
            assertThat(eventNames()).containsExactly("players.player.created", "players.player.updated",
                    "players.player.banned");
            assertThat(events.get(0).payload().get("id").asLong()).isEqualTo(id);
        }

        @Test
        void refusesADuplicateUsernameWith409() {
            player("bob-" + tag);

            Response again = api.post("/api/players", "{ \"username\": \"bob-" + tag + "\" }");

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.json().get("error").asText()).contains("username");
        }

        @Test
        void reportsEveryInputProblemAtOnce() {
            Response response = api.post("/api/players", "{ \"status\": \"sleeping\", \"displayName\": 5, \"colour\": \"red\" }");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("details")).extracting(d -> d.get("path").asText())
                    .containsExactlyInAnyOrder("status", "displayName", "colour", "username");
        }

        @Test
        void cannotBeDeleted() {
            long id = player("carol-" + tag);

            assertThat(api.delete("/api/players/" + id).status()).isEqualTo(405);
            assertThat(api.get("/api/players/" + id).status()).isEqualTo(200);
        }

        @Test
        void answers404ForAnUnknownPlayer() {
            assertThat(api.get("/api/players/987654321").status()).isEqualTo(404);
            assertThat(api.put("/api/players/987654321", "{ \"status\": \"inactive\" }").status()).isEqualTo(404);
        }
    }

    @Nested
    class Sessions {

        @Test
        void startsListsActiveAndEndsWithNow() {
            long playerId = player("dave-" + tag);
            Response started = api.post("/api/sessions", "{ \"playerId\": " + playerId + ", \"mapId\": 3, "
                    + "\"startTileX\": 4, \"startTileY\": 5 }");
            assertThat(started.status()).as(started.text()).isEqualTo(201);
            long sessionId = started.json().get("id").asLong();
            assertThat(started.json().get("endedAt").isNull()).isTrue();

            JsonNode active = api.get("/api/sessions/active?playerId=" + playerId).json();
            assertThat(active.isArray()).isTrue();
            assertThat(active).extracting(s -> s.get("id").asLong()).containsExactly(sessionId);

            Response ended = api.put("/api/sessions/" + sessionId, "{ \"endedAt\": \"now\", \"endTileX\": 9, "
                    + "\"tilesTraveled\": 12 }");

            assertThat(ended.status()).isEqualTo(200);
            assertThat(ended.json().get("endedAt").asText()).isNotEmpty();
            assertThat(api.get("/api/sessions/active?playerId=" + playerId).json()).isEmpty();
            assertThat(eventNames()).containsSubsequence("sessions.session.started", "sessions.session.ended");
        }

        @Test
        void refusesASessionForAnUnknownPlayerOrWithoutItsFields() {
            Response unknown = api.post("/api/sessions", "{ \"playerId\": 987654321, \"mapId\": 1 }");
            Response missing = api.post("/api/sessions", "{ }");
            Response badTime = api.post("/api/sessions", "{ \"playerId\": 1, \"mapId\": 1, \"startedAt\": \"yesterday\" }");

            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().at("/details/0/message").asText()).contains("does not exist");
            assertThat(missing.json().get("details")).extracting(d -> d.get("path").asText())
                    .containsExactlyInAnyOrder("playerId", "mapId");
            assertThat(badTime.json().get("details")).extracting(d -> d.get("path").asText()).contains("startedAt");
        }

        @Test
        void activeNeedsAPlayerId() {
            Response response = api.get("/api/sessions/active");

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().at("/details/0/path").asText()).isEqualTo("playerId");
        }
    }

    @Nested
    class AsWorkflowNodes {

        @Test
        void aWorkflowEndsAPlayersActiveSessionThroughTheModules() {
            long playerId = player("erin-" + tag);
            api.post("/api/sessions", "{ \"playerId\": " + playerId + ", \"mapId\": 7 }");
            Response workflow = api.post("/api/workflows", """
                    { "name": "end active %s", "definition": {
                      "initial": "check", "payloadSchema": [ { "name": "playerId", "type": "number", "required": true } ],
                      "states": {
                        "check": { "invoke": { "src": "sessions.getActive", "input": { "playerId": "$.playerId" } },
                          "always": [ { "guard": { "params": { "key": "0", "operator": "exists" } }, "target": "end" },
                                      { "target": "done" } ] },
                        "end": { "invoke": { "src": "sessions.update", "input": { "id": "$.0.id", "endedAt": "now" },
                          "outputKey": "ended", "onDone": "done" } },
                        "done": { "type": "final" } } } }""".formatted(tag));
            assertThat(workflow.status()).as(workflow.text()).isEqualTo(201);

            JsonNode run = api.post("/api/workflows/" + workflow.json().get("id").asLong() + "/execute?wait=true",
                    "{ \"params\": { \"playerId\": " + playerId + " } }").json();

            assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
            assertThat(run.get("nodes")).extracting(n -> n.get("nodeId").asText()).containsExactly("check", "end", "done");
            assertThat(run.at("/context/ended/endedAt").asText()).isNotEmpty();
            assertThat(api.get("/api/sessions/active?playerId=" + playerId).json()).isEmpty();
        }
    }

    @Nested
    class Registry {

        @Test
        void listsModulesWithEndpointsEventsAndConfig() {
            JsonNode modules = api.get("/api/modules").json();

            assertThat(modules).extracting(m -> m.get("name").asText()).contains("players", "sessions", "maps", "workflows");
            JsonNode sessions = api.get("/api/modules/sessions").json();
            assertThat(sessions.get("dependencies")).extracting(JsonNode::asText).containsExactly("players");
            assertThat(sessions.get("endpoints")).extracting(e -> e.get("nodeType").asText()).contains("sessions.getActive");
            assertThat(sessions.get("config")).extracting(c -> c.get("key").asText()).contains("SESSION_TTL_SECONDS");
            assertThat(api.get("/api/modules/nope").status()).isEqualTo(404);
        }

        @Test
        void listsNodeTypesWithSchemasAndFilters() {
            JsonNode all = api.get("/api/node-types").json();
            assertThat(all).extracting(t -> t.get("id").asText())
                    .contains("core.log", "core.forEach", "players.create", "sessions.getActive");

            JsonNode apiCalls = api.get("/api/node-types?filter=" + query("{\"category\":\"api-call\",\"module\":\"sessions\"}")).json();
            assertThat(apiCalls).hasSize(5);
            JsonNode getActive = api.get("/api/node-types/sessions.getActive").json();
            assertThat(getActive.get("method").asText()).isEqualTo("GET");
            assertThat(getActive.get("route").asText()).isEqualTo("/api/sessions/active");
            assertThat(getActive.get("inputs").get(0).get("required").asBoolean()).isTrue();
            assertThat(api.get("/api/node-types/nope.nothing").status()).isEqualTo(404);
        }
    }
}
