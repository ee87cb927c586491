package io.oven.workflows.compiler;

import io.oven.workflows.definition.StateNode;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.definition.WorkflowValidator;
import io.oven.workflows.kit.ContextExpressions;
import io.oven.workflows.kit.EngineHooks;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.ExecutionCancelled;
import io.oven.workflows.kit.ExecutionPaused;
import io.oven.workflows.kit.ExecutionTakenOver;
import io.oven.workflows.kit.Guards;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.StepInfo;
import io.oven.workflows.nodes.NodeExecutor;
import io.oven.workflows.nodes.NodeExecutors;
import io.oven.workflows.problem.Pointer;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;
import io.oven.workflows.settings.EngineSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.model.ChoiceDefinition;
import org.apache.camel.model.LoopDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.StepDefinition;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;


/**
 * Compiles a workflow version into Camel routes. The shape (DESIGN §11): from
 * {@code direct:wf.<slug>.v<n>}, a {@code loopDoWhile(state != null)} around a {@code choice}
 * with one {@code when(state == 'X')} per state holding one {@code step} whose id is
 * {@code wf.<slug>.v<n>.X}. Each iteration is scheduled by the loop rather than recursed into,
 * so back edges and long loops keep a flat stack. The tracking notifier sees each step start
 * and end, which is how every node is recorded.
 */
@Component
public class WorkflowCompiler {

    private final StateKinds kinds;
    private final Guards guards;
    private final ContextExpressions expressions;
    private final ProducerTemplate template;
    private final ExecutorService batches;
    private final ExecutorService timed;
    /** The registry name of the pool short delays wait on (routes name it, so their YAML stays plain). */
    static final String DELAY_POOL = "ovenDelayPool";
    private final NodeExecutors executors;

    @Autowired
    WorkflowCompiler(NodeExecutors executors, Guards guards, ContextExpressions expressions, CamelContext camel,
                     StateKinds kinds, NodeTypeRegistry registry, EngineSettings settings) {
        this(executors, guards, expressions, camel, kinds, registry, settings.workerThreads());
    }

