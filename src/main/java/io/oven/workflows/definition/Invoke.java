package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Runs one node. {@code src} names the node type; {@code type} is accepted as an alias and
 * kept as written. {@code input} holds literals, {@code $.path} and {@code {% jsonata %}}
 * expressions, flat or structured as {@code { params, pathParams, body }}.
 */
public record Invoke(
        String src,
        String typeAlias,
        JsonNode input,
        String outputKey,
        Transition onDone,
        Transition onError,
        RetryPolicy retry,
        Long timeoutMs,
        Map<String, JsonNode> extra) {

    /** The node type id, whichever of {@code src} and {@code type} was written. */
    public String nodeType() {
        return src != null ? src : typeAlias;
    }
}
