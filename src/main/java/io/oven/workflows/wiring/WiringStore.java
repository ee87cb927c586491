package io.oven.workflows.wiring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.ChangeNotices;
import io.oven.workflows.definition.Expressions;
import io.oven.workflows.eventbus.EventNames;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.ModuleRegistry;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wirings ({@code event_wirings}): CRUD with every problem reported at once, and the record of
 * what each wiring did ({@code wiring_firings}). A change is announced as {@link WiringSaved} or
 * {@link WiringDeleted}, on which {@link WiringRoutes} replaces the wiring's route.
 */
@Component
public class WiringStore {

    public static final Map<String, String> SORTS = Map.of("id", "id", "label", "label", "sourceEvent", "source_event",
            "targetAction", "target_action", "enabled", "enabled", "createdAt", "created_at", "updatedAt", "updated_at");
    public static final Map<String, String> FIRING_SORTS = Map.of("id", "id", "firedAt", "fired_at", "status", "status",
            "durationMs", "duration_ms");
    private static final Set<String> FIELDS = Set.of("sourceModule", "sourceEvent", "targetModule", "targetAction",
            "transform", "condition", "label", "description", "enabled");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ModuleRegistry modules;
    private final NodeTypeRegistry nodeTypes;
    private final ApplicationEventPublisher events;
    private final ChangeNotices notices;
    /** What the other instances are told changed. */
    private static final String CHANGE_KIND = "wiring";

