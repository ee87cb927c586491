package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateKindRules;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.registry.NodeType;
import org.apache.camel.model.StepDefinition;

import java.util.List;

/**
 * One kind of state, whole: how it is recognised, what it checks of its part of a state (with
 * pointers), how it becomes Camel (the body of its step: its action, then the transition to the
 * next state), and how it describes itself to the editor. Validation and compilation cannot
 * disagree about a kind because both ask this class.
 */
interface StateKind extends StateKindRules {

    /** The node type recorded for a state of this kind (the invoked type for invoke states). */
    String nodeType(StateNode state);

    void translate(Machine machine, String stateId, StateNode state, StepDefinition step);

    StateKinds.Description describe();

    /** Node types this kind stands for ({@code core.delay}, {@code core.forEach}, …), listed in the registry. */
    default List<NodeType> nodeTypes() {
        return List.of();
    }
}
