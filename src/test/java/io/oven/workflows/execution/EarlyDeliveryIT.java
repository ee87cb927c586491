package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run registers its event waits before its row is stored (the tracking writer stores it a
 * moment later): an event delivered in between must not take the waits away, or the run waits
 * for an event that already came (EventWaitIT's early event, lost once in a CI run).
 */
class EarlyDeliveryIT extends IntegrationTest {

    @Autowired
    ParkedRuns parked;

    @Autowired
    EventWaits waits;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anEventForARunNotStoredYetKeepsItsWaits() {
        long notStoredYet = Long.MAX_VALUE - Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);
        String event = "test.early" + UUID.randomUUID().toString().substring(0, 8) + ".ended";
        waits.register(List.of(new EventWaits.Wait(notStoredYet, "play", event, JsonNodeFactory.instance.objectNode())));

        parked.deliver(new EventWaits.Match(notStoredYet, "play", event, JsonNodeFactory.instance.objectNode()));

        assertThat(jdbc.queryForObject("select count(*) from execution_event_waits where execution_id = ?",
                Integer.class, notStoredYet)).as("the waits of a run not stored yet").isEqualTo(1);
        waits.clear(notStoredYet);
    }
}
