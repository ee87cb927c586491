package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.kit.ContextMerge;
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

    /** How the output flows into the context: the Oven merge, unless the node type says otherwise. */
    default ObjectNode merge(ObjectNode context, String stateId, JsonNode output, String outputKey) {
        return ContextMerge.merge(context, stateId, output, outputKey);
    }
}
