package io.oven.workflows.problem;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/** One problem found in what a caller sent: where it is (a JSON pointer) and what is wrong. */
public record Violation(String path, String message) {

    /**
     * Adds a problem for each field of {@code body} that is neither {@code writable} nor
     * {@code ignored} (read-only fields a client may send back), naming what {@code thing} has.
     */
    public static void unknownFields(JsonNode body, Set<String> writable, Set<String> ignored, String thing,
                                     List<Violation> problems) {
        body.fieldNames().forEachRemaining(name -> {
            if (!writable.contains(name) && !ignored.contains(name)) {
                problems.add(new Violation(name, "unknown field; " + thing + " has " + writable.stream().sorted().toList()));
            }
        });
    }
}
