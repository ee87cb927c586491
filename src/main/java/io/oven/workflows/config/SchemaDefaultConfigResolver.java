package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * The config schema defaults of the Oven modules (DESIGN §6). The config store, when it
 * lands, consults instance and module rows first and falls back to these.
 */
@Component
class SchemaDefaultConfigResolver implements ConfigResolver {

    private final Map<String, Map<String, JsonNode>> defaults;

    SchemaDefaultConfigResolver(ObjectMapper mapper) {
        this.defaults = Map.of(
                "sessions", Map.of(
                        "SESSION_TTL_SECONDS", mapper.valueToTree(300),
                        "SESSION_WARNING_SECONDS", mapper.valueToTree(240)),
                "maps", Map.of(
                        "START_CELL_POSITION", mapper.valueToTree(Map.of("x", 0, "y", 0)),
                        "MAX_DISCOVERY_CHUNKS", mapper.valueToTree(10000),
                        "DEFAULT_SPAWN_RADIUS", mapper.valueToTree(2)));
    }

    @Override
    public Optional<Resolved> resolve(String moduleName, String key, String scopeId) {
        JsonNode value = defaults.getOrDefault(moduleName, Map.of()).get(key);
        return Optional.ofNullable(value).map(v -> new Resolved(moduleName, key, v, "default", scopeId));
    }
}
