package io.oven.workflows.registry;

import java.util.List;
import java.util.Map;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/** The built-in {@code core.*} node types of DESIGN §5. */
final class CoreNodeTypes {

    private CoreNodeTypes() {
    }

    static List<NodeType> all() {
        return List.of(
                core("core.setVariable", "Set variable", "variable",
                        "Stores a value in the context under a name.",
                        List.of(required("name", "string", "Context key to set", "attempts"),
                                required("value", "any", "Literal, $.path or {% jsonata %}", "{% attempts + 1 %}")),
                        List.of(optional("<name>", "any", "The value, stored under the given name", null))),
                core("core.transform", "Transform", "transform",
                        "Builds a new object from the context: each key maps to a literal or an expression.",
                        List.of(required("mapping", "object", "{ newKey: $.path | literal | {% jsonata %} }",
                                Map.of("playerId", "$.player.id"))),
                        List.of(optional("<key>", "any", "One output key per mapping key", null))),
                core("core.resolveConfig", "Resolve config", "data",
                        "Looks up a module config value: instance row, else module row, else the schema default.",
                        List.of(required("moduleName", "string", "Module that owns the key", "maps"),
                                required("key", "string", "Config key", "START_CELL_POSITION"),
                                optional("scopeId", "string", "Instance id for an instance-scoped value", "$.mapId")),
                        List.of(optional("key", "string", "The key", null),
                                optional("value", "any", "The resolved value", Map.of("x", 0, "y", 0)),
                                optional("source", "string", "instance, module or default", "default"))),
                core("core.emit", "Emit event", "event-emit",
                        "Publishes an event on the event bus.",
                        List.of(required("event", "string", "Event name", "sessions.session.ended"),
                                optional("payload", "object", "Event payload", Map.of("sessionId", "$.sessionId"))),
                        List.of(optional("eventId", "number", "Id of the stored event", 42))),
                core("core.sql", "SQL query", "data",
                        "Runs one parameterised SQL statement; read-only unless the service allows writes.",
                        List.of(required("query", "string", "SQL with ? or :name placeholders",
                                        "select id, username from players where id = :id"),
                                optional("params", "object", "Values for the placeholders", Map.of("id", "$.playerId"))),
                        List.of(optional("rows", "array", "Result rows", null))),
                core("core.log", "Log", "utility",
                        "Writes a message to the service log, tagged with the execution.",
                        List.of(required("message", "string", "Text, or an expression", "spawned {% playerId %}"),
                                optional("level", "string", "debug, info, warn or error", "info")),
                        List.of()),
                core("core.delay", "Delay", "delay",
                        "Waits before going on; long waits are durable timers that survive a restart.",
                        List.of(required("ms", "integer", "Milliseconds to wait", 5000).withAliases("duration")),
                        List.of()),
                core("core.condition", "Condition", "condition",
                        "Evaluates key / operator / value against the context.",
                        List.of(required("key", "string", "Dotted path into the context", "0.id"),
                                required("operator", "string", "==, !=, >, <, >=, <=, contains, exists, …", "exists"),
                                optional("value", "any", "Value to compare with", null)),
                        List.of(optional("result", "boolean", "Whether the condition holds", true))),
                structural("core.forEach", "For each", "loop",
                        "Runs its body once per item of a collection, in order or in parallel batches.",
                        List.of(required("collection", "array", "$.path of the items", "$.players"),
                                required("maxIterations", "integer", "Upper bound on iterations", 100))),
                structural("core.whileLoop", "While", "loop",
                        "Runs its body while a condition holds, at most maxIterations times.",
                        List.of(required("condition", "object", "Guard checked before each iteration", null),
                                required("maxIterations", "integer", "Upper bound on iterations", 100))));
    }

    private static NodeType core(String id, String label, String category, String description,
                                 List<NodePort> inputs, List<NodePort> outputs) {
        return new NodeType(id, label, "core", category, description, inputs, outputs, null, null, false);
    }

    private static NodeType structural(String id, String label, String category, String description,
                                       List<NodePort> inputs) {
        return new NodeType(id, label, "core", category, description, inputs, List.of(), null, null, true);
    }
}
