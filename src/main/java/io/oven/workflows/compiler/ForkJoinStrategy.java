package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.kit.ExchangeKeys;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

import java.util.Iterator;
import java.util.Map;

/**
 * Joins the regions of a parallel state: each region ran on a copy of the context taken at
 * the fork, and what each changed is merged back, in region order.
 */
final class ForkJoinStrategy implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange joined, Exchange region) {
        ObjectNode base = region.getProperty(ExchangeKeys.FORK_BASE, ObjectNode.class);
        ObjectNode changed = region.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
        Exchange into = joined == null ? region : joined;
        ObjectNode merged = JsonNodeFactory.instance.objectNode();
        merged.setAll(joined == null ? base : into.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class));
        for (Iterator<Map.Entry<String, JsonNode>> it = changed.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(base.get(e.getKey()))) {
                merged.set(e.getKey(), e.getValue());
            }
        }
        into.setProperty(ExchangeKeys.CONTEXT, merged);
        if (region.getException() != null && into.getException() == null) {
            into.setException(region.getException());
        }
        return into;
    }
}
