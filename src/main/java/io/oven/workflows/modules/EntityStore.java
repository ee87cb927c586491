package io.oven.workflows.modules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Generic storage and input checks for a module {@link Entity}: react-admin lists, reads,
 * inserts and updates that answer the stored row, with every input problem reported at once.
 */
public class EntityStore {

    private final Entity entity;
    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;

    public EntityStore(Entity entity, NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.entity = entity;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    public Entity entity() {
        return entity;
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        Map<String, Field> fields = entity.byName();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals("q") && !entity.searchable().isEmpty()) {
                List<String> ors = entity.searchable().stream()
                        .map(name -> "lower(" + fields.get(name).column() + ") like :q").toList();
                where.add("(" + String.join(" or ", ors) + ")");
                params.addValue("q", "%" + value.asText().toLowerCase().replace("%", "\\%").replace("_", "\\_") + "%");
            } else if (key.equals("id")) {
                List<Long> ids = new ArrayList<>();
                (value.isArray() ? value : mapper.createArrayNode().add(value)).forEach(v -> ids.add(v.asLong()));
                where.add(ids.isEmpty() ? "false" : "id in (:ids)");
                params.addValue("ids", ids);
            } else if (entity.filterable().contains(key)) {
                Field field = fields.get(key);
                if (value.isNull()) {
                    where.add(field.column() + " is null");
                } else {
                    where.add(field.column() + " = :f_" + key);
                    params.addValue("f_" + key, sqlValue(field, value, "filter." + key, new ArrayList<>(), true));
                }
            } else {
                throw Problem.invalid("filter." + key, "unknown filter; use " + filterNames());
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.queryForObject("select count(*) from " + entity.table() + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        List<ObjectNode> rows = jdbc.query("select * from " + entity.table() + whereSql + " order by "
                + entity.sorts().get(query.sortField()) + direction + ", id" + direction
                + " limit :limit offset :offset", params, (rs, n) -> row(rs));
        return new Page<>(rows, total);
    }

    private String filterNames() {
        List<String> names = new ArrayList<>(entity.filterable().stream().sorted().toList());
        names.add("id");
        if (!entity.searchable().isEmpty()) {
            names.add(0, "q");
        }
        return names.toString();
    }

    public Optional<ObjectNode> find(long id) {
        return jdbc.query("select * from " + entity.table() + " where id = :id", Map.of("id", id), (rs, n) -> row(rs))
                .stream().findFirst();
    }

    public ObjectNode get(long id) {
        return find(id).orElseThrow(() -> Problem.notFound(singular() + " " + id));
    }

    /** Rows matching a where clause (columns and named parameters of the caller's own). */
    public List<ObjectNode> where(String where, Map<String, ?> params, String orderBy) {
        return jdbc.query("select * from " + entity.table() + " where " + where + " order by " + orderBy, params,
                (rs, n) -> row(rs));
    }

    public String singular() {
        String r = entity.resource();
        return r.endsWith("s") ? r.substring(0, r.length() - 1) : r;
    }

    /** The writable fields of a body, checked; every problem is collected into {@code problems}. */
    public MapSqlParameterSource values(JsonNode body, boolean create, List<Violation> problems) {
        MapSqlParameterSource values = new MapSqlParameterSource();
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the request body must be a JSON object");
        }
        Map<String, Field> fields = entity.byName();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Field field = fields.get(name);
            if (field == null) {
                if (!name.equals("id")) {
                    problems.add(new Violation(name, "unknown field; " + singular() + " has "
                            + fields.keySet().stream().filter(n -> fields.get(n).writable()).toList()));
                }
            } else if (!field.writable()) {
                if (create) {
                    problems.add(new Violation(name, "is set by the service, not by a client"));
                }
            } else {
                values.addValue(name, sqlValue(field, body.get(name), name, problems, false));
            }
        }
        if (create) {
            for (Field field : entity.fields()) {
                JsonNode value = body.get(field.name());
                if (field.required() && (value == null || value.isNull())) {
                    problems.add(new Violation(field.name(), "is required"));
                }
            }
        }
        return values;
    }

