package io.oven.workflows.registry;

import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every module of this service. Built at start-up, where a missing dependency stops the
 * service with a message naming it. Each module endpoint becomes an api-call node type.
 */
@Component
public class ModuleRegistry implements ApiEndpointProvider {

    /**
     * Oven's ids for endpoints this service names otherwise (its engine's node registry): a
     * definition written for Oven saves and runs with them; {@code GET /api/node-types} lists each
     * with {@code aliasOf} naming ours.
     */
    static final Map<String, String> OVEN_IDS = Map.of(
            "maps.chunks.list", "maps.chunks.get",
            "maps.chunks.save", "maps.chunks.upsert",
            "maps.maps.generate", "maps.generate",
            "positions.positions.create", "positions.record",
            "positions.visitedChunks.upsert", "positions.visitedChunks.record");

    private final Map<String, ModuleDescriptor> modules = new LinkedHashMap<>();

    ModuleRegistry(List<OvenModule> modules) {
        modules.stream().map(OvenModule::descriptor)
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .forEach(d -> {
                    if (this.modules.putIfAbsent(d.name(), d) != null) {
                        throw new IllegalStateException("module '" + d.name() + "' is registered twice");
                    }
                });
        for (ModuleDescriptor module : this.modules.values()) {
            for (String dependency : module.dependencies()) {
                if (!this.modules.containsKey(dependency)) {
                    throw new IllegalStateException("module '" + module.name() + "' depends on module '" + dependency
                            + "', which is not registered");
                }
            }
        }
    }

    public List<ModuleDescriptor> all() {
        return List.copyOf(modules.values());
    }

    public Optional<ModuleDescriptor> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public Optional<ModuleDescriptor.ConfigKey> configKey(String module, String key) {
        return find(module).flatMap(m -> m.config().stream().filter(k -> k.key().equals(key)).findFirst());
    }

    @Override
    public List<ApiEndpoint> apiEndpoints() {
        List<ApiEndpoint> endpoints = new ArrayList<>();
        for (ModuleDescriptor module : modules.values()) {
            for (ModuleDescriptor.Endpoint e : module.endpoints()) {
                NodeType type = new NodeType(e.nodeType(), e.label(), module.name(), "api-call",
                        e.label() + " (" + e.method() + " " + e.route() + ")", e.inputs(), e.outputs(), e.method(),
                        e.route(), false);
                String direct = e.directRoute() == null ? null : "direct:" + e.directRoute();
                endpoints.add(new ApiEndpoint(type, direct, null));
                String oven = OVEN_IDS.get(e.nodeType());
                if (oven != null) {
                    endpoints.add(new ApiEndpoint(type.alias(oven), direct, null));
                }
            }
        }
        return endpoints;
    }
}
