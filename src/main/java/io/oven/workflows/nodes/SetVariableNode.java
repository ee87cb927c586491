package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

/** {@code core.setVariable}: answers {@code { <name>: value }}, which the merge spreads into the context. */
@Component
class SetVariableNode implements NodeExecutor {

    @Override
    public String type() {
        return "core.setVariable";
    }

    @Override
    public JsonNode execute(NodeCall call) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode value = call.input().get("value");
        out.set(call.text("name"), value == null ? NullNode.instance : value);
        return out;
    }
}
