package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.problem.Pointer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.StepDefinition;
import org.apache.camel.model.TryDefinition;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.camel.builder.Builder.constant;
import static org.apache.camel.builder.Builder.exchangeProperty;

/**
 * A parallel state: a {@code multicast} with parallel processing to one route per region,
 * each a state machine of its own; the join merges what each region changed and follows
 * onDone once every region has reached a final state. A region that fails fails the state:
 * its onError is followed if it has one, otherwise the run fails.
 */
final class ParallelKind implements StateKind {

    @Override
    public String name() {
        return "parallel";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.isParallel();
    }

    @Override
    public Set<String> fields() {
        return Set.of("states", "onDone", "onError", "always");
    }

    @Override
    public void validate(String id, StateNode state, String at, StateChecks checks) {
        if (state.states() == null || state.states().isEmpty()) {
            if (!checks.hasError(at + "/states")) {
                checks.error(at + "/states", "a parallel state needs its regions under states");
            }
            return;
        }
        state.states().forEach((regionId, region) -> {
            String regionAt = Pointer.child(at + "/states", regionId);
            if (region.states() == null) {
                if (!checks.hasError(regionAt + "/states")) {
                    checks.error(regionAt + "/states", "region '" + regionId
                            + "' needs its own states and initial: each region is a small state machine");
                }
                return;
            }
            checks.machine(region.states(), region.initial(), regionAt + "/states", regionAt + "/initial",
                    "region '" + regionId + "'");
        });
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Parallel", "Runs its regions at once and joins when each has "
                + "reached a final state; a failed region follows onError.", List.of("type", "states"),
                List.of("onDone", "onError", "always"));
    }

    @Override
    public String nodeType(StateNode state) {
        return "parallel";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        Compilation c = machine.compilation;
        List<String> endpoints = new ArrayList<>();
        state.states().forEach((regionId, region) -> {
            String routeId = c.prefix + ".region." + stateId + "." + regionId;
            c.compiler.machine(c, routeId, region.states(), region.initial(),
                    Pointer.child(Pointer.child(machine.at(stateId), "states"), regionId) + "/states");
            endpoints.add("direct:" + routeId);
        });
        step.setProperty(ExchangeKeys.FORK_BASE, exchangeProperty(ExchangeKeys.CONTEXT));
        String join = machine.bind(stateId, "join", new ForkJoinStrategy());
        if (state.onError() == null) {
            fork(step, join, endpoints);
        } else {
            // A failed region is the parallel state's failure: caught here, it leads to onError.
            String stepId = c.prefix + "." + stateId;
            TryDefinition attempt = step.doTry();
            fork(attempt, join, endpoints);
            attempt.setProperty(ExchangeKeys.OUTCOME, constant("done"));
            attempt.doCatch(Exception.class).process(machine.bind(stateId, "failed", (Processor) exchange -> {
                Exception e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                String message = e == null ? "a region failed" : NodeFailure.messageOf(e);
                NodeTrace trace = Tracing.trace(exchange, stepId);
                if (trace != null) {
                    trace.failed(message, 1);
                }
                Machine.recordError(exchange, stateId, message);
            }));
            attempt.end();
        }
        step.removeProperty(ExchangeKeys.FORK_BASE);
        Machine.outcome(step, state.onError(), block -> InvokeKind.done(machine, stateId, state, block));
    }

    private static void fork(ProcessorDefinition<?> block, String join, List<String> endpoints) {
        MulticastDefinition fork = block.multicast()
                .aggregationStrategy(join)
                .parallelProcessing()
                .stopOnException();
        endpoints.forEach(fork::to);
        fork.end();
    }
}
