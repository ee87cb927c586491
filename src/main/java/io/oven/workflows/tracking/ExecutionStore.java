package io.oven.workflows.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.cluster.Instances;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.registry.NodeTypeRegistry;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The {@code workflow_executions}, {@code node_executions} and config lookup rows, as the API shows them. */
@Repository
public class ExecutionStore {

    public static final Map<String, String> SORTS = Map.of(
            "id", "id", "workflowId", "workflow_id", "status", "status", "startedAt", "started_at",
            "completedAt", "completed_at", "workflowVersion", "workflow_version");
    private static final Set<String> STATUSES = Set.of("pending", "running", "waiting", "completed", "failed", "cancelled");

    private static final int ID_BLOCK = 200;

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final NodeTypeRegistry types;
    private final ArrayDeque<Long> ids = new ArrayDeque<>();
    /** This instance: whoever claims a run to resume it becomes its owner. */
    private final String me;

    ExecutionStore(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, NodeTypeRegistry types, Instances instances) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.types = types;
        this.me = instances.id();
    }

    /**
     * A new execution id. Ids come from the table's sequence in blocks, so starting a run costs
     * no round trip; the row itself is written by the tracking writer with the first batch.
     */
    public synchronized long nextId() {
        if (ids.isEmpty()) {
            ids.addAll(jdbc.queryForList("select nextval('workflow_executions_id_seq') from generate_series(1, "
                    + ID_BLOCK + ")", Map.of(), Long.class));
        }
        return ids.poll();
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "workflowId" -> {
                    if (!v.canConvertToLong() && !(v.isTextual() && v.asText().matches("\\d{1,18}"))) {
                        throw Problem.invalid("filter.workflowId", "must be a workflow id");
                    }
                    where.add("workflow_id = :workflowId");
                    params.addValue("workflowId", v.asLong());
                }
                case "status" -> {
                    if (!v.isTextual() || !STATUSES.contains(v.asText())) {
                        throw Problem.invalid("filter.status", "must be one of " + STATUSES.stream().sorted().toList());
                    }
                    where.add("status = :status");
                    params.addValue("status", v.asText());
                }
                case "id" -> {
                    List<Long> ids = new ArrayList<>();
                    (v.isArray() ? v : mapper.createArrayNode().add(v)).forEach(i -> ids.add(i.asLong()));
                    where.add(ids.isEmpty() ? "false" : "id in (:ids)");
                    params.addValue("ids", ids);
                }
                case "q" -> {
                    where.add("(cast(id as text) = :q or status = :q or trigger_event = :q or current_state = :q)");
                    params.addValue("q", v.asText());
                }
                default -> throw Problem.invalid("filter." + f.getKey(),
                        "unknown filter; use workflowId, status, id or q");
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.queryForObject("select count(*) from workflow_executions" + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        // Each row also says where its time went: its six slowest nodes by total time (by primary-key index).
        List<ObjectNode> items = jdbc.query("select e.*, w.name as workflow_name, w.slug as workflow_slug, t.node_times "
                + "from (select * from workflow_executions" + whereSql + " order by " + SORTS.get(query.sortField())
                + direction + ", id" + direction + " limit :limit offset :offset) e "
                + "left join workflows w on w.id = e.workflow_id "
                + "left join lateral (select json_agg(json_build_object('nodeId', x.node_id, 'ms', x.ms) order by x.ms desc) "
                + "as node_times from (select node_id, sum(coalesce(duration_ms, 0)) as ms from node_executions n "
                + "where n.execution_id = e.id group by node_id order by ms desc limit 6) x) t on true "
                + "order by e." + SORTS.get(query.sortField()) + direction
                + ", e.id" + direction, params, (rs, n) -> row(rs));
        return new Page<>(items, total);
    }

    /**
     * A workflow's runs by day and status over the last {@code days} days, and each node's run
     * count, failures and duration percentiles over the latest 1,000 of those runs (so the answer
     * costs the same with a million stored).
     */
    public ObjectNode stats(long workflowId, int days) {
        Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofDays(days)));
        Map<String, Object> params = Map.of("w", workflowId, "since", since);
        ObjectNode answer = mapper.createObjectNode().put("workflowId", workflowId).put("days", days)
                .put("since", since.toInstant().toString());
        Map<String, ObjectNode> byDay = new TreeMap<>();
        jdbc.query("select to_char(date_trunc('day', started_at at time zone 'UTC'), 'YYYY-MM-DD') as day, status, "
                + "count(*) as runs from workflow_executions where workflow_id = :w and started_at >= :since "
                + "group by 1, 2", params, rs -> {
                    ObjectNode day = byDay.computeIfAbsent(rs.getString("day"), d -> mapper.createObjectNode().put("day", d)
                            .put("completed", 0).put("failed", 0).put("cancelled", 0).put("other", 0));
                    String status = rs.getString("status");
                    String key = Set.of("completed", "failed", "cancelled").contains(status) ? status : "other";
                    day.put(key, day.get(key).asLong() + rs.getLong("runs"));
                });
        answer.putArray("runs").addAll(byDay.values());
        ArrayNode nodes = answer.putArray("nodes");
        jdbc.query("with recent as (select id from workflow_executions where workflow_id = :w and started_at >= :since "
                + "order by started_at desc limit 1000) "
                + "select node_id, count(*) as runs, count(*) filter (where status = 'failed') as failed, "
                + "percentile_cont(0.5) within group (order by duration_ms) as p50, "
                + "percentile_cont(0.95) within group (order by duration_ms) as p95 "
                + "from node_executions where execution_id in (select id from recent) group by node_id order by node_id",
                params, rs -> {
                    nodes.addObject().put("nodeId", rs.getString("node_id")).put("runs", rs.getLong("runs"))
                            .put("failed", rs.getLong("failed")).put("p50Ms", rs.getDouble("p50"))
                            .put("p95Ms", rs.getDouble("p95"));
                });
        return answer;
    }

    Optional<ObjectNode> find(long id) {
        return jdbc.query("select e.*, w.name as workflow_name, w.slug as workflow_slug from workflow_executions e "
                        + "left join workflows w on w.id = e.workflow_id where e.id = :id", Map.of("id", id),
                (rs, n) -> row(rs)).stream().findFirst();
    }

    /** The execution with node rows {@code from} to {@code to} (inclusive, in the order they ran) and their total. */
    public Optional<ObjectNode> detail(long id, int from, int to) {
        return find(id).map(execution -> {
            ArrayNode nodes = execution.putArray("nodes");
            jdbc.query("select * from node_executions where execution_id = :id order by id offset :from limit :count",
                    Map.of("id", id, "from", from, "count", to - from + 1),
                    (rs, n) -> nodes.add(withCategory(JsonRows.row(rs, mapper, true))));
            Long total = nodes.size() < to - from + 1 && from == 0 ? Long.valueOf(nodes.size())
                    : jdbc.queryForObject("select count(*) from node_executions where execution_id = :id",
                            Map.of("id", id), Long.class);
            execution.put("nodesTotal", total);
            ArrayNode lookups = execution.putArray("configLookups");
            jdbc.query("select * from execution_config_lookups where execution_id = :id order by id", Map.of("id", id),
                    (rs, n) -> lookups.add(row(rs)));
            return execution;
        });
    }

    /** Whether an execution of the workflow was started by this event. */
    public boolean startedBy(long workflowId, String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from workflow_executions "
                + "where workflow_id = :workflow and trigger_event_id = :event)",
                Map.of("workflow", workflowId, "event", eventId), Boolean.class));
    }

    /** Marks a run that is not in this process (parked, or left by a crash) cancelled; false if it had ended. */
    public boolean cancelParked(long id) {
        return jdbc.update("update workflow_executions set status = 'cancelled', completed_at = now(), resume_at = null, "
                + "error = 'cancelled' where id = :id and status in ('waiting', 'pending', 'running', 'paused')",
                Map.of("id", id)) > 0;
    }

    /** Pauses a run parked on a timer (not in any process): its resume_at is kept for when it resumes. */
    public boolean pauseWaiting(long id) {
        return jdbc.update("update workflow_executions set status = 'paused' where id = :id and status = 'waiting'",
                Map.of("id", id)) > 0;
    }

    /**
     * Takes a paused run back: one with a timer waits again (the timer poller resumes it when due),
     * one without goes back to running and is answered for this process to resume.
     */
    public Optional<ObjectNode> claimPaused(long id) {
        return jdbc.query("update workflow_executions set status = case when resume_at is null then 'running' "
                + "else 'waiting' end, owner = :me where id = :id and status = 'paused' returning *", Map.of("id", id, "me", me),
                (rs, n) -> row(rs)).stream().findFirst();
    }

    /** Takes a run waiting at {@code state} (for a signal), so one caller resumes it: a timer or another signal lose. */
    public Optional<ObjectNode> claimWaiting(long id, String state) {
        return jdbc.query("update workflow_executions set status = 'running', resume_at = null, owner = :me where id = :id "
                + "and status = 'waiting' and current_state = :state returning *", Map.of("id", id, "state", state, "me", me),
                (rs, n) -> row(rs)).stream().findFirst();
    }

    /** Claims parked runs that are due, so one instance resumes each (and owns them from then on). */
    public List<ObjectNode> claimDue(int limit) {
        return jdbc.query("update workflow_executions set status = 'running', resume_at = null, owner = :me where id in ("
                        + "select id from workflow_executions where status = 'waiting' and resume_at <= now() "
                        + "order by resume_at limit :limit for update skip locked) returning *",
                Map.of("limit", limit, "me", me), (rs, n) -> row(rs));
    }

    /** The context the last top-level node of {@code state} in this execution started with. */
    public Optional<ObjectNode> contextBefore(long id, String state) {
        return jdbc.query("select context_before::text from node_executions where execution_id = :id and node_id = :state "
                        + "and context_before is not null order by id desc limit 1", Map.of("id", id, "state", state),
                (rs, n) -> {
                    try {
                        return (ObjectNode) mapper.readTree(rs.getString(1));
                    } catch (JsonProcessingException e) {
                        throw new UncheckedIOException(e);
                    }
                }).stream().findFirst();
    }

    public Optional<String> status(long id) {
        return jdbc.queryForList("select status from workflow_executions where id = :id", Map.of("id", id), String.class)
                .stream().findFirst();
    }

    /**
     * Running executions this instance takes over: those of a {@code gone} instance, and — {@code
     * atStart} only — those without an owner (stored before owners were, or left by this instance's
     * id before a restart: {@code Instances} lets them go when it registers). Its own running rows
     * are its live runs, or runs whose end is still being written. Rows are locked as they are claimed and rows locked
     * by another instance's claim are skipped, so of two instances looking at once, one gets each.
     */
    public List<ObjectNode> claimOrphaned(Set<String> deadHere, Duration lease, boolean atStart) {
        // Rows another instance is claiming at this moment are skipped, not waited for: it takes them.
        // The owner's lease is judged in the same statement (an owner that beat since is not gone),
        // and a row its owner holds locked while it confirms what it still runs is skipped too.
        return jdbc.query("update workflow_executions set owner = :me where id in (select e.id from workflow_executions e "
                        + "where e.status = 'running' and ((:atStart and e.owner is null) or (e.owner <> :me and "
                        + "(e.owner = any(:dead) or not exists (select 1 from service_instances i where i.id = e.owner "
                        + "and i.stopped_at is null and i.heartbeat_at >= now() - make_interval(secs => :lease))))) "
                        + "order by e.id for update skip locked) returning *",
                new MapSqlParameterSource("me", me).addValue("atStart", atStart)
                        .addValue("dead", deadHere.toArray(String[]::new)).addValue("lease", lease.toMillis() / 1000.0),
                (rs, n) -> row(rs)).stream().sorted(Comparator.comparing(row -> row.get("id").asLong())).toList();
    }

    /**
     * A node row with its node type's category ({@code api-call}, {@code variable}, …) beside the
     * type id: Oven's rows carry the category, and dashboards written for Oven read it.
     */
    private ObjectNode withCategory(ObjectNode row) {
        String type = row.path("nodeType").asText(null);
        row.put("nodeCategory", type == null ? null : types.find(type).map(NodeType::category).orElse(null));
        return row;
    }

    private ObjectNode row(ResultSet rs) throws SQLException {
        return JsonRows.row(rs, mapper);
    }



}
