package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.runtime.NodeFailure;
import org.springframework.stereotype.Component;

/** {@code core.transform}: answers its mapping with every expression resolved. */
@Component
class TransformNode implements NodeExecutor {

    @Override
    public String type() {
        return "core.transform";
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
