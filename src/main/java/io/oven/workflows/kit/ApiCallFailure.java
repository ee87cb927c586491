package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An API the node called answered an error: its status, its message and its details (the
 * problems a module lists, such as {@code player 11 does not exist}), all kept for the user.
 */
public class ApiCallFailure extends NodeFailure {

    private final int status;
    private final JsonNode details;

    public ApiCallFailure(String message, int status, JsonNode details) {
        super(message);
        this.status = status;
        this.details = details;
    }

    public int status() {
        return status;
    }

    /** The answer's {@code details} array, or null when it had none. */
    public JsonNode details() {
        return details;
    }

    /** Adds the {@code status} and {@code details} of an API's answer in {@code failure}'s causes, if any, to {@code error}. */
    public static void describe(Throwable failure, ObjectNode error) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallFailure api) {
                error.put("status", api.status());
                if (api.details() != null) {
                    error.set("details", api.details());
                }
                return;
            }
        }
    }
}
