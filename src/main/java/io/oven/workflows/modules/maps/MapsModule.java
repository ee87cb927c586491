package io.oven.workflows.modules.maps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.modules.Entity;
import io.oven.workflows.modules.EntityStore;
import io.oven.workflows.modules.Field;
import io.oven.workflows.modules.ModuleApi;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.NodePort;
import org.apache.camel.Exchange;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.oven.workflows.modules.Field.Type.BOOLEAN;
import static io.oven.workflows.modules.Field.Type.INTEGER;
import static io.oven.workflows.modules.Field.Type.JSON;
import static io.oven.workflows.modules.Field.Type.NUMBER;
import static io.oven.workflows.modules.Field.Type.TEXT;
import static io.oven.workflows.modules.Field.Type.TIMESTAMP;

/**
 * Maps: tiles, world configs ({@code POST /api/world-configs/:id/activate} deactivates the
 * others), maps, their chunks ({@code GET/POST /api/maps/:id/chunks}, posting a chunk again
 * replaces it with the next version) and {@code POST /api/maps/:id/generate}.
 *
 * <p>Why one long class: five entities of one Oven module with their endpoints and events, as
 * the other modules keep theirs; the chunk versions and map generation are its only logic.
 */
@Component
class MapsModule extends ModuleApi {

    static final Entity TILE = new Entity("tiles", "tiles", List.of(
            Field.required("tileId", INTEGER, "Small unique number of the tile (0-32767)"),
            Field.required("name", TEXT, "Name"),
            Field.of("colorHex", TEXT, "Colour, e.g. #33aa55"),
            Field.of("flags", INTEGER, "Bit flags (walkable, water, …)"),
            Field.of("category", TEXT, "Category"),
            Field.readOnly("createdAt", TIMESTAMP, "Created"),
            Field.readOnly("updatedAt", TIMESTAMP, "Updated")),
            Set.of("name", "category"), Set.of("category", "tileId"), "tileId");

    static final Entity WORLD_CONFIG = new Entity("world-configs", "world_configs", List.of(
            Field.required("name", TEXT, "Unique name"),
            Field.readOnly("isActive", BOOLEAN, "Whether this is the active world config"),
            Field.of("chunkSize", INTEGER, "Tiles per chunk side"),
            Field.of("loadRadius", INTEGER, "Chunks loaded around a player"),
            Field.of("seed", INTEGER, "World seed"),
            Field.of("mapMode", TEXT, "Map mode").oneOf("discovery", "fixed"),
            Field.of("noiseScale", NUMBER, "Noise scale"),
            Field.of("noiseOctaves", INTEGER, "Noise octaves"),
            Field.of("waterLevel", NUMBER, "Water level"),
            Field.readOnly("createdAt", TIMESTAMP, "Created"),
            Field.readOnly("updatedAt", TIMESTAMP, "Updated")),
            Set.of("name"), Set.of("isActive", "mapMode"), "id");

    static final Entity MAP = new Entity("maps", "maps", List.of(
            Field.required("name", TEXT, "Name"),
            Field.of("worldConfigId", INTEGER, "World config it uses"),
            Field.of("mode", TEXT, "Map mode").oneOf("discovery", "fixed"),
            Field.of("seed", INTEGER, "Seed"),
            Field.of("bounds", JSON, "{ minX, maxX, minY, maxY } in chunks"),
            Field.of("status", TEXT, "Status").oneOf("draft", "published", "archived"),
            Field.readOnly("totalChunks", INTEGER, "Chunks stored"),
            Field.readOnly("createdAt", TIMESTAMP, "Created"),
            Field.readOnly("updatedAt", TIMESTAMP, "Updated")),
            Set.of("name"), Set.of("status", "mode", "worldConfigId"), "id");

    static final Entity CHUNK = new Entity("chunks", "chunks", List.of(
            Field.readOnly("mapId", INTEGER, "Map"),
            Field.required("chunkX", INTEGER, "Chunk (x)"),
            Field.required("chunkY", INTEGER, "Chunk (y)"),
            Field.of("layerData", TEXT, "Tile layers, base64"),
            Field.readOnly("version", INTEGER, "Version, one more at each save")),
            Set.of(), Set.of("mapId"), "id");

    private final EntityStore tiles;
    private final EntityStore worldConfigs;
    private final EntityStore maps;
    private final EntityStore chunks;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<ConfigResolver> config;

