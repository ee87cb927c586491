package io.oven.workflows.registry;

import java.util.List;
import java.util.Optional;

/** Every node type a definition may name in {@code invoke.src}. */
public interface NodeTypeRegistry {

    Optional<NodeType> find(String id);

    List<NodeType> all();

    /** Replaces every node type of {@code module} with {@code types} (an OpenAPI import, again). */
    void replaceModule(String module, List<NodeType> types);

    /** A registry of just these types (for tools and tests without Spring). */
    static NodeTypeRegistry of(List<NodeType> types) {
        return new DefaultNodeTypeRegistry(types);
    }
}
