package io.oven.workflows.api;

import io.oven.workflows.definition.Violation;

import java.util.List;

/**
 * A failure the caller can act on, answered as {@code { "error", "details": [ { path, message } ] }}
 * with its HTTP status. Anything else that escapes a route is a 500 with no internals shown.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final transient List<Violation> details;
    /** Seconds a client should wait before trying again (429, 503); 0 when it does not apply. */
    private final int retryAfter;

    public ApiException(int status, String message, List<Violation> details) {
        this(status, message, details, 0);
    }

    private ApiException(int status, String message, List<Violation> details, int retryAfter) {
        super(message);
        this.status = status;
        this.details = List.copyOf(details);
        this.retryAfter = retryAfter;
    }

    /** 429: the service is at its bound; the answer carries {@code Retry-After}. */
    public static ApiException overloaded(String message, int retryAfterSeconds) {
        return new ApiException(429, message, List.of(), retryAfterSeconds);
    }

    public int retryAfter() {
        return retryAfter;
    }

    public static ApiException invalid(String message, List<Violation> details) {
        return new ApiException(400, message, details);
    }

    public static ApiException invalid(String path, String message) {
        return new ApiException(400, path.isEmpty() ? message : path + " " + message, List.of(new Violation(path, message)));
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found", List.of());
    }

    public static ApiException conflict(String message, String path) {
        return new ApiException(409, message, path == null ? List.of() : List.of(new Violation(path, message)));
    }

    public int status() {
        return status;
    }

    public List<Violation> details() {
        return details;
    }
}
