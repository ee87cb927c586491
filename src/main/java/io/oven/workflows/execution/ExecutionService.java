package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.SecretBox;
import io.oven.workflows.deployment.WorkflowDeployer;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.kit.Run;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.settings.EngineSettings;
import io.oven.workflows.tracking.ExecutionStore;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowService;
import io.oven.workflows.workflow.WorkflowVersion;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What callers do with executions: start one, read them, cancel, pause, resume, signal, retry and
 * re-run. Requests are checked by {@link ExecutionRequests}, runs launched and finished by
 * {@link RunLauncher}, stored runs brought back by {@link ParkedRuns} (which the timer and
 * event-wait routes call directly).
 */
@Service
public class ExecutionService {

    /** Node rows an execution's detail carries unless asked for others. */
    public static final int DETAIL_NODES = 1000;

    private final WorkflowService workflows;
    private final WorkflowDeployer deployer;
    private final ExecutionStore store;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final SecretBox box;
    private final RunLauncher launcher;
    private final ParkedRuns parked;
    private final EngineSettings settings;

    ExecutionService(WorkflowService workflows, WorkflowDeployer deployer, ExecutionStore store, EventBus bus,
                     ObjectMapper mapper, SecretBox box, RunLauncher launcher, ParkedRuns parked, EngineSettings settings) {
        this.workflows = workflows;
        this.deployer = deployer;
        this.store = store;
        this.bus = bus;
        this.mapper = mapper;
        this.box = box;
        this.launcher = launcher;
        this.parked = parked;
        this.settings = settings;
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
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    launcher.awaitCreated(run);
                }
            });
        } else {
            launcher.awaitCreated(run);
        }
        return Optional.of(run);
    }

    private Run execute(long workflowId, JsonNode body, String triggerEvent, String triggerEventId) {
        launcher.admit();
        // The deployed version carries its parsed definition: starting a run reads nothing from the database.
        WorkflowDeployer.Deployment deployment = deployer.acquireCurrent(workflowId).orElseThrow(() -> notRunnable(workflowId));
        ExecutionRequests.Execute request;
        ObjectNode context;
        try {
            request = ExecutionRequests.execute(body, deployment.definition, mapper);
            context = ExecutionRequests.initialContext(deployment.definition, request.params(), mapper);
        } catch (RuntimeException e) {
            deployer.release(deployment.compiled.routeId());
            throw e;
        }
        return launcher.start(deployment, workflowId, new RunLauncher.Start(request.strategy(), context,
                deployment.definition.initial(), triggerEvent, triggerEvent == null ? null : request.params(),
                triggerEventId, null, null, request.test()));
    }

    private Problem notRunnable(long workflowId) {
        Workflow workflow = workflows.get(workflowId);
        if (!workflow.enabled()) {
            return Problem.conflict("workflow " + workflowId + " is disabled: enable it to run it", null);
        }
        return Problem.conflict("workflow " + workflowId + " is not deployed"
                + deployer.failure(workflowId).map(f -> ": " + f).orElse(""), null);
    }

    /** Waits until the run's row exists, so that reading it right after answers it. */
    public void awaitCreated(Run run) {
        launcher.awaitCreated(run);
    }

    /** Waits (at most {@code oven.engine.max-wait}) for the run to finish and be stored. */
    public boolean await(Run run, Duration wait) {
        return launcher.await(run, wait);
    }

    public Duration maxWait() {
        return settings.maxWait();
    }

    public ObjectNode detail(long id) {
        return detail(id, 0, DETAIL_NODES - 1);
    }

    /** The detail with node rows {@code from}..{@code to}: a long run's rows are read a page at a time. */
    public ObjectNode detail(long id, int from, int to) {
        return shown(store.detail(id, from, to).orElseThrow(() -> Problem.notFound("execution " + id)));
    }

    /** A workflow's runs by day and its nodes' durations and failures (GET /api/workflows/:id/stats). */
    public ObjectNode stats(long workflowId, int days) {
        return store.stats(workflowId, days);
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
        Optional<Run> run = launcher.active(id);
        if (run.isPresent()) {
            run.get().cancel();
            return new Cancelled(launcher.await(run.get(), settings.cancelWait()), detail(id));
        }
        ObjectNode execution = detail(id);
        String status = execution.get("status").asText();
        if (!Set.of("waiting", "running", "pending", "paused").contains(status) || !store.cancelParked(id)) {
            throw Problem.conflict("execution " + id + " has already ended (" + status + ")", null);
        }
        return new Cancelled(true, detail(id));
    }

    /**
     * Pauses a run at its next node boundary (a run waiting on a timer at once: its timer waits
     * with it). Answers the execution as it is after a short wait.
     */
    public ObjectNode pause(long id) {
        Optional<Run> run = launcher.active(id);
        if (run.isPresent()) {
            run.get().pause();
            launcher.await(run.get(), settings.cancelWait());
        } else if (!store.pauseWaiting(id)) {
            throw Problem.conflict("execution " + id + " cannot be paused: it is "
                    + detail(id).get("status").asText() + " (running and waiting executions can)", null);
        }
        bus.publish(new ExecutionEvents.PauseRequested(id));
        return detail(id);
    }

    /** Resumes a paused run where it stopped (one paused while waiting on a timer waits again). */
    public ObjectNode resumePaused(long id) {
        ObjectNode row = store.claimPaused(id).orElseThrow(() -> Problem.conflict("execution " + id
                + " is not paused (it is " + detail(id).get("status").asText() + ")", null));
        bus.publish(new ExecutionEvents.Resumed(id));
        if ("running".equals(row.get("status").asText())) {
            parked.resumeClaimed(row);
        }
        return detail(id);
    }

    /**
     * Sends a signal to a run waiting for it ({@code "on": { "<name>": target }}): the run goes on
     * at that target, with the payload as the waiting state's output. 409 when the run is not
     * waiting for a signal of that name (its timeout or another signal came first).
     */
    public ObjectNode signal(long id, JsonNode body) {
        ExecutionRequests.Signal signal = ExecutionRequests.signal(body, mapper);
        ObjectNode execution = detail(id, 0, 0);
        String status = execution.get("status").asText();
        String state = execution.path("currentState").asText(null);
        WorkflowVersion version = workflows.version(execution.get("workflowId").asLong(),
                execution.get("workflowVersion").asInt());
        JsonNode on = version.definition().path("states").path(state == null ? "" : state).path("on");
        if (!"waiting".equals(status) || !on.isObject()) {
            throw Problem.conflict("execution " + id + " is not waiting for a signal (it is " + status + ")", null);
        }
        if (!on.has(signal.name())) {
            List<String> names = new ArrayList<>();
            on.fieldNames().forEachRemaining(names::add);
            throw Problem.conflict("execution " + id + " waits for " + names + ", not '" + signal.name() + "'", "name");
        }
        ObjectNode row = store.claimWaiting(id, state).orElseThrow(() -> Problem.conflict("execution " + id
                + " stopped waiting meanwhile", null));
        bus.publish(new ExecutionEvents.Signalled(id, signal.name()));
        parked.signal(row, signal.name(), signal.payload());
        return detail(id);
    }

    /**
     * Retries a failed (or cancelled) execution from the node it stopped at: a new execution on the
     * same version, starting at that state with the context it had there (the failed node had not
     * changed it), linked to the old one by {@code rerunOf}. Secret config values, stored masked,
     * are looked up again by the nodes that use them.
     */
    public Run retry(long id) {
        ObjectNode old = store.detail(id, 0, 0).orElseThrow(() -> Problem.notFound("execution " + id));
        String status = old.get("status").asText();
        String state = old.path("currentState").asText(null);
        if (!Set.of("failed", "cancelled").contains(status) || state == null) {
            throw Problem.conflict("execution " + id + " is " + status + ": only a failed or cancelled one is "
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
        ExecutionRequests.Rerun request = ExecutionRequests.rerun(body);
        ObjectNode old = store.detail(id, 0, 0).orElseThrow(() -> Problem.notFound("execution " + id));
        String status = old.get("status").asText();
        if (!Set.of("completed", "failed", "cancelled").contains(status)) {
            throw Problem.conflict("execution " + id + " is " + status + ": only an ended one is re-run", null);
        }
        long workflowId = old.get("workflowId").asLong();
        int version = request.currentVersion() ? workflows.get(workflowId).version() : old.get("workflowVersion").asInt();
        String state = request.from();
        if (!workflows.version(workflowId, version).definition().path("states").path(state).isObject()) {
            throw Problem.invalid("from", "version " + version + " has no top-level state '" + state + "'");
        }
        ObjectNode context = request.context() != null ? request.context() : store.contextBefore(id, state)
                .orElseThrow(() -> Problem.invalid("context", "execution " + id + " has no record of '" + state
                        + "' starting: give the context to start it with"));
        return startFrom(old, version, state, context);
    }

    /** A new execution linked to {@code old}, on {@code version}, starting at {@code state} with this context (old's when null). */
    private Run startFrom(ObjectNode old, int version, String state, ObjectNode startContext) {
        long id = old.get("id").asLong();
        launcher.admit();
        long workflowId = old.get("workflowId").asLong();
        Workflow workflow = workflows.get(workflowId);
        WorkflowVersion stored = workflows.version(workflowId, version);
        WorkflowDeployer.Deployment deployment = deployer.version(workflowId, workflow.slug(), version, stored.definition());
        deployer.acquire(deployment);
        String strategy = old.path("strategy").isTextual() ? old.get("strategy").asText() : null;
        Run former = new Run(id, workflowId, deployment.slug, old.get("workflowVersion").asInt(), strategy);
        ObjectNode context;
        try {
            context = former.unsealed(old.get("snapshot"), (ObjectNode) old.get("context"), box);
        } catch (RuntimeException e) {
            deployer.release(deployment.compiled.routeId());
            throw e;
        }
        return launcher.start(deployment, workflowId, new RunLauncher.Start(strategy,
                startContext != null ? startContext : context, state, null, null, null, id, former));
    }
}
