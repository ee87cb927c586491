package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import io.oven.workflows.runtime.ExchangeKeys;
import org.apache.camel.model.StepDefinition;

/** A final state: clears the state, which ends the dispatch loop of its machine. */
final class FinalTranslator implements StateTranslator {

    @Override
    public String nodeType(StateNode state) {
        return "final";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        step.setProperty(ExchangeKeys.FINAL_STATE, org.apache.camel.builder.Builder.constant(stateId))
                .removeProperty(ExchangeKeys.STATE);
    }
}
