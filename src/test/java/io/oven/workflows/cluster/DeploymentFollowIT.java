package io.oven.workflows.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Changes another instance makes reach this one: the stored row changes the way the other
 * instance's save changes it, then its notice arrives (or is lost, and the reconcile finds the
 * change). A save answers once every live instance runs the new version, and says so.
 */
class DeploymentFollowIT extends IntegrationTest {

    static final String OTHER = "other-instance";

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Instances instances;

    @Autowired
    CamelContext camel;

    static String definition(String value) {
        return """
                {"initial":"a","states":{"a":{"invoke":{"src":"core.setVariable","input":{"name":"x","value":"%s"},
                "onDone":"done"}},"done":{"type":"final"}}}""".formatted(value);
    }

    /** What another instance's save writes: a new version, stored. */
    void savedElsewhere(long id, String value, boolean enabled) {
        jdbc.update("update workflows set definition = cast(? as json), enabled = ?, version = version + 1, "
                + "updated_at = now() where id = ?", definition(value), enabled, id);
        jdbc.update("insert into workflow_versions (workflow_id, version, name, description, definition, trigger_event, "
                + "trigger_condition, enabled, created_at) select id, version, name, description, definition, trigger_event, "
                + "trigger_condition, enabled, now() from workflows where id = ?", id);
    }

    void notice(String kind, long id) {
        jdbc.queryForList("select pg_notify('oven_changes', ?)", OTHER + " " + kind + " " + id);
    }

    JsonNode deployedHere() {
        for (JsonNode row : api().get("/api/cluster").json().get("instances")) {
            if (row.get("self").asBoolean()) {
                return row.get("deployed");
            }
        }
        throw new AssertionError("this instance is not in /api/cluster");
    }

    String ranWith(long workflowId) {
        JsonNode run = api().post("/api/workflows/" + workflowId + "/execute?wait=true", "{}").json();
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("completed");
        return run.get("context").get("x").asText();
    }

    @Test
    void aChangeMadeElsewhereIsDeployedHereByItsNoticeOrByTheReconcile() {
        ApiClient api = api();
        String slug = "follow-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = api.post("/api/workflows", "{\"name\":\"" + slug + "\",\"definition\":" + definition("v1") + "}")
                .json();
        long id = created.get("id").asLong();
        assertThat(created.get("deployment").get("everywhere").asBoolean()).as(created.toString()).isTrue();
        assertThat(created.get("deployment").get("version").asInt()).isEqualTo(1);
        assertThat(ranWith(id)).isEqualTo("v1");

        // Saved elsewhere, with its notice: deployed here at once.
        savedElsewhere(id, "v2", true);
        notice("workflow", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> deployedHere().path(Long.toString(id)).asInt() == 2);
        assertThat(ranWith(id)).isEqualTo("v2");

        // Saved elsewhere and the notice lost: the reconcile deploys it.
        savedElsewhere(id, "v3", true);
        await().atMost(Duration.ofSeconds(15)).until(() -> deployedHere().path(Long.toString(id)).asInt() == 3);
        assertThat(ranWith(id)).isEqualTo("v3");

        // Disabled elsewhere: its route goes here too.
        savedElsewhere(id, "v4", false);
        notice("workflow", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> !deployedHere().has(Long.toString(id)));
        assertThat(camel.getRoute("wf." + slug + ".v4")).isNull();
        assertThat(api.post("/api/workflows/" + id + "/execute", "{}").status()).isBetween(400, 499);

        // Enabled, then deleted elsewhere without a notice.
        savedElsewhere(id, "v5", true);
        notice("workflow", id);
        await().atMost(Duration.ofSeconds(10)).until(() -> deployedHere().path(Long.toString(id)).asInt() == 5);
        jdbc.update("delete from workflows where id = ?", id);
        await().atMost(Duration.ofSeconds(15)).until(() -> !deployedHere().has(Long.toString(id)));

        // A notice that is not one, or about a kind nobody follows, changes nothing and stops nothing.
        jdbc.queryForList("select pg_notify('oven_changes', 'garbage; drop table workflows')");
        jdbc.queryForList("select pg_notify('oven_changes', 'x nothing 1')");
        JsonNode again = api.post("/api/workflows", "{\"name\":\"" + slug + "-2\",\"definition\":" + definition("w") + "}")
                .json();
        savedElsewhere(again.get("id").asLong(), "w2", true);
        notice("workflow", again.get("id").asLong());
        await().atMost(Duration.ofSeconds(10)).until(() -> deployedHere().path(again.get("id").asText()).asInt() == 2);
    }

    @Test
    void aWiringChangedElsewhereIsRedeployedHere() {
        ApiClient api = api();
        long wiring = api.post("/api/event-wirings", Map.of("label", "follow me", "sourceEvent", "players.player.created",
                "targetAction", "core.log", "transform", Map.of("message", "hello"))).json().get("id").asLong();
        assertThat(camel.getRoute("wiring." + wiring)).isNotNull();
        jdbc.update("update event_wirings set enabled = false, updated_at = now() where id = ?", wiring);
        notice("wiring", wiring);
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("wiring." + wiring) == null);
        jdbc.update("update event_wirings set enabled = true, updated_at = now() where id = ?", wiring);
        await().atMost(Duration.ofSeconds(15)).until(() -> camel.getRoute("wiring." + wiring) != null);
        jdbc.update("delete from event_wirings where id = ?", wiring);
        notice("wiring", wiring);
        await().atMost(Duration.ofSeconds(10)).until(() -> camel.getRoute("wiring." + wiring) == null);
    }

    @Test
    void aSaveWaitsForEveryLiveInstanceAndSaysWhichOneLags() {
        String lagging = "lagging-" + UUID.randomUUID();
        jdbc.update("insert into service_instances (id, host, pid) values (?, 'elsewhere', 1)", lagging);
        try {
            JsonNode saved = api().post("/api/workflows", "{\"name\":\"lag-" + lagging.substring(8, 16)
                    + "\",\"definition\":" + definition("x") + "}").json();
            JsonNode deployment = saved.get("deployment");
            assertThat(deployment.get("everywhere").asBoolean()).as(deployment.toString()).isFalse();
            assertThat(deployment.get("waitedMs").asLong()).isGreaterThanOrEqualTo(4_000);
            boolean sawSelf = false;
            for (JsonNode row : deployment.get("instances")) {
                if (row.get("id").asText().equals(lagging)) {
                    assertThat(row.get("inStep").asBoolean()).isFalse();
                    assertThat(row.get("version").isNull()).isTrue();
                }
                if (row.get("id").asText().equals(instances.id())) {
                    sawSelf = true;
                    assertThat(row.get("inStep").asBoolean()).isTrue();
                    assertThat(row.get("version").asInt()).isEqualTo(1);
                }
            }
            assertThat(sawSelf).isTrue();
            // It catches up: the next save's wait ends as soon as it runs the new version.
            long id = saved.get("id").asLong();
            jdbc.update("update service_instances set deployed = jsonb_build_object(?::text, 2) where id = ?",
                    Long.toString(id), lagging);
            JsonNode next = api().put("/api/workflows/" + id, "{\"definition\":" + definition("y") + "}").json();
            assertThat(next.get("deployment").get("everywhere").asBoolean()).as(next.toString()).isTrue();
            assertThat(next.get("deployment").get("waitedMs").asLong()).isLessThan(4_000);
        } finally {
            jdbc.update("delete from service_instances where id = ?", lagging);
        }
    }
}
