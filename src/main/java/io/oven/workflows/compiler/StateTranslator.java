package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import org.apache.camel.model.StepDefinition;

/** Writes the body of one state's step: its action, then the transition to the next state. */
interface StateTranslator {

    /** The node type recorded for this kind of state (the invoked type for invoke states). */
    String nodeType(StateNode state);

    void translate(Machine machine, String stateId, StateNode state, StepDefinition step);
}
