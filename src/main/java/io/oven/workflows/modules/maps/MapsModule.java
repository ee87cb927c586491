package io.oven.workflows.modules.maps;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.modules.ModuleDescriptor;
import io.oven.workflows.modules.OvenModule;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The maps module as far as it is built: its config schema, which workflows read through
 * {@code core.resolveConfig} and {@code $config.maps.<KEY>}. Its endpoints and events are to come.
 */
@Component
class MapsModule implements OvenModule {

    @Override
    public ModuleDescriptor descriptor() {
        JsonNodeFactory json = JsonNodeFactory.instance;
        return new ModuleDescriptor("maps", "Tiles, world configs, maps and chunks (config only so far).", List.of(),
                List.of(), List.of(), List.of(
                new ModuleDescriptor.ConfigKey("START_CELL_POSITION", "object",
                        json.objectNode().put("x", 0).put("y", 0), "Where new players spawn on a map", true, false),
                new ModuleDescriptor.ConfigKey("MAX_DISCOVERY_CHUNKS", "integer", json.numberNode(10000),
                        "Most chunks a discovery map generates", true, false),
                new ModuleDescriptor.ConfigKey("DEFAULT_SPAWN_RADIUS", "integer", json.numberNode(2),
                        "Tiles around the spawn cell a player may appear on", true, false)));
    }
}
