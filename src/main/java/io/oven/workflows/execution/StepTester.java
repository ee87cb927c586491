package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.deployment.WorkflowDeployer;
import io.oven.workflows.kit.ApiCallFailure;
import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.Run;
import io.oven.workflows.nodes.NodeCall;
import io.oven.workflows.nodes.NodeExecutor;
import io.oven.workflows.nodes.NodeExecutors;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Test a step: runs one node of the workflow's live version with a context the caller gives
 * (a past run's, edited or typed), without running anything else and without recording an
 * execution. Its input is resolved as a run would resolve it; the answer shows the input, the
 * output, the context the node would leave and how long it took — or the node's error with
 * the API's detail. {@code "strategy": "none"} is a dry run (API nodes are not called). Secret
 * config values it looked up are masked in the answer, as in tracked rows.
 */
@Component
public class StepTester {

    private static final Set<String> FIELDS = Set.of("state", "context", "strategy");
    private static final Set<String> STRATEGIES = Set.of("direct", "network", "none");

    private final WorkflowDeployer deployer;
    private final NodeExecutors executors;
    private final ContextExpressions expressions;
    private final ObjectMapper mapper;
    private final Duration bound;
    /** A few test steps at a time; more are refused, not queued without end. */
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16),
            runnable -> {
                Thread thread = new Thread(runnable, "oven-test-step");
                thread.setDaemon(true);
                return thread;
            });

    StepTester(WorkflowDeployer deployer, NodeExecutors executors, ContextExpressions expressions, ObjectMapper mapper,
               EngineSettings settings) {
        this.deployer = deployer;
        this.executors = executors;
        this.expressions = expressions;
        this.mapper = mapper;
        this.bound = settings.maxWait();
        pool.allowCoreThreadTimeOut(true);
    }

    /** {@code { "state", "context"?, "strategy"? }}: what the node does with that context. */
    public ObjectNode test(long workflowId, JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the body must be an object { \"state\": \"…\", \"context\": { … } }");
        }
        Violation.unknownFields(body, FIELDS, Set.of(), "a test step", problems);
        JsonNode state = body.get("state");
        if (state == null || !state.isTextual() || state.asText().isBlank()) {
            problems.add(new Violation("state", "is required: the id of the node state to run"));
        }
        JsonNode context = body.get("context");
        if (context != null && !context.isNull() && !context.isObject()) {
            problems.add(new Violation("context", "must be an object: the context the node starts with"));
        }
        JsonNode strategy = body.get("strategy");
        if (strategy != null && !strategy.isNull() && (!strategy.isTextual() || !STRATEGIES.contains(strategy.asText()))) {
            problems.add(new Violation("strategy", "must be direct, network or none (a dry run)"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid test step", problems);
        }
        WorkflowDeployer.Deployment deployment = deployer.acquireCurrent(workflowId).orElseThrow(() ->
                Problem.notFound("workflow " + workflowId + " (or it has no live version to test)"));
        try {
            String stateId = state.asText();
            StateNode node = find(deployment.definition.states(), stateId);
            if (node == null) {
                throw Problem.invalid("state", "'" + stateId + "' is not a state of version " + deployment.version);
            }
            if (node.invoke() == null) {
                throw Problem.invalid("state", "'" + stateId + "' runs no node (only a state with invoke can be tested)");
            }
            NodeExecutor executor = executors.find(node.invoke().nodeType()).orElseThrow(() ->
                    Problem.invalid("state", "node type '" + node.invoke().nodeType() + "' is not known here"));
            // Without a context given, the workflow's context defaults (no payload is asked for).
            JsonNode defaults = deployment.definition.context();
            ObjectNode start = context != null && !context.isNull() ? (ObjectNode) context.deepCopy()
                    : defaults != null && defaults.isObject() ? (ObjectNode) defaults.deepCopy() : mapper.createObjectNode();
            return run(deployment, workflowId, stateId, node, executor, start,
                    strategy == null || strategy.isNull() ? null : strategy.asText());
        } finally {
            deployer.release(deployment.compiled.routeId());
        }
    }

    private ObjectNode run(WorkflowDeployer.Deployment deployment, long workflowId, String stateId, StateNode node,
                           NodeExecutor executor, ObjectNode context, String strategy) {
        // A run of its own that records nothing: it only collects the secrets looked up, to mask them.
        Run scratch = new Run(0, workflowId, deployment.slug, deployment.version, strategy);
        ObjectNode answer = mapper.createObjectNode().put("state", stateId).put("nodeType", node.invoke().nodeType())
                .put("version", deployment.version);
        answer.put("strategy", strategy);
        JsonNode template = node.invoke().input() == null ? JsonNodeFactory.instance.objectNode() : node.invoke().input();
        long started = System.nanoTime();
        JsonNode input = null;
        try {
            input = expressions.resolve(template, context, resolved -> {
                if (resolved.secret()) {
                    scratch.secret(resolved.value());
                }
            });
            ObjectNode resolvedInput = (ObjectNode) input;
            long limit = node.invoke().timeoutMs() == null ? bound.toMillis()
                    : Math.min(node.invoke().timeoutMs(), bound.toMillis());
            Future<JsonNode> call;
            try {
                call = pool.submit(() -> executor.execute(new NodeCall(0, deployment.slug, stateId, resolvedInput, context,
                        resolved -> {
                            if (resolved.secret()) {
                                scratch.secret(resolved.value());
                            }
                        }, strategy, scratch::masked)));
            } catch (RejectedExecutionException e) {
                throw Problem.overloaded("too many test steps at once: try again shortly", 1);
            }
            JsonNode answered;
            try {
                answered = call.get(limit, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                call.cancel(true);
                throw new NodeFailure("timed out after " + limit + " ms");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            ObjectNode merged = executor.merge(context, stateId, answered, node.invoke().outputKey());
            answer.put("status", "completed");
            answer.set("input", scratch.masked(input));
            answer.set("output", scratch.masked(ContextMerge.output(answered)));
            answer.set("context", scratch.masked(merged));
        } catch (Problem p) {
            throw p;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while testing '" + stateId + "'", e);
        } catch (Exception e) {
            answer.put("status", "failed");
            answer.set("input", input == null ? null : scratch.masked(input));
            ApiCallFailure.describe(e, answer.putObject("error").put("message", NodeFailure.messageOf(e)));
        }
        answer.put("durationMs", (System.nanoTime() - started) / 1e6);
        return answer;
    }

    /** A state anywhere in the definition: top level, in a parallel region, in a loop's body. */
    static StateNode find(Map<String, StateNode> states, String id) {
        if (states == null) {
            return null;
        }
        StateNode here = states.get(id);
        if (here != null) {
            return here;
        }
        for (StateNode state : states.values()) {
            StateNode inside = find(state.states(), id);
            if (inside == null && state.loop() != null) {
                inside = find(state.loop().bodyStates(), id);
            }
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }
}
