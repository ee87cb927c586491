package io.oven.workflows.nodes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.kit.NodeFailure;
import io.oven.workflows.registry.NodeType;
import io.oven.workflows.settings.EngineSettings;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import static io.oven.workflows.registry.NodePort.optional;
import static io.oven.workflows.registry.NodePort.required;

/**
 * {@code core.sql}: one parameterised statement. Values only ever travel as bind parameters;
 * a statement with several commands is refused; and unless an admin let the workflow write
 * ({@code PUT /api/workflows/:id/sql-writes}, or {@code oven.engine.sql.allow-writes} for every
 * workflow) it runs as the reader login in a read-only transaction, so PostgreSQL itself refuses
 * any write.
 */
@Component
class SqlNode implements NodeExecutor {

    private static final Pattern READ = Pattern.compile("^(select|with|values|table|show|explain)\\b");
    private static final int MAX_ROWS = 1000;

    private final SqlRoles roles;
    /** The templates of each login's pool, made once. */
    private final Map<DataSource, Access> access = new ConcurrentHashMap<>();

    private static final class Access {
        final JdbcTemplate plain;
        final NamedParameterJdbcTemplate named;
        final TransactionTemplate readOnly;
        final TransactionTemplate readWrite;

        Access(DataSource pool) {
            plain = new JdbcTemplate(pool);
            plain.setMaxRows(MAX_ROWS);
            plain.setQueryTimeout(30);
            named = new NamedParameterJdbcTemplate(plain);
            DataSourceTransactionManager manager = new DataSourceTransactionManager(pool);
            readOnly = new TransactionTemplate(manager);
            readOnly.setReadOnly(true);
            readWrite = new TransactionTemplate(manager);
        }
    }
    private final ObjectMapper mapper;
    private final boolean allowWrites;

    private final JdbcTemplate service;

    SqlNode(SqlRoles roles, ObjectMapper mapper, JdbcTemplate service,
            EngineSettings settings) {
        boolean allowWrites = settings.sql().allowWrites();
        this.roles = roles;
        this.mapper = mapper;
        this.service = service;
        this.allowWrites = allowWrites;
    }

    /** Whether an admin let this workflow write ({@code PUT /api/workflows/:id/sql-writes}), or the service lets all. */
    private boolean mayWrite(String workflowSlug) {
        return allowWrites || Boolean.TRUE.equals(service.queryForObject("select exists(select 1 from workflow_sql_writes s "
                + "join workflows w on w.id = s.workflow_id where w.slug = ?)", Boolean.class, workflowSlug));
    }

    static final NodeType TYPE = NodeType.core("core.sql", "SQL query", "data",
            "Runs one parameterised SQL statement; read-only unless an admin lets the workflow write.",
            List.of(required("query", "string", "SQL with :name placeholders (or $1, $2 … with params as an array)",
                            "select id, username from players where id = :id"),
                    optional("params", "any", "Values for the placeholders: an object of name to value, or an array "
                            + "for $1, $2 …", Map.of("id", "$.playerId"))),
            List.of(optional("rows", "array", "Result rows", null)));

    @Override
    public NodeType nodeType() {
        return TYPE;
    }

    @Override
    public JsonNode execute(NodeCall call) {
        String query = call.text("query").trim();
        String statement = query.endsWith(";") ? query.substring(0, query.length() - 1).trim() : query;
        if (statement.contains(";")) {
            throw new NodeFailure("core.sql runs one statement: remove the ';' that separates several");
        }
        boolean read = READ.matcher(statement.toLowerCase(Locale.ROOT)).find();
        boolean writes = !read && mayWrite(call.workflowSlug());
        if (!read && !writes) {
            throw new NodeFailure("core.sql is read-only in this workflow: only select/with/values statements are "
                    + "allowed (an admin can let it write: PUT /api/workflows/:id/sql-writes {\"allowed\": true})");
        }
        JsonNode given = call.input("params");
        MapSqlParameterSource params;
        String bound;
        if (given != null && given.isArray()) {
            // Oven's form: $1, $2 … bound from the array, as :p1, :p2 … (bound, never concatenated).
            bound = PositionalSql.named(statement, given.size());
            params = new MapSqlParameterSource();
            for (int i = 0; i < given.size(); i++) {
                params.addValue("p" + (i + 1), value(given.get(i)));
            }
        } else {
            bound = statement;
            params = params(given);
        }
        try {
            // A login of its own, not this service's: it sees the game modules' tables and nothing else.
            Access access = this.access.computeIfAbsent(roles.pool(writes ? SqlRoles.WRITER : SqlRoles.READER),
                    Access::new);
            NamedParameterJdbcTemplate jdbc = access.named;
            TransactionTemplate tx = writes ? access.readWrite : access.readOnly;
            return tx.execute(status -> {
                // Whatever an earlier statement set on this pooled session (set_config(…, false)) is undone first.
                access.plain.execute("reset all");
                if (read) {
                    List<Map<String, Object>> rows = jdbc.queryForList(bound, params);
                    ObjectNode out = mapper.createObjectNode();
                    ArrayNode array = out.putArray("rows");
                    rows.forEach(r -> array.add(mapper.valueToTree(r)));
                    out.put("rowCount", rows.size());
                    return out;
                }
                int count = jdbc.update(bound, params);
                return mapper.createObjectNode().put("rowCount", count);
            });
        } catch (DataAccessException e) {
            throw new NodeFailure("SQL failed: " + e.getMostSpecificCause().getMessage(), e);
        }
    }

    private static Object value(JsonNode v) {
        return v == null || v.isNull() ? null : v.isTextual() ? v.asText() : v.isIntegralNumber() ? v.longValue()
                : v.isNumber() ? v.decimalValue() : v.isBoolean() ? v.asBoolean() : v.toString();
    }

    private MapSqlParameterSource params(JsonNode params) {
        MapSqlParameterSource source = new MapSqlParameterSource();
        if (params == null) {
            return source;
        }
        if (!params.isObject()) {
            throw new NodeFailure("input 'params' must be an object of :name to value, or an array for $1, $2 …");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            source.addValue(e.getKey(), value(e.getValue()));
        }
        return source;
    }
}
