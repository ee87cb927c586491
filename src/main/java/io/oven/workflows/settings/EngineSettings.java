package io.oven.workflows.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code oven.engine}: how workflows run.
 *
 * @param workerThreads     threads a loop's batches and timed nodes may use at once
 * @param runThreads        threads that start runs on their routes
 * @param maxWait           longest an execute request with {@code wait=true} waits for its run
 * @param cancelWait        how long a cancel or pause waits for the run to stop before answering
 * @param recoverOnStart    whether runs a stop interrupted go on after the next start
 * @param maxActiveRuns     runs in this process at once; past it new runs are refused (429)
 * @param maxContextSize    largest context a run may build
 * @param maxStates         most states a definition may have
 * @param maxDepth          deepest nesting of loops and parallel regions
 * @param maxIterations     most iterations one loop may run
 * @param maxSteps          most states one run may pass through (a back edge that never exits)
 * @param timerThresholdMs  waits at least this long are stored as timers; shorter ones wait in memory
 * @param timerPollMs       how often stored timers that are due are looked for
 * @param jsonata           bounds of JSONata expressions
 * @param tracking          how node rows are recorded
 * @param retention         how long ended executions are kept
 * @param sql               the {@code core.sql} node
 * @param eventWait         runs waiting for events
 */
@Validated
@ConfigurationProperties("oven.engine")
public record EngineSettings(
        @DefaultValue("64") @Positive @Max(4096) int workerThreads,
        @DefaultValue("64") @Positive @Max(4096) int runThreads,
        @DefaultValue("30s") @DurationMin(millis = 1) Duration maxWait,
        @DefaultValue("2s") @DurationMin(millis = 0) Duration cancelWait,
        @DefaultValue("true") boolean recoverOnStart,
        @DefaultValue("20000") @Positive int maxActiveRuns,
        @DefaultValue("1MB") DataSize maxContextSize,
        @DefaultValue("2000") @Positive int maxStates,
        @DefaultValue("8") @Positive int maxDepth,
        @DefaultValue("100000") @Positive int maxIterations,
        @DefaultValue("1000000") @Positive long maxSteps,
        @DefaultValue("5000") @PositiveOrZero long timerThresholdMs,
        @DefaultValue("1000") @Min(10) long timerPollMs,
        @Valid @DefaultValue Jsonata jsonata,
        @Valid @DefaultValue Tracking tracking,
        @Valid @DefaultValue Retention retention,
        @Valid @DefaultValue Sql sql,
        @Valid @DefaultValue EventWait eventWait) {

    /**
     * {@code oven.engine.jsonata}.
     *
     * @param timeoutMs longest one expression may run
     * @param maxDepth  deepest recursion one expression may reach
     */
    public record Jsonata(@DefaultValue("1000") @Positive long timeoutMs, @DefaultValue("200") @Positive int maxDepth) {
    }

    /**
     * {@code oven.engine.tracking}.
     *
     * @param enabled       whether node rows are recorded at all
     * @param nodeContexts  whether each top-level node row keeps the context it started with (re-run from a node)
     * @param maxValueSize  largest input or output kept in a node row (larger ones are cut, saying so)
     * @param batchSize     most rows one write batch takes
     * @param lingerMinRuns a writer waits for more rows only while at least this many runs are active
     * @param lingerMs      how long a writer waits to fill a batch
     * @param progressLingerMs how long progress rows (nobody waits on them) wait for the rows after them, often their run's end
     * @param writers       writer threads (all rows of one execution go to the same one); 0: one per two
     *                      cores — on two cores one writer's batches carry more runs per commit
     *                      (player-spawn-lite at c = 8: 481/520 runs/s with two writers, 650/678 with one)
     */
    public record Tracking(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("true") boolean nodeContexts,
            @DefaultValue("256KB") DataSize maxValueSize,
            @DefaultValue("500") @Positive int batchSize,
            @DefaultValue("8") @PositiveOrZero int lingerMinRuns,
            @DefaultValue("2") @PositiveOrZero long lingerMs,
            @DefaultValue("50") @PositiveOrZero @Max(5000) long progressLingerMs,
            @DefaultValue("0") @Min(0) @Max(64) int writers) {

        /** The writer threads to start: as set, or one per two cores when left at 0. */
        public int writerThreads() {
            return writers > 0 ? writers : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    /**
     * {@code oven.engine.retention}.
     *
     * @param maxAge          ended executions older than this are deleted
     * @param keepPerWorkflow beyond the newest this many ended executions of a workflow, older ones go (0: no bound)
     * @param check           how often retention runs
     */
    public record Retention(
            @DefaultValue("30d") @DurationMin(millis = 1) Duration maxAge,
            @DefaultValue("0") @PositiveOrZero int keepPerWorkflow,
            @DefaultValue("1h") @DurationMin(millis = 1) Duration check) {
    }

    /**
     * {@code oven.engine.sql}.
     *
     * @param allowWrites      whether workflows may write with {@code core.sql} (an admin grants each workflow its tables)
     * @param statementTimeout longest one statement may run
     */
    public record Sql(
            @DefaultValue("false") boolean allowWrites,
            @DefaultValue("5s") @DurationMin(millis = 1) Duration statementTimeout) {
    }

    /**
     * {@code oven.engine.event-wait}.
     *
     * @param window an event up to this long before a run began waiting for it still counts
     */
    public record EventWait(@DefaultValue("5m") @DurationMin(millis = 0) Duration window) {
    }
}
