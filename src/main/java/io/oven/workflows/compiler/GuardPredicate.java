package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.Guard;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.Guards;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

/**
 * One guard of a definition as the predicate of a {@code choice}: evaluated in Java on the
 * context, never handed to a Camel language. {@code name} ({@code <state>.always.0}) is what the
 * YAML dump of the route shows.
 */
final class GuardPredicate implements Predicate {

    private final Guards guards;
    private final Guard guard;
    private final String name;

    GuardPredicate(Guards guards, Guard guard, String name) {
        this.guards = guards;
        this.guard = guard;
        this.name = name;
    }

    @Override
    public boolean matches(Exchange exchange) {
        return guards.holds(guard, exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class));
    }

    @Override
    public String toString() {
        return "guard " + name;
    }
}
