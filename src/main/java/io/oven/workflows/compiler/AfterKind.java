package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.definition.Transitions;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.problem.Pointer;
import org.apache.camel.Processor;
import org.apache.camel.model.StepDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.apache.camel.builder.Builder.exchangeProperty;

/**
 * XState delayed transitions ({@code after: { "5000": target }}): wait for the shortest delay,
 * take the first of its transitions whose guard holds; if none does, come back to this state
 * for the next delay. Waits above the timer threshold park the run on a persisted timer.
 */
final class AfterKind implements StateKind {

    private static final Pattern DELAY = Pattern.compile("^[0-9]{1,10}$");

    @Override
    public String name() {
        return "after";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.after() != null;
    }

    @Override
    public Set<String> fields() {
        return Set.of("after");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        if (state.after().isEmpty()) {
            checks.error(at + "/after", "needs at least one delay: { \"<ms>\": target }");
        }
        delays(state, at, checks);
    }

    /** Each {@code after} key is a whole number of milliseconds (shared with a wait's timeout). */
    static void delays(StateNode state, String at, StateChecks checks) {
        state.after().keySet().forEach(delay -> {
            if (!DELAY.matcher(delay).matches()) {
                checks.error(Pointer.child(at + "/after", delay), "delay '" + delay + "' must be a whole number of milliseconds");
            }
        });
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Wait", "XState delayed transitions: after the shortest delay the "
                + "first of its transitions whose guard holds; long waits are durable timers.", List.of("after"),
                List.of("after"));
    }

    @Override
    public String nodeType(StateNode state) {
        return "after";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        Compilation c = machine.compilation;
        String stepId = c.prefix + "." + stateId;
        List<Long> delays = new ArrayList<>();
        List<List<Transition>> transitions = new ArrayList<>();
        state.after().entrySet().stream()
                .sorted(Map.Entry.comparingByKey((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))))
                .forEach(e -> {
                    delays.add(Long.parseLong(e.getKey()));
                    transitions.add(((Transitions) e.getValue()).list());
                });
        Processor wait = exchange -> {
            Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
            int index = exchange.getProperty(ExchangeKeys.AFTER_INDEX, 0, Integer.class);
            long ms = delays.get(index) - (index == 0 ? 0 : delays.get(index - 1));
            if (stateId.equals(exchange.getProperty(ExchangeKeys.RESUMED_AT, String.class))) {
                exchange.removeProperty(ExchangeKeys.RESUMED_AT);
                ms = 0;
            } else if (ms > c.hooks.timerThresholdMs()) {
                c.hooks.park(run, stateId, Instant.now().plusMillis(ms), index);
                exchange.removeProperty(ExchangeKeys.STATE);
            }
            exchange.setProperty(ExchangeKeys.DELAY, exchange.getProperty(ExchangeKeys.STATE) == null ? 0L : ms);
        };
        Processor choose = exchange -> {
            if (exchange.getProperty(ExchangeKeys.STATE) == null) {
                return;
            }
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            int index = exchange.getProperty(ExchangeKeys.AFTER_INDEX, 0, Integer.class);
            NodeTrace trace = Tracing.trace(exchange, stepId);
            for (Transition t : transitions.get(index)) {
                if (c.guards.holds(t.guard(), context)) {
                    exchange.removeProperty(ExchangeKeys.AFTER_INDEX);
                    exchange.setProperty(ExchangeKeys.STATE, t.target());
                    if (trace != null) {
                        trace.completed(JsonNodeFactory.instance.objectNode().put("afterMs", delays.get(index))
                                .put("target", t.target()), 1);
                    }
                    return;
                }
            }
            if (index + 1 >= delays.size()) {
                throw new NodeFailure("no delayed transition of '" + stateId + "' applies after "
                        + delays.get(index) + " ms");
            }
            exchange.setProperty(ExchangeKeys.AFTER_INDEX, index + 1);
            exchange.setProperty(ExchangeKeys.STATE, stateId);
        };
        step.process(machine.bind(stateId, "after.wait", wait))
                .delay(exchangeProperty(ExchangeKeys.DELAY)).asyncDelayed().executorService(WorkflowCompiler.DELAY_POOL)
                .process(machine.bind(stateId, "after.choose", choose));
    }
}
