package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;

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
}
