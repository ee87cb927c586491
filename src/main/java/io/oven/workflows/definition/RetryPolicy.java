package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** How often a failing node is tried, and how long to wait between tries. */
public record RetryPolicy(Integer maxAttempts, Long backoffMs, Number multiplier, Map<String, JsonNode> extra) {
}
