package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.kit.Guards;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** {@code core.condition}: answers {@code { result }} for key / operator / value on the context. */
@Component
class ConditionNode implements NodeExecutor {

    private final Guards guards;

    ConditionNode(Guards guards) {
        this.guards = guards;
    }

    static final NodeType TYPE = NodeType.core("core.condition", "Condition", "condition",
            "Evaluates key / operator / value against the context.",
            List.of(required("key", "string", "Dotted path into the context", "0.id"),
                    required("operator", "string", "==, !=, >, <, >=, <=, contains, exists, …", "exists"),
                    optional("value", "any", "Value to compare with", null)),
            List.of(optional("result", "boolean", "Whether the condition holds", true)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode actual = ContextExpressions.path(call.context(), call.text("key"));
        boolean result = guards.condition(actual, call.text("operator"), call.input("value"));
        return JsonNodeFactory.instance.objectNode().put("result", result);
    }
}
