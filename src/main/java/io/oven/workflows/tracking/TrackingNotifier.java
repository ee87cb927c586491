package io.oven.workflows.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.SecretBox;
import io.oven.workflows.eventbus.EventBus;
import io.oven.workflows.kit.ExchangeKeys;
import io.oven.workflows.kit.ExecutionCancelled;
import io.oven.workflows.kit.JsonSize;
import io.oven.workflows.kit.NodeTrace;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.StepInfo;
import io.oven.workflows.kit.Tracing;
import io.oven.workflows.settings.EngineSettings;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Records every node by interception: Camel emits StepStarted / StepCompleted / StepFailed
 * around each state's step, and this notifier turns them into node rows and execution
 * progress. Nodes carry no tracking code of their own; they only fill in the trace this
 * notifier put on the exchange (input, output, attempts).
 */
@Component
public class TrackingNotifier extends EventNotifierSupport {

    private final StepCatalog catalog;
    private final TrackingWriter writer;
    private volatile boolean enabled;
    private final EventBus bus;
    private final EngineMetrics metrics;

    private final long maxValueBytes;

    private final SecretBox box;
    /** Whether top-level node rows keep the context they started with (what a re-run from a node starts from). */
    private final boolean nodeContexts;

    TrackingNotifier(StepCatalog catalog, TrackingWriter writer, EventBus bus, EngineMetrics metrics,
                     SecretBox box,
                     EngineSettings settings) {
        boolean nodeContexts = settings.tracking().nodeContexts();
        boolean enabled = settings.tracking().enabled();
        this.maxValueBytes = settings.tracking().maxValueSize().toBytes();
        this.box = box;
        this.nodeContexts = nodeContexts;
        this.catalog = catalog;
        this.writer = writer;
        this.bus = bus;
        this.metrics = metrics;
        this.enabled = enabled;
        setIgnoreExchangeEvents(true);
        setIgnoreCamelContextEvents(true);
        setIgnoreCamelContextInitEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(false);
    }

    /** Turns node tracking on or off at run time (benchmarks compare both); runs still record their end. */
    public void setTracking(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return enabled && event instanceof CamelEvent.StepEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        CamelEvent.StepEvent stepEvent = (CamelEvent.StepEvent) event;
        StepInfo step = catalog.find(stepEvent.getStepId());
        if (step == null) {
            return;
        }
        Exchange exchange = stepEvent.getExchange();
        String key = Tracing.key(step.stepId());
        if (event instanceof CamelEvent.StepStartedEvent) {
            NodeTrace started = new NodeTrace(step, Instant.now());
            Run starting = exchange.getProperty(ExchangeKeys.RUN, Run.class);
            if (nodeContexts && starting != null && step.routeId().equals(starting.routeId())) {
                started.contextBefore = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            }
            exchange.setProperty(key, started);
            announce(exchange.getProperty(ExchangeKeys.RUN, Run.class), step, "started");
            return;
        }
        NodeTrace trace = (NodeTrace) exchange.removeProperty(key);
        Run run = exchange.getProperty(ExchangeKeys.RUN, Run.class);
        if (trace == null || run == null) {
            return;
        }
        Instant now = Instant.now();
        for (NodeTrace.Attempt a : trace.failedAttempts) {
            writer.node(new TrackingWriter.NodeRow(run.executionId, step.stateId(), step.nodeType(), "failed", bounded(run.masked(a.input())),
                    null, a.error(), a.attempt(), a.startedAt(), a.completedAt()));
        }
        boolean failed = event instanceof CamelEvent.StepFailedEvent || trace.failed;
        String error = trace.error;
        if (failed && error == null && exchange.getException() != null) {
            error = exchange.getException().getMessage();
        }
        if (exchange.getException() instanceof ExecutionCancelled) {
            return;
        }
        TrackingWriter.NodeRow row = new TrackingWriter.NodeRow(run.executionId, step.stateId(), step.nodeType(),
                failed ? "failed" : trace.pinned ? "pinned" : "completed", bounded(run.masked(trace.input)),
                failed ? null : bounded(run.masked(trace.output)), error, trace.attempt,
                trace.startedAt, now, trace.contextBefore == null ? null : bounded(run.masked(trace.contextBefore)));
        if (step.routeId().equals(run.routeId()) && !failed) {
            String next = exchange.getProperty(ExchangeKeys.STATE, String.class);
            ObjectNode context = exchange.getProperty(ExchangeKeys.CONTEXT, ObjectNode.class);
            writer.step(row, new TrackingWriter.ExecutionRow(run.executionId, "running", next, (ObjectNode) run.masked(context),
                    sealing(snapshot(run, next), run, context, box), null, null, null, null));
        } else {
            writer.node(row);
        }
        announce(run, step, failed ? "failed" : "completed");
        metrics.node(run, step, failed, Duration.between(trace.startedAt, now));
    }

    private void announce(Run run, StepInfo step, String what) {
        if (run != null && bus.hasListeners("workflows.node." + what)) {
            bus.publish(new NodeEvent(what, run.executionId, step.stateId(), step.nodeType()));
        }
    }

    /**
     * A node's input or output as its row keeps it: above {@code oven.engine.tracking.max-value-size}
     * it is replaced by a marker with its size and the start of its text, so history stays bounded.
     */
    JsonNode bounded(JsonNode value) {
        if (value == null || !JsonSize.exceeds(value, maxValueBytes)) {
            return value;
        }
        String text = value.toString();
        return JsonNodeFactory.instance.objectNode().put("truncated", true).put("size", text.length())
                .put("preview", text.substring(0, Math.min(text.length(), 1000)));
    }

    /** The snapshot with the sealed real context added when the run holds secrets (see {@link Run#sealed}). */
    public static ObjectNode sealing(ObjectNode snapshot, Run run, ObjectNode context, SecretBox box) {
        if (run.holdsSecrets() && context != null) {
            snapshot.set(Run.SEALED, run.sealed(context, box));
        }
        return snapshot;
    }

    /** Enough to resume: the state to run next and the version it belongs to. */
    public static ObjectNode snapshot(Run run, String next) {
        ObjectNode snapshot = JsonNodeFactory.instance.objectNode();
        snapshot.put("state", next);
        snapshot.put("route", run.routeId());
        snapshot.put("version", run.version);
        return snapshot;
    }
}
