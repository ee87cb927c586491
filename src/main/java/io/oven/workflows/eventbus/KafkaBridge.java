package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.oven.workflows.jdbc.PostgresText;
import io.oven.workflows.settings.EventBusSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Distributed mode, on when {@code oven.eventbus.kafka.bootstrap-servers} is set. The relay
 * sends outbox events to the topic (key: correlation id, else event name, so one key's events
 * keep their order); route {@code bus.kafka.in} consumes the topic in one consumer group per
 * application and puts each event in the delivery order. Events other services publish on the
 * topic are stored too, so they can trigger workflows. A malformed message goes to the
 * dead-letter topic with the reason in header {@code OvenError}, and the consumer goes on.
 */
@Component
@ConditionalOnExpression("'${oven.eventbus.kafka.bootstrap-servers:}' != ''")
class KafkaBridge extends RouteBuilder {

    /** A message on the topic that is not an event envelope. */
    static final class MalformedEvent extends RuntimeException {
        MalformedEvent(String message) {
            super(message);
        }
    }

    private static final int BATCH = 1000;
    private static final long RELAY_LOCK = 0x0BE7_0002L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final EventDelivery delivery;
    private final BusMetrics metrics;
    private final String brokers;
    private final String topic;
    private final String deadLetterTopic;
    private final String groupId;
    private final long sessionTimeoutMs;
    private ProducerTemplate producer;

    KafkaBridge(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper, EventDelivery delivery, BusMetrics metrics,
                EventBusSettings settings, @Value("${spring.application.name}") String applicationName) {
        String brokers = settings.kafka().bootstrapServers();
        String topic = settings.kafka().topic();
        String deadLetterTopic = settings.kafka().deadLetterTopic();
        String groupId = settings.kafka().groupId().isBlank() ? applicationName : settings.kafka().groupId();
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.delivery = delivery;
        this.metrics = metrics;
        this.brokers = brokers;
        this.topic = topic;
        this.deadLetterTopic = deadLetterTopic;
        this.groupId = groupId;
        this.sessionTimeoutMs = settings.kafka().sessionTimeout().toMillis();
    }

    String brokers() {
        return brokers;
    }

    @Override
    public void configure() {
        // Records come in batches (one transaction each); a malformed one goes to the dead-letter
        // topic on its own and the rest of the batch goes on.
        // One consumer group for all instances: the topic's partitions are spread over them, and a
        // killed instance's partitions move to the others once the session timeout has passed.
        from(kafka(topic) + "&groupId=" + groupId + "&autoOffsetReset=earliest&batching=true&maxPollRecords=500"
                + "&batchingIntervalMs=5&pollTimeoutMs=10&sessionTimeoutMs=" + sessionTimeoutMs
                + "&heartbeatIntervalMs=" + Math.max(100, sessionTimeoutMs / 3))
                .routeId("bus.kafka.in")
                .process(exchange -> receive(exchange.getIn().getBody(List.class)));
        from("direct:bus.kafka.dead-letter").routeId("bus.kafka.dead-letter")
                .to(kafka(deadLetterTopic));
    }

    private String kafka(String name) {
        // An unreachable broker fails a send within seconds (the events stay in the outbox), not a minute.
        return "kafka:" + name + "?brokers=" + brokers + "&maxBlockMs=5000&requestTimeoutMs=5000&deliveryTimeoutMs=10000";
    }

    /** Sends waiting outbox events to the topic and marks them relayed; answers how many. */
    int relay() {
        if (System.nanoTime() < retryAfter) {
            return 0; // the broker failed a moment ago: the events wait in the outbox
        }
        try {
            int sent = send();
            orderStragglers();
            return sent;
        } catch (RuntimeException e) {
            retryAfter = System.nanoTime() + 5_000_000_000L;
            throw e;
        }
    }

    private volatile long nextStragglerCheck = Long.MIN_VALUE;

