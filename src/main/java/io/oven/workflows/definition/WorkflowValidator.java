package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a definition the way DESIGN §3 says a save is checked, and reports every problem
 * at once, each with its JSON pointer. Errors refuse the save; warnings (a state nothing
 * reaches, a transition after an unguarded one) are only reported.
 *
 * <p>State ids must be unique across the whole workflow, regions and loop bodies included,
 * because the compiled route dispatches on a flat state id. A transition may only go to a
 * state of its own machine: the top level, one parallel region, or one loop body.
 */
public final class WorkflowValidator {

    public static final Set<String> OPERATORS = Set.of(
            "==", "!=", ">", "<", ">=", "<=", "contains", "exists", "not_exists", "in", "matches");
    private static final Set<String> NUMERIC_OPERATORS = Set.of(">", "<", ">=", "<=");
    private static final Set<String> UNARY_OPERATORS = Set.of("exists", "not_exists");
    private static final Set<String> STATE_TYPES = Set.of("atomic", "compound", StateNode.FINAL, StateNode.PARALLEL);
    private static final Set<String> VALUE_TYPES = JsonTypes.NAMES;
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern DELAY = Pattern.compile("^[0-9]{1,10}$");
    /** State ids become route, step and registry names: identifiers only, never text a Camel language could read. */
    /** A guard key: a dotted context path, optionally written as {@code $.path} like an input. */
    private static final Pattern GUARD_KEY = Pattern.compile("^(\\$\\.)?[^.${}\\s][^.{}]*(\\.[^.{}]+)*$");
    public static final int MAX_PARALLEL_BATCH = 64;
    public static final Pattern STATE_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final NodeTypeRegistry registry;

    public WorkflowValidator(NodeTypeRegistry registry) {
        this.registry = registry;
    }

    public ValidationReport validate(JsonNode document) {
        DefinitionParser.Result parsed = DefinitionParser.parse(document);
        Check check = new Check(parsed.definition());
        check.errors.addAll(parsed.problems());
        if (parsed.definition() != null) {
            check.definition();
        }
        return new ValidationReport(parsed.definition(), List.copyOf(check.errors), List.copyOf(check.warnings));
    }

    /** One validation run: the problems found so far and where each state id was first seen. */
    private final class Check {
        private final WorkflowDefinition definition;
        private final List<Violation> errors = new ArrayList<>();
        private final List<Violation> warnings = new ArrayList<>();
        private final Map<String, String> statePointers = new HashMap<>();

        Check(WorkflowDefinition definition) {
            this.definition = definition;
        }

        void definition() {
            payloadSchema(definition.payloadSchema());
            collectIds(definition.states(), "/states");
            if (definition.states() == null && !hasError("/states")) {
                error("/states", "is required: an object of states keyed by state id");
            }
            machine(definition.states(), definition.initial(), "/states", "/initial", "the workflow");
        }

        private void payloadSchema(List<PayloadField> fields) {
            if (fields == null) {
                return;
            }
            Set<String> names = new HashSet<>();
            for (int i = 0; i < fields.size(); i++) {
                PayloadField field = fields.get(i);
                String at = Pointer.child("/payloadSchema", i);
                if (field.name() == null || field.name().isBlank()) {
                    error(at + "/name", "is required: the parameter's name");
                } else if (!names.add(field.name())) {
                    error(at + "/name", "parameter '" + field.name() + "' is declared twice");
                }
                if (field.type() != null && !VALUE_TYPES.contains(field.type())) {
                    error(at + "/type", "unknown type '" + field.type() + "'; use one of " + sorted(VALUE_TYPES));
                }
            }
        }

        /** First pass: every state id in every machine, so duplicates and cross-scope targets can be named. */
        private void collectIds(Map<String, StateNode> states, String at) {
            if (states == null) {
                return;
            }
            states.forEach((id, state) -> {
                String stateAt = Pointer.child(at, id);
                stateId(id, stateAt);
                String first = statePointers.putIfAbsent(id, stateAt);
                if (first != null) {
                    error(stateAt, "state id '" + id + "' is already used at " + first
                            + ": state ids must be unique across the whole workflow, regions and loop bodies included");
                }
                if (state.isParallel() && state.states() != null) {
                    state.states().forEach((regionId, region) -> {
                        String regionAt = Pointer.child(Pointer.child(stateAt, "states"), regionId);
                        stateId(regionId, regionAt);
                        String firstRegion = statePointers.putIfAbsent(regionId, regionAt);
                        if (firstRegion != null) {
                            error(regionAt, "state id '" + regionId + "' is already used at " + firstRegion
                                    + ": state ids must be unique across the whole workflow");
                        }
                        collectIds(region.states(), regionAt + "/states");
                    });
                }
                if (state.loop() != null) {
                    collectIds(state.loop().bodyStates(), stateAt + "/loop/bodyStates");
                }
            });
        }

