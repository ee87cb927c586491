package io.oven.workflows.compiler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.Expressions;
import io.oven.workflows.definition.Loop;
import io.oven.workflows.definition.StateChecks;
import io.oven.workflows.definition.StateNode;
import io.oven.workflows.kit.ContextMerge;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.registry.NodePort;
import io.oven.workflows.registry.NodeType;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.model.StepDefinition;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A loop state: its body is a state machine compiled into a route of its own, sent one
 * exchange per iteration (so iterations never deepen the stack). forEach runs in order, or in
 * parallel batches of {@code parallelBatchSize}; while checks its guard before each iteration.
 * Both stop with an error past {@code maxIterations}. The loop's output is Oven's:
 * {@code { results, iterationCount }} (forEach; each result is what its iteration set: the keys
 * it added or changed, its item and index among them) or {@code { iterationCount }} (while), and
 * the merge spreads both over the context.
 */
final class LoopKind implements StateKind {

    /** The largest parallelBatchSize: iterations of one batch run at once. */
    static final int MAX_PARALLEL_BATCH = 64;
    static final NodeType FOR_EACH_TYPE = NodeType.structural("core.forEach", "For each", "loop",
            "Runs its body once per item of a collection, in order or in parallel batches.",
            List.of(NodePort.required("collection", "array", "$.path of the items", "$.players"),
                    NodePort.required("maxIterations", "integer", "Upper bound on iterations", 100)));
    static final NodeType WHILE_TYPE = NodeType.structural("core.whileLoop", "While", "loop",
            "Runs its body while a condition holds, at most maxIterations times.",
            List.of(NodePort.required("condition", "object", "Guard checked before each iteration", null),
                    NodePort.required("maxIterations", "integer", "Upper bound on iterations", 100)));

    @Override
    public String name() {
        return "loop";
    }

    @Override
    public boolean recognises(StateNode state) {
        return state.loop() != null;
    }

    @Override
    public Set<String> fields() {
        return Set.of("loop", "onDone", "onError", "always");
    }

    @Override
    public List<NodeType> nodeTypes() {
        return List.of(FOR_EACH_TYPE, WHILE_TYPE);
    }

    @Override
    public void validate(String id, StateNode state, String stateAt, StateChecks checks) {
        Loop loop = state.loop();
        String at = stateAt + "/loop";
        if (loop.type() == null) {
            if (!checks.hasError(at + "/type")) {
                checks.error(at + "/type", "is required: forEach or while");
            }
        } else if (Loop.FOR_EACH.equals(loop.type())) {
            if (loop.collection() == null) {
                checks.error(at + "/collection", "is required for forEach: a $.path to an array, or an array");
            } else if (loop.collection().isTextual()) {
                String text = loop.collection().asText();
                if (!Expressions.isExpression(text)) {
                    checks.error(at + "/collection", "must be a $.path or {% jsonata %} expression giving an array");
                } else {
                    checks.expression(text, at + "/collection");
                }
            } else if (!loop.collection().isArray()) {
                checks.error(at + "/collection", "must be an expression or an array");
            }
        } else if (Loop.WHILE.equals(loop.type())) {
            if (loop.condition() == null) {
                if (!checks.hasError(at + "/condition")) {
                    checks.error(at + "/condition", "is required for while: the guard checked before each iteration");
                }
            } else {
                checks.guard(loop.condition(), at + "/condition");
            }
        } else {
            checks.error(at + "/type", "unknown loop type '" + loop.type() + "'; use forEach or while");
        }
        if (loop.maxIterations() == null) {
            if (!checks.hasError(at + "/maxIterations")) {
                checks.error(at + "/maxIterations", "is required: every loop needs an upper bound on its iterations");
            }
        } else if (loop.maxIterations() < 1 || loop.maxIterations() > checks.limits().maxIterations()) {
            checks.error(at + "/maxIterations", "must be 1 to " + checks.limits().maxIterations()
                    + " (oven.engine.max-iterations)");
        }
        if (loop.parallelBatchSize() != null && (loop.parallelBatchSize() < 0
                || loop.parallelBatchSize() > MAX_PARALLEL_BATCH)) {
            checks.error(at + "/parallelBatchSize", "must be 0 (one at a time) to " + MAX_PARALLEL_BATCH);
        }
        checks.identifier(loop.itemVariable(), at + "/itemVariable");
        checks.identifier(loop.indexVariable(), at + "/indexVariable");
        if (loop.bodyStates() == null) {
            if (!checks.hasError(at + "/bodyStates")) {
                checks.error(at + "/bodyStates", "is required: the states each iteration runs");
            }
            return;
        }
        checks.machine(loop.bodyStates(), loop.bodyInitial(), at + "/bodyStates", at + "/bodyInitial", "the loop body");
    }

