package io.oven.workflows.eventbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.support.ApiClient;
import io.oven.workflows.support.IntegrationTest;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The event bus in its embedded mode: outbox, ordered delivery, receipts, wirings, triggers. */
class EventBusIT extends IntegrationTest {

    @Autowired
    EventBus bus;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    CamelContext camel;

    @Autowired
    ObjectMapper mapper;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private long sessionsOf(long playerId) {
        return jdbc.queryForObject("select count(*) from sessions where player_id = ?", Long.class, playerId);
    }

    @Test
    void playerCreatedFiresTheWiringOnceAndTheSessionTriggersAWorkflow() {
        ApiClient api = api();
        long wiring = api.post("/api/event-wirings", Map.of("label", "new player gets a session",
                "sourceEvent", "players.player.created", "targetAction", "sessions.create",
                "transform", Map.of("playerId", "$.id", "mapId", 7))).json().get("id").asLong();
        String slug = unique("on-session-");
        long workflow = api.post("/api/workflows", Map.of("name", slug, "triggerEvent", "sessions.session.started",
                "triggerCondition", Map.of("mapId", 7),
                "definition", Map.of("id", slug, "initial", "note", "states", Map.of(
                        "note", Map.of("invoke", Map.of("src", "core.setVariable",
                                "input", Map.of("name", "player", "value", "$.playerId")), "onDone", "done"),
                        "done", Map.of("type", "final"))))).json().get("id").asLong();

        long player = api.post("/api/players", Map.of("username", unique("ann-"))).json().get("id").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> sessionsOf(player) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/workflow-executions?filter="
                + ApiClient.query("{\"workflowId\":" + workflow + ",\"status\":\"completed\"}")).json().size() == 1);
        JsonNode execution = api.get("/api/workflow-executions?filter="
                + ApiClient.query("{\"workflowId\":" + workflow + "}")).json().get(0);
        assertThat(execution.get("triggerEvent").asText()).isEqualTo("sessions.session.started");
        assertThat(execution.get("triggerPayload").get("playerId").asLong()).isEqualTo(player);
        assertThat(execution.get("context").get("player").asLong()).isEqualTo(player);

        JsonNode firings = api.get("/api/wiring-firings?filter=" + ApiClient.query("{\"wiringId\":" + wiring + "}")).json();
        assertThat(firings).hasSize(1);
        assertThat(firings.get(0).get("status").asText()).isEqualTo("completed");
        assertThat(firings.get(0).get("input").get("playerId").asLong()).isEqualTo(player);
        assertThat(firings.get(0).get("output").get("playerId").asLong()).isEqualTo(player);

        // Delivered again (as after a crash between acting and moving on): the receipt stops a second effect.
        jdbc.update("update event_subscriptions set position = (select min(e.seq) - 1 from event_log e join event_receipts r "
                + "on r.event_id = e.id and r.subscriber = ?) where subscriber = ?", "wiring." + wiring, "wiring." + wiring);
        long redeliveredBefore = receipts("wiring." + wiring);
        api.post("/api/events", Map.of("name", "players.player.created", "payload", Map.of("id", player)));
        await().atMost(Duration.ofSeconds(10)).until(() -> receipts("wiring." + wiring) == redeliveredBefore + 1);
        assertThat(sessionsOf(player)).isEqualTo(2); // the new test event acted; the old one did not act twice
        api.delete("/api/event-wirings/" + wiring);
        api.delete("/api/workflows/" + workflow);
    }

    private long receipts(String subscriber) {
        return jdbc.queryForObject("select count(*) from event_receipts where subscriber = ?", Long.class, subscriber);
    }

    @Test
    void aRolledBackChangeEmitsNothing() {
        String name = "test.rollback." + UUID.randomUUID().toString().substring(0, 8);
        List<Event> seen = Collections.synchronizedList(new ArrayList<>());
        try (AutoCloseable ignored = bus.subscribe(name, seen::add)) {
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                bus.publish(name, "test", mapper.createObjectNode().put("n", 1), null);
                throw new IllegalStateException("the change fails after its event was published");
            })).hasMessageContaining("the change fails");
            tx.executeWithoutResult(status -> bus.publish(name, "test", mapper.createObjectNode().put("n", 2), null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThat(jdbc.queryForList("select payload->>'n' from event_log where name = ?", String.class, name))
                .containsExactly("2");
        assertThat(seen).extracting(e -> e.payload().get("n").asInt()).containsExactly(2);
        // A failed module change emits nothing either.
        String taken = unique("taken-");
        api().post("/api/players", Map.of("username", taken));
        long before = jdbc.queryForObject("select count(*) from event_log where payload->>'username' = ?", Long.class, taken);
        assertThat(api().post("/api/players", Map.of("username", taken)).status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select count(*) from event_log where payload->>'username' = ?", Long.class, taken))
                .isEqualTo(before);
    }

    @Test
    void aWiringEditedLiveDoesTheNewThingFromTheNextEvent() {
        ApiClient api = api();
        String event = "test.edit." + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/events", Map.of("name", event, "payload", Map.of("who", "nobody")));
        long wiring = api.post("/api/event-wirings", Map.of("sourceEvent", event, "targetAction", "core.transform",
                "transform", Map.of("mapping", Map.of("greeting", "hello", "who", "$.who")))).json().get("id").asLong();

        api.post("/api/events", Map.of("name", event, "payload", Map.of("who", "ann")));
        await().atMost(Duration.ofSeconds(10)).until(() -> firings(wiring).size() == 1);
        assertThat(api.put("/api/event-wirings/" + wiring, Map.of(
                "transform", Map.of("mapping", Map.of("greeting", "bye", "who", "$.who")),
                "condition", Map.of("who", "bob"))).status()).isEqualTo(200);
        api.post("/api/events", Map.of("name", event, "payload", Map.of("who", "carl")));
        api.post("/api/events", Map.of("name", event, "payload", Map.of("who", "bob")));
        await().atMost(Duration.ofSeconds(10)).until(() -> firings(wiring).size() == 3);

        List<JsonNode> fired = firings(wiring);
        assertThat(fired.get(0).get("output")).isEqualTo(mapper.createObjectNode().put("greeting", "hello").put("who", "ann"));
        assertThat(fired.get(1).get("status").asText()).isEqualTo("skipped");
        assertThat(fired.get(2).get("output")).isEqualTo(mapper.createObjectNode().put("greeting", "bye").put("who", "bob"));
        assertThat(camel.getRoute("wiring." + wiring)).isNotNull();
        // Made from the oven.wiring route template, as Hawtio shows it.
        Route route = camel.getRoute("wiring." + wiring);
        assertThat(route.isCreatedByRouteTemplate()).isTrue();
        assertThat(camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("wiring." + wiring)
                .getTemplateParameters()).containsEntry("event", event).containsEntry("subscriber", "wiring." + wiring);
        assertThat(camel.getCamelContextExtension().getContextPlugin(Model.class)
                .getRouteTemplateDefinition("oven.wiring")).isNotNull();

        api.delete("/api/event-wirings/" + wiring);
        assertThat(camel.getRoute("wiring." + wiring)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from event_subscriptions where subscriber = ?", Long.class,
                "wiring." + wiring)).isZero();
    }

    private List<JsonNode> firings(long wiring) {
        List<JsonNode> out = new ArrayList<>();
        api().get("/api/wiring-firings?sort=" + ApiClient.query("[\"id\",\"ASC\"]") + "&filter="
                + ApiClient.query("{\"wiringId\":" + wiring + "}")).json().forEach(out::add);
        return out;
    }

    @Test
    void aStoppedConsumerCatchesUpOnEveryEventAndNoneTwice() throws Exception {
        ApiClient api = api();
        String event = "test.stop." + UUID.randomUUID().toString().substring(0, 8);
        api.post("/api/events", Map.of("name", event));
        long wiring = api.post("/api/event-wirings", Map.of("sourceEvent", event, "targetAction", "core.transform",
                "transform", Map.of("mapping", Map.of("n", "$.n")))).json().get("id").asLong();
        String route = "wiring." + wiring;

        camel.getRouteController().stopRoute(route);
        assertThat(camel.getRouteController().getRouteStatus(route)).isEqualTo(ServiceStatus.Stopped);
        for (int n = 0; n < 20; n++) {
            api.post("/api/events", Map.of("name", event, "payload", Map.of("n", n)));
        }
        long ordered = jdbc.queryForObject("select count(*) from event_log where name = ? and seq is not null", Long.class, event);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from event_log where name = ? and seq is not null", Long.class, event) == 21);
        assertThat(firings(wiring)).isEmpty();
        assertThat(ordered).isLessThanOrEqualTo(21);

        camel.getRouteController().startRoute(route);
        await().atMost(Duration.ofSeconds(10)).until(() -> firings(wiring).size() == 20);
        assertThat(firings(wiring)).extracting(f -> f.get("output").get("n").asInt())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        api.delete("/api/event-wirings/" + wiring);
    }

    @Test
    void aBurstOfAThousandEventsIsDeliveredCompletelyInOrderPerKey() throws Exception {
        Burst.deliversAThousandInOrderPerKey(camel, bus, mapper, Duration.ofSeconds(30));
    }

    @Test
    void theEventLogIsAListAndATestEventCanBeEmitted() {
        ApiClient api = api();
        String name = "test.api." + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = api.post("/api/events", Map.of("name", name, "source", "tester",
                "payload", Map.of("a", 1), "correlationId", "c-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("eventId").asText()).isNotBlank();

        ApiClient.Response list = api.get("/api/events?filter=" + ApiClient.query("{\"name\":\"" + name + "\",\"source\":\"tester\"}"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json()).hasSize(1);
        assertThat(list.json().get(0).get("payload").get("a").asInt()).isEqualTo(1);
        assertThat(list.header("Content-Range")).hasValue("events 0-0/1");
        assertThat(api.get("/api/events/" + created.json().get("id").asLong()).json().get("name").asText()).isEqualTo(name);
        assertThat(api.get("/api/events/999999999").status()).isEqualTo(404);

        ApiClient.Response bad = api.post("/api/events", Map.of("name", "Not An Event", "payload", List.of(1),
                "source", 5, "extra", true));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details")).extracting(d -> d.get("path").asText())
                .containsExactlyInAnyOrder("extra", "name", "source", "payload");
    }

    @Test
    void aWiringWithAnUnknownEventOrTargetOrAMalformedTransformIsRefused() {
        ApiClient.Response bad = api().post("/api/event-wirings", Map.of("sourceEvent", "players.player.exploded",
                "targetAction", "players.explode", "transform", Map.of("a", "$..b", "c", "{% $httpGet('x') %}")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("details")).extracting(d -> d.get("path").asText())
                .containsExactlyInAnyOrder("sourceEvent", "targetAction", "transform/a", "transform/c");
        assertThat(api().put("/api/event-wirings/999999", Map.of("label", "x")).status()).isEqualTo(404);
    }

    @Test
    void disablingATriggeredWorkflowStopsItsConsumerAndEnablingStartsItFromNow() {
        ApiClient api = api();
        String slug = unique("trig-");
        String event = "test.trigger." + UUID.randomUUID().toString().substring(0, 8);
        JsonNode workflow = api.post("/api/workflows", Map.of("name", slug, "triggerEvent", event,
                "definition", Map.of("id", slug, "initial", "done", "states", Map.of("done", Map.of("type", "final"))))).json();
        long id = workflow.get("id").asLong();
        assertThat(camel.getRoute("trigger." + slug)).isNotNull();
        assertThat(camel.getRoute("trigger." + slug).isCreatedByRouteTemplate()).isTrue();
        assertThat(camel.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinition("trigger." + slug)
                .getTemplateParameters()).containsEntry("event", event);

        api.post("/api/events", Map.of("name", event, "payload", Map.of("n", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> executions(id) == 1);

        api.put("/api/workflows/" + id, Map.of("enabled", false, "version", workflow.get("version").asInt()));
        assertThat(camel.getRoute("trigger." + slug)).isNull();
        api.post("/api/events", Map.of("name", event, "payload", Map.of("n", 2)));
        JsonNode current = api.get("/api/workflows/" + id).json();
        api.put("/api/workflows/" + id, Map.of("enabled", true, "version", current.get("version").asInt()));
        assertThat(camel.getRoute("trigger." + slug)).isNotNull();
        api.post("/api/events", Map.of("name", event, "payload", Map.of("n", 3)));
        await().atMost(Duration.ofSeconds(10)).until(() -> executions(id) == 2);
        assertThat(jdbc.queryForList("select trigger_payload->>'n' from workflow_executions where workflow_id = ? order by id",
                String.class, id)).containsExactly("1", "3");

        api.delete("/api/workflows/" + id);
        assertThat(camel.getRoute("trigger." + slug)).isNull();
    }

    private long executions(long workflowId) {
        return jdbc.queryForObject("select count(*) from workflow_executions where workflow_id = ? and status = 'completed'",
                Long.class, workflowId);
    }

    @Test
    void oldEventsEverySubscriberHasSeenArePrunedAndTheRestKept() {
        String name = "test.retention." + UUID.randomUUID().toString().substring(0, 8);
        // A lagging subscriber at position -3 (every real one is further on).
        jdbc.update("insert into event_subscriptions (subscriber, pattern, position) values (?, ?, -3)", "lagging-" + name, name);
        String insert = "insert into event_log (name, source, payload, emitted_at, seq, relayed_at) "
                + "values (?, 'test', cast(? as jsonb), now() - make_interval(days => ?), ?, now())";
        jdbc.update(insert, name, "{\"n\":\"old-seen\"}", 10, -5);
        jdbc.update(insert, name, "{\"n\":\"old-unseen\"}", 10, -1);
        jdbc.update(insert, name, "{\"n\":\"recent\"}", 0, -10);
        try {
            camel.createProducerTemplate().sendBody("direct:bus.retention", null);
            assertThat(jdbc.queryForList("select payload->>'n' from event_log where name = ? order by seq", String.class, name))
                    .containsExactly("recent", "old-unseen");
        } finally {
            jdbc.update("delete from event_subscriptions where subscriber = ?", "lagging-" + name);
            jdbc.update("delete from event_log where name = ?", name);
        }
    }

    @Test
    void theExampleUserRouteIsLoadedButOffByDefault() {
        assertThat(camel.getRoute("heartbeat")).isNotNull();
        assertThat(camel.getRouteController().getRouteStatus("heartbeat")).isEqualTo(ServiceStatus.Stopped);
    }
}
