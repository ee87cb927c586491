package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.registry.NodeType;

/**
 * What one node type does when invoked, and the node type itself (its schema, ports and
 * examples), so a node type is one class. Throwing fails the node (and may be retried).
 */
public interface NodeExecutor {

    NodeType nodeType();

    default String type() {
        return nodeType().id();
    }

    JsonNode execute(NodeCall call) throws Exception;
}
