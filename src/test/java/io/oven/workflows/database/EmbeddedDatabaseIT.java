package io.oven.workflows.database;

import io.oven.workflows.OvenWorkflowsApplication;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.ApiClient.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The zero-configuration default: an embedded PostgreSQL whose data outlives the process. */
class EmbeddedDatabaseIT {

    @TempDir
    Path dataDir;

    ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(OvenWorkflowsApplication.class)
                .run("--server.port=0", "--oven.data-dir=" + dataDir, "--spring.datasource.url=",
                        "--oven.admin.token=" + ApiClient.ADMIN_TOKEN);
    }

    static ApiClient api(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return ApiClient.at("http://127.0.0.1:" + port);
    }

    @Test
    void keepsWorkflowsAcrossARestart() {
        long id;
        try (ConfigurableApplicationContext first = start()) {
            assertThat(first.getBean(EmbeddedPostgres.class)).isNotNull();
            Response created = api(first).post("/api/workflows", """
                    { "name": "survives restart", "definition": { "initial": "done",
                      "states": { "done": { "type": "final" } } } }""");
            assertThat(created.status()).isEqualTo(201);
            id = created.json().get("id").asLong();
            assertThat(api(first).get("/actuator/health/readiness").status()).isEqualTo(200);
            // core.sql runs as its own login here too (the embedded URL names the service's user).
            long sql = api(first).post("/api/workflows", """
                    { "name": "who runs sql", "definition": { "initial": "q", "states": {
                      "q": { "invoke": { "src": "core.sql", "input": { "query": "select current_user as who" },
                             "onDone": "done" } }, "done": { "type": "final" } } } }""").json().get("id").asLong();
            com.fasterxml.jackson.databind.JsonNode run = api(first).post("/api/workflows/" + sql + "/execute?wait=true",
                    "{}").json();
            assertThat(run.at("/context/rows/0/who").asText()).as(run.toString()).isEqualTo("oven_sql_reader");
            long probe = api(first).post("/api/workflows", """
                    { "name": "read a file", "definition": { "initial": "q", "states": {
                      "q": { "invoke": { "src": "core.sql", "input": { "query": "select pg_read_file('/etc/passwd')" },
                             "onDone": "done", "onError": "refused" } }, "done": { "type": "final" },
                      "refused": { "type": "final" } } } }""").json().get("id").asLong();
            com.fasterxml.jackson.databind.JsonNode probed = api(first).post("/api/workflows/" + probe
                    + "/execute?wait=true", "{}").json();
            assertThat(probed.get("currentState").asText()).as(probed.toString()).isEqualTo("refused");
            assertThat(probed.at("/context/q_error/message").asText()).containsIgnoringCase("denied");
            // A secret is sealed with a key made into the data dir, and opens again after the restart.
            assertThat(api(first).post("/api/module-configs", "{\"moduleName\":\"sessions\",\"key\":"
                    + "\"SESSION_TTL_SECONDS\",\"value\":777,\"secret\":true}").status()).isEqualTo(201);
            assertThat(dataDir.resolve("secrets.key")).exists();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).as("embedded PostgreSQL files under the data dir").exists();

        try (ConfigurableApplicationContext second = start()) {
            Response read = api(second).get("/api/workflows/" + id);

            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().get("name").asText()).isEqualTo("survives restart");
            long ttl = api(second).post("/api/workflows", """
                    { "name": "use the secret", "definition": { "initial": "get", "states": {
                      "get": { "invoke": { "src": "core.setVariable", "input": { "name": "ttl",
                               "value": "$config.sessions.SESSION_TTL_SECONDS" }, "onDone": "a" } },
                      "a": { "always": [ { "guard": { "params": { "key": "ttl", "operator": "==", "value": 777 } },
                             "target": "opened" }, { "target": "closed" } ] },
                      "opened": { "type": "final" }, "closed": { "type": "final" } } } }""").json().get("id").asLong();
            com.fasterxml.jackson.databind.JsonNode used = api(second).post("/api/workflows/" + ttl + "/execute?wait=true",
                    "{}").json();
            assertThat(used.get("currentState").asText()).as(used.toString()).isEqualTo("opened");
        }
    }
}
