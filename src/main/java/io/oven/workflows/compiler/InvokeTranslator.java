package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.nodes.NodeExecutor;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.StepDefinition;

import java.util.List;
import java.util.Map;

/**
 * An invoke state: the node's processor, then a {@code choice} on its outcome: onError after a
 * failure, otherwise onDone or the {@code always} guards.
 */
final class InvokeTranslator implements StateTranslator {

    private final Map<String, NodeExecutor> executors;
    private final java.util.function.Function<String, NodeExecutor> imported;

    InvokeTranslator(Map<String, NodeExecutor> executors, java.util.function.Function<String, NodeExecutor> imported) {
        this.executors = executors;
        this.imported = imported;
    }

    @Override
    public String nodeType(StateNode state) {
        return state.invoke().nodeType();
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        String type = state.invoke().nodeType();
        NodeExecutor executor = executors.containsKey(type) ? executors.get(type) : imported.apply(type);
        if (executor == null) {
            throw new IllegalStateException("no executor for node type '" + type + "' (state '" + stateId + "')");
        }
        String stepId = machine.compilation.prefix + "." + stateId;
        Transition onError = onError(state);
        step.process(machine.bind(stateId, "invoke",
                new NodeInvocation(machine.compilation, stateId, stepId, state.invoke(), executor, onError != null)));
        Machine.outcome(step, onError, block -> done(machine, stateId, state, block));
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
