package io.oven.workflows.registry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node types known to this service: those their executors and state kinds carry, the
 * modules' endpoints, and imports added later. Registering an id twice is a programming error
 * and fails loudly.
 */
@Component
class DefaultNodeTypeRegistry implements NodeTypeRegistry {

    private final Map<String, NodeType> types = new ConcurrentHashMap<>();

    DefaultNodeTypeRegistry(List<NodeType> types) {
        types.forEach(this::register);
    }

    @Autowired
    DefaultNodeTypeRegistry(List<NodeTypeProvider> providers, List<ApiEndpointProvider> apis) {
        providers.forEach(p -> p.nodeTypes().forEach(this::register));
        apis.forEach(p -> p.apiEndpoints().forEach(endpoint -> register(endpoint.type())));
    }

    void register(NodeType type) {
        if (types.putIfAbsent(type.id(), type) != null) {
            throw new IllegalStateException("node type '" + type.id() + "' is registered twice");
        }
    }

    @Override
    public synchronized void replaceModule(String module, List<NodeType> replacements) {
        for (NodeType type : replacements) {
            NodeType existing = types.get(type.id());
            if (existing != null && !module.equals(existing.module())) {
                throw new IllegalArgumentException("node type '" + type.id() + "' already belongs to module '"
                        + existing.module() + "'");
            }
        }
        types.values().removeIf(t -> module.equals(t.module()));
        replacements.forEach(t -> types.put(t.id(), t));
    }

    @Override
    public Optional<NodeType> find(String id) {
        return Optional.ofNullable(types.get(id));
    }

    @Override
    public List<NodeType> all() {
        List<NodeType> all = new ArrayList<>(types.values());
        all.sort((a, b) -> a.id().compareTo(b.id()));
        return all;
    }
}
