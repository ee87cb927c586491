package io.oven.workflows.kit;

import org.apache.camel.Exchange;

/**
 * Where a step's trace lives on the exchange: one property per step id, so a step that
 * contains others (a parallel fork whose regions copy the exchange back) keeps its own.
 */
public final class Tracing {

    private Tracing() {
    }

    public static String key(String stepId) {
        return ExchangeKeys.TRACE + "." + stepId;
    }

    /** The trace of the step now running, or null when tracking is off. */
    public static NodeTrace trace(Exchange exchange, String stepId) {
        return exchange.getProperty(key(stepId), NodeTrace.class);
    }
}
