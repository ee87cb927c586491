package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * One state. {@code states} and {@code initial} are set on the regions of a parallel state
 * (each region is a small state machine of its own); {@code onDone}/{@code onError} on a
 * loop or parallel state say where to go once it has finished.
 */
public record StateNode(
        String type,
        Invoke invoke,
        Transitions always,
        Map<String, Transitions> after,
        Map<String, Transition> on,
        Transition onDone,
        Transition onError,
        String initial,
        Map<String, StateNode> states,
        Loop loop,
        JsonNode meta,
        Map<String, JsonNode> extra) {

    public static final String FINAL = "final";
    public static final String PARALLEL = "parallel";

    public boolean isFinal() {
        return FINAL.equals(type);
    }

    public boolean isParallel() {
        return PARALLEL.equals(type);
    }
}