    MapsModule(ObjectMapper mapper, EventBus bus, NamedParameterJdbcTemplate jdbc, TransactionTemplate tx,
               ObjectProvider<ConfigResolver> config) {
        super("maps", mapper, bus);
        this.jdbc = jdbc;
        this.tx = tx;
        this.config = config;
        this.tiles = new EntityStore(TILE, jdbc, mapper);
        this.worldConfigs = new EntityStore(WORLD_CONFIG, jdbc, mapper);
        this.maps = new EntityStore(MAP, jdbc, mapper);
        this.chunks = new EntityStore(CHUNK, jdbc, mapper);
    }

    @Override
    protected List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        crud(ops, "maps.tiles", "tile", "/api/tiles", tiles, "maps.tile");
        ops.add(new Op("maps.tiles.delete", "Delete tile", "DELETE", "/api/tiles/:id", idInput("Tile"), TILE.outputs(),
                exchange -> delete(exchange, tiles, "tiles", "tile", "maps.tile.deleted")));
        ops.add(new Op("maps.worldConfigs.getActive", "Active world config", "GET", "/api/world-configs/active",
                List.of(), WORLD_CONFIG.outputs(), this::activeWorldConfig));
        crud(ops, "maps.worldConfigs", "world config", "/api/world-configs", worldConfigs, "maps.worldConfig");
        ops.add(new Op("maps.worldConfigs.activate", "Activate world config", "POST", "/api/world-configs/:id/activate",
                idInput("World config"), WORLD_CONFIG.outputs(), this::activate));
        ops.add(new Op("maps.worldConfigs.delete", "Delete world config", "DELETE", "/api/world-configs/:id",
                idInput("World config"), WORLD_CONFIG.outputs(),
                exchange -> delete(exchange, worldConfigs, "world_configs", "world config", "maps.worldConfig.deleted")));
        crud(ops, "maps.maps", "map", "/api/maps", maps, "maps.map");
        ops.add(new Op("maps.maps.delete", "Delete map (and its chunks)", "DELETE", "/api/maps/:id", idInput("Map"),
                MAP.outputs(), exchange -> delete(exchange, maps, "maps", "map", "maps.map.deleted")));
        ops.add(new Op("maps.chunks.list", "List chunks of a map", "GET", "/api/maps/:id/chunks", idInput("Map"),
                CHUNK.outputs(), this::listChunks));
        List<NodePort> chunkInputs = new ArrayList<>(idInput("Map"));
        chunkInputs.addAll(CHUNK.inputs(true));
        ops.add(new Op("maps.chunks.save", "Save chunk", "POST", "/api/maps/:id/chunks", chunkInputs, CHUNK.outputs(),
                this::saveChunk));
        ops.add(new Op("maps.maps.generate", "Generate map chunks", "POST", "/api/maps/:id/generate", idInput("Map"),
                List.of(NodePort.optional("generated", "integer", "Chunks generated", 9),
                        NodePort.optional("totalChunks", "integer", "Chunks the map has", 9)), this::generate));
        return ops;
    }

    private void crud(List<Op> ops, String prefix, String what, String route, EntityStore store, String event) {
        Entity entity = store.entity();
        List<NodePort> update = new ArrayList<>(idInput(what));
        update.addAll(entity.inputs(false));
        ops.add(new Op(prefix + ".list", "List " + what + "s", "GET", route, List.of(), entity.outputs(),
                exchange -> list(exchange, store)));
        ops.add(new Op(prefix + ".create", "Create " + what, "POST", route, entity.inputs(true), entity.outputs(),
                exchange -> {
                    ObjectNode created = store.insert(createValues(exchange, store, List.of()));
                    emit(event + ".created", created);
                    respond(exchange, 201, created);
                }));
        ops.add(new Op(prefix + ".get", "Get " + what, "GET", route + "/:id", idInput(what), entity.outputs(),
                exchange -> respond(exchange, 200, get(exchange, store))));
        ops.add(new Op(prefix + ".update", "Update " + what, "PUT", route + "/:id", update, entity.outputs(),
                exchange -> {
                    long id = pathId(exchange, "id", what);
                    JsonNode body = requiredBody(exchange);
                    store.get(id);
                    ObjectNode updated = store.update(id, updateValues(body, store)).orElseThrow();
                    emit(event + ".updated", updated);
                    respond(exchange, 200, updated);
                }));
    }

    @Override
    protected ModuleDescriptor describe(List<ModuleDescriptor.Endpoint> endpoints) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        List<ModuleDescriptor.EventType> events = new ArrayList<>();
        for (String[] e : new String[][]{{"maps.tile", "tile"}, {"maps.worldConfig", "world config"}, {"maps.map", "map"}}) {
            events.add(new ModuleDescriptor.EventType(e[0] + ".created", "A " + e[1] + " was created", List.of()));
            events.add(new ModuleDescriptor.EventType(e[0] + ".updated", "A " + e[1] + " changed", List.of()));
        }
        events.add(new ModuleDescriptor.EventType("maps.tile.deleted", "A tile was deleted", TILE.outputs()));
        events.add(new ModuleDescriptor.EventType("maps.worldConfig.deleted", "A world config was deleted",
                WORLD_CONFIG.outputs()));
        events.add(new ModuleDescriptor.EventType("maps.map.deleted", "A map was deleted with its chunks", MAP.outputs()));
        events.add(new ModuleDescriptor.EventType("maps.worldConfig.activated", "A world config became the active one",
                WORLD_CONFIG.outputs()));
        events.add(new ModuleDescriptor.EventType("maps.chunk.saved", "A chunk was saved", CHUNK.outputs()));
        events.add(new ModuleDescriptor.EventType("maps.map.generated", "A map's chunks were generated",
                List.of(NodePort.optional("mapId", "integer", "Map", 1), NodePort.optional("generated", "integer", "Chunks", 9))));
        return new ModuleDescriptor("maps", "Tiles, world configs, maps and chunks.", List.of(), endpoints, events, List.of(
                new ModuleDescriptor.ConfigKey("START_CELL_POSITION", "object",
                        json.objectNode().put("x", 0).put("y", 0), "Where new players spawn on a map", true, false),
                new ModuleDescriptor.ConfigKey("MAX_DISCOVERY_CHUNKS", "integer", json.numberNode(10000),
                        "Most chunks a map may have", true, false),
                new ModuleDescriptor.ConfigKey("DEFAULT_SPAWN_RADIUS", "integer", json.numberNode(2),
                        "Tiles around the spawn cell a player may appear on", true, false)));
    }

    /** Deletes one row of a fixed table; one still referenced (a world config a map uses) is a 409. */
    private void delete(Exchange exchange, EntityStore store, String table, String what, String event) {
        long id = pathId(exchange, "id", what);
        ObjectNode deleted;
        try {
            deleted = jdbc.query("delete from " + table + " where id = :id returning *", Map.of("id", id),
                    (rs, n) -> store.row(rs)).stream().findFirst().orElseThrow(() -> Problem.notFound(what + " " + id));
        } catch (DataIntegrityViolationException e) {
            throw Problem.conflict(what + " " + id + " is still in use (a map refers to it)", null);
        }
        emit(event, deleted);
        respond(exchange, 200, deleted);
    }

    /** The active world config, or null when none is. */
    private void activeWorldConfig(Exchange exchange) {
        List<ObjectNode> active = worldConfigs.where("is_active", Map.of(), "id");
        respond(exchange, 200, active.isEmpty() ? NullNode.instance : active.get(0));
    }

    /** Activating one world config deactivates the others, in one transaction. */
    private void activate(Exchange exchange) {
        long id = pathId(exchange, "id", "world config");
        worldConfigs.get(id);
        ObjectNode active = tx.execute(status -> {
            jdbc.update("update world_configs set is_active = false, updated_at = now() where is_active and id <> :id",
                    Map.of("id", id));
            return jdbc.queryForObject("update world_configs set is_active = true, updated_at = now() where id = :id "
                    + "returning *", Map.of("id", id), (rs, n) -> worldConfigs.row(rs));
        });
        emit("maps.worldConfig.activated", active);
        respond(exchange, 200, active);
    }

    private void listChunks(Exchange exchange) {
        long mapId = pathId(exchange, "id", "map");
        maps.get(mapId);
        ListQuery query = listQuery(exchange, CHUNK.sorts(), "id", true);
        query.filter().put("mapId", mapId);
        respondPage(exchange, "chunks", query, chunks.list(query));
    }

    /** Saving a chunk that exists replaces its layers and bumps its version. */
    private void saveChunk(Exchange exchange) {
        long mapId = pathId(exchange, "id", "map");
        maps.get(mapId);
        JsonNode body = requiredBody(exchange);
        List<Violation> problems = new ArrayList<>();
        MapSqlParameterSource values = chunks.values(body, true, problems);
        JsonNode layers = body.get("layerData");
        if (layers != null && layers.isTextual() && !isBase64(layers.asText())) {
            problems.add(new Violation("layerData", "must be base64"));
        }
        failIfAny(problems, chunks);
        values.addValue("mapId", mapId);
        if (!values.hasValue("layerData")) {
            values.addValue("layerData", null);
        }
        ObjectNode saved = tx.execute(status -> {
            ObjectNode chunk = jdbc.queryForObject("insert into chunks (map_id, chunk_x, chunk_y, layer_data) values "
                    + "(:mapId, :chunkX, :chunkY, :layerData) on conflict (map_id, chunk_x, chunk_y) do update set "
                    + "layer_data = excluded.layer_data, version = chunks.version + 1 returning *", values,
                    (rs, n) -> chunks.row(rs));
            countChunks(mapId);
            return chunk;
        });
        emit("maps.chunk.saved", saved);
        respond(exchange, 201, saved);
    }

    /**
     * Fills the map's bounds ({@code { minX, maxX, minY, maxY }}, in chunks) with chunks whose
     * layers come from the map's seed, up to MAX_DISCOVERY_CHUNKS; existing chunks are kept.
     */
    private void generate(Exchange exchange) {
        long mapId = pathId(exchange, "id", "map");
        ObjectNode map = maps.get(mapId);
        JsonNode bounds = map.get("bounds");
        List<Violation> problems = new ArrayList<>();
        for (String k : List.of("minX", "maxX", "minY", "maxY")) {
            if (bounds == null || !bounds.path(k).isIntegralNumber()) {
                problems.add(new Violation("bounds." + k, "the map needs whole-number bounds to generate chunks"));
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("map " + mapId + " cannot be generated", problems);
        }
        int minX = bounds.get("minX").asInt();
        int maxX = bounds.get("maxX").asInt();
        int minY = bounds.get("minY").asInt();
        int maxY = bounds.get("maxY").asInt();
        long count = (long) (maxX - minX + 1) * (maxY - minY + 1);
        long limit = config.getObject().resolve("maps", "MAX_DISCOVERY_CHUNKS", Long.toString(mapId))
                .map(r -> r.value().asLong()).orElse(10000L);
        if (maxX < minX || maxY < minY || count > limit) {
            throw Problem.invalid("bounds", "the bounds hold " + count + " chunks; 1 to " + limit
                    + " (MAX_DISCOVERY_CHUNKS) may be generated");
        }
        long seed = map.get("seed").isNull() ? mapId : map.get("seed").asLong();
        int before = map.get("totalChunks").asInt();
        tx.executeWithoutResult(status -> {
            List<MapSqlParameterSource> rows = new ArrayList<>();
            for (int x = minX; x <= maxX; x++) {
                for (int y = minY; y <= maxY; y++) {
                    rows.add(new MapSqlParameterSource().addValue("mapId", mapId).addValue("x", x).addValue("y", y)
                            .addValue("layers", layers(seed, x, y)));
                }
            }
            jdbc.batchUpdate("insert into chunks (map_id, chunk_x, chunk_y, layer_data) values "
                    + "(:mapId, :x, :y, :layers) on conflict do nothing", rows.toArray(MapSqlParameterSource[]::new));
            countChunks(mapId);
        });
        int total = maps.get(mapId).get("totalChunks").asInt();
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("mapId", mapId).put("generated", total - before)
                .put("totalChunks", total);
        emit("maps.map.generated", result);
        respond(exchange, 200, result);
    }

    private void countChunks(long mapId) {
        jdbc.update("update maps set total_chunks = (select count(*) from chunks where map_id = :id), updated_at = now() "
                + "where id = :id", Map.of("id", mapId));
    }

    /** Deterministic tile ids for one chunk, from the map's seed: 16 x 16 tiles, base64. */
    static String layers(long seed, int x, int y) {
        Random random = new Random(seed * 31 + x * 1_000_003L + y);
        ByteBuffer tiles = ByteBuffer.allocate(256 * 2);
        for (int i = 0; i < 256; i++) {
            tiles.putShort((short) random.nextInt(8));
        }
        return Base64.getEncoder().encodeToString(tiles.array());
    }

    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
