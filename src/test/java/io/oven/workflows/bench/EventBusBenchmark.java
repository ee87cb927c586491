package io.oven.workflows.bench;

import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Event bus figures in embedded mode (PostgreSQL outbox): event → execution start latency at a
 * steady rate and events/s delivered to one trigger. {@code ./mvnw -Pbench verify}.
 */
class EventBusBenchmark extends IntegrationTest {

    @Autowired
    EventBus bus;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.apache.camel.CamelContext camel;

    @Test
    void measure() throws Exception {
        new BusLoad("embedded", api(), bus, jdbc, camel).run();
    }
}