    /** Without Spring (compiler tests on a bare CamelContext). */
    WorkflowCompiler(NodeExecutors executors, Guards guards, ContextExpressions expressions, CamelContext camel,
                     StateKinds kinds, NodeTypeRegistry registry, int workerThreads) {
        this.guards = guards;
        this.expressions = expressions;
        this.template = camel.createProducerTemplate();
        // Through Camel's manager: named, visible in JMX, shut down with the context.
        ExecutorServiceManager pools = camel.getExecutorServiceManager();
        this.batches = pools.newThreadPool(this, "oven-loop-batch", new ThreadPoolProfileBuilder("oven-loop-batch")
                .poolSize(1).maxPoolSize(workerThreads).maxQueueSize(0).keepAliveTime(60L)
                .rejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns).build());
        this.timed = pools.newCachedThreadPool(this, "oven-timed-node");
        // Camel's default scheduled pool queues at most 1,000 tasks and then runs a delay on the
        // caller's thread: past 1,000 runs in a delay, every run thread would sleep.
        ScheduledExecutorService delays = pools.newScheduledThreadPool(this, "oven-delay", new ThreadPoolProfileBuilder("oven-delay")
                .poolSize(Math.max(4, workerThreads)).maxQueueSize(-1).build());
        camel.getRegistry().bind(DELAY_POOL, delays);
        this.executors = executors;
        this.kinds = kinds;
        // Every node type the registry offers must run: a type without an executor stops start-up.
        for (NodeType type : registry.all()) {
            boolean kindOwned = kinds.nodeTypes().stream().anyMatch(t -> t.id().equals(type.id()));
            if (!type.structural() && !kindOwned && executor(type.id()).isEmpty()) {
                throw new IllegalStateException("node type '" + type.id() + "' (module " + type.module()
                        + ") is registered but nothing executes it");
            }
        }
    }

    private Optional<NodeExecutor> executor(String nodeType) {
        return executors.find(nodeType);
    }

    private static void boundary(Exchange exchange, EngineHooks hooks, boolean main) {
        Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
        if (run == null) {
            return;
        }
        if (run.cancelled()) {
            throw new ExecutionCancelled(run.executionId);
        }
        if (!hooks.stillOurs(run)) {
            throw new ExecutionTakenOver(run.executionId);
        }
        if (main && run.pauseRequested()) {
            throw new ExecutionPaused(run.executionId);
        }
        // A definition's back edges could loop for ever: every run is bounded in the states it passes.
        if (run.step() > hooks.maxSteps()) {
            throw new NodeFailure("the run passed through " + hooks.maxSteps() + " states without reaching a "
                    + "final one (oven.engine.max-steps): a back edge that never exits?");
        }
    }

    /** Compiles a valid definition; the caller validated it. */
    public CompiledWorkflow compile(String slug, int version, WorkflowDefinition definition, EngineHooks hooks) {
        Compilation c = new Compilation(this, slug, version, guards, expressions, hooks, template, batches, timed,
                type -> executor(type).orElse(null));
        String routeId = Run.routeId(slug, version);
        c.bind(c.prefix + ".boundary", (Processor) exchange -> boundary(exchange, hooks, true));
        // Regions and loop bodies finish what they started: a pause takes effect on the main machine.
        c.bind(c.prefix + ".boundary.nested", (Processor) exchange -> boundary(exchange, hooks, false));
        machine(c, routeId, definition.states(), null, "/states");
        return new CompiledWorkflow(routeId, "direct:" + routeId, List.copyOf(c.routeIds), List.copyOf(c.routes),
                Map.copyOf(c.beans), List.copyOf(c.steps));
    }

    /**
     * One dispatch-loop route for a state machine. {@code initial} is set at the start for
     * regions and loop bodies; the main route gets its state from the caller (a start or a resume).
     */
    void machine(Compilation c, String routeId, Map<String, StateNode> states, String initial, String at) {
        // State ids become route, step and registry names and constants in the route, where Camel
        // resolves {{placeholders}}: whatever the validator let through, only identifiers go on.
        states.keySet().forEach(id -> {
            if (!WorkflowValidator.STATE_ID.matcher(id).matches()) {
                throw new CompileFailure(Pointer.child(at, id), "state id is not an identifier (1 to 64 letters, "
                        + "digits, _ or -)", null);
            }
        });
        Machine machine = new Machine(c, at);
        c.routeIds.add(routeId);
        RouteDefinition route = new RouteDefinition();
        route.from("direct:" + routeId).routeId(routeId);
        // Failures are the run's outcome, recorded by the runtime; Camel must not retry or log them.
        route.errorHandler(new NoErrorHandlerDefinition());
        c.routes.add(route);
        {
            if (initial != null) {
                route.setProperty(ExchangeKeys.STATE, Machine.stateConstant(initial));
            }
            LoopDefinition loop = route.loopDoWhile(ExchangePropertyIs.present(ExchangeKeys.STATE));
            loop.process(c.prefix + (initial == null ? ".boundary" : ".boundary.nested"));
            ChoiceDefinition choice = loop.choice();
            states.forEach((stateId, state) -> {
                String stepId = c.prefix + "." + stateId;
                choice.when(Machine.stateIs(stateId));
                StepDefinition step = choice.step(stepId);
                try {
                    kinds.of(stateId, state).translate(machine, stateId, state, step);
                } catch (CompileFailure e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new CompileFailure(Pointer.child(at, stateId), "state '" + stateId + "' cannot be compiled: "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
                }
            });
            choice.otherwise().process(c.bind(routeId + ".unknownState", (Processor) exchange -> {
                throw new IllegalStateException("no state '" + exchange.getProperty(ExchangeKeys.STATE) + "' in " + routeId);
            }));
        }
        states.forEach((stateId, state) -> c.steps.add(
                new StepInfo(c.prefix + "." + stateId, routeId, stateId, kinds.of(stateId, state).nodeType(state))));
    }
}
