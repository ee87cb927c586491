package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.runtime.ContextExpressions;
import io.oven.workflows.runtime.Guards;
import org.springframework.stereotype.Component;

/** {@code core.condition}: answers {@code { result }} for key / operator / value on the context. */
@Component
class ConditionNode implements NodeExecutor {

    private final Guards guards;

    ConditionNode(Guards guards) {
        this.guards = guards;
    }

    @Override
    public String type() {
        return "core.condition";
    }

    @Override
    public JsonNode execute(NodeCall call) {
        JsonNode actual = ContextExpressions.path(call.context(), call.text("key"));
        boolean result = guards.condition(actual, call.text("operator"), call.input("value"));
        return JsonNodeFactory.instance.objectNode().put("result", result);
    }
}
