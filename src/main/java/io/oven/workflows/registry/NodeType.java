package io.oven.workflows.registry;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A kind of node a state can invoke, with what the editor needs to build a form for it.
 * {@code method} and {@code route} are set for api-call nodes only. A {@code structural}
 * node is drawn by the editor but written as a state shape ({@code loop}), never invoked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeType(
        String id,
        String label,
        String module,
        String category,
        String description,
        List<NodePort> inputs,
        List<NodePort> outputs,
        String method,
        String route,
        boolean structural,
        String aliasOf) {

    /** Without an alias: the canonical node type. */
    public NodeType(String id, String label, String module, String category, String description, List<NodePort> inputs,
                    List<NodePort> outputs, String method, String route, boolean structural) {
        this(id, label, module, category, description, inputs, outputs, method, route, structural, null);
    }

    /** The same node type under another id (Oven's name for it), pointing at this one. */
    public NodeType alias(String otherId) {
        return new NodeType(otherId, label, module, category, description + " — Oven's id for " + id, inputs, outputs,
                method, route, structural, id);
    }

    public static final List<String> CATEGORIES = List.of(
            "api-call", "condition", "transform", "event-emit", "delay", "utility", "variable", "data", "loop");

    /** A built-in node type of module {@code core}, run by an executor. */
    public static NodeType core(String id, String label, String category, String description,
                                List<NodePort> inputs, List<NodePort> outputs) {
        return new NodeType(id, label, "core", category, description, inputs, outputs, null, null, false);
    }

    /** A node type the editor draws but a definition writes as a state shape ({@code loop}), never invoked. */
    public static NodeType structural(String id, String label, String category, String description,
                                      List<NodePort> inputs) {
        return new NodeType(id, label, "core", category, description, inputs, List.of(), null, null, true);
    }
}
