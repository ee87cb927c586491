package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.runtime.ExchangeKeys;
import io.oven.workflows.runtime.NodeFailure;
import io.oven.workflows.runtime.NodeTrace;
import io.oven.workflows.runtime.Run;
import io.oven.workflows.runtime.Tracing;
import org.apache.camel.Processor;
import org.apache.camel.model.StepDefinition;

import java.time.Instant;

import static org.apache.camel.builder.Builder.exchangeProperty;

/**
 * {@code core.delay}: a short wait is Camel's non-blocking delayer ({@code asyncDelayed}); a wait
 * above the timer threshold parks the run on a persisted timer and ends the route, and the
 * timer poller resumes it at the next state.
 */
final class DelayTranslator implements StateTranslator {

    @Override
    public String nodeType(StateNode state) {
        return "core.delay";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        String stepId = machine.compilation.prefix + "." + stateId;
        Compilation c = machine.compilation;
        Processor plan = exchange -> {
            Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            JsonNode input = c.expressions.resolve(state.invoke().input(), context,
                    resolved -> c.hooks.configLookup(run, stateId, resolved));
            JsonNode ms = input.has("ms") ? input.get("ms") : input.get("duration");
            if (ms == null || !ms.canConvertToLong() || ms.asLong() < 0) {
                throw new NodeFailure("core.delay needs ms: a whole number of milliseconds, got " + ms);
            }
            NodeTrace trace = Tracing.trace(exchange, stepId);
            ObjectNode output = JsonNodeFactory.instance.objectNode().put("waitMs", ms.asLong());
            if (trace != null) {
                trace.input(input);
                trace.completed(output, 1);
            }
            long wait = ms.asLong();
            String next = InvokeTranslator.target(state);
            if (stateId.equals(exchange.getProperty(ExchangeKeys.RESUMED_AT, String.class))) {
                // The second row of a parked delay: the timer fired and the run goes on.
                exchange.removeProperty(ExchangeKeys.RESUMED_AT);
                output.put("resumed", true);
                wait = 0;
            } else if (wait > c.hooks.timerThresholdMs()) {
                Instant resumeAt = Instant.now().plusMillis(wait);
                output.put("parkedUntil", resumeAt.toString());
                c.hooks.park(run, stateId, resumeAt, 0);
                exchange.removeProperty(ExchangeKeys.STATE);
                exchange.setProperty(ExchangeKeys.DELAY, 0L);
                return;
            }
            exchange.setProperty(ExchangeKeys.DELAY, wait);
            exchange.setProperty(ExchangeKeys.STATE, next);
        };
        step.process(machine.bind(stateId, "delay", plan))
                .delay(exchangeProperty(ExchangeKeys.DELAY)).asyncDelayed();
    }
}
