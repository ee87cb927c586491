package io.oven.workflows.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.definition.JsonTypes;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import io.oven.workflows.registry.ModuleDescriptor;
import io.oven.workflows.registry.ModuleRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The 3-tier config (DESIGN §7): rows per module and per instance in {@code module_configs},
 * checked against the module's config schema, and resolution: the instance row for the scope,
 * else the module row, else the schema default.
 */
@Component
public class ConfigStore implements ConfigResolver {

    public static final Map<String, String> SORTS = Map.of("id", "id", "moduleName", "module_name", "key", "key",
            "scope", "scope", "scopeId", "scope_id", "updatedAt", "updated_at", "createdAt", "created_at");
    private static final Set<String> FIELDS = Set.of("moduleName", "scope", "scopeId", "key", "value", "description",
            "secret");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final ModuleRegistry modules;
    private final SecretBox box;

    ConfigStore(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, ModuleRegistry modules, SecretBox box) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.modules = modules;
        this.box = box;
    }

    /** Seals the secret values stored in clear before secrets were sealed (or marked secret by hand); answers how many. */
    @EventListener(ApplicationStartedEvent.class)
    public void sealAtStart() {
        sealStoredSecrets();
    }

    int sealStoredSecrets() {
        List<Map<String, Object>> clear = jdbc.queryForList("select id, module_name, key, value::text as value from module_configs "
                + "where secret and value -> '" + SecretBox.FIELD + "' is null", Map.of());
        for (Map<String, Object> row : clear) {
            String name = row.get("module_name") + "." + row.get("key");
            jdbc.update("update module_configs set value = cast(:value as jsonb) where id = :id",
                    new MapSqlParameterSource("id", row.get("id"))
                            .addValue("value", json(box.seal(tree((String) row.get("value")), name))));
        }
        return clear.size();
    }

    @Override
    public Optional<Resolved> resolve(String moduleName, String key, String scopeId) {
        Optional<ModuleDescriptor.ConfigKey> schema = modules.configKey(moduleName, key);
        List<Resolved> rows = jdbc.query("select scope, value::text as value, secret from module_configs "
                        + "where module_name = :module and key = :key and (scope = 'module' or scope_id = :scopeId) "
                        + "order by case scope when 'instance' then 0 else 1 end limit 1",
                new MapSqlParameterSource().addValue("module", moduleName).addValue("key", key)
                        .addValue("scopeId", scopeId),
                (rs, n) -> new Resolved(moduleName, key, box.open(tree(rs.getString("value")), moduleName + "." + key),
                        rs.getString("scope"), scopeId,
                        rs.getBoolean("secret") || schema.map(ModuleDescriptor.ConfigKey::secret).orElse(false)));
        if (!rows.isEmpty()) {
            return Optional.of(rows.get(0));
        }
        return schema.map(k -> new Resolved(moduleName, key, k.defaultValue(), "default", scopeId, k.secret()));
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String column = switch (f.getKey()) {
                case "moduleName" -> "module_name";
                case "scope" -> "scope";
                case "scopeId" -> "scope_id";
                case "key" -> "key";
                case "q" -> null;
                default -> throw Problem.invalid("filter." + f.getKey(),
                        "unknown filter; use q, moduleName, scope, scopeId or key");
            };
            if (column == null) {
                where.add("(lower(key) like :q or lower(module_name) like :q)");
                params.addValue("q", "%" + f.getValue().asText().toLowerCase() + "%");
            } else {
                where.add(column + " = :" + f.getKey());
                params.addValue(f.getKey(), f.getValue().asText());
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        long total = jdbc.queryForObject("select count(*) from module_configs" + whereSql, params, Long.class);
        String direction = query.ascending() ? " asc" : " desc";
        params.addValue("limit", query.limit()).addValue("offset", query.offset());
        List<ObjectNode> rows = jdbc.query("select * from module_configs" + whereSql + " order by "
                + SORTS.get(query.sortField()) + direction + ", id" + direction + " limit :limit offset :offset",
                params, (rs, n) -> row(rs));
        return new Page<>(rows, total);
    }

    public ObjectNode get(long id) {
        return jdbc.query("select * from module_configs where id = :id", Map.of("id", id), (rs, n) -> row(rs))
                .stream().findFirst().orElseThrow(() -> Problem.notFound("config " + id));
    }

    public ObjectNode create(JsonNode body) {
        MapSqlParameterSource values = check(body, null);
        return unique(values, () -> jdbc.queryForObject("insert into module_configs (module_name, scope, scope_id, key, "
                + "value, description, secret) values (:moduleName, :scope, :scopeId, :key, cast(:value as jsonb), "
                + ":description, :secret) returning *", values, (rs, n) -> row(rs)));
    }

    public ObjectNode update(long id, JsonNode body) {
        ObjectNode current = get(id);
        if (body != null && body.isObject() && !body.has("value")) {
            // The stored value, not the mask get() shows for a secret.
            String stored = jdbc.queryForObject("select value::text from module_configs where id = :id", Map.of("id", id),
                    String.class);
            current.set("value", box.open(tree(stored), current.get("moduleName").asText() + "." + current.get("key").asText()));
        }
        MapSqlParameterSource values = check(body, current);
        values.addValue("id", id);
        return unique(values, () -> jdbc.queryForObject("update module_configs set module_name = :moduleName, "
                + "scope = :scope, scope_id = :scopeId, key = :key, value = cast(:value as jsonb), "
                + "description = :description, secret = :secret, updated_at = now() where id = :id returning *",
                values, (rs, n) -> row(rs)));
    }

    public ObjectNode delete(long id) {
        return jdbc.query("delete from module_configs where id = :id returning *", Map.of("id", id), (rs, n) -> row(rs))
                .stream().findFirst().orElseThrow(() -> Problem.notFound("config " + id));
    }

    /** The row a body describes (over {@code current} for an update), or a 400 with every problem. */
    private MapSqlParameterSource check(JsonNode body, ObjectNode current) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the request body must be a JSON object");
        }
        List<Violation> problems = new ArrayList<>();
        Violation.unknownFields(body, FIELDS, READ_ONLY, "a config row", problems);
        String module = text(body, current, "moduleName", problems);
        String key = text(body, current, "key", problems);
        String scope = body.has("scope") || current == null ? text(body, current, "scope", problems) : current.get("scope").asText();
        if (scope == null) {
            scope = "module";
        }
        JsonNode scopeIdNode = body.has("scopeId") ? body.get("scopeId") : current == null ? null : current.get("scopeId");
        String scopeId = scopeIdNode == null || scopeIdNode.isNull() ? null : scopeIdNode.asText();
        JsonNode value = body.has("value") ? body.get("value") : current == null ? null : current.get("value");
        if (module == null && problems.stream().noneMatch(p -> p.path().equals("moduleName"))) {
            problems.add(new Violation("moduleName", "is required"));
        }
        if (key == null && problems.stream().noneMatch(p -> p.path().equals("key"))) {
            problems.add(new Violation("key", "is required"));
        }
        if (!scope.equals("module") && !scope.equals("instance")) {
            problems.add(new Violation("scope", "must be module or instance"));
        } else if (scope.equals("instance") && scopeId == null) {
            problems.add(new Violation("scopeId", "is required for scope instance: the instance (e.g. map id) it applies to"));
        } else if (scope.equals("module") && scopeId != null) {
            problems.add(new Violation("scopeId", "must be empty for scope module"));
        }
        if (value == null) {
            problems.add(new Violation("value", "is required"));
        }
        if (module != null && key != null) {
            Optional<ModuleDescriptor> descriptor = modules.find(module);
            if (descriptor.isEmpty()) {
                problems.add(new Violation("moduleName", "unknown module '" + module + "'"));
            } else {
                Optional<ModuleDescriptor.ConfigKey> schema = modules.configKey(module, key);
                if (schema.isEmpty()) {
                    problems.add(new Violation("key", "module '" + module + "' has no config key '" + key + "'; it has "
                            + descriptor.get().config().stream().map(ModuleDescriptor.ConfigKey::key).toList()));
                } else {
                    if (value != null && !value.isNull() && !JsonTypes.matches(value, schema.get().type())) {
                        problems.add(new Violation("value", "must be " + schema.get().type() + " for " + module + "." + key));
                    }
                    if ("instance".equals(scope) && !schema.get().instanceScoped()) {
                        problems.add(new Violation("scope", module + "." + key + " is not instance-scoped: set it for the module"));
                    }
                }
            }
        }
        JsonNode secret = body.has("secret") ? body.get("secret") : current == null ? null : current.get("secret");
        if (secret != null && !secret.isNull() && !secret.isBoolean()) {
            problems.add(new Violation("secret", "must be true or false"));
        }
        JsonNode description = body.has("description") ? body.get("description") : current == null ? null : current.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            problems.add(new Violation("description", "must be a string"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid config: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                    problems);
        }
        boolean sealed = secret != null && secret.asBoolean()
                || modules.configKey(module, key).map(ModuleDescriptor.ConfigKey::secret).orElse(false);
        return new MapSqlParameterSource().addValue("moduleName", module).addValue("key", key).addValue("scope", scope)
                .addValue("scopeId", scopeId).addValue("value", json(sealed ? box.seal(value, module + "." + key) : value))
                .addValue("description", description == null || description.isNull() ? null : description.asText())
                .addValue("secret", secret != null && secret.asBoolean());
    }

    private static String text(JsonNode body, ObjectNode current, String field, List<Violation> problems) {
        JsonNode value = body.has(field) ? body.get(field) : current == null ? null : current.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            problems.add(new Violation(field, "must be a non-empty string"));
            return null;
        }
        return value.asText();
    }

    private ObjectNode unique(MapSqlParameterSource values, Supplier<ObjectNode> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw Problem.conflict("a config row for " + values.getValue("moduleName") + "." + values.getValue("key")
                    + " at scope " + values.getValue("scope")
                    + (values.getValue("scopeId") == null ? "" : " " + values.getValue("scopeId")) + " already exists",
                    "key");
        }
    }

    /** A row as the API shows it; a secret row's value is masked. */
    private ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", rs.getLong("id"));
        node.put("moduleName", rs.getString("module_name"));
        node.put("scope", rs.getString("scope"));
        node.put("scopeId", rs.getString("scope_id"));
        node.put("key", rs.getString("key"));
        boolean secret = rs.getBoolean("secret");
        JsonNode value = tree(rs.getString("value"));
        node.set("value", secret || box.sealed(value) ? mapper.getNodeFactory().textNode(Masking.MASK) : value);
        node.put("description", rs.getString("description"));
        node.put("secret", secret);
        node.put("createdAt", rs.getTimestamp("created_at").toInstant().toString());
        node.put("updatedAt", rs.getTimestamp("updated_at").toInstant().toString());
        return node;
    }

    private String json(JsonNode node) {
        try {
            return node == null ? null : mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
