package io.oven.workflows.compiler;

/**
 * A definition the validator accepted but the compiler cannot turn into a route: where (a JSON
 * pointer into the definition) and why. A save that meets one is refused with it.
 */
public final class CompileFailure extends RuntimeException {

    private final String pointer;

    CompileFailure(String pointer, String message, Throwable cause) {
        super(message, cause);
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }
}