        /** One state machine: the top level, a parallel region or a loop body. */
        private void machine(Map<String, StateNode> states, String initial, String statesAt, String initialAt,
                             String what) {
            if (states == null) {
                return;
            }
            if (states.isEmpty()) {
                error(statesAt, what + " has no states");
                return;
            }
            boolean initialKnown = false;
            if (initial == null) {
                if (!hasError(initialAt)) {
                    error(initialAt, "is required: the state " + what + " starts in");
                }
            } else if (!states.containsKey(initial)) {
                error(initialAt, "unknown initial state '" + initial + "'; states are " + states.keySet());
            } else {
                initialKnown = true;
            }
            states.forEach((id, state) -> state(id, state, Pointer.child(statesAt, id), states));
            if (initialKnown) {
                reachability(states, initial, statesAt, what);
            }
        }

        private void reachability(Map<String, StateNode> states, String initial, String statesAt, String what) {
            Set<String> seen = new HashSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of(initial));
            boolean finalReached = false;
            while (!queue.isEmpty()) {
                String id = queue.poll();
                if (!seen.add(id)) {
                    continue;
                }
                StateNode state = states.get(id);
                finalReached |= state.isFinal();
                for (String target : targets(state)) {
                    if (states.containsKey(target)) {
                        queue.add(target);
                    }
                }
            }
            // A broken transition is the likelier cause; report that alone rather than its echo.
            if (!finalReached && !hasErrorUnder(statesAt)) {
                error(statesAt, "no final state (type: final) is reachable from '" + initial + "' in " + what
                        + ", so a run could never complete");
            }
            states.keySet().stream().filter(id -> !seen.contains(id)).forEach(id ->
                    warning(Pointer.child(statesAt, id), "state '" + id + "' is never reached from '" + initial + "'"));
        }

        private void state(String id, StateNode state, String at, Map<String, StateNode> scope) {
            if (state.type() != null && !STATE_TYPES.contains(state.type())) {
                error(at + "/type", "unknown state type '" + state.type() + "'; use final or parallel (or leave it out)");
            }
            if (state.isFinal() && (state.invoke() != null || state.always() != null || state.after() != null
                    || state.loop() != null)) {
                warning(at, "final state '" + id + "' completes the run: its invoke, loop and transitions are ignored");
            }
            if (state.isParallel()) {
                parallel(state, at);
            } else if (state.states() != null) {
                error(at + "/states", "nested states are only allowed in a parallel state's regions (type: parallel)");
            }
            if (state.loop() != null) {
                if (state.invoke() != null) {
                    error(at + "/invoke", "a loop state runs its body states; move this invoke into loop.bodyStates");
                }
                loop(state.loop(), at + "/loop");
            }
            if (state.invoke() != null) {
                invoke(state.invoke(), at + "/invoke", scope);
            }
            transition(state.onDone(), at + "/onDone", scope);
            transition(state.onError(), at + "/onError", scope);
            transitions(state.always(), at + "/always", scope);
            if (state.after() != null) {
                state.after().forEach((delay, transitions) -> {
                    String delayAt = Pointer.child(at + "/after", delay);
                    if (!DELAY.matcher(delay).matches()) {
                        error(delayAt, "delay '" + delay + "' must be a whole number of milliseconds");
                    }
                    transitions(transitions, delayAt, scope);
                });
            }
            if (!state.isFinal() && targets(state).isEmpty() && !hasErrorUnder(at)) {
                String hint = state.isParallel() || state.loop() != null ? "add onDone" : "add onDone, always or after";
                error(at, "state '" + id + "' has no way out: " + hint + ", or make it type: final");
            }
        }

