package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.Transition;
import io.oven.workflows.definition.WorkflowValidator;
import io.oven.workflows.kit.ApiCallFailure;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.problem.Pointer;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.Processor;
import org.apache.camel.builder.ValueBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.ProcessorDefinition;

import java.util.List;
import java.util.function.Consumer;

import static org.apache.camel.builder.Builder.constant;

/**
 * One state machine being compiled (the workflow, a parallel region or a loop body) and the
 * helpers translators share: registering processors under readable names, and writing
 * transitions.
 */
final class Machine {

    final Compilation compilation;
    /** JSON pointer of this machine's states in the definition ({@code /states/fork/states/left/states}). */
    final String pointer;

    Machine(Compilation compilation, String pointer) {
        this.compilation = compilation;
        this.pointer = pointer;
    }

    /** The pointer of one of this machine's states. */
    String at(String stateId) {
        return Pointer.child(pointer, stateId);
    }

    /** Binds {@code processor} in the registry as {@code <version prefix>.<state>.<role>} and returns the name. */
    String bind(String stateId, String role, Object processor) {
        return compilation.bind(compilation.prefix + "." + stateId + "." + role, processor);
    }

    /**
     * A failure that onError handles: {@code context["<state>_error"] = { message, node }} and the
     * outcome that sends the transition to onError.
     */
    static void recordError(Exchange exchange, String stateId, String message) {
        recordError(exchange, stateId, message, null);
    }

    /** As above; an API's answer adds its {@code status} and {@code details} to the error. */
    static void recordError(Exchange exchange, String stateId, String message, Throwable failure) {
        ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
        ObjectNode error = JsonNodeFactory.instance.objectNode().put("message", message).put("node", stateId);
        ApiCallFailure.describe(failure, error);
        exchange.setProperty(ExchangeKeys.CONTEXT, ContextMerge.with(context, stateId + "_error", error));
        exchange.setProperty(ExchangeKeys.OUTCOME, "error");
    }

    /** Goes to {@code transition}'s target. */
    static void goTo(ProcessorDefinition<?> block, Transition transition) {
        block.setProperty(ExchangeKeys.STATE, stateConstant(transition.target()));
    }

    /**
     * After a node that may have failed: to {@code onError} when it did, else what {@code done} writes.
     * Without an onError a failure has already failed the run, so only {@code done} is written.
     */
    static void outcome(ProcessorDefinition<?> step, Transition onError, Consumer<ProcessorDefinition<?>> done) {
        if (onError == null) {
            done.accept(step);
            return;
        }
        ChoiceDefinition outcome = step.choice();
        outcome.when(new ExchangePropertyIs(ExchangeKeys.OUTCOME, "error"));
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
                choice.otherwise().setProperty(ExchangeKeys.STATE, stateConstant(t.target()));
                hasDefault = true;
                break;
            }
            choice.when(new GuardPredicate(compilation.guards, t.guard(), stateId + "." + what + "." + i))
                    .setProperty(ExchangeKeys.STATE, stateConstant(t.target()));
        }
        if (!hasDefault) {
            choice.otherwise().process(bind(stateId, what + ".none", (Processor) exchange -> {
                throw new NodeFailure("no transition of '" + stateId + "' applies: every guard "
                        + "is false and there is no default");
            }));
        }
        choice.end();
    }

    /**
     * A state id as a constant of the route. Camel resolves {{placeholders}} in constants, so only
     * an identifier is written (a definition stored before ids were checked fails to compile here).
     */
    static ValueBuilder stateConstant(String stateId) {
        if (stateId == null || !WorkflowValidator.STATE_ID.matcher(stateId).matches()) {
            throw new CompileFailure("", "target '" + stateId + "' is not a state id (1 to 64 letters, digits, _ or -)", null);
        }
        return constant(stateId);
    }

    static Predicate stateIs(String stateId) {
        return new ExchangePropertyIs(ExchangeKeys.STATE, stateId);
    }
}
