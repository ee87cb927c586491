package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A {@code forEach} over {@code collection} or a {@code while} on {@code condition}; each
 * iteration runs the small state machine {@code bodyStates} from {@code bodyInitial}.
 */
public record Loop(
        String type,
        JsonNode collection,
        Guard condition,
        Map<String, StateNode> bodyStates,
        String bodyInitial,
        Integer maxIterations,
        Integer parallelBatchSize,
        String itemVariable,
        String indexVariable,
        Map<String, JsonNode> extra) {

    public static final String FOR_EACH = "forEach";
    public static final String WHILE = "while";
}
