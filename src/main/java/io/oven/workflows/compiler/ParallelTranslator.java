package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import io.oven.workflows.runtime.ExchangeKeys;
import org.apache.camel.model.MulticastDefinition;
import org.apache.camel.model.StepDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * A parallel state: a {@code multicast} with parallel processing to one route per region,
 * each a state machine of its own; the join merges what each region changed and follows
 * onDone once every region has reached a final state.
 */
final class ParallelTranslator implements StateTranslator {

    private final WorkflowCompiler compiler;

    ParallelTranslator(WorkflowCompiler compiler) {
        this.compiler = compiler;
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
            compiler.machine(c, routeId, region.states(), region.initial());
            endpoints.add("direct:" + routeId);
        });
        step.setProperty(ExchangeKeys.FORK_BASE, org.apache.camel.builder.Builder.exchangeProperty(ExchangeKeys.CONTEXT));
        MulticastDefinition fork = step.multicast()
                .aggregationStrategy(machine.bind(stateId, "join", new ForkJoinStrategy()))
                .parallelProcessing()
                .stopOnException();
        endpoints.forEach(fork::to);
        fork.end();
        step.removeProperty(ExchangeKeys.FORK_BASE);
        InvokeTranslator.done(machine, stateId, state, step);
    }
}
