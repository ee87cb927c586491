package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.engine.TestNodes;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.TestDatabase;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The event bus in distributed mode: the outbox relayed through a real (embedded) Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oven.eventbus.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "oven.eventbus.kafka.group-id=oven-workflows-it",
        "oven.admin.token=" + ApiClient.ADMIN_TOKEN})
@EmbeddedKafka(kraft = true, partitions = 1, topics = {"oven.events", "oven.events.dlt"})
@Import(TestNodes.class)
@AutoConfigureObservability
class KafkaEventBusIT {

    @LocalServerPort
    int port;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Autowired
    EventBus bus;

    @Autowired
    ObjectMapper mapper;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        String url = TestDatabase.fresh("kafka");
        if (url != null) {
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", TestDatabase::user);
        } else {
            String dir = Files.createTempDirectory("oven-it-kafka").toString();
            registry.add("oven.data-dir", () -> dir);
        }
    }

    private ApiClient api() {
        return ApiClient.at("http://127.0.0.1:" + port);
    }

    @Test
    void playerCreatedGoesThroughKafkaToTheWiringAndTheTriggeredWorkflowOnce() {
        ApiClient api = api();
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        long wiring = api.post("/api/event-wirings", Map.of("sourceEvent", "players.player.created",
                "targetAction", "sessions.create", "transform", Map.of("playerId", "$.id", "mapId", 3)))
                .json().get("id").asLong();
        String slug = "kafka-session-" + UUID.randomUUID().toString().substring(0, 6);
        long workflow = api.post("/api/workflows", Map.of("name", slug, "triggerEvent", "sessions.session.started",
                "definition", Map.of("id", slug, "initial", "done", "states", Map.of("done", Map.of("type", "final")))))
                .json().get("id").asLong();

        long player = api.post("/api/players", Map.of("username", "kafka-" + UUID.randomUUID())).json().get("id").asLong();

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from workflow_executions where workflow_id = ? and status = 'completed'", Long.class,
                workflow) == 1);
        assertThat(jdbc.queryForObject("select count(*) from sessions where player_id = ?", Long.class, player)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from wiring_firings where wiring_id = ? and status = 'completed'",
                Long.class, wiring)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from event_log where name = 'players.player.created' "
                + "and relayed_at is not null and seq is not null and payload->>'id' = ?", Long.class, Long.toString(player)))
                .isEqualTo(1);
        assertThat(api.get("/actuator/health").json().at("/components/eventBus/details/mode").asText()).isEqualTo("kafka");
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterTopicAndTheNextGoodOneIsStillProcessed() throws Exception {
        String slug = "external-" + UUID.randomUUID().toString().substring(0, 6);
        String event = "billing.invoice.paid" + UUID.randomUUID().toString().substring(0, 4);
        long workflow = api().post("/api/workflows", Map.of("name", slug, "triggerEvent", event,
                "definition", Map.of("id", slug, "initial", "done", "states", Map.of("done", Map.of("type", "final")))))
                .json().get("id").asLong();
        Map<String, Object> producerProps = KafkaTestUtils.producerProps(broker.getBrokersAsString());
        try (Producer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>("oven.events", "bad", "this is { not an event")).get();
            producer.send(new ProducerRecord<>("oven.events", "bad", "{\"id\":\"x\",\"name\":\"Bad Name\"}")).get();
            producer.send(new ProducerRecord<>("oven.events", "billing", mapper.writeValueAsString(Map.of(
                    "id", UUID.randomUUID().toString(), "name", event, "source", "billing",
                    "payload", Map.of("invoice", 42), "emittedAt", "2026-01-01T00:00:00Z")))).get();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from workflow_executions where workflow_id = ? and status = 'completed'", Long.class,
                workflow) == 1);
        assertThat(jdbc.queryForObject("select trigger_payload->>'invoice' from workflow_executions where workflow_id = ?",
                String.class, workflow)).isEqualTo("42");

        Map<String, Object> consumerProps = KafkaTestUtils.consumerProps(broker.getBrokersAsString(), "dlt-reader-" + UUID.randomUUID());
        consumerProps.put("auto.offset.reset", "earliest");
        try (Consumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("oven.events.dlt"));
            List<ConsumerRecord<String, String>> dead = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(dead::add);
                return dead.size() >= 2;
            });
            assertThat(dead).extracting(ConsumerRecord::value)
                    .containsExactly("this is { not an event", "{\"id\":\"x\",\"name\":\"Bad Name\"}");
            assertThat(new String(dead.get(1).headers().lastHeader("OvenError").value(), StandardCharsets.UTF_8))
                    .contains("name:").contains("source:");
        }
    }

    @Test
    void aStoppedConsumerCatchesUpThroughKafkaAndARolledBackChangeNeverArrives() throws Exception {
        String event = "test.kstop." + UUID.randomUUID().toString().substring(0, 8);
        String subscriber = "test-" + event;
        List<Integer> received = java.util.Collections.synchronizedList(new ArrayList<>());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("bus:" + event + "?subscriber=" + subscriber).routeId(subscriber).process(exchange ->
                        received.add(mapper.readTree(exchange.getIn().getBody(String.class)).get("n").asInt()));
            }
        });
        camel.getRouteController().stopRoute(subscriber);
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(jdbc.getDataSource()));
        for (int n = 0; n < 20; n++) {
            int value = n;
            if (n == 7) {
                try {
                    tx.executeWithoutResult(status -> {
                        bus.publish(event, "test", mapper.createObjectNode().put("n", -1), null);
                        throw new IllegalStateException("rolled back");
                    });
                } catch (IllegalStateException expected) {
                    // the change and its event are gone
                }
            }
            bus.publish(event, "test", mapper.createObjectNode().put("n", value), null);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                "select count(*) from event_log where name = ? and seq is not null", Long.class, event) == 20);
        assertThat(received).isEmpty();

        camel.getRouteController().startRoute(subscriber);
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 20);
        assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    }

    @Test
    void anEventSentToKafkaThatNeverCameBackIsOrderedFromTheOutbox() {
        // As after a consumer batch that failed and was committed all the same: relayed long ago, never ordered.
        String eventId = UUID.randomUUID().toString();
        jdbc.update("insert into event_log (event_id, name, source, payload, emitted_at, relayed_at) values "
                + "(?, 'test.lost.event', 'test', '{}'::jsonb, now() - interval '1 hour', now() - interval '1 hour')", eventId);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select seq is not null from event_log where event_id = ?", Boolean.class, eventId));
        // One just relayed is left to the topic.
        String fresh = UUID.randomUUID().toString();
        jdbc.update("insert into event_log (event_id, name, source, payload, emitted_at, relayed_at) values "
                + "(?, 'test.lost.event', 'test', '{}'::jsonb, now(), now())", fresh);
        assertThat(jdbc.queryForObject("select seq is null from event_log where event_id = ?", Boolean.class, fresh))
                .isTrue();
        jdbc.update("update event_log set seq = nextval('event_seq') where event_id = ? and seq is null", fresh);
    }

    @Test
    void aBurstOfAThousandEventsArrivesCompletelyInOrderPerKey() throws Exception {
        Burst.deliversAThousandInOrderPerKey(camel, bus, mapper, Duration.ofSeconds(60));
    }
}
