package io.oven.workflows.runtime;

import java.util.concurrent.CompletableFuture;

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
    final java.time.Instant startedAt = java.time.Instant.now();
    /** Completed by the tracking writer once the execution row exists. */
    final CompletableFuture<String> created = new CompletableFuture<>();
    /** Completed by the tracking writer once the final row is stored. */
    final CompletableFuture<String> finished = new CompletableFuture<>();
    private volatile boolean cancelled;
    /** States passed through by every exchange of this run (regions and loop bodies included). */
    private final java.util.concurrent.atomic.AtomicLong steps = new java.util.concurrent.atomic.AtomicLong();
    private volatile String parkedAt;
    private volatile java.time.Instant resumeAt;
    private volatile int afterIndex;

    private final String strategy;
    private final String routeId;
    /** Secret config values this run looked up: masked in every row it records. */
    private final java.util.Set<com.fasterxml.jackson.databind.JsonNode> secrets =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Run(long executionId, long workflowId, String slug, int version, String strategy) {
        this.executionId = executionId;
        this.workflowId = workflowId;
        this.slug = slug;
        this.version = version;
        this.strategy = strategy;
        this.routeId = routeId(slug, version);
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

    void secret(com.fasterxml.jackson.databind.JsonNode value) {
        secrets.add(value);
    }

    java.util.Set<com.fasterxml.jackson.databind.JsonNode> secrets() {
        return secrets;
    }

    /** Where a snapshot keeps what a resume needs that must not be stored in clear. */
    public static final String SEALED = "sealed";

    boolean holdsSecrets() {
        return !secrets.isEmpty();
    }

    /**
     * The real context and the secret values this run looked up, sealed ({@link io.oven.workflows.config.SecretBox}):
     * stored next to the masked context, so a resumed run sees the real values and masks them still.
     */
    com.fasterxml.jackson.databind.JsonNode sealed(com.fasterxml.jackson.databind.JsonNode context,
                                                   io.oven.workflows.config.SecretBox box) {
        com.fasterxml.jackson.databind.node.ObjectNode plain =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        plain.set("context", context);
        com.fasterxml.jackson.databind.node.ArrayNode values = plain.putArray("secrets");
        secrets.forEach(values::add);
        return box.seal(plain, "execution " + executionId);
    }

    /** The context a snapshot sealed for this execution, its secrets known to this run again; {@code masked} when none. */
    com.fasterxml.jackson.databind.node.ObjectNode unsealed(com.fasterxml.jackson.databind.JsonNode snapshot,
                                                            com.fasterxml.jackson.databind.node.ObjectNode masked,
                                                            io.oven.workflows.config.SecretBox box) {
        if (snapshot == null || !snapshot.has(SEALED)) {
            return masked;
        }
        com.fasterxml.jackson.databind.JsonNode plain = box.open(snapshot.get(SEALED), "execution " + executionId);
        plain.path("secrets").forEach(this::secret);
        return (com.fasterxml.jackson.databind.node.ObjectNode) plain.get("context");
    }

    /** What this run records: {@code node} with its secret values masked. */
    public com.fasterxml.jackson.databind.JsonNode masked(com.fasterxml.jackson.databind.JsonNode node) {
        return io.oven.workflows.config.Masking.mask(node, secrets);
    }

    /** Counts one more state passed through; answers the count so far. */
    public long step() {
        return steps.incrementAndGet();
    }

    private volatile boolean pauseRequested;

    void pause() {
        pauseRequested = true;
    }

    public boolean pauseRequested() {
        return pauseRequested;
    }

    void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** The state whose node the last stop cut off: its first attempt now is its second. */
    private volatile String interrupted;

    void interrupted(String stateId) {
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
    private final java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> eventWaits =
            new java.util.concurrent.ConcurrentHashMap<>();

    void awaitEvent(String name, com.fasterxml.jackson.databind.JsonNode match) {
        eventWaits.put(name, match);
    }

    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> eventWaits() {
        return eventWaits;
    }

    /** The run stopped to wait on a persisted timer at this state; it resumes at {@code resumeAt}. */
    void park(String state, java.time.Instant resumeAt, int afterIndex) {
        this.parkedAt = state;
        this.resumeAt = resumeAt;
        this.afterIndex = afterIndex;
    }

    java.time.Instant resumeAt() {
        return resumeAt;
    }

    int afterIndex() {
        return afterIndex;
    }

    public String parkedAt() {
        return parkedAt;
    }
}
