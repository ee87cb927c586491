package io.oven.workflows.runtime;

import io.oven.workflows.config.ConfigResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** How compiled routes report config lookups and parked runs to the runtime. */
@Component
class RunHooks implements EngineHooks {

    private final TrackingWriter writer;
    private final long timerThresholdMs;

    private final long maxSteps;
    private final long maxContextBytes;

    RunHooks(TrackingWriter writer, @Value("${oven.engine.timer-threshold-ms:5000}") long timerThresholdMs,
             @Value("${oven.engine.max-steps:1000000}") long maxSteps,
             @Value("${oven.engine.max-context-size:1MB}") org.springframework.util.unit.DataSize maxContext) {
        this.maxSteps = maxSteps;
        this.maxContextBytes = maxContext.toBytes();
        this.writer = writer;
        this.timerThresholdMs = timerThresholdMs;
    }

    @Override
    public void configLookup(Run run, String nodeId, ConfigResolver.Resolved resolved) {
        if (resolved.secret()) {
            run.secret(resolved.value());
        }
        writer.configLookup(new TrackingWriter.ConfigLookupRow(run.executionId, nodeId, resolved.moduleName(),
                resolved.key(), resolved.scopeId(), run.masked(resolved.value()), resolved.source(), Instant.now()));
    }

    @Override
    public void park(Run run, String stateId, Instant resumeAt, int afterIndex) {
        run.park(stateId, resumeAt, afterIndex);
    }

    @Override
    public long timerThresholdMs() {
        return timerThresholdMs;
    }

    @Override
    public long maxSteps() {
        return maxSteps;
    }

    @Override
    public long maxContextBytes() {
        return maxContextBytes;
    }
}
