package io.oven.workflows.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 *
 * <p>Why one long class: these are the checks across states (ids, reachability, targets per
 * machine, limits) that no single kind can make; each kind's own checks live in its class in
 * {@code compiler/}. Split, the walk over nested machines would be repeated in every part.
 */
public final class WorkflowValidator {

    public static final Set<String> OPERATORS = Set.of(
            "==", "!=", ">", "<", ">=", "<=", "contains", "exists", "not_exists", "in", "matches");
    private static final Set<String> NUMERIC_OPERATORS = Set.of(">", "<", ">=", "<=");
    private static final Set<String> UNARY_OPERATORS = Set.of("exists", "not_exists");
    private static final Set<String> STATE_TYPES = Set.of("atomic", "compound", StateNode.FINAL, StateNode.PARALLEL);
    private static final Set<String> VALUE_TYPES = JsonTypes.NAMES;
    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    /** State ids become route, step and registry names: identifiers only, never text a Camel language could read. */
    /** A guard key: a dotted context path, optionally written as {@code $.path} like an input. */
    private static final Pattern GUARD_KEY = Pattern.compile("^(\\$\\.)?[^.${}\\s][^.{}]*(\\.[^.{}]+)*$");
    public static final Pattern STATE_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    private final NodeTypeRegistry registry;
    private final List<? extends StateKindRules> kinds;

    private final Limits limits;

    public WorkflowValidator(NodeTypeRegistry registry, StateKindSet kinds) {
        this(registry, kinds, Limits.DEFAULT);
    }

    public WorkflowValidator(NodeTypeRegistry registry, StateKindSet kinds, Limits limits) {
        this.registry = registry;
        this.kinds = kinds.kinds();
        this.limits = limits;
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
    private final class Check implements StateChecks {
        private final WorkflowDefinition definition;
        private final List<Violation> errors = new ArrayList<>();
        private final List<Violation> warnings = new ArrayList<>();
        private final Map<String, String> statePointers = new HashMap<>();

        Check(WorkflowDefinition definition) {
            this.definition = definition;
        }

        private int stateCount;
        private int deepest;

        void definition() {
            payloadSchema(definition.payloadSchema());
            collectIds(definition.states(), "/states", 1);
            if (stateCount > limits.maxStates()) {
                // Said once, before anything else is looked at: checking every state of a huge one is the cost to avoid.
                error("/states", "the workflow has " + stateCount + " states, more than the " + limits.maxStates()
                        + " allowed (oven.engine.max-states)");
                return;
            }
            if (deepest > limits.maxDepth()) {
                error("/states", "regions and loop bodies nest " + deepest + " deep, more than the " + limits.maxDepth()
                        + " allowed (oven.engine.max-depth)");
                return;
            }
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
        private void collectIds(Map<String, StateNode> states, String at, int depth) {
            if (states == null) {
                return;
            }
            deepest = Math.max(deepest, depth);
            stateCount += states.size();
            if (stateCount > limits.maxStates()) {
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
                        collectIds(region.states(), regionAt + "/states", depth + 1);
                    });
                }
                if (state.loop() != null) {
                    collectIds(state.loop().bodyStates(), stateAt + "/loop/bodyStates", depth + 1);
                }
            });
        }

        /** One state machine: the top level, a parallel region or a loop body. */
        @Override
        public void machine(Map<String, StateNode> states, String initial, String statesAt, String initialAt,
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
            StateKindRules kind = kinds.stream().filter(k -> k.recognises(state)).findFirst().orElse(null);
            if (kind == null) {
                error(at, "state '" + id + "' does nothing: give it invoke, always, after or loop, or make it "
                        + "type: final or type: parallel");
                return;
            }
            unusedFields(kind, state, at);
            kind.validate(id, state, at, this);
            transition(state.onDone(), at + "/onDone", scope);
            transition(state.onError(), at + "/onError", scope);
            if (state.invoke() != null) {
                transition(state.invoke().onDone(), at + "/invoke/onDone", scope);
                transition(state.invoke().onError(), at + "/invoke/onError", scope);
            }
            transitions(state.always(), at + "/always", scope);
            if (state.after() != null) {
                state.after().forEach((delay, transitions) ->
                        transitions(transitions, Pointer.child(at + "/after", delay), scope));
            }
            if (state.on() != null) {
                state.on().forEach((name, transition) -> transition(transition, Pointer.child(at + "/on", name), scope));
            }
            if (!state.isFinal() && targets(state).isEmpty() && !hasErrorUnder(at)) {
                String hint = state.isParallel() || state.loop() != null ? "add onDone" : "add onDone, always or after";
                error(at, "state '" + id + "' has no way out: " + hint + ", or make it type: final");
            }
        }

        /** A field the state's kind does not read would be silently ignored: refuse it (a final state only warns). */
        private void unusedFields(StateKindRules kind, StateNode state, String at) {
            Map<String, Object> present = new LinkedHashMap<>();
            present.put("invoke", state.invoke());
            present.put("always", state.always());
            present.put("after", state.after());
            present.put("on", state.on());
            present.put("onDone", state.onDone());
            present.put("onError", state.onError());
            present.put("loop", state.loop());
            present.put("states", state.states());
            present.put("initial", state.initial());
            List<String> unused = present.entrySet().stream()
                    .filter(e -> e.getValue() != null && !kind.fields().contains(e.getKey())).map(Map.Entry::getKey).toList();
            if (unused.isEmpty()) {
                return;
            }
            if (state.isFinal()) {
                warning(at, "final state completes the run: its " + String.join(", ", unused) + " are ignored");
                return;
            }
            for (String field : unused) {
                error(at + "/" + field, field + " is not used by " + article(kind.name()) + " state (it reads "
                        + kind.fields().stream().sorted().toList() + ")");
            }
        }

        @Override
        public Optional<NodeType> nodeType(String id) {
            return registry.find(id);
        }

        @Override
        public Limits limits() {
            return limits;
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

        @Override
        public void guard(Guard guard, String at) {
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
                    } catch (PatternSyntaxException e) {
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
        @Override
        public void expressions(JsonNode node, String at) {
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

        @Override
        public void expression(String text, String at) {
            Expressions.problem(text).ifPresent(problem -> error(at, problem));
        }

        private void stateId(String id, String at) {
            if (!STATE_ID.matcher(id).matches()) {
                error(at, "state id '" + abbreviated(id) + "' must be 1 to 64 letters, digits, _ or -");
            }
        }

        @Override
        public void identifier(String name, String at) {
            if (name != null && !IDENTIFIER.matcher(name).matches()) {
                error(at, "'" + name + "' must be a plain name: letters, digits and _ , not starting with a digit");
            }
        }

        @Override
        public void error(String at, String message) {
            errors.add(new Violation(at, message));
        }

        @Override
        public void warning(String at, String message) {
            warnings.add(new Violation(at, message));
        }

        @Override
        public boolean hasError(String at) {
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
        if (state.on() != null) {
            state.on().values().forEach(t -> addTarget(targets, t));
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

    /** "a word" or "an word", for messages. */
    public static String article(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

}
