package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.JsonTypes;
import io.oven.workflows.definition.PayloadField;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * What callers send to start, signal and re-run executions, checked before anything runs: every
 * problem with its pointer, as one 400. Nothing here touches a run or the database.
 */
final class ExecutionRequests {

    private static final Set<String> EXECUTE_FIELDS = Set.of("params", "strategy", "test");
    private static final Set<String> STRATEGIES = Set.of("direct", "network", "none");

    private ExecutionRequests() {
    }

    /** What an execute request asks for: the payload, the strategy if any, and whether it is a test run (pins used). */
    record Execute(ObjectNode params, String strategy, boolean test) {
    }

    /** {@code { "name", "payload"? }}: the payload is an empty object when none was sent. */
    record Signal(String name, JsonNode payload) {
    }

    /** {@code { "from", "version"?: "original" | "current", "context"? }}; context is null when not given. */
    record Rerun(String from, boolean currentVersion, ObjectNode context) {
    }

    /**
     * {@code { "params": {…}, "strategy"? }}, or the payload bare as Oven's editor sends it
     * ({@code { "playerId": 7 }}): a body without {@code params} is the payload when each of its
     * fields is one the definition's payloadSchema names (any fields, when it has no schema).
     */
    static Execute execute(JsonNode body, WorkflowDefinition definition, ObjectMapper mapper) {
        if (body == null || body.isNull()) {
            return new Execute(mapper.createObjectNode(), null, false);
        }
        if (!body.isObject()) {
            throw Problem.invalid("", "the body must be an object { \"params\": { … } }");
        }
        List<Violation> problems = new ArrayList<>();
        JsonNode strategy = body.get("strategy");
        boolean hasStrategy = strategy != null && !strategy.isNull();
        if (hasStrategy && (!strategy.isTextual() || !STRATEGIES.contains(strategy.asText()))) {
            problems.add(new Violation("strategy", "must be direct, network or none (a dry run)"));
        }
        JsonNode test = body.get("test");
        if (test != null && !test.isNull() && !test.isBoolean()) {
            problems.add(new Violation("test", "must be true (a test run: pinned nodes use their pinned output) or false"));
        }
        ObjectNode params;
        if (body.has("params")) {
            for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!EXECUTE_FIELDS.contains(field)) {
                    problems.add(new Violation(field, "unknown field; send { \"params\": { … } }"));
                }
            }
            JsonNode given = body.get("params");
            if (given != null && !given.isNull() && !given.isObject()) {
                problems.add(new Violation("params", "must be an object of parameter name to value"));
            }
            params = given == null || !given.isObject() ? mapper.createObjectNode() : (ObjectNode) given;
        } else {
            params = ((ObjectNode) body).deepCopy();
            params.remove("strategy");
            params.remove("test");
            if (definition.payloadSchema() != null) {
                Set<String> names = new HashSet<>();
                definition.payloadSchema().forEach(field -> names.add(field.name()));
                params.fieldNames().forEachRemaining(field -> {
                    if (!names.contains(field)) {
                        problems.add(new Violation(field, "unknown field: not in the payloadSchema " + names.stream()
                                .sorted().toList() + "; send the payload bare or as { \"params\": { … } }"));
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid execute request", problems);
        }
        return new Execute(params, hasStrategy ? strategy.asText() : null, test != null && test.asBoolean(false));
    }

    static Signal signal(JsonNode body, ObjectMapper mapper) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "send { \"name\": \"<signal>\", \"payload\": { … } }");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, Set.of("name", "payload"), Set.of(), "a signal", problems);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            problems.add(new Violation("name", "is required: the signal's name"));
        }
        JsonNode payload = body.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            problems.add(new Violation("payload", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid signal", problems);
        }
        return new Signal(name.asText(), payload == null || payload.isNull() ? mapper.createObjectNode() : payload);
    }

    static Rerun rerun(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "send { \"from\": \"<state>\", \"version\"?: \"original\" | \"current\", "
                    + "\"context\"?: {…} }");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, Set.of("from", "version", "context"), Set.of(), "a re-run", problems);
        JsonNode from = body.get("from");
        if (from == null || !from.isTextual() || from.asText().isBlank()) {
            problems.add(new Violation("from", "is required: the state to run again from"));
        }
        String which = body.path("version").asText("original");
        if (body.has("version") && (!body.get("version").isTextual() || !Set.of("original", "current").contains(which))) {
            problems.add(new Violation("version", "must be original or current"));
        }
        JsonNode given = body.get("context");
        if (given != null && !given.isNull() && !given.isObject()) {
            problems.add(new Violation("context", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid re-run", problems);
        }
        return new Rerun(from.asText(), "current".equals(which), given != null && given.isObject() ? (ObjectNode) given : null);
    }

    /** The definition's context defaults with the params over them, checked against its payloadSchema. */
    static ObjectNode initialContext(WorkflowDefinition definition, ObjectNode params, ObjectMapper mapper) {
        List<Violation> problems = new ArrayList<>();
        if (definition.payloadSchema() != null) {
            for (PayloadField field : definition.payloadSchema()) {
                JsonNode value = params.get(field.name());
                String at = "params." + field.name();
                if (value == null || value.isNull()) {
                    if (field.isRequired()) {
                        problems.add(new Violation(at, "is required"));
                    }
                } else if (field.type() != null && !JsonTypes.matches(value, field.type())) {
                    problems.add(new Violation(at, "must be " + field.type() + ", got " + value.getNodeType()
                            .toString().toLowerCase()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("params do not match the workflow's payloadSchema", problems);
        }
        ObjectNode context = mapper.createObjectNode();
        if (definition.context() != null) {
            context.setAll((ObjectNode) definition.context());
        }
        context.setAll(params);
        return context;
    }
}
