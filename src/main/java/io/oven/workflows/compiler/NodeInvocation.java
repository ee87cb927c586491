package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.Invoke;
import io.oven.workflows.definition.RetryPolicy;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.JsonSize;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.nodes.NodeCall;
import io.oven.workflows.nodes.NodeExecutor;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.MDC;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The action of an invoke state: resolve the input against the context, run the node (with
 * its retries and timeout), merge its output into the context. A failure either sets the
 * outcome to "error" (the state has onError) or fails the run.
 */
final class NodeInvocation implements Processor {

    private final Compilation compilation;
    private final String stateId;
    private final String stepId;
    private final Invoke invoke;
    private final NodeExecutor executor;
    /** Whether a failure is handled (the state has onError) rather than failing the run. */
    private final boolean handled;
    /** The output pinned on the state: a test run takes it instead of running the node; null when none. */
    private final JsonNode pinned;

    NodeInvocation(Compilation compilation, String stateId, String stepId, Invoke invoke, NodeExecutor executor,
                   boolean handled, JsonNode pinned) {
        this.pinned = pinned;
        this.handled = handled;
        this.compilation = compilation;
        this.stateId = stateId;
        this.stepId = stepId;
        this.invoke = invoke;
        this.executor = executor;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
        // Every log line written while the node runs carries the execution, workflow and node.
        MDC.put("executionId", Long.toString(run.executionId));
        MDC.put("workflow", run.slug);
        MDC.put("node", stateId);
        try {
            invoke(exchange, run);
        } finally {
            MDC.remove("executionId");
            MDC.remove("workflow");
            MDC.remove("node");
        }
    }

    private void invoke(Exchange exchange, Run run) throws Exception {
        NodeTrace trace = Tracing.trace(exchange, stepId);
        RetryPolicy retry = invoke.retry();
        int maxAttempts = retry == null || retry.maxAttempts() == null ? 1 : retry.maxAttempts();
        long backoff = retry == null || retry.backoffMs() == null ? 0 : retry.backoffMs();
        double multiplier = retry == null || retry.multiplier() == null ? 2.0 : retry.multiplier().doubleValue();
        JsonNode template = invoke.input() == null ? JsonNodeFactory.instance.objectNode() : invoke.input();
        // After a stop cut this node off, the attempt it was on counts: this one is the next.
        int before = run.attemptsBefore(stateId);
        maxAttempts += before;
        for (int attempt = 1 + before; ; attempt++) {
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            Instant started = Instant.now();
            JsonNode input = null;
            try {
                input = compilation.expressions.resolve(template, context,
                        resolved -> compilation.hooks.configLookup(run, stateId, resolved));
                boolean usePin = pinned != null && run.test();
                JsonNode answered = usePin ? pinned.deepCopy()
                        : call(new NodeCall(run.executionId, run.slug, stateId, (ObjectNode) input, context,
                        resolved -> compilation.hooks.configLookup(run, stateId, resolved), run.strategy(), run::masked));
                JsonNode output = ContextMerge.output(answered);
                ObjectNode merged = executor.merge(context, stateId, answered, invoke.outputKey());
                if (JsonSize.exceeds(merged, compilation.hooks.maxContextBytes())) {
                    // A context that grows without end (a loop appending to a list) fails here, not the database.
                    throw new ContextTooLarge("the run's context would grow past " + compilation.hooks.maxContextBytes()
                            / 1024 + " KiB (oven.engine.max-context-size)");
                }
                if (trace != null) {
                    trace.input(input);
                    if (usePin) {
                        trace.pinned(output);
                    } else {
                        trace.completed(output, attempt);
                    }
                }
                exchange.setProperty(ExchangeKeys.CONTEXT, merged);
                exchange.setProperty(ExchangeKeys.LAST_OUTPUT, output);
                exchange.setProperty(ExchangeKeys.OUTCOME, "done");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw e;
            } catch (ContextTooLarge e) {
                // Not retried, not handled by onError: a bound of the run, not a failure of the node.
                if (trace != null) {
                    trace.input(input);
                    trace.failed(e.getMessage(), attempt);
                }
                throw e;
            } catch (Exception e) {
                String message = NodeFailure.messageOf(e);
                if (attempt < maxAttempts) {
                    if (trace != null) {
                        trace.retried(input, message, attempt, started, Instant.now());
                    }
                    if (backoff > 0) {
                        // The worker waits out the backoff; runs waiting long should use a delay state.
                        TimeUnit.MILLISECONDS.sleep(backoff);
                    }
                    backoff = (long) (backoff * multiplier);
                    continue;
                }
                if (trace != null) {
                    trace.input(input);
                    trace.failed(message, attempt);
                }
                if (!handled) {
                    throw new NodeFailure("node '" + stateId + "' failed: " + message, e);
                }
                Machine.recordError(exchange, stateId, message, e);
                return;
            }
        }
    }

    private JsonNode call(NodeCall call) throws Exception {
        if (invoke.timeoutMs() == null) {
            return executor.execute(call);
        }
        // Timed nodes run on a pool of their own, which loop batches never fill.
        Future<JsonNode> future = compilation.timed.submit(() -> executor.execute(call));
        try {
            return future.get(invoke.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new NodeFailure("timed out after " + invoke.timeoutMs() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The run's context passed its bound. */
    static final class ContextTooLarge extends NodeFailure {
        ContextTooLarge(String message) {
            super(message);
        }
    }
}