    WiringStore(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, ModuleRegistry modules, NodeTypeRegistry nodeTypes,
                ApplicationEventPublisher events, ChangeNotices notices) {
        this.notices = notices;
        notices.follow(CHANGE_KIND, this::follow);
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.modules = modules;
        this.nodeTypes = nodeTypes;
        this.events = events;
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "q" -> {
                    where.add("(label ilike :q or source_event ilike :q or target_action ilike :q or description ilike :q)");
                    params.addValue("q", "%" + f.getValue().asText() + "%");
                }
                case "sourceEvent", "sourceModule", "targetAction", "targetModule" -> {
                    where.add(JsonRows.snake(f.getKey()) + " = :" + f.getKey());
                    params.addValue(f.getKey(), f.getValue().asText());
                }
                case "enabled" -> {
                    where.add("enabled = :enabled");
                    params.addValue("enabled", f.getValue().asBoolean());
                }
                case "id" -> {
                    where.add("id = any(:ids)");
                    params.addValue("ids", ids(f.getValue()));
                }
                default -> throw Problem.invalid("filter." + f.getKey(),
                        "unknown filter; use q, id, enabled, sourceEvent, sourceModule, targetAction or targetModule");
            }
        }
        return page("event_wirings", where, params, query, SORTS);
    }

    public ObjectNode get(long id) {
        return find(id).orElseThrow(() -> Problem.notFound("wiring " + id));
    }

    Optional<ObjectNode> find(long id) {
        return jdbc.query("select * from event_wirings where id = :id", Map.of("id", id), (rs, n) -> JsonRows.row(rs, mapper))
                .stream().findFirst();
    }

    /** Deploys here what is stored for wiring {@code id} (changed on another instance, or missed). */
    void follow(long id) {
        find(id).ifPresentOrElse(wiring -> events.publishEvent(new WiringSaved(wiring, null, true)),
                () -> events.publishEvent(new WiringDeleted(id, true)));
    }

    /** Enabled wiring id → its {@code updatedAt}, as {@link #find} writes it. */
    Map<Long, String> enabledStamps() {
        Map<Long, String> stamps = new HashMap<>();
        jdbc.query("select id, updated_at from event_wirings where enabled", Map.of(),
                rs -> {
                    stamps.put(rs.getLong(1), rs.getTimestamp(2).toInstant().toString());
                });
        return stamps;
    }

    List<ObjectNode> enabled() {
        return jdbc.query("select * from event_wirings where enabled order by id", Map.of(),
                (rs, n) -> JsonRows.row(rs, mapper));
    }

    public ObjectNode create(JsonNode body) {
        MapSqlParameterSource values = check(body, null);
        ObjectNode created = jdbc.queryForObject("insert into event_wirings (source_module, source_event, target_module, "
                + "target_action, transform, condition, label, description, enabled) values (:sourceModule, :sourceEvent, "
                + ":targetModule, :targetAction, cast(:transform as jsonb), cast(:condition as jsonb), :label, "
                + ":description, :enabled) returning *", values, (rs, n) -> JsonRows.row(rs, mapper));
        events.publishEvent(new WiringSaved(created, null, false));
        notices.announce(CHANGE_KIND, created.get("id").asLong());
        return created;
    }

    public ObjectNode update(long id, JsonNode body) {
        ObjectNode current = get(id);
        MapSqlParameterSource values = check(body, current).addValue("id", id);
        ObjectNode updated = jdbc.queryForObject("update event_wirings set source_module = :sourceModule, "
                + "source_event = :sourceEvent, target_module = :targetModule, target_action = :targetAction, "
                + "transform = cast(:transform as jsonb), condition = cast(:condition as jsonb), label = :label, "
                + "description = :description, enabled = :enabled, updated_at = now() where id = :id returning *",
                values, (rs, n) -> JsonRows.row(rs, mapper));
        events.publishEvent(new WiringSaved(updated, current.get("sourceEvent").asText(), false));
        notices.announce(CHANGE_KIND, id);
        return updated;
    }

    public ObjectNode delete(long id) {
        ObjectNode deleted = jdbc.query("delete from event_wirings where id = :id returning *", Map.of("id", id),
                (rs, n) -> JsonRows.row(rs, mapper)).stream().findFirst()
                .orElseThrow(() -> Problem.notFound("wiring " + id));
        events.publishEvent(new WiringDeleted(id, false));
        notices.announce(CHANGE_KIND, id);
        return deleted;
    }

    public Page<ObjectNode> firings(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "wiringId" -> {
                    where.add("wiring_id = :wiringId");
                    params.addValue("wiringId", f.getValue().asLong());
                }
                case "status" -> {
                    where.add("status = :status");
                    params.addValue("status", f.getValue().asText());
                }
                case "eventName" -> {
                    where.add("event_name = :eventName");
                    params.addValue("eventName", f.getValue().asText());
                }
                default -> throw Problem.invalid("filter." + f.getKey(), "unknown filter; use wiringId, status or eventName");
            }
        }
        return page("wiring_firings", where, params, query, FIRING_SORTS);
    }

    private Page<ObjectNode> page(String table, List<String> where, MapSqlParameterSource params, ListQuery query,
                                  Map<String, String> sorts) {
        return Page.of(jdbc, mapper, table, "*", where, params, query, sorts);
    }

    private static Long[] ids(JsonNode value) {
        List<Long> ids = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> ids.add(v.asLong()));
        } else {
            ids.add(value.asLong());
        }
        return ids.toArray(Long[]::new);
    }

    /** The row a body describes (over {@code current} for an update), or a 400 with every problem. */
    private MapSqlParameterSource check(JsonNode body, ObjectNode current) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the request body must be a JSON object");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, FIELDS, READ_ONLY, "a wiring", problems);
        String sourceEvent = text(body, current, "sourceEvent", problems);
        String sourceModule = text(body, current, "sourceModule", problems);
        String targetAction = text(body, current, "targetAction", problems);
        String targetModule = text(body, current, "targetModule", problems);
        if (sourceEvent == null) {
            problems.add(new Violation("sourceEvent", "is required: the event that fires the wiring, like players.player.created"));
        } else if (!EventNames.isName(sourceEvent)) {
            problems.add(new Violation("sourceEvent", "'" + sourceEvent + "' is not an event name (dotted words, like players.player.created)"));
        } else {
            Optional<String> declaredBy = declaringModule(sourceEvent);
            if (declaredBy.isEmpty() && !seen(sourceEvent)) {
                problems.add(new Violation("sourceEvent", "unknown event '" + sourceEvent
                        + "': no module declares it and it was never emitted (GET /api/modules lists the events)"));
            }
            String module = declaredBy.orElse(sourceEvent.substring(0, sourceEvent.indexOf('.')));
            if (sourceModule == null) {
                sourceModule = module;
            } else if (!sourceModule.equals(module)) {
                problems.add(new Violation("sourceModule", "event '" + sourceEvent + "' comes from module '" + module
                        + "', not '" + sourceModule + "'"));
            }
        }
        if (targetAction == null) {
            problems.add(new Violation("targetAction", "is required: the node type to invoke, like sessions.create"));
        } else {
            Optional<NodeType> type = nodeTypes.find(targetAction);
            if (type.isEmpty() || type.get().structural()) {
                problems.add(new Violation("targetAction", "unknown node type '" + targetAction
                        + "' (GET /api/node-types lists them)"));
            } else if (targetModule == null) {
                targetModule = type.get().module();
            } else if (!targetModule.equals(type.get().module())) {
                problems.add(new Violation("targetModule", "node type '" + targetAction + "' belongs to module '"
                        + type.get().module() + "', not '" + targetModule + "'"));
            }
        }
        JsonNode transform = value(body, current, "transform");
        if (transform != null && !transform.isObject()) {
            problems.add(new Violation("transform", "must be an object of new key → \"$.path\" or a literal"));
        } else if (transform != null) {
            expressionProblems(transform, "transform", problems);
        }
        JsonNode condition = value(body, current, "condition");
        if (condition != null && !condition.isObject()) {
            problems.add(new Violation("condition", "must be an object of payload key → expected value"));
        } else if (condition != null) {
            condition.fieldNames().forEachRemaining(key -> {
                if (key.isBlank() || key.equals("$.")) {
                    problems.add(new Violation("condition", "a key must name a payload field"));
                }
            });
        }
        String label = text(body, current, "label", problems);
        String description = text(body, current, "description", problems);
        JsonNode enabled = value(body, current, "enabled");
        if (enabled != null && !enabled.isBoolean()) {
            problems.add(new Violation("enabled", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid wiring: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                    problems);
        }
        return new MapSqlParameterSource().addValue("sourceModule", sourceModule).addValue("sourceEvent", sourceEvent)
                .addValue("targetModule", targetModule).addValue("targetAction", targetAction)
                .addValue("transform", transform == null ? null : transform.toString())
                .addValue("condition", condition == null ? null : condition.toString())
                .addValue("label", label).addValue("description", description)
                .addValue("enabled", enabled == null || enabled.asBoolean());
    }

    private void expressionProblems(JsonNode value, String path, List<Violation> problems) {
        if (value.isTextual()) {
            Expressions.problem(value.asText()).ifPresent(p -> problems.add(new Violation(path, p)));
        } else if (value.isObject()) {
            value.fields().forEachRemaining(e -> expressionProblems(e.getValue(), path + "/" + e.getKey(), problems));
        } else if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                expressionProblems(value.get(i), path + "/" + i, problems);
            }
        }
    }

    private Optional<String> declaringModule(String event) {
        for (ModuleDescriptor module : modules.all()) {
            for (ModuleDescriptor.EventType type : module.events()) {
                if (type.name().equals(event)) {
                    return Optional.of(module.name());
                }
            }
        }
        return Optional.empty();
    }

    private boolean seen(String event) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from event_log where name = :name)",
                Map.of("name", event), Boolean.class));
    }

    private static JsonNode value(JsonNode body, ObjectNode current, String field) {
        JsonNode value = body.has(field) ? body.get(field) : current == null ? null : current.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String text(JsonNode body, ObjectNode current, String field, List<Violation> problems) {
        JsonNode value = value(body, current, field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Violation(field, "must be a string"));
            return null;
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
