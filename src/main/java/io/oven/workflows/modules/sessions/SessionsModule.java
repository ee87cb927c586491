package io.oven.workflows.modules.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.modules.Entity;
import io.oven.workflows.modules.EntityStore;
import io.oven.workflows.modules.Field;
import io.oven.workflows.modules.ModuleApi;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.NodePort;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.oven.workflows.modules.Field.Type.INTEGER;
import static io.oven.workflows.modules.Field.Type.TIMESTAMP;

/**
 * Sessions: {@code GET/POST /api/sessions}, {@code GET/PUT /api/sessions/:id} and
 * {@code GET /api/sessions/active?playerId=} (the player's sessions not yet ended, as an array).
 * {@code endedAt: "now"} means the current time. Emits {@code sessions.session.started} on create
 * and {@code sessions.session.ended} when a session gets its end, each with the session as stored.
 */
@Component
class SessionsModule extends ModuleApi {

    static final Entity SESSION = new Entity("sessions", "sessions", List.of(
            Field.required("playerId", INTEGER, "Player playing"),
            Field.required("mapId", INTEGER, "Map played on"),
            Field.of("startedAt", TIMESTAMP, "Start (default: now)"),
            Field.of("endedAt", TIMESTAMP, "End, or \"now\"; null while the session runs"),
            Field.of("startTileX", INTEGER, "Tile the player started on (x)"),
            Field.of("startTileY", INTEGER, "Tile the player started on (y)"),
            Field.of("endTileX", INTEGER, "Tile the player ended on (x)"),
            Field.of("endTileY", INTEGER, "Tile the player ended on (y)"),
            Field.of("tilesTraveled", INTEGER, "Tiles traveled"),
            Field.of("chunksLoaded", INTEGER, "Chunks loaded")),
            Set.of(), Set.of("playerId", "mapId", "endedAt"), "id");

    private final EntityStore sessions;
    private final NamedParameterJdbcTemplate jdbc;

    SessionsModule(ObjectMapper mapper, EventBus bus, NamedParameterJdbcTemplate jdbc) {
        super("sessions", mapper, bus);
        this.jdbc = jdbc;
        this.sessions = new EntityStore(SESSION, jdbc, mapper);
    }

    @Override
    protected List<Op> operations() {
        List<NodePort> update = new ArrayList<>(idInput("Session"));
        update.addAll(SESSION.inputs(false));
        return List.of(
                new Op("sessions.list", "List sessions", "GET", "/api/sessions", List.of(
                        NodePort.optional("filter", "string", "react-admin filter (JSON): playerId, mapId", "{\"playerId\":1}")),
                        SESSION.outputs(), exchange -> list(exchange, sessions)),
                new Op("sessions.getActive", "Active sessions of a player", "GET", "/api/sessions/active",
                        List.of(NodePort.required("playerId", "integer", "Player", 1)),
                        List.of(NodePort.optional("0", "object", "The first active session, if any", null),
                                NodePort.optional("length", "integer", "How many are active", 1)),
                        this::active),
                new Op("sessions.create", "Start session", "POST", "/api/sessions", SESSION.inputs(true),
                        SESSION.outputs(), this::create),
                new Op("sessions.get", "Get session", "GET", "/api/sessions/:id", idInput("Session"), SESSION.outputs(),
                        exchange -> respond(exchange, 200, get(exchange, sessions))),
                new Op("sessions.update", "Update or end session", "PUT", "/api/sessions/:id", update,
                        SESSION.outputs(), this::update));
    }

    @Override
    protected ModuleDescriptor describe(List<ModuleDescriptor.Endpoint> endpoints) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new ModuleDescriptor("sessions", "Play sessions: start, end, and which are active.", List.of("players"),
                endpoints, List.of(
                new ModuleDescriptor.EventType("sessions.session.started", "A session started", SESSION.outputs()),
                new ModuleDescriptor.EventType("sessions.session.ended", "A session ended", SESSION.outputs())),
                List.of(new ModuleDescriptor.ConfigKey("SESSION_TTL_SECONDS", "integer", json.numberNode(300),
                                "Seconds without activity after which a session counts as abandoned", false, false),
                        new ModuleDescriptor.ConfigKey("SESSION_WARNING_SECONDS", "integer", json.numberNode(240),
                                "Seconds without activity after which the player is warned", false, false)));
    }

    private void active(Exchange exchange) {
        String playerId = exchange.getIn().getHeader("playerId", String.class);
        if (playerId == null || !playerId.matches("\\d{1,18}")) {
            throw Problem.invalid("playerId", "is required: the player whose active sessions to list");
        }
        respond(exchange, 200, sessions.where("player_id = :playerId and ended_at is null",
                Map.of("playerId", Long.parseLong(playerId)), "started_at desc, id desc"));
    }

    private void create(Exchange exchange) {
        JsonNode body = requiredBody(exchange);
        List<Violation> problems = new ArrayList<>();
        requireExisting(jdbc, "players", "player", body, "playerId", problems);
        MapSqlParameterSource values = sessions.values(body, true, problems);
        failIfAny(problems, sessions);
        ObjectNode created = sessions.insert(values);
        emit("sessions.session.started", created);
        respond(exchange, 201, created);
    }

    private void update(Exchange exchange) {
        long id = pathId(exchange, "id", "session");
        JsonNode body = requiredBody(exchange);
        ObjectNode before = sessions.get(id);
        List<Violation> problems = new ArrayList<>();
        requireExisting(jdbc, "players", "player", body, "playerId", problems);
        failIfAny(problems, sessions);
        ObjectNode updated = sessions.update(id, updateValues(body, sessions)).orElseThrow();
        if (before.get("endedAt").isNull() && !updated.get("endedAt").isNull()) {
            emit("sessions.session.ended", updated);
        }
        respond(exchange, 200, updated);
    }
}
