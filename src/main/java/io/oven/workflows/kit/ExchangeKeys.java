package io.oven.workflows.kit;

/**
 * Exchange properties a compiled route works with. Everything per-run-branch lives on the
 * exchange, so parallel regions and loop iterations (exchange copies) never share it.
 */
public final class ExchangeKeys {

    /** The state to run next; the dispatch loop ends when it is null. */
    public static final String STATE = "ovenState";
    /** The run's context (an ObjectNode, replaced, never changed in place). */
    public static final String CONTEXT = "ovenContext";
    /** The {@link Run} this exchange works for. */
    public static final String RUN = "ovenRun";
    /** The {@link NodeTrace} of the step being run, set by the tracking notifier. */
    public static final String TRACE = "ovenTrace";
    /** "done" or "error": how the last node ended, for the transition that follows it. */
    public static final String OUTCOME = "ovenOutcome";
    /** Output of the last node that ran (the result of a loop iteration). */
    public static final String LAST_OUTPUT = "ovenLastOutput";
    /** Milliseconds the next delayer waits. */
    public static final String DELAY = "ovenDelay";
    /** Which of a state's after-delays is being waited on. */
    public static final String AFTER_INDEX = "ovenAfterIndex";
    /** The state a resumed run restarts at, whose wait is already over. */
    public static final String RESUMED_AT = "ovenResumedAt";
    /** The signal a waiting run was resumed by, and its payload. */
    public static final String SIGNAL = "ovenSignal";
    public static final String SIGNAL_PAYLOAD = "ovenSignalPayload";
    /** The final state the run (or region) ended in. */
    public static final String FINAL_STATE = "ovenFinalState";
    /** The context before a parallel fork, to merge only what each region changed. */
    public static final String FORK_BASE = "ovenForkBase";

    private ExchangeKeys() {
    }
}
