package io.oven.workflows.api;

import io.oven.workflows.registry.ApiEndpoint;
import io.oven.workflows.registry.ApiEndpointProvider;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The workflows module's own read endpoints as api-call nodes, so a workflow can look up
 * another workflow or execution: in-process through their {@code direct:} routes by default,
 * over HTTP in {@code network} mode.
 */
@Component
class WorkflowsModuleEndpoints implements ApiEndpointProvider {

    @Override
    public List<ApiEndpoint> apiEndpoints() {
        return List.of(
                endpoint("workflows.workflows.list", "List workflows", "GET", "/api/workflows", "api.workflows.list",
                        List.of(NodePort.optional("filter", "string", "react-admin filter, JSON", "{\"q\":\"spawn\"}"),
                                NodePort.optional("sort", "string", "react-admin sort, JSON", "[\"name\",\"ASC\"]"),
                                NodePort.optional("range", "string", "react-admin range, JSON", "[0,24]")),
                        List.of(NodePort.optional("0", "object", "the first workflow of the page", null))),
                endpoint("workflows.workflows.get", "Get workflow", "GET", "/api/workflows/:id", "api.workflows.get",
                        List.of(NodePort.required("id", "integer", "Workflow id", 1)),
                        List.of(NodePort.optional("slug", "string", "Workflow slug", "player-spawn"),
                                NodePort.optional("version", "integer", "Current version", 3))),
                endpoint("workflows.executions.get", "Get execution", "GET", "/api/workflow-executions/:id",
                        "api.executions.get",
                        List.of(NodePort.required("id", "integer", "Execution id", 1)),
                        List.of(NodePort.optional("status", "string", "Execution status", "completed"),
                                NodePort.optional("context", "object", "Its context", null))));
    }

    private static ApiEndpoint endpoint(String id, String label, String method, String route, String directRoute,
                                        List<NodePort> inputs, List<NodePort> outputs) {
        NodeType type = new NodeType(id, label, "workflows", "api-call", label + " (" + method + " " + route + ")",
                inputs, outputs, method, route, false);
        return new ApiEndpoint(type, "direct:" + directRoute, null);
    }
}
