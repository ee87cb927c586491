package io.oven.workflows.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.jdbc.PostgresText;
import io.oven.workflows.kit.Run;
import io.oven.workflows.settings.EngineSettings;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.IntSupplier;

/**
 * Writes tracking rows in batches on a few writer threads ("lanes"), so a run never waits on
 * the database per node. All rows of one execution go to the same lane, in order. Each batch
 * is one transaction: node rows first, then each execution's latest row
 * (many progress updates of one execution collapse into one write), then the completions of
 * executions that finished in it. So an execution is never reported finished before its
 * node rows are stored. JSON is serialised here, off the runs' threads.
 *
 * <p>Why one long class: the lanes, the batch loop, the row records and their SQL share one
 * ordering guarantee (node rows before their execution's row, in one transaction); apart, that
 * guarantee would have no single place to read.
 */
@Component
public class TrackingWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrackingWriter.class);

    /** Every row belongs to one execution, which picks its lane. */
    sealed interface Row permits NodeRow, ExecutionRow, NewExecutionRow, ConfigLookupRow, StepRows {
        long executionId();
    }

    /**
     * A top-level node's row and the progress it made (the state to run next, the context): stored in
     * one transaction, so a crash keeps both or neither and a resumed run never runs a stored node again.
     */
    record StepRows(NodeRow node, ExecutionRow progress) implements Row {
        @Override
        public long executionId() {
            return node.executionId();
        }
    }

    /** The rows of a batch with each step's two rows side by side. */
    private static List<Row> flat(List<Row> batch) {
        List<Row> rows = new ArrayList<>(batch.size() + 8);
        for (Row row : batch) {
            if (row instanceof StepRows s) {
                rows.add(s.node());
                rows.add(s.progress());
            } else {
                rows.add(row);
            }
        }
        return rows;
    }

    /** A node execution row. */
    public record NodeRow(long executionId, String nodeId, String nodeType, String status, JsonNode input, JsonNode output,
                   String error, int attempt, Instant startedAt, Instant completedAt, JsonNode contextBefore) implements Row {

        public NodeRow(long executionId, String nodeId, String nodeType, String status, JsonNode input, JsonNode output,
                String error, int attempt, Instant startedAt, Instant completedAt) {
            this(executionId, nodeId, nodeType, status, input, output, error, attempt, startedAt, completedAt, null);
        }
    }

    /** The execution row as it should now be; {@code finished} is completed once it is stored, if set. */
    public record ExecutionRow(long executionId, String status, String currentState, JsonNode context, JsonNode snapshot,
                        Instant completedAt, String error, Instant resumeAt, Run finished) implements Row {
    }

    /** A new execution row; {@code run.created} completes once it is stored. */
    public record NewExecutionRow(long executionId, long workflowId, int version, String triggerEvent, JsonNode triggerPayload,
                           JsonNode context, String state, Instant startedAt, Run run, String triggerEventId,
                           Long rerunOf) implements Row {

        public NewExecutionRow(long executionId, long workflowId, int version, String triggerEvent, JsonNode triggerPayload,
                        JsonNode context, String state, Instant startedAt, Run run, String triggerEventId) {
            this(executionId, workflowId, version, triggerEvent, triggerPayload, context, state, startedAt, run,
                    triggerEventId, null);
        }
    }

    record ConfigLookupRow(long executionId, String nodeId, String module, String key, String scopeId, JsonNode value,
                           String source, Instant at) implements Row {
    }

    private final List<BlockingQueue<Row>> lanes = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    /** Each writer thread builds its COPY text with its own buffer and JSON generator. */
    private final ThreadLocal<CopyRows> copyRows;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    /** This instance: the owner of the executions it starts. */
    private final String owner;
    private final Instances instances;
    private final int batchSize;
    private final long lingerMs;
    private volatile boolean running;
    private final int lingerMinRuns;
    private final long progressLingerMs;
    private volatile IntSupplier inFlight = () -> 0;
    private volatile BiConsumer<Duration, Integer> flushed = (took, rows) -> { };

    TrackingWriter(JdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper,
                   EngineSettings settings, Instances instances) {
        this.owner = instances.id();
        this.instances = instances;
        int batchSize = settings.tracking().batchSize();
        long lingerMs = settings.tracking().lingerMs();
        int lingerMinRuns = settings.tracking().lingerMinRuns();
        int writers = settings.tracking().writerThreads();
        for (int i = 0; i < Math.max(1, writers); i++) {
            lanes.add(new LinkedBlockingQueue<>(100_000));
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
        this.lingerMinRuns = lingerMinRuns;
        this.progressLingerMs = settings.tracking().progressLingerMs();
        this.copyRows = ThreadLocal.withInitial(() -> new CopyRows(mapper));
    }

    public void created(NewExecutionRow row) {
        put(row);
    }

    /** A node row; dropped when it is written if another instance has taken the run over meanwhile. */
    public void node(NodeRow row) {
        put(row);
    }

    public void execution(ExecutionRow row) {
        put(row);
    }

    void step(NodeRow node, ExecutionRow progress) {
        put(new StepRows(node, progress));
    }

    void configLookup(ConfigLookupRow row) {
        put(row);
    }

    /** How many runs are in flight: the writer lingers for more rows only when there are many. */
    public void inFlight(IntSupplier runs) {
        this.inFlight = runs;
    }

    /** Told the time and size of every batch written (for metrics). */
    void onFlush(BiConsumer<Duration, Integer> listener) {
        this.flushed = listener;
    }

    int backlog() {
        return lanes.stream().mapToInt(BlockingQueue::size).sum();
    }

    private void put(Row row) {
        // A thread interrupted on its way here (a parallel region its multicast gave up on) still
        // records what it did: the row is queued and the interrupt is kept for whoever asks next.
        boolean interrupted = Thread.interrupted();
        try {
            // Blocks only when the database has fallen far behind: back-pressure, not loss.
            lanes.get((int) Math.floorMod(row.executionId(), (long) lanes.size())).put(row);
        } catch (InterruptedException e) {
            interrupted = true;
            throw new IllegalStateException("interrupted while queueing a tracking row", e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop(BlockingQueue<Row> queue) {
        List<Row> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Row first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                // Without a linger, batches form by themselves: rows queue up while the last batch is written.
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMs);
                // Group commit: while many runs are in flight, wait a moment for more rows, so one
                // transaction carries many runs' rows (per-transaction cost dominates the database
                // work). With few runs in flight, write at once: nobody would join the batch.
                while (lingerMs > 0 && batch.size() < batchSize && inFlight.getAsInt() >= lingerMinRuns) {
                    queue.drainTo(batch, batchSize - batch.size());
                    long left = deadline - System.nanoTime();
                    if (batch.size() >= batchSize || left <= 0) {
                        break;
                    }
                    Row next = queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                holdProgress(queue, batch);
                long started = System.nanoTime();
                write(batch);
                flushed.accept(Duration.ofNanos(System.nanoTime() - started), batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    writeInstead(batch.get(0), e);
                } else {
                    // One bad row must not take the others with it: each is written on its own, in order.
                    log.warn("writing {} tracking rows together failed ({}); writing them one by one", batch.size(),
                            e.getMessage());
                    for (Row row : batch) {
                        try {
                            write(List.of(row));
                        } catch (RuntimeException one) {
                            writeInstead(row, one);
                        }
                    }
                }
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Progress alone (node rows, a run's new state) need not be written at once: nobody waits on
     * it, and a crash loses at most what an unflushed commit would. So it waits up to
     * {@code oven.engine.tracking.progress-linger-ms} for the rows after it — most often its run's
     * end, which is written at once and takes the progress with it: a run costs two transactions
     * (its start, its end) instead of one per node, and nothing it answers waits longer.
     */
    private void holdProgress(BlockingQueue<Row> queue, List<Row> batch) throws InterruptedException {
        if (progressLingerMs <= 0 || batch.stream().anyMatch(TrackingWriter::awaited)) {
            return;
        }
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(progressLingerMs);
        while (batch.size() < batchSize) {
            long left = until - System.nanoTime();
            Row next = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            int from = batch.size();
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
            for (int i = from; i < batch.size(); i++) {
                if (awaited(batch.get(i))) {
                    return;
                }
            }
        }
    }

    /** A row someone waits for: a run's start (its id is answered) or its end (the run is done once stored). */
    private static boolean awaited(Row row) {
        return row instanceof NewExecutionRow
                || row instanceof ExecutionRow e && (e.finished() != null || e.completedAt() != null);
    }

    private void write(List<Row> batch) {
        List<Object[]> inserts = new ArrayList<>();
        List<Run> created = new ArrayList<>();
        CopyRows nodes = copyRows.get();
        nodes.reset();
        List<Object[]> lookups = new ArrayList<>();
        Map<Long, ExecutionRow> executions = new LinkedHashMap<>();
        List<Run> finished = new ArrayList<>();
        for (Row row : flat(batch)) {
            if (row instanceof NewExecutionRow x) {
                inserts.add(new Object[]{x.executionId(), x.workflowId(), x.version(), x.triggerEvent(),
                        json(x.triggerPayload()), json(x.context()), x.state(), ts(x.startedAt()), x.run().strategy(),
                        x.triggerEventId(), x.rerunOf(), x.run().test(), owner});
                created.add(x.run());
            } else if (row instanceof NodeRow n) {
                if (!instances.owns(n.executionId())) {
                    continue; // this instance lapsed and the run goes on elsewhere (see Instances#owns)
                }
                nodes.value(n.executionId()).value(n.nodeId()).value(n.nodeType()).value(n.status())
                        .json(n.input()).json(n.output()).value(n.error()).value(n.attempt())
                        .time(n.startedAt()).time(n.completedAt())
                        .value(n.startedAt() == null || n.completedAt() == null ? null
                                : n.completedAt().toEpochMilli() - n.startedAt().toEpochMilli())
                        .json(n.contextBefore())
                        .endRow();
            } else if (row instanceof ConfigLookupRow c) {
                lookups.add(new Object[]{c.executionId(), c.nodeId(), PostgresText.text(c.module()), PostgresText.text(c.key()),
                        PostgresText.text(c.scopeId()), json(c.value()),
                        c.source(), ts(c.at())});
            } else if (row instanceof ExecutionRow e) {
                executions.put(e.executionId(), e);
                if (e.finished() != null) {
                    finished.add(e.finished());
                }
            }
        }
        // One update per execution (its latest row), bound in the order of the statement below.
        List<Object[]> updates = new ArrayList<>(executions.size());
        for (ExecutionRow e : executions.values()) {
            updates.add(new Object[]{e.status(), e.currentState(), json(e.context()), json(e.snapshot()),
                    ts(e.completedAt()), PostgresText.text(e.error()), ts(e.resumeAt()), e.executionId(), owner});
        }
        boolean completes = !finished.isEmpty();
        boolean hasNodes = !nodes.isEmpty();
        tx.executeWithoutResult(status -> {
            if (!completes) {
                // Progress only: losing it in a crash means resuming from an earlier node, so it need
                // not wait for the WAL flush. A batch that finishes an execution is flushed.
                jdbc.execute("set local synchronous_commit to off");
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate("insert into workflow_executions (id, workflow_id, workflow_version, status, "
                        + "trigger_event, trigger_payload, context, current_state, started_at, strategy, trigger_event_id, "
                        + "rerun_of, test, owner) values (?, ?, ?, 'running', ?, cast(? as jsonb), cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?) "
                        + "on conflict (workflow_id, trigger_event_id) where trigger_event_id is not null do nothing",
                        inserts);
            }
            if (hasNodes) {
                // COPY is several times cheaper for PostgreSQL than inserts, batched or not.
                jdbc.execute((ConnectionCallback<Long>) connection -> {
                    try {
                        return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                                "copy node_executions (execution_id, node_id, node_type, status, input, output, error, "
                                        + "attempt, started_at, completed_at, duration_ms, context_before) from stdin (format csv)",
                                new StringReader(nodes.text()));
                    } catch (IOException e) {
                        throw new SQLException("copy of node rows failed", e);
                    }
                });
            }
            if (!lookups.isEmpty()) {
                jdbc.batchUpdate("insert into execution_config_lookups (execution_id, node_id, module_name, key, "
                        + "scope_id, value, source, looked_up_at) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)", lookups);
            }
            if (!updates.isEmpty()) {
                // By primary key, one statement per execution in one round trip: a plan that joins an
                // array of ids could scan the table, and a generic plan made while it was small would
                // go on scanning it as it grows. A cancelled execution stays cancelled whatever a late
                // progress row says. Only the owner writes: an instance that was taken for gone (frozen
                // past its lease) and wakes up finds its runs owned elsewhere and its writes refused.
                int[] counts = jdbc.batchUpdate("update workflow_executions set "
                        + "status = case when status = 'cancelled' then status else ? end, current_state = ?, "
                        + "context = cast(? as jsonb), snapshot = cast(? as jsonb), completed_at = coalesce(?, completed_at), "
                        + "error = coalesce(?, error), resume_at = ? where id = ? and owner is not distinct from ?", updates);
                long refused = Arrays.stream(counts).filter(count -> count == 0).count();
                if (refused > 0) {
                    log.warn("{} execution updates refused: those executions are no longer this instance's "
                            + "(taken over after its lease expired) or were never stored", refused);
                }
            }
        });
        created.forEach(run -> run.created.complete("stored"));
        finished.forEach(run -> run.finished.complete("stored"));
    }

    /**
     * A row the database refused, written in a form it takes: the node or the execution marked failed
     * with the reason, without the values that could not be stored. Lost only if even that fails.
     */
    private void writeInstead(Row row, RuntimeException refused) {
        if (row instanceof StepRows s) {
            for (Row part : List.of(s.node(), s.progress())) {
                try {
                    write(List.of(part));
                } catch (RuntimeException e) {
                    writeInstead(part, e);
                }
            }
            return;
        }
        String reason = "could not be stored: " + rootMessage(refused);
        Row instead;
        if (row instanceof NodeRow n) {
            instead = new NodeRow(n.executionId(), n.nodeId(), n.nodeType(), "failed", null, null, reason, n.attempt(),
                    n.startedAt(), n.completedAt());
        } else if (row instanceof ExecutionRow x) {
            instead = new ExecutionRow(x.executionId(), "failed", x.currentState(), JsonNodeFactory.instance.objectNode(),
                    x.snapshot(),
                    x.completedAt() != null ? x.completedAt() : Instant.now(), reason, null, x.finished());
        } else if (row instanceof NewExecutionRow x) {
            // The run goes on; its next progress row brings its state.
            instead = new NewExecutionRow(x.executionId(), x.workflowId(), x.version(), x.triggerEvent(), null,
                    JsonNodeFactory.instance.objectNode(), x.state(), x.startedAt(), x.run(), x.triggerEventId(),
                    x.rerunOf());
        } else {
            ConfigLookupRow c = (ConfigLookupRow) row;
            instead = new ConfigLookupRow(c.executionId(), c.nodeId(), c.module(), c.key(), c.scopeId(), null, c.source(),
                    c.at());
        }
        log.error("a tracking row of execution {} was refused ({}); storing it without its values", row.executionId(),
                rootMessage(refused));
        try {
            write(List.of(instead));
        } catch (RuntimeException e) {
            log.error("tracking row of execution {} is lost", row.executionId(), e);
            failWaiters(List.of(row), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private void failWaiters(List<Row> batch, RuntimeException e) {
        for (Row row : flat(batch)) {
            if (row instanceof ExecutionRow r && r.finished() != null) {
                r.finished().finished.completeExceptionally(e);
            } else if (row instanceof NewExecutionRow x) {
                x.run().created.completeExceptionally(e);
                x.run().finished.completeExceptionally(e);
            }
        }
    }

    private String json(JsonNode node) {
        if (node == null) {
            return null;
        }
        try {
            String json = mapper.writeValueAsString(node);
            return PostgresText.mayHoldNul(json, 0) ? mapper.writeValueAsString(PostgresText.json(node)) : json;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < lanes.size(); i++) {
            BlockingQueue<Row> lane = lanes.get(i);
            Thread thread = new Thread(() -> loop(lane), "oven-tracking-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** Drains what is queued before the database goes away. */
    @Override
    public void stop() {
        running = false;
        try {
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after Camel (which stops late), so the last runs' rows are still written. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
