package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** {@code core.transform}: answers its mapping with every expression resolved. */
@Component
class TransformNode implements NodeExecutor {

    static final NodeType TYPE = NodeType.core("core.transform", "Transform", "transform",
            "Builds a new object from the context: each key maps to a literal or an expression.",
            List.of(required("mapping", "object", "{ newKey: $.path | literal | {% jsonata %} }",
                    Map.of("playerId", "$.player.id"))),
            List.of(optional("<key>", "any", "One output key per mapping key", null)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode mapping = call.input("mapping");
        if (mapping == null || !mapping.isObject()) {
            throw new NodeFailure("input 'mapping' must be an object");
        }
        return mapping;
    }
}
