package io.oven.workflows.registry;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Everything a module declares about itself; {@code GET /api/modules} lists these. */
public record ModuleDescriptor(
        String name,
        String description,
        List<String> dependencies,
        List<Endpoint> endpoints,
        List<EventType> events,
        List<ConfigKey> config) {

    /**
     * One REST endpoint, which is also an api-call node type {@code nodeType}. {@code directRoute}
     * is the in-process route that serves it, called by workflows in {@code direct} mode.
     */
    public record Endpoint(String nodeType, String label, String method, String route, String directRoute,
                           List<NodePort> inputs, List<NodePort> outputs) {
    }

    /** An event the module emits, and what its payload carries. */
    public record EventType(String name, String description, List<NodePort> payload) {
    }

    /** A config key of the module, with its type and default. */
    public record ConfigKey(String key, String type, JsonNode defaultValue, String description,
                            boolean instanceScoped, boolean secret) {
    }
}
