package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.problem.Violation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON document into a {@link WorkflowDefinition}. Every value of the wrong type is
 * reported with its pointer and left out (null), so the validator can go on and report the
 * other problems too; keys it does not know are kept in the records' {@code extra}.
 *
 * <p>Why one long class: one typed reader per part of the format (state, invoke, loop, guard,
 * retry…), each a few lines over the same pointer-keeping helpers.
 */
public final class DefinitionParser {

    private static final Set<String> DEFINITION_KEYS = Set.of("id", "initial", "context", "payloadSchema", "states");
    private static final Set<String> STATE_KEYS = Set.of(
            "type", "invoke", "always", "after", "on", "onDone", "onError", "initial", "states", "loop", "meta");
    private static final Set<String> INVOKE_KEYS = Set.of(
            "src", "type", "input", "outputKey", "onDone", "onError", "retry", "timeoutMs");
    private static final Set<String> TRANSITION_KEYS = Set.of("target", "guard");
    private static final Set<String> GUARD_KEYS = Set.of("type", "params");
    /** Oven's engine docs write a guard's params on the guard itself: { "type": "condition", "key", "operator", "value" }. */
    private static final Set<String> FLAT_GUARD_KEYS = Set.of("key", "operator", "value", "expr");
    private static final Set<String> LOOP_KEYS = Set.of("type", "collection", "condition", "bodyStates", "bodyInitial",
            "maxIterations", "parallelBatchSize", "itemVariable", "indexVariable");
    private static final Set<String> RETRY_KEYS = Set.of("maxAttempts", "backoffMs", "multiplier");
    private static final Set<String> PAYLOAD_FIELD_KEYS = Set.of("name", "type", "required");

    private final List<Violation> problems = new ArrayList<>();

    private DefinitionParser() {
    }

    /** The parsed definition (null if the document is not an object) and every type problem. */
    public record Result(WorkflowDefinition definition, List<Violation> problems) {
    }

    public static Result parse(JsonNode document) {
        DefinitionParser parser = new DefinitionParser();
        WorkflowDefinition definition = parser.definition(document);
        return new Result(definition, List.copyOf(parser.problems));
    }

    private WorkflowDefinition definition(JsonNode node) {
        if (node == null || !node.isObject()) {
            problems.add(new Violation("", "a workflow definition must be a JSON object"));
            return null;
        }
        JsonNode context = node.get("context");
        if (context != null && !context.isObject()) {
            problems.add(new Violation("/context", "must be an object"));
            context = null;
        }
        return new WorkflowDefinition(
                text(node, "id", ""),
                text(node, "initial", ""),
                context,
                payloadSchema(node.get("payloadSchema"), "/payloadSchema"),
                states(node.get("states"), "/states"),
                extra(node, DEFINITION_KEYS));
    }