    @Override
    public StateKinds.Description describe() {
        return new StateKinds.Description(name(), "Loop", "forEach over a collection (in order or in parallel "
                + "batches) or while a guard holds, at most maxIterations times; each iteration runs the body states.",
                List.of("loop.type", "loop.collection", "loop.condition", "loop.maxIterations", "loop.parallelBatchSize",
                        "loop.itemVariable", "loop.indexVariable", "loop.bodyStates", "loop.bodyInitial"),
                List.of("onDone", "onError", "always"));
    }

    @Override
    public String nodeType(StateNode state) {
        return Loop.FOR_EACH.equals(state.loop().type()) ? "core.forEach" : "core.whileLoop";
    }

    @Override
    public void translate(Machine machine, String stateId, StateNode state, StepDefinition step) {
        Compilation c = machine.compilation;
        Loop loop = state.loop();
        String bodyRoute = c.prefix + ".body." + stateId;
        c.compiler.machine(c, bodyRoute, loop.bodyStates(), loop.bodyInitial(), machine.at(stateId) + "/loop/bodyStates");
        String stepId = c.prefix + "." + stateId;
        String item = loop.itemVariable() == null ? "item" : loop.itemVariable();
        String index = loop.indexVariable() == null ? "index" : loop.indexVariable();
        Processor run = exchange -> {
            NodeTrace trace = Tracing.trace(exchange, stepId);
            try {
                JsonNode output = Loop.FOR_EACH.equals(loop.type())
                        ? forEach(c, exchange, stateId, loop, bodyRoute, item, index, trace)
                        : whileLoop(c, exchange, loop, bodyRoute, index);
                ObjectNode context = ContextMerge.without(exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class),
                        item, index);
                exchange.setProperty(ExchangeKeys.CONTEXT, ContextMerge.merge(context, stateId, output, null));
                exchange.setProperty(ExchangeKeys.LAST_OUTPUT, output);
                exchange.setProperty(ExchangeKeys.OUTCOME, "done");
                if (trace != null) {
                    trace.completed(output, 1);
                }
            } catch (NodeFailure e) {
                if (trace != null) {
                    trace.failed(e.getMessage(), 1);
                }
                if (state.onError() == null) {
                    throw e;
                }
                Machine.recordError(exchange, stateId, e.getMessage());
            }
        };
        step.process(machine.bind(stateId, "loop", run));
        // A loop leaves through onDone or, as Oven's engine writes it, through always.
        Machine.outcome(step, state.onError(), block -> InvokeKind.done(machine, stateId, state, block));
    }

    private static JsonNode forEach(Compilation c, Exchange exchange, String stateId, Loop loop, String bodyRoute,
                                    String item, String index, NodeTrace trace) throws Exception {
        Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
        ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
        JsonNode items = c.expressions.resolve(loop.collection(), context, r -> c.hooks.configLookup(run, stateId, r));
        if (trace != null) {
            trace.input(JsonNodeFactory.instance.objectNode().set("collection", items));
        }
        if (items == null || items.isNull()) {
            items = JsonNodeFactory.instance.arrayNode();
        }
        if (!items.isArray()) {
            throw new NodeFailure("forEach collection must be an array, got " + items.getNodeType());
        }
        if (items.size() > loop.maxIterations()) {
            throw new NodeFailure("forEach over " + items.size() + " items exceeds maxIterations " + loop.maxIterations());
        }
        ArrayNode outputs = JsonNodeFactory.instance.arrayNode();
        int batch = loop.parallelBatchSize() == null ? 0 : loop.parallelBatchSize();
        if (batch <= 1) {
            for (int i = 0; i < items.size(); i++) {
                ObjectNode before = context;
                Exchange done = iteration(c, exchange, bodyRoute, with(context, item, items.get(i), index, i));
                context = done.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
                outputs.add(changes(before, context));
            }
        } else {
            for (int from = 0; from < items.size(); from += batch) {
                ObjectNode base = context;
                List<Future<Exchange>> running = new ArrayList<>();
                for (int i = from; i < Math.min(from + batch, items.size()); i++) {
                    ObjectNode start = with(base, item, items.get(i), index, i);
                    // The batch pool never queues: with no thread free the iteration runs right here, so a
                    // thread never waits on work queued behind it (nested parallel loops cannot deadlock).
                    running.add(c.batches.submit(() -> iteration(c, exchange, bodyRoute, start)));
                }
                ObjectNode merged = JsonNodeFactory.instance.objectNode();
                merged.setAll(base);
                for (Future<Exchange> f : running) {
                    Exchange done = unwrap(f);
                    ObjectNode changes = changes(base, done.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class));
                    merged.setAll(changes);
                    outputs.add(changes);
                }
                context = merged;
            }
        }
        exchange.setProperty(ExchangeKeys.CONTEXT, context);
        return JsonNodeFactory.instance.objectNode().<ObjectNode>set("results", outputs).put("iterationCount", items.size());
    }

    /** What an iteration set: the keys of {@code after} that {@code before} lacks or holds otherwise. */
    private static ObjectNode changes(ObjectNode before, ObjectNode after) {
        ObjectNode changes = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changes.set(e.getKey(), e.getValue());
            }
        }
        return changes;
    }

    private static JsonNode whileLoop(Compilation c, Exchange exchange, Loop loop, String bodyRoute, String index)
            throws Exception {
        ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
        int i = 0;
        while (c.guards.holds(loop.condition(), context)) {
            if (i >= loop.maxIterations()) {
                throw new NodeFailure("while loop reached maxIterations " + loop.maxIterations()
                        + " with its condition still true");
            }
            Exchange done = iteration(c, exchange, bodyRoute, ContextMerge.with(context, index, JsonNodeFactory.instance.numberNode(i)));
            context = done.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            i++;
        }
        exchange.setProperty(ExchangeKeys.CONTEXT, context);
        return JsonNodeFactory.instance.objectNode().put("iterationCount", i);
    }

    private static ObjectNode with(ObjectNode context, String item, JsonNode value, String index, int i) {
        ObjectNode copy = ContextMerge.with(context, item, value);
        copy.put(index, i);
        return copy;
    }

    /** Runs the body once on a copy of the exchange, on this thread; a failed body fails the loop. */
    private static Exchange iteration(Compilation c, Exchange parent, String bodyRoute, ObjectNode context) {
        Exchange copy = parent.copy();
        copy.setProperty(ExchangeKeys.CONTEXT, context);
        copy.removeProperty(ExchangeKeys.LAST_OUTPUT);
        Exchange done = c.template.send("direct:" + bodyRoute, copy);
        if (done.getException() != null) {
            Exception e = done.getException();
            if (e instanceof RuntimeException r && !(e instanceof NodeFailure)) {
                throw r;
            }
            throw new NodeFailure("loop body failed: " + NodeFailure.messageOf(e), e);
        }
        return done;
    }

    private static Exchange unwrap(Future<Exchange> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
