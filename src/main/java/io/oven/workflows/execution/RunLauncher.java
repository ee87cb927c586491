package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.config.SecretBox;
import io.oven.workflows.deployment.WorkflowDeployer;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.ExecutionCancelled;
import io.oven.workflows.kit.ExecutionTakenOver;
import io.oven.workflows.kit.ExecutionPaused;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.kit.Run;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.settings.EngineSettings;
import io.oven.workflows.tracking.EngineMetrics;
import io.oven.workflows.tracking.ExecutionStore;
import io.oven.workflows.tracking.StepCatalog;
import io.oven.workflows.tracking.TrackingNotifier;
import io.oven.workflows.tracking.TrackingWriter;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Launches and finishes runs. A run is an exchange sent to its version's route on the
 * {@code oven-run} pool; when the route is done, its final row goes to the tracking writer, and
 * the run counts as finished only once that row (and so every node row before it) is stored.
 */
@Component
class RunLauncher {

    private static final Logger log = LoggerFactory.getLogger(RunLauncher.class);
    /** Marks a waiting run's snapshot when it also waits for events (its waits are cleared when it goes on). */
    static final String EVENT_WAITS = "eventWaits";

    private final WorkflowDeployer deployer;
    private final ExecutionStore store;
    private final TrackingWriter writer;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final CamelContext camel;
    private final ProducerTemplate template;
    private final StepCatalog catalog;
    private final SecretBox box;
    private final EventWaits eventWaits;
    private final EngineMetrics metrics;
    private final EngineSettings settings;
    private final ExecutorService runners;
    private final Map<String, AsyncProducer> producers = new ConcurrentHashMap<>();
    private final Map<Long, Run> active = new ConcurrentHashMap<>();
    /** Who takes an event that came before its run began waiting (set by {@link ParkedRuns}). */
    private volatile Consumer<EventWaits.Match> earlyEvents = match -> { };

