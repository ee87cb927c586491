package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import org.apache.camel.model.StepDefinition;

/** A state with only {@code always} transitions: a {@code choice} over its guards. */
final class AlwaysTranslator implements StateTranslator {

    @Override
    public String nodeType(StateNode state) {
        return "always";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        machine.transitions(step, stateId, state.always().list(), "always");
    }
}