        private void parallel(StateNode state, String at) {
            if (state.states() == null || state.states().isEmpty()) {
                if (!hasError(at + "/states")) {
                    error(at + "/states", "a parallel state needs its regions under states");
                }
                return;
            }
            state.states().forEach((regionId, region) -> {
                String regionAt = Pointer.child(at + "/states", regionId);
                if (region.states() == null) {
                    if (!hasError(regionAt + "/states")) {
                        error(regionAt + "/states", "region '" + regionId
                                + "' needs its own states and initial: each region is a small state machine");
                    }
                    return;
                }
                machine(region.states(), region.initial(), regionAt + "/states", regionAt + "/initial",
                        "region '" + regionId + "'");
            });
        }

        private void loop(Loop loop, String at) {
            if (loop.type() == null) {
                if (!hasError(at + "/type")) {
                    error(at + "/type", "is required: forEach or while");
                }
            } else if (Loop.FOR_EACH.equals(loop.type())) {
                if (loop.collection() == null) {
                    error(at + "/collection", "is required for forEach: a $.path to an array, or an array");
                } else if (loop.collection().isTextual()) {
                    String text = loop.collection().asText();
                    if (!Expressions.isExpression(text)) {
                        error(at + "/collection", "must be a $.path or {% jsonata %} expression giving an array");
                    } else {
                        expression(text, at + "/collection");
                    }
                } else if (!loop.collection().isArray()) {
                    error(at + "/collection", "must be an expression or an array");
                }
            } else if (Loop.WHILE.equals(loop.type())) {
                if (loop.condition() == null) {
                    if (!hasError(at + "/condition")) {
                        error(at + "/condition", "is required for while: the guard checked before each iteration");
                    }
                } else {
                    guard(loop.condition(), at + "/condition");
                }
            } else {
                error(at + "/type", "unknown loop type '" + loop.type() + "'; use forEach or while");
            }
            if (loop.maxIterations() == null) {
                if (!hasError(at + "/maxIterations")) {
                    error(at + "/maxIterations", "is required: every loop needs an upper bound on its iterations");
                }
            } else if (loop.maxIterations() < 1) {
                error(at + "/maxIterations", "must be at least 1");
            }
            if (loop.parallelBatchSize() != null && (loop.parallelBatchSize() < 0
                    || loop.parallelBatchSize() > MAX_PARALLEL_BATCH)) {
                error(at + "/parallelBatchSize", "must be 0 (one at a time) to " + MAX_PARALLEL_BATCH);
            }
            identifier(loop.itemVariable(), at + "/itemVariable");
            identifier(loop.indexVariable(), at + "/indexVariable");
            if (loop.bodyStates() == null) {
                if (!hasError(at + "/bodyStates")) {
                    error(at + "/bodyStates", "is required: the states each iteration runs");
                }
                return;
            }
            machine(loop.bodyStates(), loop.bodyInitial(), at + "/bodyStates", at + "/bodyInitial", "the loop body");
        }

        private void invoke(Invoke invoke, String at, Map<String, StateNode> scope) {
            transition(invoke.onDone(), at + "/onDone", scope);
            transition(invoke.onError(), at + "/onError", scope);
            retry(invoke.retry(), at + "/retry");
            if (invoke.timeoutMs() != null && invoke.timeoutMs() < 1) {
                error(at + "/timeoutMs", "must be at least 1 millisecond");
            }
            if (invoke.outputKey() != null) {
                identifier(invoke.outputKey(), at + "/outputKey");
            }
            JsonNode input = invoke.input();
            if (input != null && !input.isObject()) {
                error(at + "/input", "must be an object of input names to values");
                input = null;
            }
            if (input != null) {
                expressions(input, at + "/input");
            }
            if (invoke.src() != null && invoke.typeAlias() != null && !invoke.src().equals(invoke.typeAlias())) {
                error(at + "/type", "names node type '" + invoke.typeAlias() + "' but src names '" + invoke.src()
                        + "': write one of them");
            }
            String typeId = invoke.nodeType();
            String typeAt = invoke.src() != null ? at + "/src" : at + "/type";
            if (typeId == null) {
                if (!hasError(at + "/src") && !hasError(at + "/type")) {
                    error(at + "/src", "is required: the node type to run, e.g. core.log");
                }
                return;
            }
            Optional<NodeType> type = registry.find(typeId);
            if (type.isEmpty()) {
                error(typeAt, "unknown node type '" + typeId + "'; GET /api/node-types lists the known ones");
                return;
            }
            if (type.get().structural()) {
                error(typeAt, typeId + " is not invoked: write it as a state with a loop { … }");
                return;
            }
            inputs(type.get(), input, at + "/input");
        }