    RunLauncher(WorkflowDeployer deployer, ExecutionStore store, TrackingWriter writer, EventBus bus, ObjectMapper mapper,
                CamelContext camel, StepCatalog catalog, SecretBox box, EventWaits eventWaits, EngineMetrics metrics,
                EngineSettings settings, Instances instances) {
        instances.activeRuns(active::keySet);
        this.deployer = deployer;
        this.store = store;
        this.writer = writer;
        this.bus = bus;
        this.mapper = mapper;
        this.camel = camel;
        this.template = camel.createProducerTemplate();
        this.catalog = catalog;
        this.box = box;
        this.eventWaits = eventWaits;
        this.metrics = metrics;
        this.settings = settings;
        // Through Camel's manager: named, visible in JMX, shut down with the context.
        this.runners = camel.getExecutorServiceManager().newThreadPool(this, "oven-run",
                new ThreadPoolProfileBuilder("oven-run").poolSize(settings.runThreads())
                        .maxPoolSize(settings.runThreads()).maxQueueSize(-1)
                        .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        writer.inFlight(active::size);
    }

    void onEarlyEvent(Consumer<EventWaits.Match> consumer) {
        this.earlyEvents = consumer;
    }

    Optional<Run> active(long executionId) {
        return Optional.ofNullable(active.get(executionId));
    }

    boolean isActive(long executionId) {
        return active.containsKey(executionId);
    }

    /** Admission: past the bound, new runs are refused at once (429) instead of queueing without end. */
    void admit() {
        if (active.size() >= settings.maxActiveRuns()) {
            metrics.refused();
            throw Problem.overloaded("the service is running " + active.size() + " executions, its bound "
                    + "(oven.engine.max-active-runs): try again shortly", 1);
        }
    }

    /** What a new execution starts with; a test run uses its nodes' pinned outputs. */
    record Start(String strategy, ObjectNode context, String state, String triggerEvent, JsonNode triggerPayload,
                 String triggerEventId, Long rerunOf, Run secretsOf, boolean test) {

        Start(String strategy, ObjectNode context, String state, String triggerEvent, JsonNode triggerPayload,
              String triggerEventId, Long rerunOf, Run secretsOf) {
            this(strategy, context, state, triggerEvent, triggerPayload, triggerEventId, rerunOf, secretsOf, false);
        }
    }

    /** Starts a new execution on a deployment the caller acquired; the deployment is released if it cannot start. */
    Run start(WorkflowDeployer.Deployment deployment, long workflowId, Start start) {
        try {
            long id = store.nextId();
            Run run = new Run(id, workflowId, deployment.slug, deployment.version, start.strategy()).asTest(start.test());
            if (start.secretsOf() != null) {
                start.secretsOf().secrets().forEach(run::secret);
            }
            writer.created(new TrackingWriter.NewExecutionRow(id, workflowId, deployment.version, start.triggerEvent(),
                    start.triggerPayload(), start.context(), start.state(), Instant.now(), run, start.triggerEventId(),
                    start.rerunOf()));
            bus.publish(new ExecutionEvents.Started(id, workflowId, deployment.version, start.rerunOf()));
            metrics.started(run);
            send(run, start.context(), start.state(), null, 0, null, null);
            return run;
        } catch (RuntimeException e) {
            deployer.release(deployment.compiled.routeId());
            throw e;
        }
    }

    /** Waits until the run's row exists, so that reading it right after answers it. */
    void awaitCreated(Run run) {
        try {
            run.created.get(settings.maxWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before execution " + run.executionId + " was stored", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + run.executionId + " could not be stored", e);
        }
    }

    /** Waits (at most {@code oven.engine.max-wait}) for the run to finish and be stored. */
    boolean await(Run run, Duration wait) {
        Duration bound = wait.compareTo(settings.maxWait()) > 0 ? settings.maxWait() : wait;
        try {
            run.finished.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("tracking write failed for execution " + run.executionId, e.getCause());
        }
    }

    /**
     * Sends the run into its route at {@code state}. {@code resumedAt} names the state a parked run
     * goes on from (its timer, signal or event came); a signal's name and payload ride along.
     */
    void send(Run run, ObjectNode context, String state, String resumedAt, int afterIndex, String signal,
              JsonNode signalPayload) {
        Exchange exchange = new DefaultExchange(camel);
        if (signal != null) {
            exchange.setProperty(ExchangeKeys.SIGNAL, signal);
            exchange.setProperty(ExchangeKeys.SIGNAL_PAYLOAD, signalPayload);
        }
        exchange.setProperty(ExchangeKeys.RUN, run);
        exchange.setProperty(ExchangeKeys.CONTEXT, context);
        exchange.setProperty(ExchangeKeys.STATE, state);
        if (resumedAt != null) {
            exchange.setProperty(ExchangeKeys.RESUMED_AT, resumedAt);
            exchange.setProperty(ExchangeKeys.AFTER_INDEX, afterIndex);
        }
        active.put(run.executionId, run);
        if (!catalog.waits(run.routeId())) {
            // No step waits in memory: the plain synchronous send is the cheaper one.
            runners.execute(() -> finish(run, template.send("direct:" + run.routeId(), exchange)));
            return;
        }
        AsyncProducer producer = producers.computeIfAbsent(run.routeId(), this::producer);
        // Asynchronously: a run that reaches a non-blocking delay gives its thread back while it waits.
        runners.execute(() -> {
            try {
                producer.process(exchange, doneSync -> finish(run, exchange));
            } catch (RuntimeException e) {
                exchange.setException(e);
                finish(run, exchange);
            }
        });
    }

    /** A started producer into a version's route; versions never change, so one per route is kept. */
    private AsyncProducer producer(String routeId) {
        try {
            AsyncProducer producer = camel.getEndpoint("direct:" + routeId).createAsyncProducer();
            ServiceHelper.startService(producer);
            return producer;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to route " + routeId, e);
        }
    }

    private void finish(Run run, Exchange exchange) {
        try {
            Exception failure = exchange.getException();
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            String state = exchange.getProperty(ExchangeKeys.STATE, String.class);
            String status;
            String error = null;
            Instant resumeAt = null;
            if (failure instanceof ExecutionTakenOver) {
                // Another instance runs it now (this one was taken for gone): nothing more is written here.
                log.info("execution {} stopped here: {}", run.executionId, failure.getMessage());
                run.created.complete("taken over");
                run.finished.complete("taken over");
                return;
            }
            ObjectNode snapshot = TrackingNotifier.snapshot(run, state);
            if (failure instanceof ExecutionCancelled || run.cancelled()) {
                status = "cancelled";
                error = "cancelled";
            } else if (failure instanceof ExecutionPaused) {
                // Parked at the state it would have run next; resume goes on from there.
                status = "paused";
            } else if (failure != null) {
                status = "failed";
                error = rootMessage(failure);
            } else if (run.parkedAt() != null) {
                status = "waiting";
                state = run.parkedAt();
                resumeAt = run.resumeAt();
                snapshot = TrackingNotifier.snapshot(run, state);
                snapshot.put("afterIndex", run.afterIndex());
                if (resumeAt != null) {
                    snapshot.put("resumeAt", resumeAt.toString());
                }
            } else {
                status = "completed";
                state = exchange.getProperty(ExchangeKeys.FINAL_STATE, String.class);
            }
            boolean ended = !"waiting".equals(status) && !"paused".equals(status);
            if (!"completed".equals(status)) {
                // Resumable (waiting, paused) or retried later (failed, cancelled): keep the real context sealed.
                TrackingNotifier.sealing(snapshot, run, context, box);
            }
            if ("waiting".equals(status) && !run.eventWaits().isEmpty()) {
                snapshot.put(EVENT_WAITS, true);
                String at = state;
                eventWaits.register(run.eventWaits().entrySet().stream()
                        .map(w -> new EventWaits.Wait(run.executionId, at, w.getKey(), w.getValue())).toList());
                // Once it is stored as waiting: an event that came before (within the window) resumes it now.
                run.finished.thenRunAsync(() -> eventWaits.alreadyThere(run.executionId).ifPresent(earlyEvents), runners);
            }
            writer.execution(new TrackingWriter.ExecutionRow(run.executionId, status, state, run.masked(context), snapshot,
                    ended ? Instant.now() : null, error, resumeAt, run));
            bus.publish(new ExecutionEvents.Settled(run.executionId, run.workflowId, run.version, status, error));
            metrics.finished(run, status, Duration.between(run.startedAt, Instant.now()));
        } catch (RuntimeException e) {
            log.error("finishing execution {} failed", run.executionId, e);
            run.finished.completeExceptionally(e);
        } finally {
            active.remove(run.executionId);
            deployer.release(run.routeId());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && !(t instanceof NodeFailure)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
