package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import org.apache.camel.Processor;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.StepDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.apache.camel.builder.Builder.exchangeProperty;

/**
 * {@code core.delay}: a short wait is Camel's non-blocking delayer ({@code asyncDelayed}); a wait
 * above the timer threshold parks the run on a persisted timer and ends the route, and the
 * timer poller resumes it at this state with the wait over. Then the state's transitions run
 * like an invoke state's: onDone, or its (guarded) always; a bad {@code ms} follows onError.
 */
final class DelayKind implements StateKind {

    private static final String PARKED = "parked";
    static final NodeType TYPE = NodeType.core("core.delay", "Delay", "delay",
            "Waits before going on; long waits are durable timers that survive a restart.",
            List.of(NodePort.required("ms", "integer", "Milliseconds to wait", 5000).withAliases("duration")),
            List.of());

    @Override
    public String name() {
        return "delay";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.invoke() != null && TYPE.id().equals(state.invoke().nodeType());
    }

    @Override
    public Set<String> fields() {
        return Set.of("invoke", "always", "onDone", "onError");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        InvokeRules.validate(state.invoke(), at + "/invoke", checks);
        if (state.invoke().retry() != null) {
            checks.error(at + "/invoke/retry", "a delay is not retried: leave retry out");
        }
        if (state.invoke().timeoutMs() != null) {
            checks.error(at + "/invoke/timeoutMs", "a delay has no timeout: its ms is the wait");
        }
        if (state.invoke().outputKey() != null) {
            checks.error(at + "/invoke/outputKey", "a delay has no output to keep");
        }
    }

    @Override
    public List<NodeType> nodeTypes() {
        return List.of(TYPE);
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Delay", "core.delay: waits ms, then onDone or the always guards; "
                + "a bad ms follows onError.", List.of("invoke.src", "invoke.input.ms"), List.of("onDone", "onError", "always"));
    }

    @Override
    public String nodeType(StateNode state) {
        return TYPE.id();
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        String stepId = machine.compilation.prefix + "." + stateId;
        Compilation c = machine.compilation;
        Transition onError = InvokeKind.onError(state);
        Processor plan = exchange -> {
            Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            NodeTrace trace = Tracing.trace(exchange, stepId);
            int attempt = 1 + run.attemptsBefore(stateId);
            exchange.setProperty(ExchangeKeys.DELAY, 0L);
            JsonNode input = null;
            long wait;
            try {
                input = c.expressions.resolve(state.invoke().input(), context,
                        resolved -> c.hooks.configLookup(run, stateId, resolved));
                JsonNode ms = input == null ? null : input.has("ms") ? input.get("ms") : input.get("duration");
                if (ms == null || !ms.canConvertToLong() || ms.asLong() < 0) {
                    throw new NodeFailure("core.delay needs ms: a whole number of milliseconds, got " + ms);
                }
                wait = ms.asLong();
            } catch (NodeFailure e) {
                if (trace != null) {
                    trace.input(input);
                    trace.failed(e.getMessage(), attempt);
                }
                if (onError == null) {
                    throw new NodeFailure("node '" + stateId + "' failed: " + e.getMessage(), e);
                }
                Machine.recordError(exchange, stateId, e.getMessage());
                return;
            }
            ObjectNode output = JsonNodeFactory.instance.objectNode().put("waitMs", wait);
            // Oven's delay answers {}: the context gets "<state>_output": {} and nothing spread.
            exchange.setProperty(ExchangeKeys.CONTEXT,
                    ContextMerge.merge(context, stateId, JsonNodeFactory.instance.objectNode(), null));
            if (trace != null) {
                trace.input(input);
                trace.completed(output, attempt);
            }
            exchange.setProperty(ExchangeKeys.OUTCOME, "done");
            if (stateId.equals(exchange.getProperty(ExchangeKeys.RESUMED_AT, String.class))) {
                // The second row of a parked delay: the timer fired and the run goes on.
                exchange.removeProperty(ExchangeKeys.RESUMED_AT);
                output.put("resumed", true);
            } else if (wait > c.hooks.timerThresholdMs()) {
                Instant resumeAt = Instant.now().plusMillis(wait);
                output.put("parkedUntil", resumeAt.toString());
                c.hooks.park(run, stateId, resumeAt, 0);
                exchange.setProperty(ExchangeKeys.OUTCOME, PARKED);
            } else {
                exchange.setProperty(ExchangeKeys.DELAY, wait);
            }
        };
        step.process(machine.bind(stateId, "delay", plan))
                .delay(exchangeProperty(ExchangeKeys.DELAY)).asyncDelayed().executorService(WorkflowCompiler.DELAY_POOL);
        ChoiceDefinition next = step.choice();
        // Parked: the dispatch loop ends here and the timer resumes the run at this state.
        next.when(new ExchangePropertyIs(ExchangeKeys.OUTCOME, PARKED)).removeProperty(ExchangeKeys.STATE);
        if (onError != null) {
            next.when(new ExchangePropertyIs(ExchangeKeys.OUTCOME, "error"));
            Machine.goTo(next, onError);
        }
        next.otherwise();
        InvokeKind.done(machine, stateId, state, next);
        next.end();
    }
}
