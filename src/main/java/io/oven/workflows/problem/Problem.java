package io.oven.workflows.problem;

import java.util.List;

/**
 * A failure the caller can act on, with every violation found. Features throw these without
 * knowing of HTTP; the API maps each kind to its status ({@code api/ApiErrors}) and answers
 * {@code { "error", "details": [ { path, message } ] }}. Anything else is an internal error.
 */
public abstract sealed class Problem extends RuntimeException
        permits Problem.Invalid, Problem.NotFound, Problem.Conflict, Problem.Forbidden, Problem.Overloaded {

    private final transient List<Violation> details;

    private Problem(String message, List<Violation> details) {
        super(message, null, false, false);
        this.details = List.copyOf(details);
    }

    public List<Violation> details() {
        return details;
    }

    /** What was sent is wrong: every violation with its pointer. */
    public static Invalid invalid(String message, List<Violation> details) {
        return new Invalid(message, details);
    }

    public static Invalid invalid(String path, String message) {
        return new Invalid(path.isEmpty() ? message : path + " " + message, List.of(new Violation(path, message)));
    }

    public static NotFound notFound(String what) {
        return new NotFound(what + " not found");
    }

    /** What was sent contradicts what is stored (a taken name, a stale version, a run that ended). */
    public static Conflict conflict(String message, String path) {
        return new Conflict(message, path == null ? List.of() : List.of(new Violation(path, message)));
    }

    /** The caller's role may not do this (decided inside a body, where the security chain cannot see). */
    public static Forbidden forbidden(String message) {
        return new Forbidden(message);
    }

    /** The service is at a bound; the caller may try again after {@code retryAfterSeconds}. */
    public static Overloaded overloaded(String message, int retryAfterSeconds) {
        return new Overloaded(message, retryAfterSeconds);
    }

    public static final class Invalid extends Problem {
        private Invalid(String message, List<Violation> details) {
            super(message, details);
        }
    }

    public static final class NotFound extends Problem {
        private NotFound(String message) {
            super(message, List.of());
        }
    }

    public static final class Conflict extends Problem {
        private Conflict(String message, List<Violation> details) {
            super(message, details);
        }
    }

    public static final class Forbidden extends Problem {
        private Forbidden(String message) {
            super(message, List.of());
        }
    }

    public static final class Overloaded extends Problem {
        private final int retryAfter;

        private Overloaded(String message, int retryAfter) {
            super(message, List.of());
            this.retryAfter = retryAfter;
        }

        /** Seconds a client should wait before trying again. */
        public int retryAfter() {
            return retryAfter;
        }
    }
}
