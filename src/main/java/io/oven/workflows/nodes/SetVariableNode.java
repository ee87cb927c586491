package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;
import io.oven.workflows.registry.NodeType;
import java.util.List;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** {@code core.setVariable}: answers {@code { <name>: value }}, which the merge spreads into the context. */
@Component
class SetVariableNode implements NodeExecutor {

    static final NodeType TYPE = NodeType.core("core.setVariable", "Set variable", "variable",
            "Stores a value in the context under a name.",
            List.of(required("name", "string", "Context key to set", "attempts"),
                    required("value", "any", "Literal, $.path or {% jsonata %}", "{% attempts + 1 %}")),
            List.of(optional("<name>", "any", "The value, stored under the given name", null)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode value = call.input().get("value");
        out.set(call.text("name"), value == null ? NullNode.instance : value);
        return out;
    }
}