    private List<PayloadField> payloadSchema(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(new Violation(at, "must be an array of { name, type, required }"));
            return null;
        }
        List<PayloadField> fields = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode field = node.get(i);
            String fieldAt = Pointer.child(at, i);
            if (!field.isObject()) {
                problems.add(new Violation(fieldAt, "must be an object { name, type, required }"));
                continue;
            }
            fields.add(new PayloadField(text(field, "name", fieldAt), text(field, "type", fieldAt),
                    bool(field, "required", fieldAt), extra(field, PAYLOAD_FIELD_KEYS)));
        }
        return fields;
    }

    private Map<String, StateNode> states(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object of states keyed by state id"));
            return null;
        }
        Map<String, StateNode> states = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            StateNode state = state(entry.getValue(), Pointer.child(at, entry.getKey()));
            if (state != null) {
                states.put(entry.getKey(), state);
            }
        }
        return states;
    }

    private StateNode state(JsonNode node, String at) {
        if (!node.isObject()) {
            problems.add(new Violation(at, "a state must be an object"));
            return null;
        }
        return new StateNode(
                text(node, "type", at),
                invoke(node.get("invoke"), Pointer.child(at, "invoke")),
                transitions(node.get("always"), Pointer.child(at, "always")),
                after(node.get("after"), Pointer.child(at, "after")),
                on(node.get("on"), Pointer.child(at, "on")),
                transition(node.get("onDone"), Pointer.child(at, "onDone")),
                transition(node.get("onError"), Pointer.child(at, "onError")),
                text(node, "initial", at),
                states(node.get("states"), Pointer.child(at, "states")),
                loop(node.get("loop"), Pointer.child(at, "loop")),
                node.get("meta"),
                extra(node, STATE_KEYS));
    }

    private Invoke invoke(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object { src, input, onDone, onError }"));
            return null;
        }
        return new Invoke(
                text(node, "src", at),
                text(node, "type", at),
                node.get("input"),
                text(node, "outputKey", at),
                transition(node.get("onDone"), Pointer.child(at, "onDone")),
                transition(node.get("onError"), Pointer.child(at, "onError")),
                retry(node.get("retry"), Pointer.child(at, "retry")),
                longValue(node, "timeoutMs", at),
                extra(node, INVOKE_KEYS));
    }

    private RetryPolicy retry(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object { maxAttempts, backoffMs, multiplier }"));
            return null;
        }
        Number multiplier = null;
        JsonNode m = node.get("multiplier");
        if (m != null && !m.isNull()) {
            if (m.isNumber()) {
                multiplier = m.numberValue();
            } else {
                problems.add(new Violation(Pointer.child(at, "multiplier"), "must be a number"));
            }
        }
        return new RetryPolicy(integer(node, "maxAttempts", at), longValue(node, "backoffMs", at), multiplier,
                extra(node, RETRY_KEYS));
    }

    private Loop loop(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object { type, maxIterations, bodyStates, bodyInitial, … }"));
            return null;
        }
        return new Loop(
                text(node, "type", at),
                node.get("collection"),
                guard(node.get("condition"), Pointer.child(at, "condition")),
                states(node.get("bodyStates"), Pointer.child(at, "bodyStates")),
                text(node, "bodyInitial", at),
                integer(node, "maxIterations", at),
                integer(node, "parallelBatchSize", at),
                text(node, "itemVariable", at),
                text(node, "indexVariable", at),
                extra(node, LOOP_KEYS));
    }

    private Map<String, Transition> on(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object { \"<signal or event name>\": target }"));
            return null;
        }
        Map<String, Transition> on = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Transition transition = transition(entry.getValue(), Pointer.child(at, entry.getKey()));
            if (transition != null) {
                on.put(entry.getKey(), transition);
            }
        }
        return on;
    }

    private Map<String, Transitions> after(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "must be an object { \"<ms>\": target }"));
            return null;
        }
        Map<String, Transitions> after = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Transitions transitions = transitions(entry.getValue(), Pointer.child(at, entry.getKey()));
            if (transitions != null) {
                after.put(entry.getKey(), transitions);
            }
        }
        return after;
    }

    private Transitions transitions(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            List<Transition> list = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                Transition transition = transition(node.get(i), Pointer.child(at, i));
                if (transition != null) {
                    list.add(transition);
                }
            }
            return new Transitions(list, false);
        }
        Transition transition = transition(node, at);
        return transition == null ? null : new Transitions(List.of(transition), true);
    }

    private Transition transition(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new Transition(node.asText(), null, true, Map.of());
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "a transition must be a state id or an object { target, guard }"));
            return null;
        }
        return new Transition(text(node, "target", at), guard(node.get("guard"), Pointer.child(at, "guard")), false,
                extra(node, TRANSITION_KEYS));
    }

    private Guard guard(JsonNode node, String at) {
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            problems.add(new Violation(at, "a guard must be an object { type, params }"));
            return null;
        }
        JsonNode params = node.get("params");
        if (params != null && !params.isObject()) {
            problems.add(new Violation(Pointer.child(at, "params"), "must be an object"));
            params = null;
        }
        if (params == null && FLAT_GUARD_KEYS.stream().anyMatch(node::has)) {
            ObjectNode flat = JsonNodeFactory.instance.objectNode();
            FLAT_GUARD_KEYS.stream().sorted().filter(node::has).forEach(key -> flat.set(key, node.get(key)));
            Set<String> known = new HashSet<>(GUARD_KEYS);
            known.addAll(FLAT_GUARD_KEYS);
            return new Guard(text(node, "type", at), flat, extra(node, known));
        }
        return new Guard(text(node, "type", at), params, extra(node, GUARD_KEYS));
    }

    private String text(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Violation(Pointer.child(at, key), "must be a string"));
            return null;
        }
        return value.asText();
    }

    private Boolean bool(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(new Violation(Pointer.child(at, key), "must be true or false"));
            return null;
        }
        return value.asBoolean();
    }

    private Integer integer(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(new Violation(Pointer.child(at, key), "must be a whole number"));
            return null;
        }
        return value.intValue();
    }

    private Long longValue(JsonNode node, String key, String at) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            problems.add(new Violation(Pointer.child(at, key), "must be a whole number"));
            return null;
        }
        return value.longValue();
    }

    private static Map<String, JsonNode> extra(JsonNode node, Set<String> known) {
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ((ObjectNode) node).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!known.contains(entry.getKey())) {
                extra.put(entry.getKey(), entry.getValue());
            }
        }
        return extra.isEmpty() ? Map.of() : Collections.unmodifiableMap(extra);
    }
}
