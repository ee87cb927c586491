package io.oven.workflows.kit;

/**
 * Thrown at a node boundary once another instance has taken the run over (this one was taken for
 * gone: frozen or cut off past its lease): it unwinds the route here and writes nothing more.
 */
public class ExecutionTakenOver extends RuntimeException {

    public ExecutionTakenOver(long executionId) {
        super("execution " + executionId + " was taken over by another instance", null, false, false);
    }
}
