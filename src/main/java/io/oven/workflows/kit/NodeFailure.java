package io.oven.workflows.kit;

/** A node that failed in a way the user should read: a bad input, a refused statement, a timeout. */
public class NodeFailure extends RuntimeException {

    public NodeFailure(String message) {
        super(message);
    }

    public NodeFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message a user should read: the node failure inside Camel's wrappers, if there is one. */
    public static String messageOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof NodeFailure) {
                return cause.getMessage();
            }
        }
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
