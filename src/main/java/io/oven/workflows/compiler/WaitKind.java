package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.definition.Transitions;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.problem.Pointer;
import org.apache.camel.Processor;
import org.apache.camel.model.StepDefinition;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A state that waits for a signal ({@code "on": { "approve": "approved" }}) or an event
 * ({@code "on": { "sessions.session.ended": { "target": "over", "match": { "sessionId": "$.sessionId" } } }}:
 * an entry with a {@code match} is an event wait, see {@code execution.EventWaits}), parked durably (status
 * {@code waiting}, no thread held) until {@code POST /api/workflow-executions/:id/signal} names one
 * of its signals; the signal's payload is its output, merged into the context like a node's. An
 * {@code after} on the same state is the timeout: a persisted timer takes its transition if no
 * signal came first. Waits are top-level states (a region or loop body cannot be resumed alone).
 */
final class WaitKind implements StateKind {

    /** Signal names: the same characters as state ids. */
    private static final Pattern SIGNAL = Pattern.compile("^[A-Za-z0-9_.-]{1,100}$");

    @Override
    public String name() {
        return "wait";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.on() != null;
    }

    @Override
    public Set<String> fields() {
        return Set.of("on", "after");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        if (at.indexOf('/', "/states/".length()) >= 0) {
            checks.error(at + "/on", "a state that waits for a signal must be a top-level state, not in a region "
                    + "or a loop body");
        }
        if (state.on().isEmpty()) {
            checks.error(at + "/on", "needs at least one signal: { \"<name>\": target }");
        }
        state.on().forEach((name, transition) -> {
            if (!SIGNAL.matcher(name).matches()) {
                checks.error(Pointer.child(at + "/on", name), "a signal or event name is 1 to 100 letters, digits, '.', "
                        + "'_' or '-'");
            }
            JsonNode match = transition.extra().get("match");
            if (match != null && (name.startsWith("workflows.node.") || name.startsWith("workflows.execution."))) {
                checks.error(Pointer.child(at + "/on", name), "waiting for the engine's own workflows.node.* and "
                        + "workflows.execution.* events is not supported; wait for a signal the other run sends instead");
            }
            if (match != null && !match.isObject()) {
                checks.error(Pointer.child(Pointer.child(at + "/on", name), "match"), "must be an object of payload "
                        + "fields and the values they must have (a \"$.path\" takes the value from the context)");
            }
        });
        if (state.after() != null) {
            if (state.after().size() != 1) {
                checks.error(at + "/after", "a wait has one timeout: { \"<ms>\": target }");
            }
            AfterKind.delays(state, at, checks);
        }
    }

    @Override
    public String nodeType(StateNode state) {
        return "wait";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        Compilation c = machine.compilation;
        String stepId = c.prefix + "." + stateId;
        Map.Entry<String, Transitions> timeout = state.after() == null || state.after().isEmpty() ? null
                : state.after().entrySet().iterator().next();
        Processor wait = exchange -> {
            Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
            NodeTrace trace = Tracing.trace(exchange, stepId);
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            if (!stateId.equals(exchange.getProperty(ExchangeKeys.RESUMED_AT, String.class))) {
                // Arrived: park until a signal (or the timeout's timer) resumes the run here.
                Instant resumeAt = timeout == null ? null : Instant.now().plusMillis(Long.parseLong(timeout.getKey()));
                state.on().forEach((name, transition) -> {
                    JsonNode match = transition.extra().get("match");
                    if (match != null && match.isObject()) {
                        // An event wait: the match's "$." values are this run's, taken now.
                        c.hooks.awaitEvent(run, name, c.expressions.resolve(match, context, lookup -> { }));
                    }
                });
                c.hooks.park(run, stateId, resumeAt, 0);
                exchange.removeProperty(ExchangeKeys.STATE);
                if (trace != null) {
                    ObjectNode waiting = JsonNodeFactory.instance.objectNode();
                    ArrayNode names = waiting.putArray("waitingFor");
                    state.on().keySet().forEach(names::add);
                    if (resumeAt != null) {
                        waiting.put("timeoutAt", resumeAt.toString());
                    }
                    trace.completed(waiting, 1);
                }
                return;
            }
            exchange.removeProperty(ExchangeKeys.RESUMED_AT);
            String signal = exchange.getProperty(ExchangeKeys.SIGNAL, String.class);
            if (signal != null) {
                JsonNode payload = exchange.getProperty(ExchangeKeys.SIGNAL_PAYLOAD, JsonNode.class);
                exchange.removeProperty(ExchangeKeys.SIGNAL);
                exchange.removeProperty(ExchangeKeys.SIGNAL_PAYLOAD);
                exchange.setProperty(ExchangeKeys.CONTEXT, ContextMerge.merge(context, stateId, payload, null));
                exchange.setProperty(ExchangeKeys.LAST_OUTPUT, payload);
                exchange.setProperty(ExchangeKeys.STATE, state.on().get(signal).target());
                if (trace != null) {
                    trace.input(JsonNodeFactory.instance.objectNode().put("signal", signal));
                    trace.completed(payload, 1);
                }
                return;
            }
            // The timeout's timer fired first.
            for (Transition t : timeout == null ? List.<Transition>of() : timeout.getValue().list()) {
                if (c.guards.holds(t.guard(), context)) {
                    exchange.setProperty(ExchangeKeys.STATE, t.target());
                    if (trace != null) {
                        trace.completed(JsonNodeFactory.instance.objectNode().put("timedOut", true), 1);
                    }
                    return;
                }
            }
            throw new NodeFailure("'" + stateId + "' timed out and no timeout transition applies");
        };
        step.process(machine.bind(stateId, "wait", wait));
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Wait for signal or event", "Parks the run until a signal it names "
                + "is sent (POST /api/workflow-executions/:id/signal) or, for an entry with a match, an event of that "
                + "name whose payload contains the match; after is the timeout.", List.of("on", "after"),
                List.of("on", "after"));
    }
}
