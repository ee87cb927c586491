package io.oven.workflows.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code workflows} and {@code workflow_versions} tables. A save writes the workflow row
 * and its version row in one transaction, so the history never misses a version.
 */
@Repository
class WorkflowStore {

    static final Map<String, String> SORTS = Map.of(
            "id", "id", "name", "lower(name)", "slug", "slug", "version", "version", "enabled", "enabled",
            "triggerEvent", "trigger_event", "createdAt", "created_at", "updatedAt", "updated_at");

    private static final String COLUMNS = "id, name, slug, description, definition::text as definition, trigger_event, "
            + "trigger_condition::text as trigger_condition, enabled, version, created_at, updated_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper mapper;
    private final RowMapper<Workflow> workflowRow = this::workflow;
    private final RowMapper<WorkflowVersion> versionRow = this::version;

    WorkflowStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mapper = mapper;
    }

    Page<Workflow> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode value = f.getValue();
            switch (f.getKey()) {
                case "q" -> {
                    if (!value.isTextual()) {
                        throw Problem.invalid("filter.q", "must be a string");
                    }
                    where.add("(lower(name) like :q escape '\\' or slug like :q escape '\\')");
                    params.addValue("q", "%" + likeEscape(value.asText().toLowerCase()) + "%");
                }
                case "enabled" -> {
                    if (!value.isBoolean()) {
                        throw Problem.invalid("filter.enabled", "must be true or false");
                    }
                    where.add("enabled = :enabled");
                    params.addValue("enabled", value.asBoolean());
                }
                case "triggerEvent" -> {
                    if (!value.isTextual()) {
                        throw Problem.invalid("filter.triggerEvent", "must be a string");
                    }
                    where.add("trigger_event = :triggerEvent");
                    params.addValue("triggerEvent", value.asText());
                }
                case "id" -> {
                    List<Long> ids = ids(value);
                    where.add(ids.isEmpty() ? "false" : "id in (:ids)");
                    params.addValue("ids", ids);
                }
                default -> throw Problem.invalid("filter." + f.getKey(),
                        "unknown filter; use q, enabled, triggerEvent or id");
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.queryForObject("select count(*) from workflows" + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        List<Workflow> items = jdbc.query("select " + COLUMNS + " from workflows" + whereSql
                + " order by " + SORTS.get(query.sortField()) + direction + ", id" + direction
                + " limit :limit offset :offset", params, workflowRow);
        return new Page<>(items, total);
    }

    Optional<Workflow> find(long id) {
        return jdbc.query("select " + COLUMNS + " from workflows where id = :id", Map.of("id", id), workflowRow)
                .stream().findFirst();
    }

    boolean sqlWrites(long id) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists(select 1 from workflow_sql_writes where workflow_id = :id)",
                Map.of("id", id), Boolean.class));
    }

    void sqlWrites(long id, boolean allowed, String by) {
        if (allowed) {
            jdbc.update("insert into workflow_sql_writes (workflow_id, granted_by) values (:id, :by) on conflict do nothing",
                    new MapSqlParameterSource("id", id).addValue("by", by));
        } else {
            jdbc.update("delete from workflow_sql_writes where workflow_id = :id", Map.of("id", id));
        }
    }

    /** Id → version, negative for a disabled workflow. */
    Map<Long, Integer> versions() {
        Map<Long, Integer> versions = new HashMap<>();
        jdbc.query("select id, version, enabled from workflows", Map.of(), rs -> {
            versions.put(rs.getLong(1), rs.getBoolean(3) ? rs.getInt(2) : -rs.getInt(2));
        });
        return versions;
    }

    List<Workflow> enabled() {
        return jdbc.query("select " + COLUMNS + " from workflows where enabled order by id", Map.of(), workflowRow);
    }

    Optional<Workflow> findBySlug(String slug) {
        return jdbc.query("select " + COLUMNS + " from workflows where slug = :slug", Map.of("slug", slug), workflowRow)
                .stream().findFirst();
    }

    Workflow insert(WorkflowDraft draft) {
        return tx.execute(status -> {
            Workflow created = onDuplicateSlug(draft.slug(), () -> jdbc.queryForObject(
                    "insert into workflows (name, slug, description, definition, trigger_event, trigger_condition, enabled) "
                            + "values (:name, :slug, :description, cast(:definition as json), :triggerEvent, "
                            + "cast(:triggerCondition as jsonb), :enabled) returning " + COLUMNS,
                    draftParams(draft), workflowRow));
            insertVersion(created);
            return created;
        });
    }

    /**
     * Writes a new version. With {@code expectedVersion} the write only happens if nobody saved
     * in between; empty means the workflow is gone, and a version mismatch is a 409.
     */
    Optional<Workflow> update(long id, WorkflowDraft draft, Integer expectedVersion) {
        return tx.execute(status -> {
            MapSqlParameterSource params = draftParams(draft).addValue("id", id);
            Integer current = jdbc.query("select version from workflows where id = :id for update", params,
                    (rs, n) -> rs.getInt(1)).stream().findFirst().orElse(null);
            if (current == null) {
                return Optional.empty();
            }
            if (expectedVersion != null && expectedVersion != current) {
                throw Problem.conflict("workflow " + id + " is at version " + current
                        + ", not " + expectedVersion + ": someone saved it in the meantime; reload and try again",
                        "version");
            }
            Workflow updated = onDuplicateSlug(draft.slug(), () -> jdbc.queryForObject(
                    "update workflows set name = :name, slug = :slug, description = :description, "
                            + "definition = cast(:definition as json), trigger_event = :triggerEvent, "
                            + "trigger_condition = cast(:triggerCondition as jsonb), enabled = :enabled, "
                            + "version = version + 1, updated_at = now() where id = :id returning " + COLUMNS,
                    params, workflowRow));
            insertVersion(updated);
            return Optional.of(updated);
        });
    }

    Optional<Workflow> delete(long id) {
        return jdbc.query("delete from workflows where id = :id returning " + COLUMNS, Map.of("id", id), workflowRow)
                .stream().findFirst();
    }

    List<WorkflowVersion> versions(long workflowId) {
        return jdbc.query("select * from workflow_versions where workflow_id = :id order by version desc",
                Map.of("id", workflowId), versionRow);
    }

    Optional<WorkflowVersion> version(long workflowId, int version) {
        return jdbc.query("select * from workflow_versions where workflow_id = :id and version = :version",
                Map.of("id", workflowId, "version", version), versionRow).stream().findFirst();
    }

    private void insertVersion(Workflow w) {
        jdbc.update("insert into workflow_versions (workflow_id, version, name, description, definition, "
                        + "trigger_event, trigger_condition, enabled, created_at) values (:id, :version, :name, "
                        + ":description, cast(:definition as json), :triggerEvent, cast(:triggerCondition as jsonb), "
                        + ":enabled, :at)",
                draftParams(WorkflowDraft.of(w)).addValue("id", w.id()).addValue("version", w.version())
                        .addValue("at", w.updatedAt()));
    }

    private <T> T onDuplicateSlug(String slug, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw Problem.conflict("a workflow with slug '" + slug + "' already exists", "slug");
        }
    }

    private MapSqlParameterSource draftParams(WorkflowDraft d) {
        return new MapSqlParameterSource()
                .addValue("name", d.name())
                .addValue("slug", d.slug())
                .addValue("description", d.description())
                .addValue("definition", json(d.definition()))
                .addValue("triggerEvent", d.triggerEvent())
                .addValue("triggerCondition", json(d.triggerCondition()))
                .addValue("enabled", d.enabled());
    }

    private Workflow workflow(ResultSet rs, int row) throws SQLException {
        return new Workflow(rs.getLong("id"), rs.getString("name"), rs.getString("slug"), rs.getString("description"),
                tree(rs.getString("definition")), rs.getString("trigger_event"), tree(rs.getString("trigger_condition")),
                rs.getBoolean("enabled"), rs.getInt("version"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class));
    }

    private WorkflowVersion version(ResultSet rs, int row) throws SQLException {
        return new WorkflowVersion(rs.getInt("version"), rs.getLong("workflow_id"), rs.getInt("version"),
                rs.getString("name"), rs.getString("description"), tree(rs.getString("definition")),
                rs.getString("trigger_event"), tree(rs.getString("trigger_condition")), rs.getBoolean("enabled"),
                rs.getObject("created_at", OffsetDateTime.class));
    }

    private String json(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> ids(JsonNode value) {
        List<Long> ids = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> ids.add(id(v)));
        } else {
            ids.add(id(value));
        }
        return ids;
    }

    private static long id(JsonNode v) {
        if (v.canConvertToLong() && v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isTextual() && v.asText().matches("\\d{1,18}")) {
            return Long.parseLong(v.asText());
        }
        throw Problem.invalid("filter.id", "must be a workflow id or an array of them");
    }

    private static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
