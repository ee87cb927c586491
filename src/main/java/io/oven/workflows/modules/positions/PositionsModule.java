package io.oven.workflows.modules.positions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
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
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.oven.workflows.modules.Field.Type.BOOLEAN;
import static io.oven.workflows.modules.Field.Type.INTEGER;
import static io.oven.workflows.modules.Field.Type.NUMBER;
import static io.oven.workflows.modules.Field.Type.TIMESTAMP;

/**
 * Positions: map assignments ({@code /api/map-assignments}; a new one ends the player's previous
 * one, and {@code /active?playerId=} answers the active one or null), recorded positions
 * ({@code /api/player-positions}) and visited chunks ({@code /api/visited-chunks}, where posting a
 * chunk again counts one more visit). Events: {@code position.player.assigned|left|moved} and
 * {@code position.chunk.visited}.
 */
@Component
class PositionsModule extends ModuleApi {

    static final Entity ASSIGNMENT = new Entity("map-assignments", "map_assignments", List.of(
            Field.required("playerId", INTEGER, "Player"),
            Field.required("mapId", INTEGER, "Map"),
            Field.readOnly("isActive", BOOLEAN, "Whether this is the player's current assignment"),
            Field.of("spawnTileX", INTEGER, "Spawn tile (x)"),
            Field.of("spawnTileY", INTEGER, "Spawn tile (y)"),
            Field.of("currentTileX", INTEGER, "Last known tile (x)"),
            Field.of("currentTileY", INTEGER, "Last known tile (y)"),
            Field.readOnly("assignedAt", TIMESTAMP, "When the player was assigned"),
            Field.readOnly("leftAt", TIMESTAMP, "When the player left the map")),
            Set.of(), Set.of("playerId", "mapId", "isActive"), "id");

    static final Entity POSITION = new Entity("player-positions", "player_positions", List.of(
            Field.required("playerId", INTEGER, "Player"),
            Field.of("sessionId", INTEGER, "Session"),
            Field.required("mapId", INTEGER, "Map"),
            Field.required("tileX", INTEGER, "Tile (x)"),
            Field.required("tileY", INTEGER, "Tile (y)"),
            Field.of("chunkX", INTEGER, "Chunk (x)"),
            Field.of("chunkY", INTEGER, "Chunk (y)"),
            Field.of("worldX", NUMBER, "World coordinate (x)"),
            Field.of("worldY", NUMBER, "World coordinate (y)"),
            Field.readOnly("recordedAt", TIMESTAMP, "When it was recorded")),
            Set.of(), Set.of("playerId", "sessionId", "mapId"), "id");

    static final Entity CHUNK = new Entity("visited-chunks", "visited_chunks", List.of(
            Field.required("playerId", INTEGER, "Player"),
            Field.required("mapId", INTEGER, "Map"),
            Field.required("chunkX", INTEGER, "Chunk (x)"),
            Field.required("chunkY", INTEGER, "Chunk (y)"),
            Field.readOnly("firstVisitedAt", TIMESTAMP, "First visit"),
            Field.readOnly("visitCount", INTEGER, "Visits so far")),
            Set.of(), Set.of("playerId", "mapId"), "id");

    private final EntityStore assignments;
    private final EntityStore positions;
    private final EntityStore chunks;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;

    PositionsModule(ObjectMapper mapper, EventBus bus, NamedParameterJdbcTemplate jdbc, TransactionTemplate tx) {
        super("positions", mapper, bus);
        this.jdbc = jdbc;
        this.tx = tx;
        this.assignments = new EntityStore(ASSIGNMENT, jdbc, mapper);
        this.positions = new EntityStore(POSITION, jdbc, mapper);
        this.chunks = new EntityStore(CHUNK, jdbc, mapper);
    }

    @Override
    protected List<Op> operations() {
        List<NodePort> updateAssignment = new ArrayList<>(idInput("Assignment"));
        updateAssignment.addAll(ASSIGNMENT.inputs(false));
        List<NodePort> player = List.of(NodePort.required("playerId", "integer", "Player", 1));
        return List.of(
                new Op("positions.assignments.list", "List map assignments", "GET", "/api/map-assignments",
                        List.of(), ASSIGNMENT.outputs(), exchange -> list(exchange, assignments)),
                new Op("positions.assignments.getActive", "Active map assignment of a player", "GET",
                        "/api/map-assignments/active", player, ASSIGNMENT.outputs(), this::active),
                new Op("positions.assignments.create", "Assign player to map", "POST", "/api/map-assignments",
                        ASSIGNMENT.inputs(true), ASSIGNMENT.outputs(), this::assign),
                new Op("positions.assignments.get", "Get map assignment", "GET", "/api/map-assignments/:id",
                        idInput("Assignment"), ASSIGNMENT.outputs(), exchange -> respond(exchange, 200, get(exchange, assignments))),
                new Op("positions.assignments.update", "Update map assignment", "PUT", "/api/map-assignments/:id",
                        updateAssignment, ASSIGNMENT.outputs(), this::updateAssignment),
                new Op("positions.positions.list", "List player positions", "GET", "/api/player-positions",
                        List.of(), POSITION.outputs(), exchange -> list(exchange, positions)),
                new Op("positions.positions.create", "Record player position", "POST", "/api/player-positions",
                        POSITION.inputs(true), POSITION.outputs(), this::record),
                new Op("positions.visitedChunks.list", "List visited chunks", "GET", "/api/visited-chunks",
                        List.of(), CHUNK.outputs(), exchange -> list(exchange, chunks)),
                new Op("positions.visitedChunks.upsert", "Record chunk visit", "POST", "/api/visited-chunks",
                        CHUNK.inputs(true), CHUNK.outputs(), this::visit));
    }

