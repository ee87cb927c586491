package io.oven.workflows.kit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.config.Masking;
import io.oven.workflows.config.SecretBox;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One execution while it runs in this process, shared by every exchange working for it
 * (parallel regions, loop iterations). What differs per exchange (the context, the state
 * to run next, the node being traced) lives on the exchange, never here or in ThreadLocals.
 */
public final class Run {

    public final long executionId;
    public final long workflowId;
    public final String slug;
    public final int version;
    /** When this process started (or resumed) the run. */
    public final Instant startedAt = Instant.now();
    /** Completed by the tracking writer once the execution row exists. */
    public final CompletableFuture<String> created = new CompletableFuture<>();
    /** Completed by the tracking writer once the final row is stored. */
    public final CompletableFuture<String> finished = new CompletableFuture<>();
    private volatile boolean cancelled;
    /** States passed through by every exchange of this run (regions and loop bodies included). */
    private final AtomicLong steps = new AtomicLong();
    private volatile String parkedAt;
    private volatile Instant resumeAt;
    private volatile int afterIndex;

    private final String strategy;
    private final String routeId;
    /** Secret config values this run looked up: masked in every row it records. */
    private final Set<JsonNode> secrets =
            ConcurrentHashMap.newKeySet();

    /** A test run: nodes with a pinned output use it instead of running (production runs never do). */
    private volatile boolean test;

    public Run(long executionId, long workflowId, String slug, int version, String strategy) {
        this.executionId = executionId;
        this.workflowId = workflowId;
        this.slug = slug;
        this.version = version;
        this.strategy = strategy;
        this.routeId = routeId(slug, version);
    }

    public boolean test() {
        return test;
    }

    /** Makes this a test run (when it starts as one, and when a test run is resumed). */
    public Run asTest(boolean test) {
        this.test = test;
        return this;
    }

    /** How api-call nodes run in this execution: direct, network, none (dry run); null for each endpoint's default. */
    public String strategy() {
        return strategy;
    }

    public String routeId() {
        return routeId;
    }

    public static String routeId(String slug, int version) {
        return "wf." + slug + ".v" + version;
    }

    public void secret(JsonNode value) {
        secrets.add(value);
    }

    public Set<JsonNode> secrets() {
        return secrets;
    }

    /** Where a snapshot keeps what a resume needs that must not be stored in clear. */
    public static final String SEALED = "sealed";

    public boolean holdsSecrets() {
        return !secrets.isEmpty();
    }

    /**
     * The real context and the secret values this run looked up, sealed ({@link io.oven.workflows.config.SecretBox}):
     * stored next to the masked context, so a resumed run sees the real values and masks them still.
     */
    public JsonNode sealed(JsonNode context,
                                                   SecretBox box) {
        ObjectNode plain =
                JsonNodeFactory.instance.objectNode();
        plain.set("context", context);
        ArrayNode values = plain.putArray("secrets");
        secrets.forEach(values::add);
        return box.seal(plain, "execution " + executionId);
    }

    /** The context a snapshot sealed for this execution, its secrets known to this run again; {@code masked} when none. */
    public ObjectNode unsealed(JsonNode snapshot,
                                                            ObjectNode masked,
                                                            SecretBox box) {
        if (snapshot == null || !snapshot.has(SEALED)) {
            return masked;
        }
        JsonNode plain = box.open(snapshot.get(SEALED), "execution " + executionId);
        plain.path("secrets").forEach(this::secret);
        return (ObjectNode) plain.get("context");
    }

    /** What this run records: {@code node} with its secret values masked. */
    public JsonNode masked(JsonNode node) {
        return Masking.mask(node, secrets);
    }

    /** Counts one more state passed through; answers the count so far. */
    public long step() {
        return steps.incrementAndGet();
    }

    private volatile boolean pauseRequested;

    public void pause() {
        pauseRequested = true;
    }

    public boolean pauseRequested() {
        return pauseRequested;
    }

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** The state whose node the last stop cut off: its first attempt now is its second. */
    private volatile String interrupted;

    public void interrupted(String stateId) {
        interrupted = stateId;
    }

    /** How many attempts of this state's node were made before (1 when a stop cut it off), asked once. */
    public int attemptsBefore(String stateId) {
        if (stateId.equals(interrupted)) {
            interrupted = null;
            return 1;
        }
        return 0;
    }

    /** Events the state it parked at waits for (name → the payload's match). */
    private final Map<String, JsonNode> eventWaits =
            new ConcurrentHashMap<>();

    void awaitEvent(String name, JsonNode match) {
        eventWaits.put(name, match);
    }

    public Map<String, JsonNode> eventWaits() {
        return eventWaits;
    }

    /** The run stopped to wait on a persisted timer at this state; it resumes at {@code resumeAt}. */
    public void park(String state, Instant resumeAt, int afterIndex) {
        this.parkedAt = state;
        this.resumeAt = resumeAt;
        this.afterIndex = afterIndex;
    }

    public Instant resumeAt() {
        return resumeAt;
    }

    public int afterIndex() {
        return afterIndex;
    }

    public String parkedAt() {
        return parkedAt;
    }
}
