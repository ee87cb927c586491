package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateKindSet;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Every state kind, in the order a state is matched against them: the first kind that
 * recognises a state owns it. Adding a kind is one class here, its test and its fixtures.
 */
@Component
public final class StateKinds implements StateKindSet, NodeTypeProvider {

    private static final List<StateKind> ALL = List.of(new FinalKind(), new ParallelKind(), new LoopKind(),
            new DelayKind(), new InvokeKind(), new WaitKind(), new AfterKind(), new AlwaysKind());

    /** What the editor is told about a kind: its fields and where a state of it can go next. */
    public record Description(String name, String label, String description, List<String> fields, List<String> exits) {
    }

    /** The kinds as a fresh set (they hold no state); the validator and the compiler use the same. */
    public static StateKinds all() {
        return new StateKinds();
    }

    @Override
    public List<StateKind> kinds() {
        return ALL;
    }

    /** The kind that owns {@code state}; an unknown one fails with a message naming the state. */
    StateKind of(String stateId, StateNode state) {
        return ALL.stream().filter(k -> k.recognises(state)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "state '" + stateId + "' is of no kind the compiler knows: it needs invoke, always, after, loop, "
                        + "type parallel or type final"));
    }

    public List<Description> descriptions() {
        return ALL.stream().map(StateKind::describe).toList();
    }

    @Override
    public List<NodeType> nodeTypes() {
        return ALL.stream().flatMap(k -> k.nodeTypes().stream()).toList();
    }
}
