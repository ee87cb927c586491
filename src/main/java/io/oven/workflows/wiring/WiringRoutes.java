package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.ChangeNotices;
import io.oven.workflows.eventbus.BusComponent;
import io.oven.workflows.eventbus.Event;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.nodes.NodeCall;
import io.oven.workflows.nodes.NodeExecutor;
import io.oven.workflows.nodes.NodeExecutors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Deploys each enabled wiring as route {@code wiring.<id>}: a {@code bus:} consumer of its
 * source event that checks the condition, transforms the payload and invokes the target node
 * type, recording the firing. Created, changed or deleted wirings replace their route live. The
 * action runs under a savepoint of the delivery's transaction: a failed action leaves nothing
 * behind but its firing row, and a successful one commits with the event's receipt.
 */
@Component
class WiringRoutes {

    private static final Logger log = LoggerFactory.getLogger(WiringRoutes.class);

    private final CamelContext camel;
    private final WiringStore store;
    private final NodeExecutors executors;
    private final ContextExpressions expressions;
    private final EventBus bus;
    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final TransactionTemplate nested;
    private final ChangeNotices notices;
    /** Wiring id → the {@code updatedAt} of the version deployed here. */
    private final Map<Long, String> stamps = new ConcurrentHashMap<>();

    WiringRoutes(CamelContext camel, WiringStore store, NodeExecutors executors, ContextExpressions expressions,
                 EventBus bus, JdbcTemplate jdbc, ObjectMapper mapper, TransactionTemplate tx, ChangeNotices notices) {
        this.notices = notices;
        this.camel = camel;
        this.store = store;
        this.executors = executors;
        this.expressions = expressions;
        this.bus = bus;
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.nested = new TransactionTemplate(tx.getTransactionManager());
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    static String routeId(long wiringId) {
        return "wiring." + wiringId;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    public synchronized void deployAll() {
        for (ObjectNode wiring : store.enabled()) {
            try {
                deploy(wiring);
            } catch (Exception e) {
                log.error("wiring {} could not be deployed: {}", wiring.get("id"), e.getMessage(), e);
            }
        }
        notices.reconcileWith(this::reconcile);
    }

    /**
     * Replaces the wiring's route. The instance the change was made on also resets the
     * subscription (shared by the cluster) when the wiring was disabled or listens to another
     * event; the others only replace their route. A change older than the one deployed here
     * (another instance's notice read before this instance's own newer save) changes nothing.
     */
    @EventListener
    public synchronized void onSaved(WiringSaved saved) throws Exception {
        long id = saved.wiring().get("id").asLong();
        String stamp = saved.wiring().path("updatedAt").asText("");
        String deployedStamp = stamps.get(id);
        if (saved.elsewhere() && deployedStamp != null && newer(deployedStamp, stamp)) {
            return;
        }
        remove(id);
        boolean enabled = saved.wiring().get("enabled").asBoolean();
        if (!saved.elsewhere() && (!enabled || (saved.previousEvent() != null
                && !saved.previousEvent().equals(saved.wiring().get("sourceEvent").asText())))) {
            bus.forget(routeId(id)); // a disabled or re-pointed wiring starts from now when it runs again
        }
        if (enabled) {
            deploy(saved.wiring());
        }
    }

    @EventListener
    public synchronized void onDeleted(WiringDeleted deleted) throws Exception {
        remove(deleted.id());
        if (!deleted.elsewhere()) {
            bus.forget(routeId(deleted.id()));
        }
    }

    private static boolean newer(String stamp, String than) {
        try {
            return Instant.parse(stamp).isAfter(Instant.parse(than));
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Deploys what differs from the stored wirings (a change notice this instance missed). */
    synchronized void reconcile() {
        Map<Long, String> stored = store.enabledStamps();
        Set<Long> differ = new TreeSet<>();
        stored.forEach((id, stamp) -> {
            if (!stamp.equals(stamps.get(id))) {
                differ.add(id);
            }
        });
        stamps.keySet().stream().filter(id -> !stored.containsKey(id)).forEach(differ::add);
        for (long id : differ) {
            log.info("wiring {}: what runs here differs from what is stored; deploying what is stored", id);
            store.follow(id);
        }
    }

    private void deploy(ObjectNode wiring) throws Exception {
        long id = wiring.get("id").asLong();
        stamps.put(id, wiring.path("updatedAt").asText(""));
        String event = wiring.get("sourceEvent").asText();
        String action = wiring.get("targetAction").asText();
        NodeExecutor executor = executors.find(action)
                .orElseThrow(() -> new IllegalStateException("wiring " + id + ": no node type '" + action + "'"));
        JsonNode condition = wiring.get("condition");
        JsonNode transform = wiring.get("transform");
        BusRouteTemplates.add(camel, BusRouteTemplates.WIRING, routeId(id), event, routeId(id),
                exchange -> fire(id, executor, condition, transform, exchange));
    }

    private void remove(long id) throws Exception {
        stamps.remove(id);
        String routeId = routeId(id);
        if (camel.getRoute(routeId) != null) {
            camel.getRouteController().stopRoute(routeId);
            camel.removeRoute(routeId);
        }
    }

    private void fire(long wiringId, NodeExecutor executor, JsonNode condition, JsonNode transform, Exchange exchange) {
        Event event = exchange.getProperty(BusComponent.EVENT_PROPERTY, Event.class);
        long logId = exchange.getProperty(BusComponent.LOG_ID_PROPERTY, Long.class);
        ObjectNode payload = event.payload().isObject() ? (ObjectNode) event.payload() : mapper.createObjectNode();
        long started = System.nanoTime();
        if (!Matching.holds(condition, payload)) {
            record(wiringId, logId, event.name(), "skipped", payload, null, "condition not met", started);
            return;
        }
        JsonNode input = payload;
        try {
            input = transform == null ? payload : expressions.resolve(transform, payload, lookup -> { });
            ObjectNode callInput = input.isObject() ? (ObjectNode) input : mapper.createObjectNode().set("value", input);
            JsonNode output = nested.execute(status -> {
                try {
                    return executor.execute(new NodeCall(0, null, routeId(wiringId), callInput, payload, lookup -> { },
                            null, UnaryOperator.identity()));
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            record(wiringId, logId, event.name(), "completed", input, output, null, started);
        } catch (RuntimeException e) {
            log.info("wiring {} failed on {} ({}): {}", wiringId, event.name(), logId, e.getMessage());
            record(wiringId, logId, event.name(), "failed", input, null, e.getMessage(), started);
        }
    }

    private void record(long wiringId, long logId, String eventName, String status, JsonNode input, JsonNode output,
                        String error, long started) {
        jdbc.update("insert into wiring_firings (wiring_id, event_id, event_name, status, input, output, error, duration_ms) "
                + "values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)", wiringId, logId, eventName, status,
                input == null ? null : input.toString(), output == null || output.isNull() ? null : output.toString(),
                error, (System.nanoTime() - started) / 1e6);
    }
}