        private void inputs(NodeType type, JsonNode input, String at) {
            for (NodePort port : type.inputs()) {
                JsonNode value = inputValue(input, port);
                if (value == null) {
                    if (port.required()) {
                        error(Pointer.child(at, port.name()), "required input '" + port.name() + "' of "
                                + type.id() + " is missing");
                    }
                    continue;
                }
                if (!literalHasType(value, port.type())) {
                    error(Pointer.child(at, port.name()), "input '" + port.name() + "' must be " + article(port.type())
                            + ", or an expression");
                }
            }
        }

        /** An input's value: flat, under one of its aliases, or inside a structured { params, pathParams, body }. */
        private JsonNode inputValue(JsonNode input, NodePort port) {
            if (input == null) {
                return null;
            }
            List<String> names = new ArrayList<>(port.aliases());
            names.add(0, port.name());
            for (String name : names) {
                if (input.has(name)) {
                    return input.get(name);
                }
                for (String part : List.of("params", "pathParams", "body")) {
                    JsonNode section = input.get(part);
                    if (section != null && section.isObject() && section.has(name)) {
                        return section.get(name);
                    }
                }
            }
            return null;
        }

        private boolean literalHasType(JsonNode value, String type) {
            return value.isTextual() && Expressions.isExpression(value.asText()) || JsonTypes.matches(value, type);
        }

        private void retry(RetryPolicy retry, String at) {
            if (retry == null) {
                return;
            }
            if (retry.maxAttempts() != null && retry.maxAttempts() < 1) {
                error(at + "/maxAttempts", "must be at least 1 (the first try counts)");
            }
            if (retry.backoffMs() != null && retry.backoffMs() < 0) {
                error(at + "/backoffMs", "must not be negative");
            }
            if (retry.multiplier() != null && retry.multiplier().doubleValue() < 1) {
                error(at + "/multiplier", "must be 1 or more");
            }
        }

        private void transitions(Transitions transitions, String at, Map<String, StateNode> scope) {
            if (transitions == null) {
                return;
            }
            List<Transition> list = transitions.list();
            boolean defaultSeen = false;
            for (int i = 0; i < list.size(); i++) {
                String transitionAt = transitions.single() ? at : Pointer.child(at, i);
                if (defaultSeen) {
                    warning(transitionAt, "never taken: an earlier transition has no guard and always wins");
                }
                transition(list.get(i), transitionAt, scope);
                defaultSeen |= list.get(i).guard() == null;
            }
        }

        private void transition(Transition transition, String at, Map<String, StateNode> scope) {
            if (transition == null) {
                return;
            }
            String targetAt = transition.shorthand() ? at : at + "/target";
            if (transition.guard() != null) {
                guard(transition.guard(), at + "/guard");
            }
            String target = transition.target();
            if (target == null) {
                if (!hasError(targetAt)) {
                    error(targetAt, "is required: the state to go to");
                }
            } else if (!scope.containsKey(target)) {
                String elsewhere = statePointers.get(target);
                error(targetAt, elsewhere == null
                        ? "unknown target state '" + target + "'"
                        : "target '" + target + "' (at " + elsewhere + ") is in another machine: a transition can "
                        + "only go to a state of its own level, region or loop body");
            }
        }

        private void guard(Guard guard, String at) {
            String type = guard.effectiveType();
            JsonNode params = guard.params();
            if (Guard.CONDITION.equals(type)) {
                if (params == null) {
                    if (!hasError(at + "/params")) {
                        error(at + "/params", "is required: { key, operator, value }");
                    }
                    return;
                }
                JsonNode key = params.get("key");
                if (key == null || !key.isTextual() || key.asText().isBlank()) {
                    error(at + "/params/key", "is required: a dotted path into the context, e.g. player.level");
                } else if (!GUARD_KEY.matcher(key.asText()).matches()) {
                    error(at + "/params/key", "'" + abbreviated(key.asText()) + "' is not a path into the context: "
                            + "write names and indexes with dots, e.g. player.level, 0.id or $.player.level");
                }
                JsonNode operatorNode = params.get("operator");
                if (operatorNode == null || !operatorNode.isTextual()) {
                    error(at + "/params/operator", "is required: one of " + sorted(OPERATORS));
                    return;
                }
                String operator = operatorNode.asText();
                if (!OPERATORS.contains(operator)) {
                    error(at + "/params/operator", "unknown operator '" + operator + "'; use one of " + sorted(OPERATORS));
                    return;
                }
                comparedValue(operator, params.get("value"), at + "/params/value");
            } else if (Guard.JSONATA.equals(type)) {
                JsonNode expr = params == null ? null : params.get("expr");
                if (expr == null || !expr.isTextual()) {
                    error(at + "/params/expr", "is required: the JSONata expression to test");
                    return;
                }
                String source = Expressions.jsonataBody(expr.asText()).orElse(expr.asText());
                Expressions.jsonataProblem(source).ifPresent(problem -> error(at + "/params/expr", problem));
            } else {
                error(at + "/type", "unknown guard type '" + type + "'; use condition or jsonata");
            }
        }

