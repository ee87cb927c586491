package io.oven.workflows.bench;

import io.oven.workflows.engine.TestNodes;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Event bus figures in Kafka mode, through an embedded broker on this machine. {@code ./mvnw -Pbench verify}. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oven.eventbus.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "oven.admin.token=" + ApiClient.ADMIN_TOKEN})
@EmbeddedKafka(kraft = true, partitions = 1, topics = {"oven.events", "oven.events.dlt"})
@Import(TestNodes.class)
class KafkaEventBusBenchmark {

    @LocalServerPort
    int port;

    @Autowired
    EventBus bus;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.apache.camel.CamelContext camel;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestDatabase.fresh("kbench");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabase::user);
    }

    @Test
    void measure() throws Exception {
        new BusLoad("kafka", ApiClient.at("http://127.0.0.1:" + port), bus, jdbc, camel).run();
    }
}