    private Object sqlValue(Field field, JsonNode value, String at, List<Violation> problems, boolean throwing) {
        if (value.isNull()) {
            if (field.required()) {
                report(problems, at, "must not be null", throwing);
            }
            return null;
        }
        switch (field.type()) {
            case INTEGER -> {
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue();
                }
                if (value.isTextual() && value.asText().matches("-?\\d{1,18}")) {
                    return Long.parseLong(value.asText());
                }
                report(problems, at, "must be a whole number", throwing);
            }
            case NUMBER -> {
                if (value.isNumber()) {
                    return value.doubleValue();
                }
                report(problems, at, "must be a number", throwing);
            }
            case BOOLEAN -> {
                if (value.isBoolean()) {
                    return value.asBoolean();
                }
                report(problems, at, "must be true or false", throwing);
            }
            case TEXT -> {
                if (!value.isTextual()) {
                    report(problems, at, "must be a string", throwing);
                } else if (!field.values().isEmpty() && !field.values().contains(value.asText())) {
                    report(problems, at, "must be one of " + field.values().stream().sorted().toList(), throwing);
                } else if (value.asText().length() > 1000) {
                    report(problems, at, "must be at most 1000 characters", throwing);
                } else {
                    return value.asText();
                }
            }
            case TIMESTAMP -> {
                if (value.isTextual()) {
                    if (value.asText().equals("now")) {
                        return Timestamp.from(Instant.now());
                    }
                    try {
                        return Timestamp.from(OffsetDateTime.parse(value.asText()).toInstant());
                    } catch (DateTimeParseException e) {
                        // reported below
                    }
                }
                report(problems, at, "must be an ISO-8601 time such as 2026-01-31T12:00:00Z, or \"now\"", throwing);
            }
            case JSON -> {
                return json(value);
            }
        }
        return null;
    }

    private static void report(List<Violation> problems, String at, String message, boolean throwing) {
        if (throwing) {
            throw Problem.invalid(at, message);
        }
        problems.add(new Violation(at, message));
    }

    public ObjectNode insert(MapSqlParameterSource values) {
        List<String> names = List.of(values.getParameterNames());
        Map<String, Field> fields = entity.byName();
        String columns = String.join(", ", names.stream().map(n -> fields.get(n).column()).toList());
        String placeholders = String.join(", ", names.stream().map(n -> placeholder(fields.get(n))).toList());
        String sql = names.isEmpty() ? "insert into " + entity.table() + " default values returning *"
                : "insert into " + entity.table() + " (" + columns + ") values (" + placeholders + ") returning *";
        return unique(() -> jdbc.queryForObject(sql, values, (rs, n) -> row(rs)));
    }

    public Optional<ObjectNode> update(long id, MapSqlParameterSource values) {
        Map<String, Field> fields = entity.byName();
        List<String> sets = new ArrayList<>();
        for (String name : values.getParameterNames()) {
            sets.add(fields.get(name).column() + " = " + placeholder(fields.get(name)));
        }
        if (fields.containsKey("updatedAt")) {
            sets.add("updated_at = now()");
        }
        if (sets.isEmpty()) {
            return find(id);
        }
        values.addValue("id", id);
        return unique(() -> jdbc.query("update " + entity.table() + " set " + String.join(", ", sets)
                + " where id = :id returning *", values, (rs, n) -> row(rs)).stream().findFirst());
    }

    private static String placeholder(Field field) {
        return field.type() == Field.Type.JSON ? "cast(:" + field.name() + " as jsonb)" : ":" + field.name();
    }

    private <T> T unique(Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            String detail = e.getMostSpecificCause().getMessage();
            String which = detail != null && detail.contains("Key (") ? detail.substring(detail.indexOf("Key (")) : "";
            throw Problem.conflict("a " + singular() + " with the same unique value already exists "
                    + which.replaceAll("\\s+", " ").trim(), null);
        } catch (DataIntegrityViolationException e) {
            // A check or reference the table enforces: the input is wrong, say which rule it broke.
            String detail = e.getMostSpecificCause().getMessage();
            String rule = detail == null ? "a rule of the table" : detail.replaceAll("\\s+", " ").replaceFirst("^ERROR: ", "");
            throw Problem.invalid("invalid " + singular(), List.of(new Violation("", rule)));
        }
    }

    public ObjectNode row(ResultSet rs) throws SQLException {
        return JsonRows.row(rs, mapper);
    }

    private String json(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

}
