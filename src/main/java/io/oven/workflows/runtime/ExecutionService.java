package io.oven.workflows.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.api.ApiException;
import io.oven.workflows.api.ListQuery;
import io.oven.workflows.api.Page;
import io.oven.workflows.definition.JsonTypes;
import io.oven.workflows.definition.PayloadField;
import io.oven.workflows.definition.Violation;
import io.oven.workflows.definition.WorkflowDefinition;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowService;
import io.oven.workflows.workflow.WorkflowVersion;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts, cancels, resumes and reports executions. A run is an exchange sent to its version's
 * route; when the route is done, the final row goes to the tracking writer, and the run counts
 * as finished only once that row (and so every node row before it) is stored.
 */
@Service
public class ExecutionService {

    private static final Logger log = LoggerFactory.getLogger(ExecutionService.class);
    private static final Set<String> EXECUTE_FIELDS = Set.of("params", "strategy");
    private static final Set<String> STRATEGIES = Set.of("direct", "network", "none");

    private final WorkflowService workflows;
    private final WorkflowDeployer deployer;
    private final ExecutionStore store;
    private final TrackingWriter writer;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final CamelContext camel;
    private final Map<String, org.apache.camel.AsyncProducer> producers = new ConcurrentHashMap<>();
    private final org.apache.camel.ProducerTemplate template;
    private final StepCatalog catalog;
    private final Duration maxWait;
    private final boolean recoverOnStart;
    private final io.oven.workflows.config.SecretBox box;
    private final EventWaits eventWaits;
    /** Marks a waiting run's snapshot when it also waits for events (its waits are cleared when it goes on). */
    private static final String EVENT_WAITS = "eventWaits";
    private final Map<Long, Run> active = new ConcurrentHashMap<>();
    private final EngineMetrics metrics;
    private final ExecutorService runners;
    private final Duration cancelWait;
    private final int maxActiveRuns;

    ExecutionService(WorkflowService workflows, WorkflowDeployer deployer, ExecutionStore store, TrackingWriter writer,
                     EventBus bus, ObjectMapper mapper, CamelContext camel, EngineMetrics metrics,
                     io.oven.workflows.config.SecretBox box, EventWaits eventWaits, StepCatalog catalog,
                     @Value("${oven.engine.max-wait:30s}") Duration maxWait,
                     @Value("${oven.engine.recover-on-start:true}") boolean recoverOnStart,
                     @Value("${oven.engine.run-threads:64}") int runThreads,
                     @Value("${oven.engine.cancel-wait:2s}") Duration cancelWait,
                     @Value("${oven.engine.max-active-runs:20000}") int maxActiveRuns) {
        this.cancelWait = cancelWait;
        this.box = box;
        this.catalog = catalog;
        this.template = camel.createProducerTemplate();
        this.eventWaits = eventWaits;
        this.maxActiveRuns = maxActiveRuns;
        this.metrics = metrics;
        this.runners = Executors.newFixedThreadPool(runThreads, runnable -> {
            Thread thread = new Thread(runnable, "oven-run");
            thread.setDaemon(true);
            return thread;
        });
        this.workflows = workflows;
        this.deployer = deployer;
        this.store = store;
        this.writer = writer;
        this.bus = bus;
        this.mapper = mapper;
        this.camel = camel;
        this.maxWait = maxWait;
        this.recoverOnStart = recoverOnStart;
        writer.inFlight(active::size);
    }

    public static Map<String, String> sorts() {
        return ExecutionStore.SORTS;
    }

    /** Starts a run of the workflow's current version with {@code { "params": {…} }}; answers the run. */
    public Run execute(long workflowId, JsonNode body, String triggerEvent) {
        return execute(workflowId, body, triggerEvent, null);
    }

