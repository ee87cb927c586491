package io.oven.workflows.nodes;

import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/** The node types the executors carry: each executor class is its node type's one home. */
@Component
public class ExecutorNodeTypes implements NodeTypeProvider {

    private final List<NodeExecutor> executors;

    ExecutorNodeTypes(List<NodeExecutor> executors) {
        this.executors = executors;
    }

    @Override
    public List<NodeType> nodeTypes() {
        return executors.stream().map(NodeExecutor::nodeType).toList();
    }

    /** The built-in core node types with an executor, for tools and tests without Spring. */
    public static List<NodeType> core() {
        return List.of(SetVariableNode.TYPE, TransformNode.TYPE, ResolveConfigNode.TYPE, EmitNode.TYPE, SqlNode.TYPE,
                LogNode.TYPE, ConditionNode.TYPE);
    }
}
