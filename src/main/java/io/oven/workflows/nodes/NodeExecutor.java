package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;

/** What one node type does when invoked. Throwing fails the node (and may be retried). */
public interface NodeExecutor {

    String type();

    JsonNode execute(NodeCall call) throws Exception;
}
