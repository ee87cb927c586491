package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.definition.Expressions;
import io.oven.workflows.definition.Invoke;
import io.oven.workflows.definition.JsonTypes;
import io.oven.workflows.definition.RetryPolicy;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.WorkflowValidator;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks of an {@code invoke} block, shared by the invoke and delay kinds. */
final class InvokeRules {

    private InvokeRules() {
    }

    static void validate(Invoke invoke, String at, StateChecks checks) {
        retry(invoke.retry(), at + "/retry", checks);
        if (invoke.timeoutMs() != null && invoke.timeoutMs() < 1) {
            checks.error(at + "/timeoutMs", "must be at least 1 millisecond");
        }
        if (invoke.outputKey() != null) {
            checks.identifier(invoke.outputKey(), at + "/outputKey");
        }
        JsonNode input = invoke.input();
        if (input != null && !input.isObject()) {
            checks.error(at + "/input", "must be an object of input names to values");
            input = null;
        }
        if (input != null) {
            checks.expressions(input, at + "/input");
        }
        if (invoke.src() != null && invoke.typeAlias() != null && !invoke.src().equals(invoke.typeAlias())) {
            checks.error(at + "/type", "names node type '" + invoke.typeAlias() + "' but src names '" + invoke.src()
                    + "': write one of them");
        }
        String typeId = invoke.nodeType();
        String typeAt = invoke.src() != null ? at + "/src" : at + "/type";
        if (typeId == null) {
            if (!checks.hasError(at + "/src") && !checks.hasError(at + "/type")) {
                checks.error(at + "/src", "is required: the node type to run, e.g. core.log");
            }
            return;
        }
        Optional<NodeType> type = checks.nodeType(typeId);
        if (type.isEmpty()) {
            checks.error(typeAt, "unknown node type '" + typeId + "'; GET /api/node-types lists the known ones");
            return;
        }
        if (type.get().structural()) {
            checks.error(typeAt, typeId + " is not invoked: write it as a state with a loop { … }");
            return;
        }
        inputs(type.get(), input, at + "/input", checks);
    }

    private static void inputs(NodeType type, JsonNode input, String at, StateChecks checks) {
        for (NodePort port : type.inputs()) {
            JsonNode value = inputValue(input, port);
            if (value == null) {
                if (port.required()) {
                    checks.error(Pointer.child(at, port.name()), "required input '" + port.name() + "' of "
                            + type.id() + " is missing");
                }
                continue;
            }
            if (!(value.isTextual() && Expressions.isExpression(value.asText()) || JsonTypes.matches(value, port.type()))) {
                checks.error(Pointer.child(at, port.name()), "input '" + port.name() + "' must be "
                        + WorkflowValidator.article(port.type()) + ", or an expression");
            }
        }
    }

    /** An input's value: flat, under one of its aliases, or inside a structured { params, pathParams, body }. */
    private static JsonNode inputValue(JsonNode input, NodePort port) {
        if (input == null) {
            return null;
        }
        List<String> names = new ArrayList<>(port.aliases());
        names.add(0, port.name());
        for (String name : names) {
            if (input.has(name)) {
                return input.get(name);
            }
            for (String part : List.of("params", "pathParams", "body")) {
                JsonNode section = input.get(part);
                if (section != null && section.isObject() && section.has(name)) {
                    return section.get(name);
                }
            }
        }
        return null;
    }

    private static void retry(RetryPolicy retry, String at, StateChecks checks) {
        if (retry == null) {
            return;
        }
        if (retry.maxAttempts() != null && retry.maxAttempts() < 1) {
            checks.error(at + "/maxAttempts", "must be at least 1 (the first try counts)");
        }
        if (retry.backoffMs() != null && retry.backoffMs() < 0) {
            checks.error(at + "/backoffMs", "must not be negative");
        }
        if (retry.multiplier() != null && retry.multiplier().doubleValue() < 1) {
            checks.error(at + "/multiplier", "must be 1 or more");
        }
    }

}