    @Override
    protected ModuleDescriptor describe(List<ModuleDescriptor.Endpoint> endpoints) {
        return new ModuleDescriptor("positions", "Where players are: map assignments, positions, visited chunks.",
                List.of("players", "sessions"), endpoints, List.of(
                new ModuleDescriptor.EventType("position.player.assigned", "A player was assigned to a map", ASSIGNMENT.outputs()),
                new ModuleDescriptor.EventType("position.player.left", "A player's assignment ended", ASSIGNMENT.outputs()),
                new ModuleDescriptor.EventType("position.player.moved", "A player's position was recorded", POSITION.outputs()),
                new ModuleDescriptor.EventType("position.chunk.visited", "A player visited a chunk", CHUNK.outputs())),
                List.of());
    }

    private void active(Exchange exchange) {
        long playerId = playerIdParameter(exchange);
        List<ObjectNode> active = assignments.where("player_id = :playerId and is_active", Map.of("playerId", playerId), "id");
        respond(exchange, 200, active.isEmpty() ? NullNode.instance : active.get(0));
    }

    /** A new assignment ends the player's previous one, in the same transaction. */
    private void assign(Exchange exchange) {
        JsonNode body = requiredBody(exchange);
        List<Violation> problems = new ArrayList<>();
        requireExisting(jdbc, "players", "player", body, "playerId", problems);
        MapSqlParameterSource values = assignments.values(body, true, problems);
        failIfAny(problems, assignments);
        List<ObjectNode> left = new ArrayList<>();
        ObjectNode created = tx.execute(status -> {
            left.addAll(jdbc.query("update map_assignments set is_active = false, left_at = now() "
                            + "where player_id = :playerId and is_active returning *", values,
                    (rs, n) -> assignments.row(rs)));
            return assignments.insert(values);
        });
        left.forEach(previous -> emit("position.player.left", previous));
        emit("position.player.assigned", created);
        respond(exchange, 201, created);
    }

    private void updateAssignment(Exchange exchange) {
        long id = pathId(exchange, "id", "map assignment");
        JsonNode body = requiredBody(exchange);
        assignments.get(id);
        respond(exchange, 200, assignments.update(id, updateValues(body, assignments)).orElseThrow());
    }

    private void record(Exchange exchange) {
        JsonNode body = requiredBody(exchange);
        List<Violation> problems = new ArrayList<>();
        requireExisting(jdbc, "players", "player", body, "playerId", problems);
        MapSqlParameterSource values = positions.values(body, true, problems);
        failIfAny(problems, positions);
        ObjectNode recorded = positions.insert(values);
        emit("position.player.moved", recorded);
        respond(exchange, 201, recorded);
    }

    /** Posting a chunk again counts one more visit (an upsert on player, map and chunk). */
    private void visit(Exchange exchange) {
        JsonNode body = requiredBody(exchange);
        List<Violation> problems = new ArrayList<>();
        requireExisting(jdbc, "players", "player", body, "playerId", problems);
        MapSqlParameterSource values = chunks.values(body, true, problems);
        failIfAny(problems, chunks);
        ObjectNode visited = jdbc.queryForObject("insert into visited_chunks (player_id, map_id, chunk_x, chunk_y) "
                        + "values (:playerId, :mapId, :chunkX, :chunkY) on conflict (player_id, map_id, chunk_x, chunk_y) "
                        + "do update set visit_count = visited_chunks.visit_count + 1 returning *", values,
                (rs, n) -> chunks.row(rs));
        emit("position.chunk.visited", visited);
        respond(exchange, 200, visited);
    }

    private static long playerIdParameter(Exchange exchange) {
        String playerId = exchange.getIn().getHeader("playerId", String.class);
        if (playerId == null || !playerId.matches("\\d{1,18}")) {
            throw Problem.invalid("playerId", "is required: the player to look up");
        }
        return Long.parseLong(playerId);
    }
}
