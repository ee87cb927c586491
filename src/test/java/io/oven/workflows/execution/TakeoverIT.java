package io.oven.workflows.execution;

import io.oven.workflows.cluster.Instances;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A running execution belongs to the instance that runs it: another instance takes it over only
 * once its owner is gone (lease expired, or its process dead on this host), never a live one's.
 */
class TakeoverIT extends IntegrationTest {

    @Autowired
    ParkedRuns parked;

    @Autowired
    Instances instances;

    @Autowired
    JdbcTemplate jdbc;

    final List<String> fakeInstances = new ArrayList<>();
    final List<Long> executions = new ArrayList<>();

    String instance(String host, long pid, String heartbeatAgo) {
        String id = "fake-" + UUID.randomUUID();
        jdbc.update("insert into service_instances (id, host, pid, heartbeat_at) values (?, ?, ?, now() - cast(? as interval))",
                id, host, pid, heartbeatAgo);
        fakeInstances.add(id);
        return id;
    }

    long running(long workflow, String owner) {
        Long id = jdbc.queryForObject("insert into workflow_executions (workflow_id, workflow_version, status, context, "
                + "current_state, owner) values (?, 1, 'running', '{}'::jsonb, 'hello', ?) returning id", Long.class, workflow, owner);
        executions.add(id);
        return id;
    }

    String status(long id) {
        return jdbc.queryForObject("select status from workflow_executions where id = ?", String.class, id);
    }

    String owner(long id) {
        return jdbc.queryForObject("select owner from workflow_executions where id = ?", String.class, id);
    }

    @AfterEach
    void forgetTheFakes() {
        for (long id : executions) {
            jdbc.update("update workflow_executions set status = 'cancelled' where id = ? and status = 'running'", id);
        }
        for (String id : fakeInstances) {
            jdbc.update("delete from service_instances where id = ?", id);
        }
    }

    @Test
    void theRunsOfAGoneInstanceGoOnHereAndALiveOnesAreLeftAlone() throws Exception {
        long workflow = api().post("/api/workflows", Map.of("name", "Takeover " + UUID.randomUUID(), "definition", Map.of(
                "initial", "hello", "states", Map.of(
                        "hello", Map.of("invoke", Map.of("src", "core.log", "input", Map.of("message", "taken over"), "onDone", "done")),
                        "done", Map.of("type", "final"))))).json().get("id").asLong();
        String here = InetAddress.getLocalHost().getHostName();
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        String live = instance("elsewhere", 4242, "1 second");
        String lost = instance("elsewhere", 4243, "1 minute");
        String deadHere = instance(here, finished.pid(), "0 seconds");
        long ofLive = running(workflow, live);
        long ofLost = running(workflow, lost);
        long ofDeadHere = running(workflow, deadHere);

        assertThat(parked.takeOver(false)).isGreaterThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(15)).until(() -> "completed".equals(status(ofLost)) && "completed".equals(status(ofDeadHere)));
        assertThat(owner(ofLost)).isEqualTo(instances.id());
        assertThat(owner(ofDeadHere)).isEqualTo(instances.id());
        assertThat(jdbc.queryForList("select status from node_executions where execution_id = ? order by id", String.class, ofLost))
                .as("the node the lost instance was at is recorded interrupted, then runs again")
                .containsExactly("interrupted", "completed", "completed");

        parked.takeOver(false);
        assertThat(status(ofLive)).as("a live instance's run").isEqualTo("running");
        assertThat(owner(ofLive)).isEqualTo(live);
        assertThat(jdbc.queryForObject("select count(*) from node_executions where execution_id = ?", Integer.class, ofLive)).isZero();
    }

    @Test
    void aNewRunBelongsToTheInstanceThatStartsIt() {
        long workflow = api().post("/api/workflows", Map.of("name", "Owned " + UUID.randomUUID(), "definition", Map.of(
                "initial", "done", "states", Map.of("done", Map.of("type", "final"))))).json().get("id").asLong();
        long id = api().post("/api/workflows/" + workflow + "/execute?wait=true", Map.of()).json().get("id").asLong();
        assertThat(owner(id)).isEqualTo(instances.id());
    }
}
