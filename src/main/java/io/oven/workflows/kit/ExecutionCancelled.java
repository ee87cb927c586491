package io.oven.workflows.kit;

/** Thrown at a node boundary once a run was cancelled: it unwinds the route, nothing after runs. */
public class ExecutionCancelled extends RuntimeException {

    public ExecutionCancelled(long executionId) {
        super("execution " + executionId + " was cancelled", null, false, false);
    }
}
