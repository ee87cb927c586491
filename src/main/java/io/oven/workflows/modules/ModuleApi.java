package io.oven.workflows.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.api.ApiRoutes;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.OvenModule;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Base of a game module: its operations are declared once, as {@link Op}s, and become both the
 * REST endpoints (Camel REST DSL, each served by a {@code direct:api.<nodeType>} route) and the
 * api-call node types in the module's descriptor.
 */
public abstract class ModuleApi extends ApiRoutes implements OvenModule {

    /** What an operation does with a request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Exchange exchange) throws Exception;
    }

    /** One operation: node type id, label, HTTP method, route ({@code /api/players/:id}), schemas, handler. */
    public record Op(String nodeType, String label, String method, String route, List<NodePort> inputs,
                        List<NodePort> outputs, Handler handler) {
    }

    protected final EventBus bus;
    private final String moduleName;
    private TransactionTemplate tx;

    protected ModuleApi(String moduleName, ObjectMapper mapper, EventBus bus) {
        super(mapper);
        this.moduleName = moduleName;
        this.bus = bus;
    }

    protected abstract List<Op> operations();

    protected abstract ModuleDescriptor describe(List<ModuleDescriptor.Endpoint> endpoints);

    @Override
    public ModuleDescriptor descriptor() {
        List<ModuleDescriptor.Endpoint> endpoints = new ArrayList<>();
        for (Op op : operations()) {
            endpoints.add(new ModuleDescriptor.Endpoint(op.nodeType(), op.label(), op.method(), op.route(),
                    "api." + op.nodeType(), op.inputs(), op.outputs()));
        }
        return describe(endpoints);
    }

    @Override
    protected void api() {
        for (Op op : operations()) {
            String path = op.route().replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "{$1}");
            RestDefinition rest = rest();
            RestDefinition verb = switch (op.method()) {
                case "GET" -> rest.get(path);
                case "POST" -> rest.post(path);
                case "PUT" -> rest.put(path);
                case "DELETE" -> rest.delete(path);
                default -> throw new IllegalStateException("unsupported method " + op.method());
            };
            verb.routeId("api." + op.nodeType()).to("direct:api." + op.nodeType());
            from("direct:api." + op.nodeType()).routeId("api." + op.nodeType() + ".handler")
                    .process(exchange -> inTransaction(op, exchange));
        }
    }

    /**
     * Runs an operation in one transaction with the events it emits (the outbox): a change and
     * its events commit together or not at all. Called inside a wiring's delivery, it joins that
     * transaction, so the receipt and the change are one.
     */
    private void inTransaction(Op op, Exchange exchange) throws Exception {
        try {
            tx.executeWithoutResult(status -> {
                try {
                    op.handler().handle(exchange);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new HandlerFailed(e);
                }
            });
        } catch (HandlerFailed e) {
            throw (Exception) e.getCause();
        }
    }

    private static final class HandlerFailed extends RuntimeException {
        HandlerFailed(Exception cause) {
            super(cause);
        }
    }

    @Autowired
    void transactions(TransactionTemplate tx) {
        this.tx = tx;
    }

    // Handlers shared by the modules' CRUD operations.

    protected void list(Exchange exchange, EntityStore store) {
        ListQuery query = listQuery(exchange, store.entity().sorts(), store.entity().defaultSort(), false);
        respondPage(exchange, store.entity().resource(), query, store.list(query));
    }

    protected ObjectNode get(Exchange exchange, EntityStore store) {
        return store.get(pathId(exchange, "id", store.singular()));
    }

    /** Checks a create body; throws a 400 with every problem, including {@code extra} ones. */
    protected MapSqlParameterSource createValues(Exchange exchange, EntityStore store, List<Violation> extra) {
        List<Violation> problems = new ArrayList<>(extra);
        MapSqlParameterSource values = store.values(requiredBody(exchange), true, problems);
        failIfAny(problems, store);
        return values;
    }

    protected MapSqlParameterSource updateValues(JsonNode body, EntityStore store) {
        List<Violation> problems = new ArrayList<>();
        MapSqlParameterSource values = store.values(body, false, problems);
        failIfAny(problems, store);
        return values;
    }

    protected static void failIfAny(List<Violation> problems, EntityStore store) {
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid " + store.singular() + ": " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems"), problems);
        }
    }

    /** Announces a change with the change (same transaction); the payload is the entity as stored. */
    protected void emit(String event, ObjectNode entity) {
        bus.publish(event, moduleName, entity, null);
    }

    /**
     * Adds a problem when {@code body.<field>} names a row of {@code table} that does not exist,
     * e.g. a session for an unknown player.
     */
    protected static void requireExisting(NamedParameterJdbcTemplate jdbc,
                                          String table, String what, JsonNode body, String field,
                                          List<Violation> problems) {
        JsonNode id = body.get(field);
        if (id != null && id.canConvertToLong() && !Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from " + table + " where id = :id)", Map.of("id", id.asLong()),
                Boolean.class))) {
            problems.add(new Violation(field, what + " " + id.asLong() + " does not exist"));
        }
    }

    protected static List<NodePort> idInput(String what) {
        return List.of(NodePort.required("id", "integer", what + " id", 1));
    }
}
