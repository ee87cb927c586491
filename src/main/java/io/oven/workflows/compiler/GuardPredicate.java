package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.Guard;
import io.oven.workflows.runtime.ExchangeKeys;
import io.oven.workflows.runtime.Guards;
import org.apache.camel.Exchange;

/** One guard of a definition as a bean a {@code choice} can ask: {@code method(ref, "matches")}. */
public final class GuardPredicate {

    private final Guards guards;
    private final Guard guard;

    GuardPredicate(Guards guards, Guard guard) {
        this.guards = guards;
        this.guard = guard;
    }

    public boolean matches(Exchange exchange) {
        return guards.holds(guard, exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class));
    }
}
