package io.oven.workflows.registry;

import java.util.List;

/** A source of node types (a module's endpoints, an imported API); the registry collects them all. */
public interface NodeTypeProvider {

    List<NodeType> nodeTypes();
}
