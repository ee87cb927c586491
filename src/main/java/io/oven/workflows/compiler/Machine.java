package io.oven.workflows.compiler;

import io.oven.workflows.definition.Transition;
import io.oven.workflows.runtime.ExchangeKeys;
import org.apache.camel.Processor;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;

import java.util.List;

import static org.apache.camel.builder.Builder.constant;
import static org.apache.camel.builder.Builder.simple;

/**
 * One state machine being compiled (the workflow, a parallel region or a loop body) and the
 * helpers translators share: registering processors under readable names, and writing
 * transitions.
 */
final class Machine {

    final Compilation compilation;

    Machine(Compilation compilation) {
        this.compilation = compilation;
    }

    /** Binds {@code processor} in the registry as {@code <version prefix>.<state>.<role>} and returns the name. */
    String bind(String stateId, String role, Object processor) {
        return compilation.bind(compilation.prefix + "." + stateId + "." + role, processor);
    }

    /**
     * A failure that onError handles: {@code context["<state>_error"] = { message, node }} and the
     * outcome that sends the transition to onError.
     */
    static void recordError(org.apache.camel.Exchange exchange, String stateId, String message) {
        com.fasterxml.jackson.databind.node.ObjectNode context =
                exchange.getProperty(ExchangeKeys.CONTEXT, com.fasterxml.jackson.databind.node.ObjectNode.class);
        com.fasterxml.jackson.databind.node.ObjectNode error = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode().put("message", message).put("node", stateId);
        exchange.setProperty(ExchangeKeys.CONTEXT, io.oven.workflows.runtime.ContextMerge.with(context, stateId + "_error", error));
        exchange.setProperty(ExchangeKeys.OUTCOME, "error");
    }

    /** Goes to {@code transition}'s target. */
    static void goTo(ProcessorDefinition<?> block, Transition transition) {
        block.setProperty(ExchangeKeys.STATE, constant(transition.target()));
    }

    /**
     * After a node that may have failed: to {@code onError} when it did, else what {@code done} writes.
     * Without an onError a failure has already failed the run, so only {@code done} is written.
     */
    static void outcome(ProcessorDefinition<?> step, Transition onError, java.util.function.Consumer<ProcessorDefinition<?>> done) {
        if (onError == null) {
            done.accept(step);
            return;
        }
        ChoiceDefinition outcome = step.choice();
        outcome.when(org.apache.camel.builder.Builder.simple("${exchangeProperty." + ExchangeKeys.OUTCOME + "} == 'error'"));
        goTo(outcome, onError);
        outcome.otherwise();
        done.accept(outcome);
        outcome.end();
    }

    /**
     * The first transition whose guard holds wins; a transition without a guard is the default.
     * With none holding, {@code otherwise} runs (a processor that fails the run).
     */
    void transitions(ProcessorDefinition<?> block, String stateId, List<Transition> transitions, String what) {
        if (transitions.size() == 1 && transitions.get(0).guard() == null) {
            goTo(block, transitions.get(0));
            return;
        }
        ChoiceDefinition choice = block.choice();
        boolean hasDefault = false;
        for (int i = 0; i < transitions.size(); i++) {
            Transition t = transitions.get(i);
            if (t.guard() == null) {
                choice.otherwise().setProperty(ExchangeKeys.STATE, constant(t.target()));
                hasDefault = true;
                break;
            }
            String guard = bind(stateId, what + "." + i, new GuardPredicate(compilation.guards, t.guard()));
            choice.when().method(guard, "matches").setProperty(ExchangeKeys.STATE, constant(t.target()));
        }
        if (!hasDefault) {
            choice.otherwise().process(bind(stateId, what + ".none", (Processor) exchange -> {
                throw new io.oven.workflows.runtime.NodeFailure("no transition of '" + stateId + "' applies: every guard "
                        + "is false and there is no default");
            }));
        }
        choice.end();
    }

    static org.apache.camel.builder.ValueBuilder stateIs(String stateId) {
        return simple("${exchangeProperty." + ExchangeKeys.STATE + "} == '" + stateId.replace("'", "\\'") + "'");
    }
}
