package io.oven.workflows.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.settings.ClusterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * This instance in {@code service_instances}: registered when it starts, its heartbeat written
 * every {@code oven.cluster.heartbeat}, marked stopped when it stops; an instance whose last
 * heartbeat is older than {@code oven.cluster.lease} counts as gone. Rows of instances stopped or
 * gone longer than {@code oven.cluster.forget} are deleted. A heartbeat that fails (the database
 * away) is logged and tried again at the next beat.
 */
@Component
public class Instances implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Instances.class);
    /** How often a save looks whether every instance runs its version. */
    private static final long DEPLOY_POLL_MS = 20;

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ClusterSettings settings;
    private final String id;
    /** This machine's name (looked up once: a lookup may wait on DNS), or {@code oven.cluster.host}. */
    private final String host;
    private volatile ScheduledExecutorService beats;
    private volatile boolean running;
    private final TransactionTemplate tx;
    /** The executions running in this process (the launcher says). */
    private volatile Supplier<Collection<Long>> activeRuns = List::of;
    /** Those of them found owned by another instance when this one last came back from a lapse. */
    private volatile Set<Long> lost = Set.of();
    /** When this instance's heartbeat was last written ({@link System#nanoTime}). */
    private volatile long lastBeat = System.nanoTime();

    Instances(JdbcTemplate jdbc, ObjectMapper mapper, ClusterSettings settings, TransactionTemplate tx) {
        this.tx = tx;
        if (settings.lease().compareTo(settings.heartbeat().multipliedBy(2)) < 0) {
            throw new IllegalStateException("oven.cluster.lease (" + settings.lease() + ") must be at least twice "
                    + "oven.cluster.heartbeat (" + settings.heartbeat() + "): one late beat must not make an instance gone");
        }
        String given = settings.instanceId() == null ? "" : settings.instanceId().trim();
        if (!given.isEmpty() && !given.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalStateException("oven.cluster.instance-id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.settings = settings;
        this.id = given.isEmpty() ? UUID.randomUUID().toString() : given;
        this.host = settings.host() == null || settings.host().isBlank() ? host() : settings.host().trim();
    }

    /** This instance's id. */
    public String id() {
        return id;
    }

    /**
     * The other instances that are gone: stopped, without a heartbeat within the lease, or — on
     * this host — whose process no longer exists (a restart after a kill takes its runs at once,
     * without waiting out the lease).
     */
    public Set<String> gone() {
        return others(false);
    }

    /**
     * The other instances on this host whose process no longer exists: surely gone, whatever their
     * last heartbeat says (unlike a lapsed lease, which a late heartbeat can still renew).
     */
    public Set<String> deadHere() {
        return others(true);
    }

    private Set<String> others(boolean onlyDeadHere) {
        Set<String> gone = new HashSet<>();
        String here = host;
        long self = ProcessHandle.current().pid();
        // The database's clock, not this machine's: instances on several hosts agree on who is gone.
        jdbc.query("select id, host, pid, (stopped_at is null and heartbeat_at >= now() - make_interval(secs => ?)) as alive "
                + "from service_instances where id <> ?", rs -> {
                    long pid = rs.getLong("pid");
                    boolean deadHere = here.equals(rs.getString("host")) && pid != self && ProcessHandle.of(pid).isEmpty();
                    if (deadHere || (!onlyDeadHere && !rs.getBoolean("alive"))) {
                        gone.add(rs.getString("id"));
                    }
                }, leaseSeconds(), id);
        return gone;
    }

    /** After how long without a heartbeat an instance counts as gone. */
    public Duration lease() {
        return settings.lease();
    }

    /**
     * Whether the others may take this instance for gone: its last heartbeat written is older than
     * the lease (the database away, or this process frozen), so its runs may be resumed elsewhere.
     */
    public boolean lapsed() {
        return System.nanoTime() - lastBeat > settings.lease().toNanos();
    }

    /** Where the executions running in this process are to be found (for {@link #owns}). */
    public void activeRuns(Supplier<Collection<Long>> runs) {
        this.activeRuns = runs;
    }

    /**
     * Whether this instance still owns execution {@code id}. Nothing to ask while its heartbeat is
     * within the lease. Once it lapsed (the process frozen, or the database out of reach, past the
     * lease) others may have taken its runs over: before any run goes on, the heartbeat is written
     * and every running execution of this process is read under a row lock — those another
     * instance owns now are given up (their next state is not run, nothing more is written), the
     * rest go on. While the database cannot be reached the runs wait.
     */
    public boolean owns(long id) {
        while (lapsed() && running) {
            try {
                confirm();
            } catch (RuntimeException e) {
                log.warn("instance {} cannot confirm which runs are still its own ({}); they wait", this.id, e.getMessage());
                try {
                    Thread.sleep(settings.heartbeat().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !lost.contains(id);
    }

    private void confirm() {
        heartbeat(true);
    }

    /**
     * Writes the heartbeat. When the one before it is older than the lease — by this process's
     * clock (a run asking after a freeze) or by the database's (the beat itself was frozen between
     * reading the clock and writing) — the others may have taken runs over: the running executions
     * of this process are read under a row lock in the same transaction, and those owned elsewhere
     * are given up.
     */
    private synchronized void heartbeat(boolean onlyIfLapsed) {
        boolean lapsedHere = lapsed();
        if (onlyIfLapsed && !lapsedHere) {
            return; // another thread confirmed meanwhile
        }
        List<Long> mine = List.copyOf(activeRuns.get());
        Set<Long> taken = new HashSet<>();
        boolean[] checked = {false};
        tx.executeWithoutResult(status -> {
            List<Boolean> late = jdbc.queryForList("select stopped_at is not null or heartbeat_at < now() - "
                    + "make_interval(secs => ?) from service_instances where id = ? for update", Boolean.class,
                    leaseSeconds(), id);
            jdbc.update("update service_instances set heartbeat_at = now(), stopped_at = null where id = ?", id);
            if (lapsedHere || late.isEmpty() || late.get(0)) {
                checked[0] = true;
                // Locked: an instance claiming them now skips them, and sees this heartbeat next time.
                jdbc.query("select id, owner from workflow_executions where id = any(?) for update", rs -> {
                    if (!id.equals(rs.getString("owner"))) {
                        taken.add(rs.getLong("id"));
                    }
                }, (Object) mine.toArray(Long[]::new));
            }
        });
        if (checked[0]) {
            lost = Set.copyOf(taken);
            if (!taken.isEmpty()) {
                log.warn("instance {} was taken for gone (no heartbeat within {}): {} of its runs were taken over "
                        + "elsewhere and stop here", id, settings.lease(), taken.size());
            }
        }
        lastBeat = System.nanoTime();
    }

    /** How late a heartbeat may be before an instance counts as lagging: two beats. */
    public Duration lagAfter() {
        return settings.heartbeat().multipliedBy(2);
    }

    /** How often to look for the runs of gone instances: every heartbeat. */
    public Duration takeoverEvery() {
        return settings.heartbeat();
    }

    @Override
    public void start() {
        String version = Instances.class.getPackage().getImplementationVersion();
        awaitIdFree();
        // A restarted instance that keeps its configured id takes its row over.
        jdbc.update("insert into service_instances (id, host, pid, version) values (?, ?, ?, ?) on conflict (id) do update "
                + "set host = excluded.host, pid = excluded.pid, version = excluded.version, started_at = now(), "
                + "heartbeat_at = now(), stopped_at = null", id, host, ProcessHandle.current().pid(), version);
        lastBeat = System.nanoTime();
        // Runs this id owned before a restart are nobody's now: recovery at start takes them (with
        // those stored before owners were). Done before any route starts, so no run this start
        // claims can be taken for a leftover.
        int left = jdbc.update("update workflow_executions set owner = null where owner = ? and status = 'running'", id);
        if (left > 0) {
            log.info("instance {}: {} running executions left from before its restart", id, left);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "oven-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        beats = executor;
        running = true;
        log.info("instance {} registered (heartbeat {}, lease {})", id, settings.heartbeat(), settings.lease());
    }

    /**
     * Two live processes with one id would take each other's runs: a configured id whose row
     * beats, from another process that is not known dead, is waited on for a lease (a restart
     * right after a crash elsewhere), then refused.
     */
    private void awaitIdFree() {
        long self = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + settings.lease().plus(settings.heartbeat()).toNanos();
        while (true) {
            List<String> holder = new ArrayList<>();
            jdbc.query("select host, pid from service_instances where id = ? and stopped_at is null "
                    + "and heartbeat_at >= now() - make_interval(secs => ?)", rs -> {
                        String otherHost = rs.getString("host");
                        long pid = rs.getLong("pid");
                        boolean itIsMe = host.equals(otherHost) && (pid == self || ProcessHandle.of(pid).isEmpty());
                        if (!itIsMe) {
                            holder.add(otherHost + " (pid " + pid + ")");
                        }
                    }, id, leaseSeconds());
            if (holder.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("oven.cluster.instance-id '" + id + "' is in use by a live instance on "
                        + holder.get(0) + ": give every instance an id of its own");
            }
            log.warn("instance id {} still beats on {}; waiting up to {} for it to be gone", id, holder.get(0),
                    settings.lease());
            try {
                Thread.sleep(settings.heartbeat().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for instance id '" + id + "' to be free");
            }
        }
    }

    private void beat() {
        try {
            heartbeat(false);
            jdbc.update("delete from service_instances where id <> ? and coalesce(stopped_at, heartbeat_at) < "
                    + "now() - make_interval(secs => ?)", id, settings.forget().toSeconds());
        } catch (RuntimeException e) {
            log.warn("heartbeat of instance {} failed: {}", id, e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = beats;
        if (executor != null) {
            executor.shutdownNow();
        }
        try {
            jdbc.update("update service_instances set stopped_at = now() where id = ?", id);
        } catch (RuntimeException e) {
            log.warn("instance {} could not be marked stopped: {}", id, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server and stops after it: the row says stopped only once nothing is served. */
    @Override
    public int getPhase() {
        return 0;
    }

    /**
     * {@code GET /api/cluster}: this instance's id, the lease, and every known instance with
     * whether it is alive (its last heartbeat within the lease, not stopped), newest first.
     */
    public ObjectNode describe() {
        ObjectNode answer = mapper.createObjectNode().put("self", id).put("heartbeatMs", settings.heartbeat().toMillis())
                .put("leaseMs", settings.lease().toMillis());
        ArrayNode list = answer.putArray("instances");
        jdbc.query("select id, host, pid, version, started_at, heartbeat_at, stopped_at, deployed::text, deploy_failures::text, "
                + "extract(epoch from now() - heartbeat_at) "
                + "as since, (stopped_at is null and heartbeat_at >= now() - make_interval(secs => ?)) as alive "
                + "from service_instances order by started_at desc, id",
                rs -> {
                    ObjectNode row = list.addObject().put("id", rs.getString("id")).put("host", rs.getString("host"))
                            .put("pid", rs.getLong("pid")).put("version", rs.getString("version"))
                            .put("startedAt", rs.getTimestamp("started_at").toInstant().toString())
                            .put("heartbeatAt", rs.getTimestamp("heartbeat_at").toInstant().toString())
                            .put("alive", rs.getBoolean("alive")).put("self", id.equals(rs.getString("id")));
                    Timestamp stopped = rs.getTimestamp("stopped_at");
                    row.put("stoppedAt", stopped == null ? null : stopped.toInstant().toString());
                    row.put("secondsSinceHeartbeat", Math.round(rs.getDouble("since") * 1000) / 1000.0);
                    row.set("deployed", json(rs.getString("deployed")));
                    row.set("deployFailures", json(rs.getString("deploy_failures")));
                }, leaseSeconds());
        return answer;
    }

    private JsonNode json(String text) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return mapper.createObjectNode();
        }
    }

    private double leaseSeconds() {
        return settings.lease().toMillis() / 1000.0;
    }

    /**
     * Records which version of each workflow runs here (workflow id → version) and why some could
     * not be deployed (workflow id → reason), for the others' saves to wait on and {@code GET
     * /api/cluster} to show.
     */
    public void reportDeployed(Map<Long, Integer> versions, Map<Long, String> failures) {
        try {
            jdbc.update("update service_instances set deployed = cast(? as jsonb), deploy_failures = cast(? as jsonb) "
                    + "where id = ?", mapper.writeValueAsString(versions), mapper.writeValueAsString(failures), id);
        } catch (JsonProcessingException | RuntimeException e) {
            log.warn("instance {} could not record what it runs: {}", id, e.getMessage());
        }
    }

    /**
     * Waits (up to {@code oven.cluster.deploy-wait}) until every live instance runs {@code version}
     * of the workflow, or none runs it when {@code version} is null (disabled or deleted); an
     * instance where that version failed to deploy has answered too. Answers each live instance's
     * version and whether all were in step when the wait ended.
     */
    public ObjectNode awaitDeployed(long workflowId, Integer version) {
        long started = System.nanoTime();
        long deadline = started + settings.deployWait().toNanos();
        Set<String> gone = gone(); // within its lease, but its process is known dead
        while (true) {
            ObjectNode answer = mapper.createObjectNode();
            answer.put("version", version);
            ArrayNode list = answer.putArray("instances");
            boolean[] everywhere = {true};
            String key = Long.toString(workflowId);
            jdbc.query("select id, deployed -> ? as version, deploy_failures ->> ? as failure from service_instances "
                    + "where stopped_at is null and heartbeat_at >= now() - make_interval(secs => ?) order by id", rs -> {
                        if (gone.contains(rs.getString("id"))) {
                            return;
                        }
                        String running = rs.getString("version");
                        Integer runs = running == null ? null : Integer.valueOf(running);
                        String failure = rs.getString("failure");
                        boolean inStep = Objects.equals(runs, version)
                                || (failure != null && version != null && failure.startsWith("version " + version + " "));
                        everywhere[0] &= inStep;
                        list.addObject().put("id", rs.getString("id")).put("version", runs).put("failure", failure)
                                .put("inStep", inStep);
                    }, key, key, leaseSeconds());
            answer.put("everywhere", everywhere[0]);
            if (everywhere[0] || System.nanoTime() >= deadline) {
                answer.put("waitedMs", (System.nanoTime() - started) / 1_000_000);
                return answer;
            }
            try {
                Thread.sleep(DEPLOY_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.put("waitedMs", (System.nanoTime() - started) / 1_000_000);
                return answer;
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
