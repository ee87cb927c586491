package io.oven.workflows.api;

import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.OvenModule;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The workflows module itself: its read endpoints as api-call nodes (so a workflow can look up
 * another workflow or execution, in-process by default) and the events the engine emits.
 */
@Component
class WorkflowsModuleEndpoints implements OvenModule {

    @Override
    public ModuleDescriptor descriptor() {
        List<NodePort> execution = List.of(NodePort.optional("executionId", "integer", "Execution", 1),
                NodePort.optional("workflowId", "integer", "Workflow", 1),
                NodePort.optional("version", "integer", "Workflow version it runs", 1));
        List<NodePort> node = List.of(NodePort.optional("executionId", "integer", "Execution", 1),
                NodePort.optional("nodeId", "string", "State id", "spawn"),
                NodePort.optional("nodeType", "string", "Node type", "core.log"));
        List<NodePort> workflow = List.of(NodePort.optional("workflowId", "integer", "Workflow", 1),
                NodePort.optional("slug", "string", "Slug", "player-spawn"),
                NodePort.optional("version", "integer", "Version", 2));
        return new ModuleDescriptor("workflows", "Workflow definitions, their executions and the engine's events.",
                List.of(), List.of(
                new ModuleDescriptor.Endpoint("workflows.workflows.list", "List workflows", "GET", "/api/workflows",
                        "api.workflows.list",
                        List.of(NodePort.optional("filter", "string", "react-admin filter, JSON", "{\"q\":\"spawn\"}"),
                                NodePort.optional("sort", "string", "react-admin sort, JSON", "[\"name\",\"ASC\"]"),
                                NodePort.optional("range", "string", "react-admin range, JSON", "[0,24]")),
                        List.of(NodePort.optional("0", "object", "the first workflow of the page", null))),
                new ModuleDescriptor.Endpoint("workflows.workflows.get", "Get workflow", "GET", "/api/workflows/:id",
                        "api.workflows.get", List.of(NodePort.required("id", "integer", "Workflow id", 1)),
                        List.of(NodePort.optional("slug", "string", "Workflow slug", "player-spawn"),
                                NodePort.optional("version", "integer", "Current version", 3))),
                new ModuleDescriptor.Endpoint("workflows.executions.get", "Get execution", "GET",
                        "/api/workflow-executions/:id", "api.executions.get",
                        List.of(NodePort.required("id", "integer", "Execution id", 1)),
                        List.of(NodePort.optional("status", "string", "Execution status", "completed"),
                                NodePort.optional("context", "object", "Its context", null)))),
                List.of(
                        new ModuleDescriptor.EventType("workflows.execution.started", "An execution started", execution),
                        new ModuleDescriptor.EventType("workflows.execution.completed", "An execution completed", execution),
                        new ModuleDescriptor.EventType("workflows.execution.failed", "An execution failed", execution),
                        new ModuleDescriptor.EventType("workflows.execution.cancelled", "An execution was cancelled", execution),
                        new ModuleDescriptor.EventType("workflows.execution.waiting", "An execution parked on a timer", execution),
                        new ModuleDescriptor.EventType("workflows.node.started", "A node started", node),
                        new ModuleDescriptor.EventType("workflows.node.completed", "A node completed", node),
                        new ModuleDescriptor.EventType("workflows.node.failed", "A node failed", node),
                        new ModuleDescriptor.EventType("workflows.workflow.created", "A workflow was created", workflow),
                        new ModuleDescriptor.EventType("workflows.workflow.updated", "A workflow was saved", workflow),
                        new ModuleDescriptor.EventType("workflows.workflow.deleted", "A workflow was deleted", workflow)),
                List.of());
    }
}
