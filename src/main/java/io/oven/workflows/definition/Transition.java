package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A transition to {@code target}, taken when {@code guard} holds (or always, without one).
 * {@code shorthand} records that it was written as a bare state id, so it is written back so.
 */
public record Transition(String target, Guard guard, boolean shorthand, Map<String, JsonNode> extra) {
}
