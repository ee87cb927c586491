package io.oven.workflows.compiler;

import org.apache.camel.Exchange;
import org.apache.camel.Predicate;

import java.util.Objects;

/**
 * A Java comparison of an exchange property with a constant, in place of a Simple expression:
 * state ids and outcomes are compared as data, so no text from a definition is ever read by a
 * Camel language. {@code toString} is what the YAML dump of a compiled route shows.
 */
record ExchangePropertyIs(String property, String expected) implements Predicate {

    /** Holds while the property is set (any value): the dispatch loop's condition. */
    static ExchangePropertyIs present(String property) {
        return new ExchangePropertyIs(property, null);
    }

    @Override
    public boolean matches(Exchange exchange) {
        Object actual = exchange.getProperty(property);
        return expected == null ? actual != null : Objects.equals(expected, actual);
    }

    @Override
    public String toString() {
        return expected == null ? property + " != null" : property + " == '" + expected + "'";
    }
}
