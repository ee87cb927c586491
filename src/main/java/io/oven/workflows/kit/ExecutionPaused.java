package io.oven.workflows.kit;

/** Thrown at a node boundary of the main machine once a run is asked to pause: the run parks there. */
public class ExecutionPaused extends RuntimeException {

    public ExecutionPaused(long executionId) {
        super("execution " + executionId + " was paused", null, false, false);
    }
}
