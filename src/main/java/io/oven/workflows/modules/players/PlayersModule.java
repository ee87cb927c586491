package io.oven.workflows.modules.players;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.modules.Entity;
import io.oven.workflows.modules.EntityStore;
import io.oven.workflows.modules.Field;
import io.oven.workflows.modules.ModuleApi;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.NodePort;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.oven.workflows.modules.Field.Type.INTEGER;
import static io.oven.workflows.modules.Field.Type.TEXT;
import static io.oven.workflows.modules.Field.Type.TIMESTAMP;

/**
 * Players: {@code GET/POST /api/players}, {@code GET/PUT /api/players/:id}. There is no delete;
 * a player is deactivated or banned through its status. Emits {@code players.player.created},
 * {@code .updated} and {@code .banned} (the player as stored) with each change, through the outbox.
 */
@Component
class PlayersModule extends ModuleApi {

    static final Entity PLAYER = new Entity("players", "players", List.of(
            Field.required("username", TEXT, "Unique login name"),
            Field.of("displayName", TEXT, "Name shown in the game"),
            Field.of("status", TEXT, "Account status").oneOf("active", "inactive", "banned"),
            Field.of("totalPlayTimeSeconds", INTEGER, "Time played in all sessions"),
            Field.of("lastSeenAt", TIMESTAMP, "Last time the player was seen"),
            Field.readOnly("createdAt", TIMESTAMP, "When the player was created"),
            Field.readOnly("updatedAt", TIMESTAMP, "When the player last changed")),
            Set.of("username", "displayName"), Set.of("status", "username"), "id");

    private final EntityStore players;

    PlayersModule(ObjectMapper mapper, EventBus bus, NamedParameterJdbcTemplate jdbc) {
        super("players", mapper, bus);
        this.players = new EntityStore(PLAYER, jdbc, mapper);
    }

    @Override
    protected List<Op> operations() {
        return List.of(
                new Op("players.list", "List players", "GET", "/api/players", listInputs(), PLAYER.outputs(),
                        exchange -> list(exchange, players)),
                new Op("players.create", "Create player", "POST", "/api/players", PLAYER.inputs(true), PLAYER.outputs(),
                        this::create),
                new Op("players.get", "Get player", "GET", "/api/players/:id", idInput("Player"), PLAYER.outputs(),
                        exchange -> respond(exchange, 200, get(exchange, players))),
                new Op("players.update", "Update player", "PUT", "/api/players/:id", updateInputs(), PLAYER.outputs(),
                        this::update));
    }

    @Override
    protected ModuleDescriptor describe(List<ModuleDescriptor.Endpoint> endpoints) {
        List<NodePort> player = PLAYER.outputs();
        return new ModuleDescriptor("players", "Player accounts: create, read, update, deactivate or ban.", List.of(),
                endpoints, List.of(
                new ModuleDescriptor.EventType("players.player.created", "A player was created", player),
                new ModuleDescriptor.EventType("players.player.updated", "A player changed", player),
                new ModuleDescriptor.EventType("players.player.banned", "A player's status became banned", player)),
                List.of());
    }

    private void create(Exchange exchange) {
        ObjectNode created = players.insert(createValues(exchange, players, List.of()));
        emit("players.player.created", created);
        if ("banned".equals(created.get("status").asText())) {
            emit("players.player.banned", created);
        }
        respond(exchange, 201, created);
    }

    private void update(Exchange exchange) {
        long id = pathId(exchange, "id", "player");
        JsonNode body = requiredBody(exchange);
        ObjectNode before = players.get(id);
        ObjectNode updated = players.update(id, updateValues(body, players)).orElseThrow();
        emit("players.player.updated", updated);
        if ("banned".equals(updated.get("status").asText()) && !"banned".equals(before.get("status").asText())) {
            emit("players.player.banned", updated);
        }
        respond(exchange, 200, updated);
    }

    private static List<NodePort> listInputs() {
        return List.of(NodePort.optional("filter", "string", "react-admin filter (JSON): q, status, username", "{\"status\":\"active\"}"),
                NodePort.optional("sort", "string", "react-admin sort (JSON)", "[\"id\",\"DESC\"]"),
                NodePort.optional("range", "string", "react-admin range (JSON)", "[0,24]"));
    }

    private static List<NodePort> updateInputs() {
        List<NodePort> inputs = new ArrayList<>(idInput("Player"));
        inputs.addAll(PLAYER.inputs(false));
        return inputs;
    }
}
