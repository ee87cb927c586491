package io.oven.workflows.registry;

/**
 * An {@code api-call} node type and where its endpoint lives: {@code directUri} for the
 * in-process route of a local module ({@code direct} strategy), {@code baseUrl} for real HTTP
 * ({@code network}). A local module may have both; an imported API only a base URL.
 */
public record ApiEndpoint(NodeType type, String directUri, String baseUrl) {

    public String defaultStrategy() {
        return directUri != null ? "direct" : "network";
    }
}
