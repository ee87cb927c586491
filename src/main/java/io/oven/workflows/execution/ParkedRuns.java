package io.oven.workflows.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.SecretBox;
import io.oven.workflows.deployment.WorkflowDeployer;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.kit.Run;
import io.oven.workflows.settings.EngineSettings;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.tracking.ExecutionStore;
import io.oven.workflows.tracking.TrackingWriter;
import io.oven.workflows.workflow.Workflow;
import io.oven.workflows.workflow.WorkflowService;
import io.oven.workflows.workflow.WorkflowVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings stored runs back: timers that are due (the timer route asks), events a run waits for
 * (the event-wait route asks), signals and resumes of paused runs (the API asks), and, after a
 * restart, runs the last stop interrupted. A run goes on from its stored row on the version it
 * started with.
 */
@Component
class ParkedRuns {

    private static final Logger log = LoggerFactory.getLogger(ParkedRuns.class);
    /** Timers claimed per batch, and batches per poll: 10,000 due together go in one poll. */
    private static final int BATCH = 500;
    private static final int BATCHES = 20;
    private static final Set<String> ENDED = Set.of("completed", "failed", "cancelled");

    private final WorkflowService workflows;
    private final WorkflowDeployer deployer;
    private final ExecutionStore store;
    private final TrackingWriter writer;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final SecretBox box;
    private final EventWaits eventWaits;
    private final RunLauncher launcher;
    private final boolean recoverOnStart;
    private final Instances instances;

    ParkedRuns(WorkflowService workflows, WorkflowDeployer deployer, ExecutionStore store, TrackingWriter writer,
               EventBus bus, ObjectMapper mapper, SecretBox box, EventWaits eventWaits, RunLauncher launcher,
               EngineSettings settings, Instances instances) {
        this.instances = instances;
        this.workflows = workflows;
        this.deployer = deployer;
        this.store = store;
        this.writer = writer;
        this.bus = bus;
        this.mapper = mapper;
        this.box = box;
        this.eventWaits = eventWaits;
        this.launcher = launcher;
        this.recoverOnStart = settings.recoverOnStart();
        launcher.onEarlyEvent(this::deliver);
    }

    /** Resumes parked runs whose timer is due; called by the timer route. */
    int resumeDue() {
        int resumed = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            List<ObjectNode> due = store.claimDue(BATCH);
            Lookups lookups = new Lookups();
            due.forEach(row -> resume(row, Resume.TIMER, lookups));
            resumed += due.size();
            if (due.size() < BATCH) {
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
        takeOver(true);
    }

    /**
     * Resumes the running executions no live instance runs: without an owner, this instance's own
     * from before a restart, and those of instances that are gone (stopped, lease expired, or a
     * dead process on this host). A live instance's runs are never touched.
     */
    int takeOver(boolean atStart) {
        if (!recoverOnStart) {
            return 0;
        }
        List<ObjectNode> orphaned = store.claimOrphaned(instances.deadHere(), instances.lease(), atStart).stream()
                .filter(row -> !launcher.isActive(row.get("id").asLong())).toList();
        orphaned.forEach(this::resumeInterrupted);
        if (!orphaned.isEmpty()) {
            log.info("resumed {} executions interrupted by a stop or a lost instance", orphaned.size());
        }
        return orphaned.size();
    }

    /**
     * Resumes a run waiting for this event at that state, the event's payload as the state's output;
     * nothing when it no longer waits there (another event, a signal or its timeout came first).
     */
    void deliver(EventWaits.Match match) {
        store.claimWaiting(match.executionId(), match.state()).ifPresentOrElse(row -> {
            bus.publish(new ExecutionEvents.EventReceived(match.executionId(), match.eventName()));
            resume(row, Resume.signalled(match.eventName(), match.payload() == null ? mapper.createObjectNode()
                    : match.payload()), new Lookups());
        }, () -> {
            // Not waiting (yet): a run that registered its waits may not have its row stored when an
            // event arrives, so only a run that has ended gives its waits up.
            if (store.status(match.executionId()).filter(ENDED::contains).isPresent()) {
                eventWaits.clear(match.executionId());
            }
        });
    }

    /** Resumes a claimed row of a paused run (it goes on where it stopped). */
    void resumeClaimed(ObjectNode row) {
        resume(row, Resume.PLAIN, new Lookups());
    }

    /** Resumes a claimed row of a waiting run with a signal: the waiting state takes it. */
    void signal(ObjectNode row, String name, JsonNode payload) {
        resume(row, Resume.signalled(name, payload), new Lookups());
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
        resume(row, new Resume(false, null, null, interrupted), new Lookups());
    }

    /** How a run goes on: from its timer, with a signal (or event) for its waiting state, after an interruption. */
    private record Resume(boolean fromTimer, String signal, JsonNode payload, String interrupted) {
        static final Resume PLAIN = new Resume(false, null, null, null);
        static final Resume TIMER = new Resume(true, null, null, null);

        static Resume signalled(String signal, JsonNode payload) {
            return new Resume(false, signal, payload, null);
        }
    }

    /** Workflows and versions read once per batch of resumes (10,000 timers due together are mostly one workflow). */
    private final class Lookups {
        private final Map<Long, Workflow> byId = new HashMap<>();
        private final Map<String, WorkflowVersion> versions = new HashMap<>();

        Workflow workflow(long id) {
            return byId.computeIfAbsent(id, workflows::get);
        }

        WorkflowVersion version(long id, int version) {
            return versions.computeIfAbsent(id + "/" + version, key -> workflows.version(id, version));
        }
    }

    private void resume(ObjectNode row, Resume how, Lookups lookups) {
        long id = row.get("id").asLong();
        if (row.path("snapshot").path(RunLauncher.EVENT_WAITS).asBoolean(false)) {
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
            // A test run stays one: its pinned nodes still use their pins after a resume.
            Run run = new Run(id, workflowId, deployment.slug, version, strategy).asTest(row.path("test").asBoolean(false));
            if (how.interrupted() != null) {
                run.interrupted(how.interrupted());
            }
            String state = row.get("currentState").isNull() ? null : row.get("currentState").asText();
            JsonNode snapshot = row.get("snapshot");
            int afterIndex = snapshot != null && snapshot.has("afterIndex") ? snapshot.get("afterIndex").asInt() : 0;
            launcher.send(run, run.unsealed(snapshot, (ObjectNode) row.get("context"), box), state,
                    how.fromTimer() || how.signal() != null ? state : null, afterIndex, how.signal(), how.payload());
        } catch (RuntimeException e) {
            log.error("execution {} could not be resumed", id, e);
            writer.execution(new TrackingWriter.ExecutionRow(id, "failed", null, row.get("context"), row.get("snapshot"),
                    Instant.now(), "could not be resumed: " + e.getMessage(), null, null));
        }
    }
}
