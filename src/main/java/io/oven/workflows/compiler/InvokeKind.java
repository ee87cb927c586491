package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.nodes.NodeExecutor;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.StepDefinition;

import java.util.List;
import java.util.Set;

/**
 * An invoke state: the node's processor (input resolved, retries, timeout, output merged), then a
 * {@code choice} on its outcome: onError (on the invoke or on the state) after a failure,
 * otherwise onDone or the {@code always} guards.
 */
final class InvokeKind implements StateKind {

    @Override
    public String name() {
        return "invoke";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.invoke() != null;
    }

    @Override
    public Set<String> fields() {
        return Set.of("invoke", "always", "onDone", "onError");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        InvokeRules.validate(state.invoke(), at + "/invoke", checks);
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Node", "Runs a node type (an API call, a transform, …) with its "
                + "input; onError after a failure, else onDone or the always guards.",
                List.of("invoke.src", "invoke.input", "invoke.outputKey", "invoke.retry", "invoke.timeoutMs"),
                List.of("onDone", "onError", "always"));
    }

    @Override
    public String nodeType(StateNode state) {
        return state.invoke().nodeType();
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        String type = state.invoke().nodeType();
        NodeExecutor executor = machine.compilation.executors.apply(type);
        if (executor == null) {
            throw new IllegalStateException("no executor for node type '" + type + "' (state '" + stateId + "')");
        }
        String stepId = machine.compilation.prefix + "." + stateId;
        Transition onError = onError(state);
        step.process(machine.bind(stateId, "invoke",
                new NodeInvocation(machine.compilation, stateId, stepId, state.invoke(), executor, onError != null,
                        pinnedOutput(state))));
        Machine.outcome(step, onError, block -> done(machine, stateId, state, block));
    }

    /** The output pinned on the state ({@code meta.pinned.output}) for test runs, if any. */
    static JsonNode pinnedOutput(StateNode state) {
        JsonNode pinned = state.meta() == null ? null : state.meta().get("pinned");
        return pinned != null && pinned.isObject() && pinned.has("output") ? pinned.get("output").deepCopy() : null;
    }

    /** Where a failure goes: {@code invoke.onError}, else the state's own {@code onError} (both are accepted). */
    static Transition onError(StateNode state) {
        return state.invoke() != null && state.invoke().onError() != null ? state.invoke().onError() : state.onError();
    }

    /** Where to go after the node succeeded. */
    static void done(Machine machine, String stateId, StateNode state, ProcessorDefinition<?> block) {
        Transition onDone = state.invoke() != null && state.invoke().onDone() != null
                ? state.invoke().onDone() : state.onDone();
        if (onDone != null) {
            Machine.goTo(block, onDone);
        } else if (state.always() != null) {
            machine.transitions(block, stateId, state.always().list(), "always");
        } else {
            machine.transitions(block, stateId, List.of(), "done");
        }
    }
}
