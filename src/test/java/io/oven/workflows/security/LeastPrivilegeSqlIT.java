package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.support.ApiClient.Response;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code core.sql} runs as a login that reads the game modules' tables and nothing else, even
 * though the service itself connects as a superuser here: no server files, no large objects, no
 * engine tables or secrets, no way back to the superuser, and nothing it sets on its pooled
 * session outlives its statement.
 */
class LeastPrivilegeSqlIT extends IntegrationTest {

    static final ObjectMapper MAPPER = new ObjectMapper();

    JsonNode sql(String query) throws Exception {
        return run(create(query));
    }

    long create(String query) throws Exception {
        Response created = api().post("/api/workflows", "{\"name\":\"sql " + UUID.randomUUID() + "\",\"definition\":"
                + "{\"initial\":\"q\",\"states\":{\"q\":{\"invoke\":{\"src\":\"core.sql\",\"input\":{\"query\":"
                + MAPPER.writeValueAsString(query) + "},\"onDone\":\"done\",\"onError\":\"refused\"}},"
                + "\"done\":{\"type\":\"final\"},\"refused\":{\"type\":\"final\"}}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    JsonNode run(long workflow) {
        Response done = api().post("/api/workflows/" + workflow + "/execute?wait=true", "{}");
        assertThat(done.status()).as(done.text()).isEqualTo(200);
        return done.json();
    }

    @ParameterizedTest
    @ValueSource(strings = {"select pg_read_file('/etc/passwd')", "select pg_ls_dir('/')",
            "select lo_import('/etc/passwd')", "select * from module_configs", "select * from workflows",
            "select * from sql_role_secrets", "select set_config('role', 'postgres', false)",
            "select * from pg_authid", "select lo_export(1, '/tmp/oven-pwned')"})
    void whatIsNotAGameTableIsRefusedByTheDatabase(String query) throws Exception {
        JsonNode execution = sql(query);

        assertThat(execution.get("currentState").asText()).as(execution.toString()).isEqualTo("refused");
        assertThat(execution.get("context").get("q_error").get("message").asText()).containsIgnoringCase("denied");
    }

    @Test
    void theGameTablesAreReadable() throws Exception {
        api().post("/api/players", "{\"username\":\"sql" + UUID.randomUUID().toString().substring(0, 8) + "\"}");

        JsonNode execution = sql("select count(*) as n, current_user as who from players");

        assertThat(execution.get("currentState").asText()).as(execution.toString()).isEqualTo("done");
        assertThat(execution.get("context").get("rows").get(0).get("who").asText()).isEqualTo("oven_sql_reader");
        assertThat(execution.get("context").get("rows").get(0).get("n").asLong()).isPositive();
    }

    /** Oven's form: $1 placeholders and an array of params, bound (a quote in a value stays a value). */
    @Test
    void positionalPlaceholdersAreBoundFromAnArrayOfParams() throws Exception {
        String name = "sql" + UUID.randomUUID().toString().substring(0, 8);
        api().post("/api/players", "{\"username\":\"" + name + "\"}");
        Response created = api().post("/api/workflows", "{\"name\":\"sql " + UUID.randomUUID() + "\",\"definition\":"
                + "{\"initial\":\"q\",\"states\":{\"q\":{\"invoke\":{\"src\":\"core.sql\",\"input\":{\"query\":"
                + "\"select username, '$1' as literal from players where username = $1 or username = $2\","
                + "\"params\":[\"" + name + "\", \"x' or '1'='1\"]},\"onDone\":\"done\"}},\"done\":{\"type\":\"final\"}}}}");
        assertThat(created.status()).as(created.text()).isEqualTo(201);

        JsonNode execution = run(created.json().get("id").asLong());

        assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("completed");
        JsonNode rows = execution.get("context").get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("username").asText()).isEqualTo(name);
        assertThat(rows.get(0).get("literal").asText()).isEqualTo("$1");
    }

    @Test
    void aSettingOneStatementMakesDoesNotReachTheNext() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(sql("select set_config('statement_timeout', '1', false)").get("currentState").asText()).isEqualTo("done");
        }
        for (int i = 0; i < 8; i++) {
            JsonNode execution = sql("select current_setting('statement_timeout') as t, pg_sleep(0.01) is null as slept");
            assertThat(execution.get("currentState").asText()).as(execution.toString()).isEqualTo("done");
            assertThat(execution.get("context").get("rows").get(0).get("t").asText()).isEqualTo("5s");
        }
    }

    @Test
    void writesAreAPerWorkflowGrantOnlyAnAdminGives() throws Exception {
        String name = "w" + UUID.randomUUID().toString().substring(0, 8);
        api().post("/api/players", "{\"username\":\"" + name + "\"}");
        long workflow = create("update players set display_name = 'renamed' where username = '" + name + "'");

        JsonNode refused = run(workflow);
        assertThat(refused.get("currentState").asText()).isEqualTo("refused");
        assertThat(refused.get("context").get("q_error").get("message").asText()).contains("read-only in this workflow");

        String editor = api().post("/api/tokens", "{\"name\":\"sql-editor-" + name + "\",\"role\":\"editor\"}")
                .json().get("token").asText();
        Response denied = api().withToken(editor).put("/api/workflows/" + workflow + "/sql-writes", "{\"allowed\":true}");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(api().get("/api/workflows/" + workflow + "/sql-writes").json().get("allowed").asBoolean()).isFalse();
        assertThat(api().put("/api/workflows/" + workflow + "/sql-writes", "{\"allowed\":\"yes\"}").status()).isEqualTo(400);

        assertThat(api().put("/api/workflows/" + workflow + "/sql-writes", "{\"allowed\":true}").json()
                .get("allowed").asBoolean()).isTrue();
        JsonNode written = run(workflow);
        assertThat(written.get("currentState").asText()).as(written.toString()).isEqualTo("done");
        assertThat(api().get("/api/players?filter=" + io.oven.workflows.support.ApiClient.query("{\"q\":\"" + name + "\"}"))
                .json().get(0).get("displayName").asText()).isEqualTo("renamed");

        // The writer still reaches only the game tables.
        long engine = create("update workflows set name = 'pwned' where id = " + workflow);
        api().put("/api/workflows/" + engine + "/sql-writes", "{\"allowed\":true}");
        JsonNode outside = run(engine);
        assertThat(outside.get("currentState").asText()).isEqualTo("refused");
        assertThat(outside.get("context").get("q_error").get("message").asText()).containsIgnoringCase("denied");
    }
}
