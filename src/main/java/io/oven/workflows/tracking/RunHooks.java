package io.oven.workflows.tracking;

import io.oven.workflows.cluster.Instances;
import io.oven.workflows.config.ConfigResolver;
import io.oven.workflows.kit.EngineHooks;
import io.oven.workflows.kit.Run;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** How compiled routes report config lookups and parked runs: as tracking rows and on the run. */
@Component
class RunHooks implements EngineHooks {

    private final TrackingWriter writer;
    private final long timerThresholdMs;

    private final long maxSteps;
    private final long maxContextBytes;

    private final Instances instances;

    RunHooks(TrackingWriter writer, EngineSettings settings, Instances instances) {
        this.instances = instances;
        long timerThresholdMs = settings.timerThresholdMs();
        this.maxSteps = settings.maxSteps();
        this.maxContextBytes = settings.maxContextSize().toBytes();
        this.writer = writer;
        this.timerThresholdMs = timerThresholdMs;
    }

    @Override
    public boolean stillOurs(Run run) {
        return instances.owns(run.executionId);
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
