package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.kit.ExchangeKeys;
import org.apache.camel.model.StepDefinition;

import java.util.List;
import java.util.Set;

/** {@code type: final}: the run (or region, or loop iteration) completes here; the dispatch loop ends. */
final class FinalKind implements StateKind {

    @Override
    public String name() {
        return "final";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.isFinal();
    }

    @Override
    public Set<String> fields() {
        return Set.of();
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        // Nothing of its own: fields it ignores are warned about by the validator.
    }

    @Override
    public String nodeType(StateNode state) {
        return "final";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        step.setProperty(ExchangeKeys.FINAL_STATE, Machine.stateConstant(stateId)).removeProperty(ExchangeKeys.STATE);
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "End", "The execution completes here.", List.of("type"), List.of());
    }
}
