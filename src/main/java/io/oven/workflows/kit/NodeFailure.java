package io.oven.workflows.kit;

/** A node that failed in a way the user should read: a bad input, a refused statement, a timeout. */
public class NodeFailure extends RuntimeException {

    public NodeFailure(String message) {
        super(message);
    }

    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
