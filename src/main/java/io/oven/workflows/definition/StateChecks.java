package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.registry.NodeType;

import java.util.Map;
import java.util.Optional;

/** What the validator offers a state kind while it checks one state: reporting, and the shared checks. */
public interface StateChecks {

    void error(String at, String message);

    void warning(String at, String message);

    /** Whether a problem is already reported exactly at {@code at} (to report only the first cause). */
    boolean hasError(String at);

    /** A nested state machine (a parallel region, a loop body), checked like the top level. */
    void machine(Map<String, StateNode> states, String initial, String statesAt, String initialAt, String what);

    void guard(Guard guard, String at);

    /** A {@code $.path} or {@code {% jsonata %}} expression (or a plain string). */
    void expression(String text, String at);

    /** Every expression inside an input value, at any depth. */
    void expressions(JsonNode value, String at);

    /** A plain name (letters, digits, _) such as a loop's item variable or an outputKey. */
    void identifier(String name, String at);

    Optional<NodeType> nodeType(String id);

    /** How large a definition may be. */
    Limits limits();
}
