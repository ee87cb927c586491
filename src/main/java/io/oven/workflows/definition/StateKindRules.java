package io.oven.workflows.definition;

import java.util.Set;

/**
 * What one state kind (invoke, delay, always, after, final, parallel, loop) checks of its own part
 * of a state. The kind classes live with the compiler, which also asks them to translate, so the
 * rules that accept a state and the code that runs it sit in one class; {@link WorkflowValidator}
 * keeps only the rules that span states (ids, targets, scopes, reachability).
 */
public interface StateKindRules {

    /** The kind's name: {@code invoke}, {@code loop}, … */
    String name();

    /** Whether a state is of this kind. Kinds are asked in order; the first that says yes owns the state. */
    boolean recognises(StateNode state);

    /**
     * The state fields this kind reads ({@code invoke}, {@code always}, {@code after}, {@code onDone},
     * {@code onError}, {@code loop}, {@code states}, {@code initial}). Any other one set on a state
     * of this kind would be ignored at run time, so the validator refuses it.
     */
    Set<String> fields();

    /** Adds this kind's problems with {@code state} (at JSON pointer {@code at}) to {@code checks}. */
    void validate(String id, StateNode state, String at, StateChecks checks);
}
