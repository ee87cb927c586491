package io.oven.workflows.generator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Workflow definitions from the format's grammar (DESIGN §3): every state kind — invoke (core
 * nodes, failing, sleeping and delaying test nodes, JSONata inputs), always with guards of every
 * operator and JSONata, after, final, parallel regions and forEach/while loops nested in each
 * other — with retries, timeouts, onError on nodes and on states, outputKey and back edges; and
 * one-change mutations of them (a wrong target, type, id, operator, bound…). A definition is a
 * pure function of its seed, so a failing one is reproduced from the seed jqwik reports.
 */
final class Definitions {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final List<String> OPERATORS = List.of("==", "!=", ">", "<", ">=", "<=", "contains", "exists",
            "not_exists", "in", "matches");

    private final Random random;
    private int nextId;

    private Definitions(long seed) {
        this.random = new Random(seed);
    }

    /** A definition from {@code seed}; {@code mutate} applies one random change after building it. */
    static ObjectNode of(long seed, boolean mutate) {
        Definitions d = new Definitions(seed);
        ObjectNode definition = JSON.objectNode();
        ObjectNode states = JSON.objectNode();
        String initial = d.machine(states, 1 + d.random.nextInt(5), 2);
        definition.put("initial", initial);
        if (d.random.nextInt(4) == 0) {
            definition.putObject("context").put("level", d.random.nextInt(10));
        }
        definition.set("states", states);
        if (mutate) {
            d.mutate(definition);
        }
        return definition;
    }

    /** Params every generated run starts with. */
    static ObjectNode params(long seed) {
        Random r = new Random(seed ^ 0x5DEECE66DL);
        ObjectNode params = JSON.objectNode().put("level", r.nextInt(10)).put("name", r.nextBoolean() ? "abc" : "xyz")
                .put("flag", r.nextBoolean());
        ArrayNode items = params.putArray("items");
        for (int i = r.nextInt(4); i > 0; i--) {
            items.add(r.nextInt(5));
        }
        return params;
    }

