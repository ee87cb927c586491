package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The 3-tier config through its API, and as workflows see it. Each test cleans up its rows. */
class ConfigIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    ApiClient api;
    final List<Long> created = new ArrayList<>();
    String scope;

    @BeforeEach
    void setUp() {
        api = api();
        scope = Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    @AfterEach
    void cleanUp() {
        created.forEach(id -> api.delete("/api/module-configs/" + id));
    }

    long row(String json) {
        Response r = api.post("/api/module-configs", json);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        created.add(id);
        return id;
    }

    JsonNode resolve(String module, String key, String scopeId) {
        return api.get("/api/module-configs/resolve?moduleName=" + module + "&key=" + key
                + (scopeId == null ? "" : "&scopeId=" + scopeId)).json();
    }

    @Test
    void resolvesInstanceThenModuleThenDefault() {
        assertThat(resolve("maps", "DEFAULT_SPAWN_RADIUS", scope).get("source").asText()).isEqualTo("default");
        assertThat(resolve("maps", "DEFAULT_SPAWN_RADIUS", scope).get("value").asInt()).isEqualTo(2);

        row("{ \"moduleName\": \"maps\", \"key\": \"DEFAULT_SPAWN_RADIUS\", \"value\": 4 }");
        JsonNode module = resolve("maps", "DEFAULT_SPAWN_RADIUS", scope);
        assertThat(module.get("source").asText()).isEqualTo("module");
        assertThat(module.get("value").asInt()).isEqualTo(4);

        row("{ \"moduleName\": \"maps\", \"key\": \"DEFAULT_SPAWN_RADIUS\", \"scope\": \"instance\", \"scopeId\": \""
                + scope + "\", \"value\": 9 }");
        JsonNode instance = resolve("maps", "DEFAULT_SPAWN_RADIUS", scope);
        assertThat(instance.get("source").asText()).isEqualTo("instance");
        assertThat(instance.get("value").asInt()).isEqualTo(9);
        assertThat(resolve("maps", "DEFAULT_SPAWN_RADIUS", "other-" + scope).get("source").asText()).isEqualTo("module");
    }

    @Test
    void resolvesManyKeysAtOnce() {
        JsonNode batch = api.post("/api/module-configs/resolve", "{ \"moduleName\": \"sessions\", "
                + "\"keys\": [\"SESSION_TTL_SECONDS\", \"SESSION_WARNING_SECONDS\"] }").json();

        assertThat(batch).extracting(b -> b.get("value").asInt()).containsExactly(300, 240);
        JsonNode lookups = api.post("/api/module-configs/resolve", "{ \"lookups\": [ { \"moduleName\": \"maps\", "
                + "\"key\": \"MAX_DISCOVERY_CHUNKS\" } ] }").json();
        assertThat(lookups.get(0).get("source").asText()).isEqualTo("default");
    }

    @Test
    void refusesDuplicatesUnknownKeysAndWrongTypes() {
        String body = "{ \"moduleName\": \"sessions\", \"key\": \"SESSION_TTL_SECONDS\", \"value\": 600 }";
        row(body);

        assertThat(api.post("/api/module-configs", body).status()).isEqualTo(409);
        Response wrong = api.post("/api/module-configs", "{ \"moduleName\": \"sessions\", \"key\": \"NOPE\", \"value\": 1 }");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().at("/details/0/path").asText()).isEqualTo("key");
        Response type = api.post("/api/module-configs", "{ \"moduleName\": \"maps\", \"key\": \"START_CELL_POSITION\", "
                + "\"value\": \"center\" }");
        assertThat(type.json().at("/details/0/message").asText()).contains("object");
        Response scopeMissing = api.post("/api/module-configs", "{ \"moduleName\": \"maps\", \"key\": \"START_CELL_POSITION\", "
                + "\"scope\": \"instance\", \"value\": {\"x\":1,\"y\":1} }");
        assertThat(scopeMissing.json().at("/details/0/path").asText()).isEqualTo("scopeId");
        Response notInstance = api.post("/api/module-configs", "{ \"moduleName\": \"sessions\", \"key\": \"SESSION_TTL_SECONDS\", "
                + "\"scope\": \"instance\", \"scopeId\": \"1\", \"value\": 5 }");
        assertThat(notInstance.json().at("/details/0/message").asText()).contains("not instance-scoped");
        assertThat(api.get("/api/module-configs/resolve?moduleName=maps&key=NOPE").status()).isEqualTo(404);
        assertThat(api.get("/api/module-configs/resolve?key=X").status()).isEqualTo(400);
    }

    @Test
    void updatesAndDeletesARow() {
        long id = row("{ \"moduleName\": \"maps\", \"key\": \"MAX_DISCOVERY_CHUNKS\", \"value\": 50 }");

        Response updated = api.put("/api/module-configs/" + id, "{ \"value\": 60, \"description\": \"smaller\" }");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(resolve("maps", "MAX_DISCOVERY_CHUNKS", null).get("value").asInt()).isEqualTo(60);
        assertThat(api.delete("/api/module-configs/" + id).status()).isEqualTo(200);
        created.remove(Long.valueOf(id));
        assertThat(api.get("/api/module-configs/" + id).status()).isEqualTo(404);
        assertThat(resolve("maps", "MAX_DISCOVERY_CHUNKS", null).get("source").asText()).isEqualTo("default");
    }

    @Test
    void anInstanceStartCellReachesAWorkflowWithItsSourceRecorded() {
        row("{ \"moduleName\": \"maps\", \"key\": \"START_CELL_POSITION\", \"scope\": \"instance\", \"scopeId\": \""
                + scope + "\", \"value\": { \"x\": 7, \"y\": 8 } }");
        long workflow = api.post("/api/workflows", """
                { "name": "start cell %s", "definition": { "initial": "cfg", "states": {
                    "cfg": { "invoke": { "src": "core.resolveConfig", "input": { "moduleName": "maps",
                             "key": "START_CELL_POSITION", "scopeId": "$.mapId" }, "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(scope)).json().get("id").asLong();

        JsonNode run = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{ \"params\": { \"mapId\": \""
                + scope + "\" } }").json();

        assertThat(run.at("/context/value/x").asInt()).isEqualTo(7);
        assertThat(run.at("/configLookups/0/source").asText()).isEqualTo("instance");
        assertThat(run.at("/configLookups/0/scopeId").asText()).isEqualTo(scope);
    }

    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void aSecretIsMaskedInTheApiAndInWhatAnExecutionRecords(org.springframework.boot.test.system.CapturedOutput output) {
        long id = row("{ \"moduleName\": \"sessions\", \"key\": \"SESSION_WARNING_SECONDS\", \"value\": 4242, \"secret\": true }");
        assertThat(api.get("/api/module-configs/" + id).json().get("value").asText()).isEqualTo(Masking.MASK);
        assertThat(resolve("sessions", "SESSION_WARNING_SECONDS", null).get("value").asText()).isEqualTo(Masking.MASK);
        long workflow = api.post("/api/workflows", """
                { "name": "secret %s", "definition": { "initial": "use", "states": {
                    "use": { "invoke": { "src": "core.setVariable", "input": { "name": "warn",
                             "value": "$config.sessions.SESSION_WARNING_SECONDS" }, "onDone": "check" } },
                    "check": { "always": [ { "guard": { "params": { "key": "warn", "operator": "==", "value": 4242 } },
                               "target": "say" } ] },
                    "say": { "invoke": { "src": "core.log", "input": { "message": "{%% 'warn is ' & $string(warn) %%}" },
                             "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(scope)).json().get("id").asLong();

        JsonNode run = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}").json();

        assertThat(run.get("status").asText()).as("the run used the real value: %s", run).isEqualTo("completed");
        assertThat(run.toString()).doesNotContain("4242");
        assertThat(run.at("/nodes/0/input/value").asText()).isEqualTo(Masking.MASK);
        assertThat(run.at("/configLookups/0/value").asText()).isEqualTo(Masking.MASK);
        assertThat(run.at("/context/warn").asText()).isEqualTo(Masking.MASK);
        assertThat(run.at("/nodes/2/input/message").asText()).isEqualTo("warn is ***");
        assertThat(output.getOut()).contains("warn is ***").doesNotContain("warn is 4242");
    }

    @Test
    void anEventEmittedWithASecretCarriesItMasked() {
        String instance = "emit-" + java.util.UUID.randomUUID();
        row("{ \"moduleName\": \"maps\", \"scope\": \"instance\", \"scopeId\": \"" + instance + "\", "
                + "\"key\": \"DEFAULT_SPAWN_RADIUS\", \"value\": 5151, \"secret\": true }");
        String event = "secret.test" + instance.substring(5, 13) + ".sent";
        long workflow = api.post("/api/workflows", """
                { "name": "emit secret %s", "definition": { "initial": "get", "states": {
                    "get": { "invoke": { "src": "core.resolveConfig", "input": { "moduleName": "maps",
                             "key": "DEFAULT_SPAWN_RADIUS", "scopeId": "%s" }, "onDone": "send" } },
                    "send": { "invoke": { "src": "core.emit", "input": { "event": "%s",
                             "payload": { "warn": "$.value", "text": "{%% 'is ' & $string(value) %%}" } }, "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(instance, instance, event)).json().get("id").asLong();

        JsonNode run = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}").json();
        JsonNode events = api.get("/api/events?filter=" + io.oven.workflows.support.ApiClient.query(
                "{\"name\":\"" + event + "\"}")).json();

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("payload").get("warn").asText()).isEqualTo(Masking.MASK);
        assertThat(events.get(0).get("payload").get("text").asText()).isEqualTo("is ***");
        assertThat(events.toString()).doesNotContain("5151");
    }

    @Test
    void anObjectSecretIsSealedAtRestAndItsFieldsAndTheirEncodingsStayMasked() {
        String token = "tok-" + UUID.randomUUID();
        long id = row("{ \"moduleName\": \"maps\", \"scope\": \"instance\", \"scopeId\": \"" + scope + "\", "
                + "\"key\": \"START_CELL_POSITION\", \"value\": { \"x\": 913577, \"token\": \"" + token + "\" }, "
                + "\"secret\": true }");
        String stored = jdbc.queryForObject("select value::text from module_configs where id = ?", String.class, id);
        assertThat(stored).contains(SecretBox.FIELD).doesNotContain(token).doesNotContain("913577");

        long workflow = api.post("/api/workflows", """
                { "name": "sealed %s", "definition": { "initial": "get", "states": {
                    "get": { "invoke": { "src": "core.resolveConfig", "input": { "moduleName": "maps",
                             "key": "START_CELL_POSITION", "scopeId": "%s" }, "onDone": "derive" } },
                    "derive": { "invoke": { "src": "core.setVariable", "input": { "name": "derived", "value": {
                             "header": "{%% 'Bearer ' & $base64encode('user:' & value.token) %%}",
                             "plus": "{%% value.x + 0 %%}", "field": "$.value.token",
                             "line": "{%% 'calling with ' & value.token & ' now' %%}" } }, "onDone": "say" } },
                    "say": { "invoke": { "src": "core.emit", "input": { "event": "secret.sealed.%s", "payload": "$.derived" },
                             "onDone": "done" } },
                    "done": { "type": "final" } } } }""".formatted(scope, scope, scope)).json().get("id").asLong();

        JsonNode run = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}").json();
        JsonNode events = api.get("/api/events?filter=" + ApiClient.query("{\"name\":\"secret.sealed." + scope + "\"}")).json();

        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        String encoded = java.util.Base64.getEncoder().encodeToString(("user:" + token).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (String seen : List.of(run.toString(), events.toString(), api.get("/api/module-configs/" + id).text())) {
            assertThat(seen).doesNotContain(token).doesNotContain(encoded.substring(8, 40)).doesNotContain("913577");
        }
        assertThat(run.at("/context/derived/line").asText()).isEqualTo("calling with *** now");
        assertThat(run.at("/context/derived/field").asText()).isEqualTo(Masking.MASK);

        // An update that leaves the value out keeps the real one (not the mask the API shows).
        assertThat(api.put("/api/module-configs/" + id, "{ \"description\": \"rotated never\" }").status()).isEqualTo(200);
        JsonNode again = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}").json();
        assertThat(again.get("status").asText()).isEqualTo("completed");
        assertThat(again.at("/nodes/0/output/value").asText()).isEqualTo(Masking.MASK);
        assertThat(jdbc.queryForObject("select value::text from module_configs where id = ?", String.class, id))
                .contains(SecretBox.FIELD);
    }

    @Test
    void aRunResumedFromItsTimerSeesTheRealSecretAndStillMasksIt() {
        row("{ \"moduleName\": \"maps\", \"scope\": \"instance\", \"scopeId\": \"" + scope + "\", "
                + "\"key\": \"DEFAULT_SPAWN_RADIUS\", \"value\": 6161, \"secret\": true }");
        long workflow = api.post("/api/workflows", """
                { "name": "resume secret %s", "definition": { "initial": "get", "states": {
                    "get": { "invoke": { "src": "core.resolveConfig", "input": { "moduleName": "maps",
                             "key": "DEFAULT_SPAWN_RADIUS", "scopeId": "%s" }, "onDone": "later" } },
                    "later": { "after": { "2000": "check" } },
                    "check": { "always": [ { "guard": { "params": { "key": "value", "operator": "==", "value": 6161 } },
                               "target": "say" }, { "target": "masked" } ] },
                    "say": { "invoke": { "src": "core.log", "input": { "message": "{%% 'radius ' & $string(value) %%}" },
                             "onDone": "real" } },
                    "real": { "type": "final" }, "masked": { "type": "final" } } } }""".formatted(scope, scope))
                .json().get("id").asLong();

        JsonNode parked = api.post("/api/workflows/" + workflow + "/execute?wait=true", "{}").json();
        assertThat(parked.get("status").asText()).as("parked on its persisted timer").isEqualTo("waiting");
        assertThat(parked.get("snapshot").has("sealed")).isFalse();
        String stored = jdbc.queryForObject("select snapshot::text from workflow_executions where id = ?", String.class,
                parked.get("id").asLong());
        assertThat(stored).contains(SecretBox.FIELD).doesNotContain("6161");

        JsonNode done = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(
                () -> api.get("/api/workflow-executions/" + parked.get("id").asLong()).json(),
                e -> e.get("status").asText().equals("completed"));
        assertThat(done.get("currentState").asText()).as(done.toString()).isEqualTo("real");
        assertThat(done.toString()).doesNotContain("6161");
        assertThat(done.findValuesAsText("message")).contains("radius ***");
    }
}
