package io.oven.workflows.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.jdbc.PostgresText;
import io.oven.workflows.problem.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Who did what and when: one row per change made through the API (created, changed, executed,
 * deleted, signalled — whether it was allowed or not) and per login and logout. Kept in
 * PostgreSQL; only {@code oven.audit.retention} deletes rows (no other retention touches them).
 */
@Component
public class AuditLog {

    public static final Map<String, String> SORTS = Map.of("id", "id", "at", "at", "actor", "actor",
            "action", "action", "status", "status");
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    /** One audit row before it is stored. */
    public record Entry(String actor, Role role, String action, String targetType, String targetId, String method,
                        String path, int status, ObjectNode details) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;

    AuditLog(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** Stores an entry; a failure to store is logged, never the caller's failure. */
    public void record(Entry entry) {
        try {
            jdbc.update("insert into audit_log (actor, role, action, target_type, target_id, method, path, status, details) "
                            + "values (:actor, :role, :action, :type, :target, :method, :path, :status, cast(:details as jsonb))",
                    new MapSqlParameterSource("actor", PostgresText.text(entry.actor()))
                            .addValue("role", entry.role() == null ? null : entry.role().id())
                            .addValue("action", entry.action())
                            .addValue("type", entry.targetType())
                            .addValue("target", PostgresText.text(entry.targetId()))
                            .addValue("method", entry.method())
                            .addValue("path", PostgresText.text(entry.path()))
                            .addValue("status", entry.status())
                            .addValue("details", entry.details() == null ? null
                                    : mapper.writeValueAsString(PostgresText.json(entry.details()))));
        } catch (JsonProcessingException | RuntimeException e) {
            log.error("could not store the audit entry {} {} by {}", entry.action(), entry.targetId(), entry.actor(), e);
        }
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String value = f.getValue().asText();
            switch (f.getKey()) {
                case "q" -> {
                    where.add("(actor ilike :q or action ilike :q or path ilike :q)");
                    params.addValue("q", "%" + value + "%");
                }
                case "actor", "action", "targetType", "targetId" -> {
                    where.add(JsonRows.snake(f.getKey()) + " = :" + f.getKey());
                    params.addValue(f.getKey(), value);
                }
                case "since" -> {
                    where.add("at >= :since");
                    params.addValue("since", Timestamp.from(instant(value)));
                }
                case "id" -> {
                    where.add("id = any(:ids)");
                    params.addValue("ids", ListQuery.ids(f.getValue()));
                }
                default -> throw Problem.invalid("filter." + f.getKey(),
                        "unknown filter; use q, actor, action, targetType, targetId, since or id");
            }
        }
        return Page.of(jdbc, mapper, "audit_log", "*", where, params, query, SORTS);
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("filter.since", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    /** Deletes rows older than the audit log's own retention; answers how many. */
    int deleteOlderThan(Instant cutoff) {
        return jdbc.update("delete from audit_log where at < :cutoff", Map.of("cutoff", Timestamp.from(cutoff)));
    }
}
