package io.oven.workflows.compiler;

import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.kit.EngineHooks;
import io.oven.workflows.kit.Guards;
import io.oven.workflows.kit.StepInfo;
import io.oven.workflows.nodes.NodeExecutor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.model.RouteDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * The state of compiling one workflow version: the registry names bound for it, the steps
 * it has, and the sub-routes (parallel regions, loop bodies) still to define.
 */
final class Compilation {

    final WorkflowCompiler compiler;
    final String prefix;
    /** The executor of a node type, or null when there is none. */
    final Function<String, NodeExecutor> executors;
    final Guards guards;
    final ContextExpressions expressions;
    final EngineHooks hooks;
    final ProducerTemplate template;
    /** Runs parallel forEach iterations; never queues (a full pool runs the task on the caller). */
    final ExecutorService batches;
    /** Runs nodes that have a timeoutMs, so the caller can stop waiting at the deadline. */
    final ExecutorService timed;

    final Map<String, Object> beans = new LinkedHashMap<>();
    final List<StepInfo> steps = new ArrayList<>();
    final List<String> routeIds = new ArrayList<>();
    final List<RouteDefinition> routes = new ArrayList<>();

    Compilation(WorkflowCompiler compiler, String slug, int version, Guards guards, ContextExpressions expressions,
                EngineHooks hooks, ProducerTemplate template, ExecutorService batches, ExecutorService timed,
                Function<String, NodeExecutor> executors) {
        this.compiler = compiler;
        this.executors = executors;
        this.prefix = "wf." + slug + ".v" + version;
        this.guards = guards;
        this.expressions = expressions;
        this.hooks = hooks;
        this.template = template;
        this.batches = batches;
        this.timed = timed;
    }

    String bind(String name, Object bean) {
        if (beans.putIfAbsent(name, bean) != null) {
            throw new IllegalStateException("registry name '" + name + "' bound twice while compiling " + prefix);
        }
        return name;
    }
}
