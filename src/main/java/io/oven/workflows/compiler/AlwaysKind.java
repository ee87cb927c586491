package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import org.apache.camel.model.StepDefinition;

import java.util.List;
import java.util.Set;

/**
 * A state with only {@code always} transitions (a Condition in the editor): a {@code choice}
 * over its guards; the first that holds wins, an unguarded one is the default.
 */
final class AlwaysKind implements StateKind {

    @Override
    public String name() {
        return "always";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.always() != null;
    }

    @Override
    public Set<String> fields() {
        return Set.of("always");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        // Its transitions and guards are checked by the validator, like every state's.
    }

    @Override
    public String nodeType(StateNode state) {
        return "always";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        machine.transitions(step, stateId, state.always().list(), "always");
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Condition", "Takes the first transition whose guard holds.",
                List.of("always"), List.of("always"));
    }
}
