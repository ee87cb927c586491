package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/**
 * {@code core.setVariable}: sets the context key {@code name} to {@code value} and answers
 * {@code { name, value }} (as Oven's engine does, so {@code $.<state>_output.value} holds it).
 */
@Component
class SetVariableNode implements NodeExecutor {

    static final NodeType TYPE = NodeType.core("core.setVariable", "Set variable", "variable",
            "Stores a value in the context under a name.",
            List.of(required("name", "string", "Context key to set", "attempts"),
                    required("value", "any", "Literal, $.path or {% jsonata %}", "{% attempts + 1 %}")),
            List.of(optional("name", "string", "The key that was set", "attempts"),
                    optional("value", "any", "The value it holds now", 2)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode value = call.input().get("value");
        return JsonNodeFactory.instance.objectNode().put("name", call.text("name"))
                .set("value", value == null ? NullNode.instance : value);
    }

    @Override
    public ObjectNode merge(ObjectNode context, String stateId, JsonNode output, String outputKey) {
        return ContextMerge.variable(context, stateId, output, outputKey);
    }
}