    /**
     * Starts the workflow for one event, once: if an execution of this workflow already carries the
     * event's id (the event is delivered again after a crash that lost its receipt), nothing starts.
     */
    public Optional<Run> executeOnce(long workflowId, JsonNode body, String triggerEvent, String eventId) {
        if (store.startedBy(workflowId, eventId)) {
            return Optional.empty();
        }
        Run run = execute(workflowId, body, triggerEvent, eventId);
        // The event's receipt must not commit before the execution row: a crash in between would
        // lose the event (its receipt says handled, no execution exists). In a delivery batch the
        // rows of all its runs are awaited once, just before the batch commits.
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void beforeCommit(boolean readOnly) {
                            storedOrThrow(run);
                        }
                    });
        } else {
            storedOrThrow(run);
        }
        return Optional.of(run);
    }

    private void storedOrThrow(Run run) {
        try {
            run.created.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before execution " + run.executionId + " was stored", e);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + run.executionId + " could not be stored", e);
        }
    }

    private Run execute(long workflowId, JsonNode body, String triggerEvent, String triggerEventId) {
        admit();
        ObjectNode params = params(body);
        String strategy = strategy(body);
        // The deployed version carries its parsed definition: starting a run reads nothing from the database.
        WorkflowDeployer.Deployment deployment = deployer.acquireCurrent(workflowId).orElseThrow(() -> notRunnable(workflowId));
        try {
            WorkflowDefinition definition = deployment.definition;
            ObjectNode context = initialContext(definition, params);
            long id = store.nextId();
            Run run = new Run(id, workflowId, deployment.slug, deployment.version, strategy);
            writer.created(new TrackingWriter.NewExecutionRow(id, workflowId, deployment.version, triggerEvent,
                    triggerEvent == null ? null : params, context, definition.initial(), Instant.now(), run, triggerEventId));
            bus.publish("workflows.execution.started", "workflows", mapper.createObjectNode().put("executionId", id)
                    .put("workflowId", workflowId).put("version", deployment.version), "execution-" + id);
            metrics.started(run);
            send(run, context, definition.initial(), null, 0);
            return run;
        } catch (RuntimeException e) {
            deployer.release(deployment.compiled.routeId());
            throw e;
        }
    }

    /** Admission: past the bound, new runs are refused at once (429) instead of queueing without end. */
    private void admit() {
        if (active.size() >= maxActiveRuns) {
            metrics.refused();
            throw ApiException.overloaded("the service is running " + active.size() + " executions, its bound "
                    + "(oven.engine.max-active-runs): try again shortly", 1);
        }
    }

    private ApiException notRunnable(long workflowId) {
        Workflow workflow = workflows.get(workflowId);
        if (!workflow.enabled()) {
            return ApiException.conflict("workflow " + workflowId + " is disabled: enable it to run it", null);
        }
        return ApiException.conflict("workflow " + workflowId + " is not deployed"
                + deployer.failure(workflowId).map(f -> ": " + f).orElse(""), null);
    }

    /** Waits until the run's row exists, so that reading it right after answers it. */
    public void awaitCreated(Run run) {
        try {
            run.created.get(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            throw new IllegalStateException("execution " + run.executionId + " could not be stored", e);
        }
    }

    /** Waits (at most the configured bound) for the run to finish and be stored. */
    public boolean await(Run run, Duration wait) {
        Duration bound = wait.compareTo(maxWait) > 0 ? maxWait : wait;
        try {
            run.finished.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("tracking write failed for execution " + run.executionId, e.getCause());
        }
    }

    public Duration maxWait() {
        return maxWait;
    }

    /** Node rows an execution's detail carries unless asked for others. */
    public static final int DETAIL_NODES = 1000;

    public ObjectNode detail(long id) {
        return detail(id, 0, DETAIL_NODES - 1);
    }

    /** The detail with node rows {@code from}..{@code to}: a long run's rows are read a page at a time. */
    public ObjectNode detail(long id, int from, int to) {
        return shown(store.detail(id, from, to).orElseThrow(() -> ApiException.notFound("execution " + id)));
    }

    public Page<ObjectNode> list(ListQuery query) {
        Page<ObjectNode> page = store.list(query);
        page.items().forEach(ExecutionService::shown);
        return page;
    }

    /** An execution as the API shows it: without the sealed context kept for resuming. */
    private static ObjectNode shown(ObjectNode execution) {
        if (execution.get("snapshot") instanceof ObjectNode snapshot) {
            snapshot.remove(Run.SEALED);
        }
        return execution;
    }

    /** A cancel request's answer: whether the run has stopped yet, and the execution as it is. */
    public record Cancelled(boolean stopped, ObjectNode execution) {
    }

    /**
     * Stops a run at its next node boundary (a parked one at once). Waits briefly for it to
     * stop; a node still busy then finishes first, and the run stops right after it.
     */
    public Cancelled cancel(long id) {
        Run run = active.get(id);
        if (run != null) {
            run.cancel();
            return new Cancelled(await(run, cancelWait), detail(id));
        }
        ObjectNode execution = detail(id);
        String status = execution.get("status").asText();
        if (!Set.of("waiting", "running", "pending", "paused").contains(status) || !store.cancelParked(id)) {
            throw ApiException.conflict("execution " + id + " has already ended (" + status + ")", null);
        }
        return new Cancelled(true, detail(id));
    }

    /**
     * Pauses a run at its next node boundary (a run waiting on a timer at once: its timer waits
     * with it). Answers the execution as it is after a short wait.
     */
    public ObjectNode pause(long id) {
        Run run = active.get(id);
        if (run != null) {
            run.pause();
            await(run, cancelWait);
        } else if (!store.pauseWaiting(id)) {
            throw ApiException.conflict("execution " + id + " cannot be paused: it is "
                    + detail(id).get("status").asText() + " (running and waiting executions can)", null);
        }
        bus.publish("workflows.execution.paused", "workflows", mapper.createObjectNode().put("executionId", id),
                "execution-" + id);
        return detail(id);
    }

    /** Resumes a paused run where it stopped (one paused while waiting on a timer waits again). */
    public ObjectNode resumePaused(long id) {
        Optional<ObjectNode> row = store.claimPaused(id);
        if (row.isEmpty()) {
            throw ApiException.conflict("execution " + id + " is not paused (it is " + detail(id).get("status").asText()
                    + ")", null);
        }
        bus.publish("workflows.execution.resumed", "workflows", mapper.createObjectNode().put("executionId", id),
                "execution-" + id);
        if ("running".equals(row.get().get("status").asText())) {
            resume(row.get(), false);
        }
        return detail(id);
    }

    /**
     * Sends a signal to a run waiting for it ({@code "on": { "<name>": target }}): the run goes on
     * at that target, with the payload as the waiting state's output. 409 when the run is not
     * waiting for a signal of that name (its timeout or another signal came first).
     */
    public ObjectNode signal(long id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("", "send { \"name\": \"<signal>\", \"payload\": { … } }");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, Set.of("name", "payload"), Set.of(), "a signal", problems);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            problems.add(new Violation("name", "is required: the signal's name"));
        }
        JsonNode payload = body.get("payload");
        if (payload != null && !payload.isNull() && !payload.isObject()) {
            problems.add(new Violation("payload", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("invalid signal", problems);
        }
        ObjectNode execution = detail(id, 0, 0);
        String status = execution.get("status").asText();
        String state = execution.path("currentState").asText(null);
        WorkflowVersion version = workflows.version(execution.get("workflowId").asLong(),
                execution.get("workflowVersion").asInt());
        JsonNode on = version.definition().path("states").path(state == null ? "" : state).path("on");
        if (!"waiting".equals(status) || !on.isObject()) {
            throw ApiException.conflict("execution " + id + " is not waiting for a signal (it is " + status + ")", null);
        }
        if (!on.has(name.asText())) {
            List<String> names = new ArrayList<>();
            on.fieldNames().forEachRemaining(names::add);
            throw ApiException.conflict("execution " + id + " waits for " + names + ", not '" + name.asText() + "'",
                    "name");
        }
        ObjectNode row = store.claimWaiting(id, state).orElseThrow(() -> ApiException.conflict("execution " + id
                + " stopped waiting meanwhile", null));
        bus.publish("workflows.execution.signalled", "workflows", mapper.createObjectNode().put("executionId", id)
                .put("signal", name.asText()), "execution-" + id);
        resume(row, false, name.asText(), payload == null || payload.isNull() ? mapper.createObjectNode() : payload, null);
        return detail(id);
    }

    /**
     * Retries a failed (or cancelled) execution from the node it stopped at: a new execution on the
     * same version, starting at that state with the context it had there (the failed node had not
     * changed it), linked to the old one by {@code rerunOf}. Secret config values, stored masked,
     * are looked up again by the nodes that use them.
     */
    public Run retry(long id) {
        ObjectNode old = store.detail(id, 0, 0).orElseThrow(() -> ApiException.notFound("execution " + id));
        String status = old.get("status").asText();
        String state = old.path("currentState").asText(null);
        if (!Set.of("failed", "cancelled").contains(status) || state == null) {
            throw ApiException.conflict("execution " + id + " is " + status + ": only a failed or cancelled one is "
                    + "retried from where it stopped", null);
        }
        return startFrom(old, old.get("workflowVersion").asInt(), state, null);
    }

    /**
     * Re-runs an ended execution from any of its top-level states: {@code { "from", "version"?:
     * "original" | "current", "context"? }} — on the version it ran (or the workflow's current one),
     * with the context that state's node started with in it (or the one given, edited in the
     * dashboard), as a new execution linked by {@code rerunOf}.
     */
    public Run rerun(long id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("", "send { \"from\": \"<state>\", \"version\"?: \"original\" | \"current\", "
                    + "\"context\"?: {…} }");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, Set.of("from", "version", "context"), Set.of(), "a re-run", problems);
        JsonNode from = body.get("from");
        if (from == null || !from.isTextual() || from.asText().isBlank()) {
            problems.add(new Violation("from", "is required: the state to run again from"));
        }
        String which = body.path("version").asText("original");
        if (body.has("version") && (!body.get("version").isTextual() || !Set.of("original", "current").contains(which))) {
            problems.add(new Violation("version", "must be original or current"));
        }
        JsonNode given = body.get("context");
        if (given != null && !given.isNull() && !given.isObject()) {
            problems.add(new Violation("context", "must be an object"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("invalid re-run", problems);
        }
        ObjectNode old = store.detail(id, 0, 0).orElseThrow(() -> ApiException.notFound("execution " + id));
        String status = old.get("status").asText();
        if (!Set.of("completed", "failed", "cancelled").contains(status)) {
            throw ApiException.conflict("execution " + id + " is " + status + ": only an ended one is re-run", null);
        }
        long workflowId = old.get("workflowId").asLong();
        int version = "current".equals(which) ? workflows.get(workflowId).version() : old.get("workflowVersion").asInt();
        String state = from.asText();
        if (!workflows.version(workflowId, version).definition().path("states").path(state).isObject()) {
            throw ApiException.invalid("from", "version " + version + " has no top-level state '" + state + "'");
        }
        ObjectNode context = given != null && given.isObject() ? (ObjectNode) given : store.contextBefore(id, state)
                .orElseThrow(() -> ApiException.invalid("context", "execution " + id + " has no record of '" + state
                        + "' starting: give the context to start it with"));
        return startFrom(old, version, state, context);
    }

    /** A new execution linked to {@code old}, on {@code version}, starting at {@code state} with this context (old's when null). */
    private Run startFrom(ObjectNode old, int version, String state, ObjectNode startContext) {
        long id = old.get("id").asLong();
        admit();
        long workflowId = old.get("workflowId").asLong();
        Workflow workflow = workflows.get(workflowId);
        WorkflowVersion stored = workflows.version(workflowId, version);
        WorkflowDeployer.Deployment deployment = deployer.version(workflowId, workflow.slug(), version, stored.definition());
        deployer.acquire(deployment);
        try {
            long newId = store.nextId();
            String strategy = old.path("strategy").isTextual() ? old.get("strategy").asText() : null;
            Run run = new Run(newId, workflowId, deployment.slug, version, strategy);
            Run former = new Run(id, workflowId, deployment.slug, old.get("workflowVersion").asInt(), strategy);
            ObjectNode context = former.unsealed(old.get("snapshot"), (ObjectNode) old.get("context"), box);
            if (startContext != null) {
                context = startContext;
            }
            former.secrets().forEach(run::secret);
            writer.created(new TrackingWriter.NewExecutionRow(newId, workflowId, version, null, null, context, state,
                    Instant.now(), run, null, id));
            bus.publish("workflows.execution.started", "workflows", mapper.createObjectNode().put("executionId", newId)
                    .put("workflowId", workflowId).put("version", version).put("rerunOf", id), "execution-" + newId);
            metrics.started(run);
            send(run, context, state, null, 0);
            return run;
        } catch (RuntimeException e) {
            deployer.release(deployment.compiled.routeId());
            throw e;
        }
    }

    /** Resumes parked runs whose timer is due; called by the timer route. */
    public int resumeDue() {
        // Claimed in batches until none is left (bounded per poll), so timers due together fire together.
        int resumed = 0;
        for (int batch = 0; batch < 20; batch++) {
            List<ObjectNode> due = store.claimDue(500);
            Lookups lookups = new Lookups();
            due.forEach(row -> resume(row, true, null, null, null, lookups));
            resumed += due.size();
            if (due.size() < 500) {
                break;
            }
        }
        return resumed;
    }

    /** After a restart: runs the database says are running were interrupted, so go on from their last state. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    public void recover() {
        if (!recoverOnStart) {
            return;
        }
        List<ObjectNode> orphaned = store.orphaned();
        orphaned.stream().filter(row -> !active.containsKey(row.get("id").asLong())).forEach(this::resumeInterrupted);
        if (!orphaned.isEmpty()) {
            log.info("resumed {} executions interrupted by the last stop", orphaned.size());
        }
    }

    private void resume(ObjectNode row, boolean fromTimer) {
        resume(row, fromTimer, null, null, null);
    }

    /**
     * Resumes a run the last stop cut off. The node of the state it was at had begun (or was about
     * to): it is recorded as {@code interrupted} (attempt 1) and runs again as attempt 2.
     */
    private void resumeInterrupted(ObjectNode row) {
        String state = row.path("currentState").asText(null);
        String interrupted = null;
        try {
            JsonNode invoke = workflows.version(row.get("workflowId").asLong(), row.get("workflowVersion").asInt())
                    .definition().path("states").path(state == null ? "" : state).path("invoke");
            if (invoke.isObject()) {
                interrupted = state;
                Instant now = Instant.now();
                writer.node(new TrackingWriter.NodeRow(row.get("id").asLong(), state, invoke.path("src").asText(null),
                        "interrupted", null, null, "the service stopped while this node ran (or was about to): it runs "
                        + "again", 1, now, now));
            }
        } catch (RuntimeException e) {
            log.warn("execution {}: could not record its interrupted node", row.get("id"), e);
        }
        resume(row, false, null, null, interrupted);
    }

    /**
     * Resumes a run waiting for this event at that state, the event's payload as the state's output;
     * nothing when it no longer waits there (another event, a signal or its timeout came first).
     */
    public void deliver(EventWaits.Match match) {
        store.claimWaiting(match.executionId(), match.state()).ifPresentOrElse(row -> {
            bus.publish("workflows.execution.event-received", "workflows", mapper.createObjectNode()
                    .put("executionId", match.executionId()).put("event", match.eventName()), "execution-" + match.executionId());
            resume(row, false, match.eventName(), match.payload() == null ? mapper.createObjectNode() : match.payload(),
                    null);
        }, () -> {
            String status = store.status(match.executionId()).orElse("gone");
            if (!Set.of("running", "waiting", "paused").contains(status)) {
                eventWaits.clear(match.executionId());
            }
        });
    }

    /** Resumes a run from its row; with a signal, the waiting state it names takes that signal. */
    private void resume(ObjectNode row, boolean fromTimer, String signal, JsonNode payload, String interrupted) {
        resume(row, fromTimer, signal, payload, interrupted, new Lookups());
    }

    /** Workflows and versions read once per batch of resumes (10,000 timers due together are mostly one workflow). */
    private final class Lookups {
        private final Map<Long, Workflow> byId = new java.util.HashMap<>();
        private final Map<String, WorkflowVersion> versions = new java.util.HashMap<>();

        Workflow workflow(long id) {
            return byId.computeIfAbsent(id, workflows::get);
        }

        WorkflowVersion version(long id, int version) {
            return versions.computeIfAbsent(id + "/" + version, key -> workflows.version(id, version));
        }
    }

    private void resume(ObjectNode row, boolean fromTimer, String signal, JsonNode payload, String interrupted,
                        Lookups lookups) {
        long id = row.get("id").asLong();
        if (row.path("snapshot").path(EVENT_WAITS).asBoolean(false)) {
            eventWaits.clear(id);
        }
        try {
            long workflowId = row.get("workflowId").asLong();
            int version = row.get("workflowVersion").asInt();
            Workflow workflow = lookups.workflow(workflowId);
            WorkflowVersion stored = lookups.version(workflowId, version);
            WorkflowDeployer.Deployment deployment = deployer.version(workflowId, workflow.slug(), version,
                    stored.definition());
            deployer.acquire(deployment);
            // A dry run stays a dry run: the strategy it started with comes back with it.
            String strategy = row.path("strategy").isTextual() ? row.get("strategy").asText() : null;
            Run run = new Run(id, workflowId, deployment.slug, version, strategy);
            if (interrupted != null) {
                run.interrupted(interrupted);
            }
            String state = row.get("currentState").isNull() ? null : row.get("currentState").asText();
            JsonNode snapshot = row.get("snapshot");
            int afterIndex = snapshot != null && snapshot.has("afterIndex") ? snapshot.get("afterIndex").asInt() : 0;
            send(run, run.unsealed(snapshot, (ObjectNode) row.get("context"), box), state,
                    fromTimer || signal != null ? state : null, afterIndex, signal, payload);
        } catch (RuntimeException e) {
            log.error("execution {} could not be resumed", id, e);
            writer.execution(new TrackingWriter.ExecutionRow(id, "failed", null, row.get("context"), row.get("snapshot"),
                    Instant.now(), "could not be resumed: " + e.getMessage(), null, null));
        }
    }

    private void send(Run run, ObjectNode context, String state, String resumedAt, int afterIndex) {
        send(run, context, state, resumedAt, afterIndex, null, null);
    }

    private void send(Run run, ObjectNode context, String state, String resumedAt, int afterIndex, String signal,
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
        org.apache.camel.AsyncProducer producer = producers.computeIfAbsent(run.routeId(), this::producer);
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
    private org.apache.camel.AsyncProducer producer(String routeId) {
        try {
            org.apache.camel.AsyncProducer producer = camel.getEndpoint("direct:" + routeId).createAsyncProducer();
            org.apache.camel.support.service.ServiceHelper.startService(producer);
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
            boolean awaitsEvents = "waiting".equals(status) && !run.eventWaits().isEmpty();
            if (awaitsEvents) {
                snapshot.put(EVENT_WAITS, true);
                String at = state;
                eventWaits.register(run.eventWaits().entrySet().stream()
                        .map(w -> new EventWaits.Wait(run.executionId, at, w.getKey(), w.getValue())).toList());
                // Once it is stored as waiting: an event that came before (within the window) resumes it now.
                run.finished.thenRunAsync(() -> eventWaits.alreadyThere(run.executionId).ifPresent(this::deliver), runners);
            }
            writer.execution(new TrackingWriter.ExecutionRow(run.executionId, status, state, run.masked(context), snapshot,
                    ended ? Instant.now() : null, error, resumeAt, run));
            ObjectNode payload = mapper.createObjectNode().put("executionId", run.executionId)
                    .put("workflowId", run.workflowId).put("version", run.version).put("status", status);
            if (error != null) {
                payload.put("error", error);
            }
            bus.publish("workflows.execution." + status, "workflows", payload, "execution-" + run.executionId);
            metrics.finished(run, status, java.time.Duration.between(run.startedAt, Instant.now()));
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

    private static String strategy(JsonNode body) {
        JsonNode strategy = body == null ? null : body.get("strategy");
        if (strategy == null || strategy.isNull()) {
            return null;
        }
        if (!strategy.isTextual() || !STRATEGIES.contains(strategy.asText())) {
            throw ApiException.invalid("strategy", "must be direct, network or none (a dry run)");
        }
        return strategy.asText();
    }

    private ObjectNode params(JsonNode body) {
        if (body == null || body.isNull()) {
            return mapper.createObjectNode();
        }
        if (!body.isObject()) {
            throw ApiException.invalid("", "the body must be an object { \"params\": { … } }");
        }
        List<Violation> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!EXECUTE_FIELDS.contains(field)) {
                problems.add(new Violation(field, "unknown field; send { \"params\": { … } }"));
            }
        }
        JsonNode params = body.get("params");
        if (params != null && !params.isNull() && !params.isObject()) {
            problems.add(new Violation("params", "must be an object of parameter name to value"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("invalid execute request", problems);
        }
        return params == null || params.isNull() ? mapper.createObjectNode() : (ObjectNode) params;
    }

    /** The definition's context defaults with the params over them, checked against payloadSchema. */
    private ObjectNode initialContext(WorkflowDefinition definition, ObjectNode params) {
        List<Violation> problems = new ArrayList<>();
        if (definition.payloadSchema() != null) {
            for (PayloadField field : definition.payloadSchema()) {
                JsonNode value = params.get(field.name());
                String at = "params." + field.name();
                if (value == null || value.isNull()) {
                    if (field.isRequired()) {
                        problems.add(new Violation(at, "is required"));
                    }
                } else if (field.type() != null && !JsonTypes.matches(value, field.type())) {
                    problems.add(new Violation(at, "must be " + field.type() + ", got " + value.getNodeType()
                            .toString().toLowerCase()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid("params do not match the workflow's payloadSchema", problems);
        }
        ObjectNode context = mapper.createObjectNode();
        if (definition.context() != null) {
            context.setAll((ObjectNode) definition.context());
        }
        context.setAll(params);
        return context;
    }

}
