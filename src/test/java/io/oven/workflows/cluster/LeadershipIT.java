package io.oven.workflows.cluster;

import io.oven.workflows.support.IntegrationTest;
import io.oven.workflows.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention singleton runs on the instance holding its advisory lock: here while it does, on
 * a rival (another session that takes the lock once this instance's lock session is cut) when it
 * does not, and here again when the rival goes.
 */
class LeadershipIT extends IntegrationTest {

    @Autowired
    Instances instances;

    @Autowired
    CamelContext camel;

    @Autowired
    JdbcTemplate jdbc;

    String retentionLeader() {
        return api().get("/api/cluster").json().path("leaders").path("event-retention").asText(null);
    }

    ServiceStatus retention() {
        return camel.getRouteController().getRouteStatus("bus.retention.timer");
    }

    static boolean tryLock(Statement rival) throws Exception {
        try (ResultSet rs = rival.executeQuery("select pg_try_advisory_lock(" + Leadership.key("event-retention") + ")")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Whoever leads — this instance, or another test context on the same database — runs the singleton alone. */
    boolean runsItIfItLeads() {
        String leader = retentionLeader();
        return leader != null && instances.id().equals(leader) == (retention() == ServiceStatus.Started);
    }

    @Test
    void theLeaderRunsTheSingletonAndARivalTakesOverWhenItsSessionIsCut() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(TestDatabase.url() != null, "needs the PostgreSQL server");
        await().atMost(Duration.ofSeconds(10)).until(() -> retentionLeader() != null && runsItIfItLeads());
        String leader = retentionLeader();
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.user(), "");
             Statement rival = connection.createStatement()) {
            rival.execute("set application_name = 'oven:rival'");
            assertThat(tryLock(rival)).as("the lock is held by the leader").isFalse();

            // The leader's lock session ends (as when its process dies): the rival gets the lock.
            jdbc.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?",
                    "oven:" + leader);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> tryLock(rival));
            await().atMost(Duration.ofSeconds(10)).until(() -> "rival".equals(retentionLeader()));
            await().atMost(Duration.ofSeconds(10)).until(() -> retention() != ServiceStatus.Started);
        }
        // The rival is gone: an instance of the service leads again, and runs the singleton if it is this one.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String now = retentionLeader();
            return now != null && !now.equals("rival") && runsItIfItLeads();
        });
    }
}
