package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * Writes a {@link WorkflowDefinition} back to JSON in the form it was read: shorthand
 * transitions stay shorthand, single transitions stay unwrapped, unknown keys come back.
 */
public final class DefinitionWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DefinitionWriter() {
    }

    public static ObjectNode write(WorkflowDefinition definition) {
        ObjectNode node = JSON.objectNode();
        putText(node, "id", definition.id());
        putText(node, "initial", definition.initial());
        if (definition.context() != null) {
            node.set("context", definition.context());
        }
        if (definition.payloadSchema() != null) {
            ArrayNode fields = node.putArray("payloadSchema");
            for (PayloadField field : definition.payloadSchema()) {
                ObjectNode f = fields.addObject();
                putText(f, "name", field.name());
                putText(f, "type", field.type());
                if (field.required() != null) {
                    f.put("required", field.required());
                }
                putExtra(f, field.extra());
            }
        }
        if (definition.states() != null) {
            node.set("states", states(definition.states()));
        }
        putExtra(node, definition.extra());
        return node;
    }

    private static ObjectNode states(Map<String, StateNode> states) {
        ObjectNode node = JSON.objectNode();
        states.forEach((id, state) -> node.set(id, state(state)));
        return node;
    }

    private static ObjectNode state(StateNode state) {
        ObjectNode node = JSON.objectNode();
        putText(node, "type", state.type());
        if (state.invoke() != null) {
            node.set("invoke", invoke(state.invoke()));
        }
        if (state.always() != null) {
            node.set("always", transitions(state.always()));
        }
        if (state.after() != null) {
            ObjectNode after = node.putObject("after");
            state.after().forEach((delay, transitions) -> after.set(delay, transitions(transitions)));
        }
        if (state.on() != null) {
            ObjectNode on = node.putObject("on");
            state.on().forEach((name, transition) -> on.set(name, transition(transition)));
        }
        putTransition(node, "onDone", state.onDone());
        putTransition(node, "onError", state.onError());
        putText(node, "initial", state.initial());
        if (state.states() != null) {
            node.set("states", states(state.states()));
        }
        if (state.loop() != null) {
            node.set("loop", loop(state.loop()));
        }
        if (state.meta() != null) {
            node.set("meta", state.meta());
        }
        putExtra(node, state.extra());
        return node;
    }

    private static ObjectNode invoke(Invoke invoke) {
        ObjectNode node = JSON.objectNode();
        putText(node, "src", invoke.src());
        putText(node, "type", invoke.typeAlias());
        if (invoke.input() != null) {
            node.set("input", invoke.input());
        }
        putText(node, "outputKey", invoke.outputKey());
        putTransition(node, "onDone", invoke.onDone());
        putTransition(node, "onError", invoke.onError());
        if (invoke.retry() != null) {
            RetryPolicy retry = invoke.retry();
            ObjectNode r = node.putObject("retry");
            putNumber(r, "maxAttempts", retry.maxAttempts());
            putNumber(r, "backoffMs", retry.backoffMs());
            putNumber(r, "multiplier", retry.multiplier());
            putExtra(r, retry.extra());
        }
        putNumber(node, "timeoutMs", invoke.timeoutMs());
        putExtra(node, invoke.extra());
        return node;
    }

    private static ObjectNode loop(Loop loop) {
        ObjectNode node = JSON.objectNode();
        putText(node, "type", loop.type());
        if (loop.collection() != null) {
            node.set("collection", loop.collection());
        }
        if (loop.condition() != null) {
            node.set("condition", guard(loop.condition()));
        }
        if (loop.bodyStates() != null) {
            node.set("bodyStates", states(loop.bodyStates()));
        }
        putText(node, "bodyInitial", loop.bodyInitial());
        putNumber(node, "maxIterations", loop.maxIterations());
        putNumber(node, "parallelBatchSize", loop.parallelBatchSize());
        putText(node, "itemVariable", loop.itemVariable());
        putText(node, "indexVariable", loop.indexVariable());
        putExtra(node, loop.extra());
        return node;
    }

    private static JsonNode transitions(Transitions transitions) {
        if (transitions.single() && transitions.list().size() == 1) {
            return transition(transitions.list().get(0));
        }
        ArrayNode array = JSON.arrayNode();
        transitions.list().forEach(t -> array.add(transition(t)));
        return array;
    }

    private static JsonNode transition(Transition transition) {
        if (transition.shorthand()) {
            return JSON.textNode(transition.target());
        }
        ObjectNode node = JSON.objectNode();
        putText(node, "target", transition.target());
        if (transition.guard() != null) {
            node.set("guard", guard(transition.guard()));
        }
        putExtra(node, transition.extra());
        return node;
    }

    private static ObjectNode guard(Guard guard) {
        ObjectNode node = JSON.objectNode();
        putText(node, "type", guard.type());
        if (guard.params() != null) {
            node.set("params", guard.params());
        }
        putExtra(node, guard.extra());
        return node;
    }

    private static void putTransition(ObjectNode node, String key, Transition transition) {
        if (transition != null) {
            node.set(key, transition(transition));
        }
    }

    private static void putText(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    /** Whole numbers that fit an int are written as ints, as a JSON parser reads them back. */
    private static void putNumber(ObjectNode node, String key, Number value) {
        if (value == null) {
            return;
        }
        if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
            node.put(key, l.intValue());
        } else if (value instanceof Integer i) {
            node.put(key, i);
        } else if (value instanceof Long l) {
            node.put(key, l);
        } else if (value instanceof Double d) {
            node.put(key, d);
        } else {
            node.set(key, JSON.numberNode(new java.math.BigDecimal(value.toString())));
        }
    }

    private static void putExtra(ObjectNode node, Map<String, JsonNode> extra) {
        if (extra != null) {
            extra.forEach(node::set);
        }
    }

}