    /**
     * Events sent to the topic that never came back ordered — a consumer batch that failed and
     * whose offsets were committed all the same (Camel's batching consumer may commit past records
     * it did not process, CAMEL-23994) — are put in the delivery order here, in id order, once they
     * are older than three session timeouts (a rebalance has long brought them back by then).
     * Looked for every ten seconds.
     */
    private void orderStragglers() {
        if (System.nanoTime() < nextStragglerCheck) {
            return;
        }
        nextStragglerCheck = System.nanoTime() + 10_000_000_000L;
        tx.executeWithoutResult(status -> {
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, EventRelay.ORDER_LOCK);
            List<Long> ids = jdbc.queryForList("select id from event_log where seq is null and relayed_at < now() - "
                    + "make_interval(secs => ?) order by id limit " + BATCH + " for update", Long.class,
                    3 * sessionTimeoutMs / 1000.0);
            if (!ids.isEmpty()) {
                log.warn("{} events sent to Kafka never came back from the topic; ordered from the outbox", ids.size());
                EventRelay.assign(jdbc, ids);
            }
        });
    }

    private volatile long retryAfter = Long.MIN_VALUE;

    private int send() {
        if (producer == null) {
            CamelContext camel = getContext();
            producer = camel.createProducerTemplate();
        }
        Integer relayed = tx.execute(status -> {
            // One relay at a time (across instances too): two sending side by side would interleave keys.
            if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class,
                    RELAY_LOCK))) {
                return -1;
            }
            // Locked in id order as they are read (an instance receiving them back from the topic locks
            // in id order too, so the two never deadlock); rows a receiver holds are skipped: it marks them.
            List<Object[]> rows = jdbc.query("select id, event_id, name, source, payload::text, emitted_at, correlation_id "
                    + "from event_log where relayed_at is null order by id limit " + BATCH + " for update skip locked",
                    (rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7)});
            if (rows.isEmpty()) {
                return 0;
            }
            // One exchange whose body is the list of records: camel-kafka sends them in this order,
            // so events of one key keep their order on the topic.
            List<Message> records = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Object[] row : rows) {
                String correlation = (String) row[6];
                ObjectNode json = mapper.createObjectNode().put("id", (String) row[1]).put("name", (String) row[2])
                        .put("source", (String) row[3]);
                json.putRawValue("payload", new RawValue((String) row[4]));
                json.put("emittedAt", row[5].toString()).put("correlationId", correlation);
                Message record = new DefaultMessage(getContext());
                record.setHeader(KafkaConstants.KEY, correlation != null ? correlation : (String) row[2]);
                record.setBody(json.toString());
                records.add(record);
                ids.add((Long) row[0]);
            }
            Exchange done = producer.send(kafka(topic), exchange -> exchange.getIn().setBody(records));
            if (done.getException() != null) {
                throw new IllegalStateException("could not send events to Kafka: " + done.getException().getMessage(),
                        done.getException());
            }
            jdbc.update("update event_log set relayed_at = now() where id = any(?)",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    /**
     * Stores the batch's events (once: ours are already there) and puts them in the delivery
     * order, in the order the topic gave them.
     */
    private void receive(List<?> records) {
        List<ObjectNode> events = new ArrayList<>();
        for (Object record : records) {
            String message = ((Exchange) record).getIn().getBody(String.class);
            try {
                events.add(envelope(message));
            } catch (MalformedEvent e) {
                deadLetter(message, e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        // A deadlock or serialization failure is retried here: the consumer must not skip the batch.
        for (int attempt = 1; ; attempt++) {
            try {
                store(events);
                break;
            } catch (TransientDataAccessException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        delivery.signalAll();
    }

    private void store(List<ObjectNode> events) {
        tx.executeWithoutResult(status -> {
            jdbc.batchUpdate("insert into event_log (event_id, name, source, payload, correlation_id, emitted_at, relayed_at) "
                    + "values (?, ?, ?, cast(? as jsonb), ?, ?, now()) on conflict (event_id) do nothing", events, 500,
                    (ps, e) -> {
                        ps.setString(1, e.get("id").asText());
                        ps.setString(2, e.get("name").asText());
                        ps.setString(3, e.get("source").asText());
                        ps.setString(4, e.get("payload").toString());
                        ps.setString(5, e.hasNonNull("correlationId") ? e.get("correlationId").asText() : null);
                        ps.setTimestamp(6, Timestamp.from(emittedAt(e)));
                    });
            jdbc.queryForObject("select pg_advisory_xact_lock(?)::text", String.class, EventRelay.ORDER_LOCK);
            Map<String, Long> unordered = new HashMap<>();
            jdbc.query("select event_id, id from event_log where event_id = any(?) and seq is null",
                    ps -> ps.setArray(1, ps.getConnection().createArrayOf("text",
                            events.stream().map(e -> e.get("id").asText()).toArray())),
                    rs -> {
                        unordered.put(rs.getString(1), rs.getLong(2));
                    });
            List<Long> inTopicOrder = new ArrayList<>();
            for (ObjectNode e : events) {
                Long id = unordered.remove(e.get("id").asText());
                if (id != null) {
                    inTopicOrder.add(id);
                }
            }
            if (!inTopicOrder.isEmpty()) {
                // Their rows locked in id order first, like the relay's: the update below then waits on nobody.
                jdbc.query("select id from event_log where id = any(?) order by id for update",
                        ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", inTopicOrder.toArray())),
                        rs -> { });
                EventRelay.assign(jdbc, inTopicOrder);
            }
        });
    }

    private void deadLetter(String message, String reason) {
        if (producer == null) {
            producer = getContext().createProducerTemplate();
        }
        producer.sendBodyAndHeader("direct:bus.kafka.dead-letter", message, "OvenError", reason);
        metrics.deadLettered();
    }

    /** The envelope, or {@link MalformedEvent} saying every problem. */
    private ObjectNode envelope(String message) {
        JsonNode node;
        try {
            node = message == null ? null : mapper.readTree(message);
        } catch (Exception e) {
            throw new MalformedEvent("not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEvent("an event is a JSON object { id, name, source, payload, emittedAt, correlationId }");
        }
        List<String> problems = new ArrayList<>();
        if (!node.path("id").isTextual() || node.get("id").asText().isBlank()) {
            problems.add("id: a non-empty string is required");
        }
        if (!EventNames.isName(node.path("name").asText(null))) {
            problems.add("name: a dotted event name (like players.player.created) is required");
        }
        if (!node.path("source").isTextual()) {
            problems.add("source: a string is required");
        }
        if (node.has("payload") && !node.get("payload").isObject()) {
            problems.add("payload: must be an object");
        }
        if (node.hasNonNull("emittedAt")) {
            try {
                Instant.parse(node.get("emittedAt").asText());
            } catch (DateTimeParseException e) {
                problems.add("emittedAt: not an ISO-8601 instant");
            }
        }
        if (message.contains("\\u0000") && !PostgresText.json(node).equals(node)) {
            problems.add("a string holds a NUL character (\\u0000), which cannot be stored");
        }
        if (!problems.isEmpty()) {
            throw new MalformedEvent(String.join("; ", problems));
        }
        ObjectNode envelope = (ObjectNode) node;
        if (!envelope.has("payload")) {
            envelope.putObject("payload");
        }
        return envelope;
    }

    private static Instant emittedAt(ObjectNode envelope) {
        return envelope.hasNonNull("emittedAt") ? Instant.parse(envelope.get("emittedAt").asText()) : Instant.now();
    }
}