    /** Fills {@code states} with a machine of about {@code size} states plus a final one; answers its initial. */
    private String machine(ObjectNode states, int size, int depth) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ids.add("s" + nextId++);
        }
        String end = "end" + nextId++;
        ids.add(end);
        for (int i = 0; i < size; i++) {
            states.set(ids.get(i), state(ids, i, depth));
        }
        states.putObject(end).put("type", "final");
        if (random.nextInt(5) == 0) {
            // A second final state somewhere reachable or not.
            String other = "alt" + nextId++;
            states.putObject(other).put("type", "final");
            ids.add(other);
        }
        return ids.get(0);
    }

    private ObjectNode state(List<String> ids, int index, int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 8);
        return switch (kind) {
            case 0, 1, 2, 3 -> invoke(ids, index);
            case 4, 5 -> always(ids, index);
            case 6 -> after(ids, index);
            case 7 -> delay(ids, index);
            case 8 -> parallel(ids, index, depth);
            default -> loop(ids, index, depth);
        };
    }

    /** A target in the same machine: mostly forward (towards the final state), sometimes a back edge. */
    private String target(List<String> ids, int index) {
        if (random.nextInt(6) == 0) {
            return ids.get(random.nextInt(ids.size()));
        }
        return ids.get(index + 1 + random.nextInt(ids.size() - index - 1));
    }

    private ObjectNode invoke(List<String> ids, int index) {
        ObjectNode state = JSON.objectNode();
        ObjectNode invoke = state.putObject("invoke");
        ObjectNode input = JSON.objectNode();
        switch (random.nextInt(7)) {
            case 0 -> {
                invoke.put("src", "core.setVariable");
                input.put("name", "v" + random.nextInt(3)).set("value", value());
            }
            case 1 -> {
                invoke.put("src", "core.log");
                input.put("message", random.nextBoolean() ? "at $.level" : "{% 'level ' & $string(level) %}");
            }
            case 2 -> {
                invoke.put("src", "core.transform");
                input.putObject("mapping").put("copy", "$.name").put("next", "{% level + 1 %}");
            }
            case 3 -> {
                invoke.put("src", "test.fail");
                input.put("message", "generated failure");
            }
            case 4 -> {
                invoke.put("src", "test.sleep");
                input.put("ms", random.nextInt(3));
            }
            case 5 -> {
                invoke.put("src", "core.emit");
                input.put("event", "generated.test.event").putObject("payload").put("level", "$.level");
            }
            default -> {
                invoke.put("type", "core.setVariable");
                input.put("name", "j").put("value", "{% $count(items) %}");
            }
        }
        invoke.set("input", input);
        if (random.nextInt(4) == 0) {
            invoke.putObject("retry").put("maxAttempts", 1 + random.nextInt(3)).put("backoffMs", random.nextInt(3));
        }
        if (random.nextInt(5) == 0) {
            invoke.put("timeoutMs", 5 + random.nextInt(500));
        }
        if (random.nextInt(6) == 0) {
            invoke.put("outputKey", "out" + random.nextInt(3));
        }
        if (random.nextInt(3) == 0) {
            (random.nextBoolean() ? invoke : state).put("onError", target(ids, index));
        }
        if (random.nextInt(3) == 0) {
            state.set("always", transitions(ids, index));
        } else {
            (random.nextBoolean() ? invoke : state).put("onDone", target(ids, index));
        }
        return state;
    }

    private ObjectNode always(List<String> ids, int index) {
        ObjectNode state = JSON.objectNode();
        state.set("always", transitions(ids, index));
        return state;
    }

    private ArrayNode transitions(List<String> ids, int index) {
        ArrayNode list = JSON.arrayNode();
        for (int i = random.nextInt(3); i > 0; i--) {
            list.addObject().put("target", target(ids, index)).set("guard", guard());
        }
        if (list.isEmpty() || random.nextInt(4) != 0) {
            list.addObject().put("target", target(ids, index));
        }
        return list;
    }

    private ObjectNode after(List<String> ids, int index) {
        ObjectNode state = JSON.objectNode();
        ObjectNode after = state.putObject("after");
        int delays = 1 + random.nextInt(2);
        for (int i = 0; i < delays; i++) {
            String ms = Integer.toString(i * 2 + random.nextInt(2));
            if (random.nextBoolean()) {
                after.put(ms, target(ids, index));
            } else {
                after.set(ms, transitions(ids, index));
            }
        }
        return state;
    }

    private ObjectNode delay(List<String> ids, int index) {
        ObjectNode state = JSON.objectNode();
        ObjectNode invoke = state.putObject("invoke").put("src", "core.delay");
        invoke.putObject("input").put(random.nextBoolean() ? "ms" : "duration", random.nextInt(4));
        if (random.nextInt(4) == 0) {
            state.put("onError", target(ids, index));
        }
        if (random.nextBoolean()) {
            invoke.put("onDone", target(ids, index));
        } else {
            state.set("always", transitions(ids, index));
        }
        return state;
    }

    private ObjectNode parallel(List<String> ids, int index, int depth) {
        ObjectNode state = JSON.objectNode().put("type", "parallel");
        ObjectNode regions = state.putObject("states");
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            ObjectNode region = regions.putObject("r" + nextId++);
            ObjectNode states = JSON.objectNode();
            region.put("initial", machine(states, 1 + random.nextInt(2), depth - 1));
            region.set("states", states);
        }
        exits(state, ids, index);
        return state;
    }

    private ObjectNode loop(List<String> ids, int index, int depth) {
        ObjectNode state = JSON.objectNode();
        ObjectNode loop = state.putObject("loop");
        if (random.nextBoolean()) {
            loop.put("type", "forEach");
            if (random.nextBoolean()) {
                loop.put("collection", "$.items");
            } else {
                loop.putArray("collection").add(1).add(2);
            }
            loop.put("parallelBatchSize", random.nextInt(4));
        } else {
            loop.put("type", "while");
            loop.putObject("condition").put("type", "condition").putObject("params")
                    .put("key", random.nextBoolean() ? "index" : "$.index").put("operator", "!=").put("value", random.nextInt(3));
        }
        loop.put("maxIterations", 1 + random.nextInt(5));
        ObjectNode body = JSON.objectNode();
        loop.put("bodyInitial", machine(body, 1 + random.nextInt(2), depth - 1));
        loop.set("bodyStates", body);
        if (random.nextInt(3) == 0) {
            loop.put("itemVariable", "it").put("indexVariable", "ix");
        }
        exits(state, ids, index);
        return state;
    }

    /** How a parallel or loop state leaves: onDone or (as Oven writes it) always; sometimes onError. */
    private void exits(ObjectNode state, List<String> ids, int index) {
        if (random.nextInt(3) == 0) {
            state.set("always", transitions(ids, index));
        } else {
            state.put("onDone", target(ids, index));
        }
        if (random.nextInt(3) == 0) {
            state.put("onError", target(ids, index));
        }
    }

    private ObjectNode guard() {
        ObjectNode guard = JSON.objectNode();
        if (random.nextInt(5) == 0) {
            guard.put("type", "jsonata").putObject("params").put("expr",
                    random.nextBoolean() ? "level > 3" : "{% $count(items) > 1 %}");
            return guard;
        }
        if (random.nextBoolean()) {
            guard.put("type", "condition");
        }
        String operator = OPERATORS.get(random.nextInt(OPERATORS.size()));
        ObjectNode params = guard.putObject("params").put("key", List.of("level", "$.level", "name", "items", "flag",
                "items.0", "missing.deep").get(random.nextInt(7))).put("operator", operator);
        switch (operator) {
            case "exists", "not_exists" -> { }
            case ">", "<", ">=", "<=" -> params.set("value", random.nextBoolean() ? JSON.numberNode(random.nextInt(10))
                    : JSON.textNode("$.level"));
            case "in" -> params.putArray("value").add(1).add("abc").add(true);
            case "matches" -> params.put("value", random.nextBoolean() ? "^a.c$" : "(x|y)+z?");
            default -> params.set("value", value());
        }
        return guard;
    }

    private JsonNode value() {
        return switch (random.nextInt(6)) {
            case 0 -> JSON.numberNode(random.nextInt(10));
            case 1 -> JSON.textNode("abc");
            case 2 -> JSON.booleanNode(random.nextBoolean());
            case 3 -> JSON.textNode("$.level");
            case 4 -> JSON.textNode("{% level * 2 %}");
            default -> JSON.arrayNode().add(1).add(2);
        };
    }

    /** One change a careless user could make. */
    private void mutate(ObjectNode definition) {
        List<ObjectNode> states = new ArrayList<>();
        collect((ObjectNode) definition.get("states"), states);
        ObjectNode victim = states.get(random.nextInt(states.size()));
        switch (random.nextInt(16)) {
            case 0 -> definition.remove("initial");
            case 1 -> definition.put("initial", "nowhere");
            case 2 -> definition.put("states", "not an object");
            case 3 -> victim.put("onDone", "nowhere");
            case 4 -> victim.put("type", "history");
            case 5 -> victim.putObject("invoke").put("src", "no.such.node");
            case 6 -> victim.putObject("always").put("target", 42);
            case 7 -> victim.putObject("after").put("soon", "x");
            case 8 -> victim.putObject("loop").put("type", "forEach").put("collection", "$.items")
                    .put("maxIterations", random.nextBoolean() ? -1 : 100000000).putObject("bodyStates");
            case 9 -> victim.set("invoke", JSON.objectNode().put("src", "core.log").put("timeoutMs", 0));
            case 10 -> ((ObjectNode) definition.get("states")).set("bad id ${sysenv.HOME}", JSON.objectNode().put("type", "final"));
            case 11 -> victim.putArray("always").addObject().put("target", "s0").putObject("guard").putObject("params")
                    .put("key", "level").put("operator", "~~").put("value", 1);
            case 12 -> victim.putObject("invoke").put("src", "core.setVariable").put("input", "not an object");
            case 13 -> victim.putObject("loop").put("type", "forEach").put("collection", "$.items").put("maxIterations", 3)
                    .put("parallelBatchSize", 1000).put("bodyInitial", "x").putObject("bodyStates").putObject("x")
                    .put("type", "final");
            case 14 -> victim.putObject("invoke").put("src", "core.delay").putObject("input").put("ms", "soon");
            default -> victim.removeAll();
        }
    }

    private static void collect(ObjectNode states, List<ObjectNode> into) {
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            JsonNode state = it.next().getValue();
            if (!state.isObject()) {
                continue;
            }
            into.add((ObjectNode) state);
            if (state.path("states").isObject()) {
                state.get("states").forEach(region -> {
                    if (region.path("states").isObject()) {
                        collect((ObjectNode) region.get("states"), into);
                    }
                });
            }
            if (state.path("loop").path("bodyStates").isObject()) {
                collect((ObjectNode) state.get("loop").get("bodyStates"), into);
            }
        }
    }
}