        private void comparedValue(String operator, JsonNode value, String at) {
            if (UNARY_OPERATORS.contains(operator)) {
                return;
            }
            if (value == null) {
                error(at, "is required for operator '" + operator + "'");
                return;
            }
            if (value.isTextual() && Expressions.isExpression(value.asText())) {
                expression(value.asText(), at);
                return;
            }
            if (NUMERIC_OPERATORS.contains(operator) && !isNumeric(value)) {
                error(at, "operator '" + operator + "' compares numbers: the value must be a number");
            } else if ("in".equals(operator) && !value.isArray()) {
                error(at, "operator 'in' needs an array of allowed values");
            } else if ("matches".equals(operator)) {
                if (!value.isTextual()) {
                    error(at, "operator 'matches' needs a regular expression string");
                } else {
                    try {
                        com.google.re2j.Pattern.compile(value.asText());
                    } catch (com.google.re2j.PatternSyntaxException e) {
                        error(at, "malformed regular expression (RE2 syntax: no backreferences or lookaround): "
                                + e.getDescription());
                    }
                }
            }
        }

        private boolean isNumeric(JsonNode value) {
            if (value.isNumber()) {
                return true;
            }
            if (value.isTextual()) {
                try {
                    Double.parseDouble(value.asText());
                    return true;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return false;
        }

        /** Every expression string inside an input value, at any depth. */
        private void expressions(JsonNode node, String at) {
            if (node.isTextual()) {
                expression(node.asText(), at);
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    expressions(node.get(i), Pointer.child(at, i));
                }
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    expressions(entry.getValue(), Pointer.child(at, entry.getKey()));
                }
            }
        }

        private void expression(String text, String at) {
            Expressions.problem(text).ifPresent(problem -> error(at, problem));
        }

        private void stateId(String id, String at) {
            if (!STATE_ID.matcher(id).matches()) {
                error(at, "state id '" + abbreviated(id) + "' must be 1 to 64 letters, digits, _ or -");
            }
        }

        private void identifier(String name, String at) {
            if (name != null && !IDENTIFIER.matcher(name).matches()) {
                error(at, "'" + name + "' must be a plain name: letters, digits and _ , not starting with a digit");
            }
        }

        private void error(String at, String message) {
            errors.add(new Violation(at, message));
        }

        private void warning(String at, String message) {
            warnings.add(new Violation(at, message));
        }

        private boolean hasError(String at) {
            return errors.stream().anyMatch(v -> v.path().equals(at));
        }

        private boolean hasErrorUnder(String at) {
            return errors.stream().anyMatch(v -> v.path().startsWith(at + "/"));
        }
    }

    /** Every target a state can go to next, in its own machine. */
    static List<String> targets(StateNode state) {
        List<String> targets = new ArrayList<>();
        addTarget(targets, state.onDone());
        addTarget(targets, state.onError());
        if (state.invoke() != null) {
            addTarget(targets, state.invoke().onDone());
            addTarget(targets, state.invoke().onError());
        }
        if (state.always() != null) {
            state.always().list().forEach(t -> addTarget(targets, t));
        }
        if (state.after() != null) {
            state.after().values().forEach(ts -> ts.list().forEach(t -> addTarget(targets, t)));
        }
        return targets;
    }

    private static void addTarget(List<String> targets, Transition transition) {
        if (transition != null && transition.target() != null) {
            targets.add(transition.target());
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "object", "array" -> "an " + type;
            default -> "a " + type;
        };
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

}
