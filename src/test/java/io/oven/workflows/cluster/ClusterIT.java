package io.oven.workflows.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** This instance registers itself, beats its heart, and {@code GET /api/cluster} tells the living from the gone. */
class ClusterIT extends IntegrationTest {

    @Autowired
    Instances instances;

    @Autowired
    JdbcTemplate jdbc;

    JsonNode row(JsonNode cluster, String id) {
        for (JsonNode i : cluster.get("instances")) {
            if (i.get("id").asText().equals(id)) {
                return i;
            }
        }
        return null;
    }

    @Test
    void thisInstanceIsAliveAndItsHeartbeatMoves() {
        JsonNode cluster = api().get("/api/cluster").json();
        assertThat(cluster.get("self").asText()).isEqualTo(instances.id());
        JsonNode self = row(cluster, instances.id());
        assertThat(self).isNotNull();
        assertThat(self.get("alive").asBoolean()).isTrue();
        assertThat(self.get("self").asBoolean()).isTrue();
        assertThat(self.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        Instant first = Instant.parse(self.get("heartbeatAt").asText());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Instant.parse(row(api().get("/api/cluster").json(), instances.id()).get("heartbeatAt").asText()).isAfter(first));
    }

    @Test
    void anInstanceWhoseHeartbeatIsOlderThanTheLeaseIsGoneAndAStoppedOneToo() {
        String lost = "lost-" + UUID.randomUUID();
        String stopped = "stopped-" + UUID.randomUUID();
        jdbc.update("insert into service_instances (id, host, pid, heartbeat_at) values (?, 'elsewhere', 1, now() - interval '1 minute')", lost);
        jdbc.update("insert into service_instances (id, host, pid, stopped_at) values (?, 'elsewhere', 2, now())", stopped);
        JsonNode cluster = api().get("/api/cluster").json();
        assertThat(row(cluster, lost).get("alive").asBoolean()).isFalse();
        assertThat(row(cluster, lost).get("secondsSinceHeartbeat").asDouble()).isGreaterThan(50);
        assertThat(row(cluster, stopped).get("alive").asBoolean()).isFalse();
        assertThat(row(cluster, stopped).get("stoppedAt").isNull()).isFalse();
        // Long gone rows are forgotten by the next heartbeat.
        jdbc.update("update service_instances set heartbeat_at = now() - interval '2 days' where id = ?", lost);
        await().atMost(Duration.ofSeconds(10)).until(() -> row(api().get("/api/cluster").json(), lost) == null);
        assertThat(api().anonymous().get("/api/cluster").status()).isEqualTo(401);
    }

    @Test
    void healthNamesALaggingInstanceWithoutGoingDownAndMetricsCarryTheInstance() {
        String lagging = "lagging-" + UUID.randomUUID();
        jdbc.update("insert into service_instances (id, host, pid, heartbeat_at) values (?, 'elsewhere', 1, now() - interval '6 seconds')",
                lagging);
        try {
            JsonNode health = api().get("/actuator/health").json().get("components").get("cluster");
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.get("details").get("instance").asText()).isEqualTo(instances.id());
            assertThat(health.get("details").get("live").toString()).contains(instances.id(), lagging);
            assertThat(health.get("details").get("lagging").has(lagging)).as(health.toString()).isTrue();
            assertThat(health.get("details").get("lagging").get(lagging).toString()).contains("last heartbeat");
            assertThat(health.get("details").get("lagging").has(instances.id())).as(health.toString()).isFalse();
        } finally {
            jdbc.update("delete from service_instances where id = ?", lagging);
        }
        String metrics = api().get("/actuator/prometheus").text();
        assertThat(metrics).contains("oven_instance=\"" + instances.id() + "\"");
    }
}
