package io.oven.workflows.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.oven.workflows.kit.Run;
import io.oven.workflows.kit.StepInfo;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters of the engine, tagged so a dashboard reads like the workflows: executions
 * started and finished per workflow (slug) and version, their duration by status; node
 * duration and failures per workflow, node id and type; the tracking writer's queue and flushes.
 * Meters are looked up once per name and tags and kept, not searched for on every run.
 */
@Component
public class EngineMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Timer> nodeTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> nodeFailures = new ConcurrentHashMap<>();

    EngineMetrics(MeterRegistry registry, TrackingWriter writer) {
        this.registry = registry;
        Gauge.builder("oven.tracking.queue.depth", writer, TrackingWriter::backlog)
                .description("Tracking rows waiting to be written").register(registry);
        writer.onFlush(this::flushed);
    }

    /** A run refused by admission control (the service was at oven.engine.max-active-runs). */
    public void refused() {
        counter("oven.workflow.executions.refused", "Executions refused because the service was at its bound").increment();
    }

    public void started(Run run) {
        counter("oven.workflow.executions.started", "Executions started", "workflow", run.slug,
                "version", Integer.toString(run.version)).increment();
    }

    public void finished(Run run, String status, Duration took) {
        counter("oven.workflow.executions.finished", "Executions finished, by status", "workflow", run.slug,
                "version", Integer.toString(run.version), "status", status).increment();
        timer("oven.workflow.execution.duration", "Execution duration, by status", "workflow", run.slug,
                "version", Integer.toString(run.version), "status", status).record(took);
    }

    /** Per node, on the hot path: the meters are found by step id, without building a key. */
    void node(Run run, StepInfo step, boolean failed, Duration took) {
        nodeTimers.computeIfAbsent(step.stepId(), id -> timer("oven.workflow.node.duration", "Node duration",
                "workflow", run.slug, "node", step.stateId(), "type", step.nodeType())).record(took);
        if (failed) {
            nodeFailures.computeIfAbsent(step.stepId(), id -> counter("oven.workflow.node.failures", "Node failures",
                    "workflow", run.slug, "node", step.stateId(), "type", step.nodeType())).increment();
        }
    }

    void flushed(Duration took, int rows) {
        timer("oven.tracking.flush", "Tracking batch writes").record(took);
        counter("oven.tracking.rows", "Tracking rows written").increment(rows);
    }

    private Counter counter(String name, String description, String... tags) {
        return counters.computeIfAbsent(key(name, tags), k -> Counter.builder(name).description(description)
                .tags(tags).register(registry));
    }

    private Timer timer(String name, String description, String... tags) {
        return timers.computeIfAbsent(key(name, tags), k -> Timer.builder(name).description(description).tags(tags)
                .publishPercentileHistogram().register(registry));
    }

    private static String key(String name, String... tags) {
        return name + "|" + String.join("|", tags);
    }
}
