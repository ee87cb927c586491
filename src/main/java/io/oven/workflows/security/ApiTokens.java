package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens for machines ({@code Authorization: Bearer …}): each has a role, may expire, and can
 * be revoked. Only the SHA-256 of a token is stored; the token itself is answered once, when it
 * is made. A token that was looked up is remembered for {@link #CACHE} so a busy client costs no
 * query per request; revoking it here forgets it at once (another instance within that time).
 */
@Component
public class ApiTokens {

    public static final Map<String, String> SORTS = Map.of("id", "id", "name", "name", "role", "role",
            "createdAt", "created_at", "expiresAt", "expires_at", "lastUsedAt", "last_used_at");
    /** Tokens shorter than this are refused (OVEN_ADMIN_TOKEN included): they could be guessed. */
    static final int MIN_LENGTH = 20;
    static final Duration CACHE = Duration.ofSeconds(5);
    private static final Set<String> WRITABLE = Set.of("name", "role", "expiresAt", "expiresInDays",
            "requestsPerMinute", "executionsPerHour");
    private static final String COLUMNS = "id, name, prefix, role, requests_per_minute, executions_per_hour, created_by, "
            + "created_at, expires_at, revoked_at, last_used_at";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A valid token's holder: its name, role and id. */
    public record Holder(long id, String name, Role role, Instant expiresAt, Integer requestsPerMinute,
                         Integer executionsPerHour) {
    }

    private record Cached(Optional<Holder> holder, long until) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ApiTokens(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** One digest per thread: looking the algorithm up costs more than hashing a token. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static String hash(String token) {
        return HexFormat.of().formatHex(SHA_256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** The holder of a token that exists, is not revoked and has not expired. */
    public Optional<Holder> holder(String token) {
        String hash = hash(token);
        long now = System.nanoTime();
        Cached cached = cache.get(hash);
        if (cached == null || cached.until() - now < 0) {
            if (cache.size() > 10_000) {
                cache.clear(); // many unknown tokens tried: forget them rather than grow
            }
            cached = new Cached(load(hash), now + CACHE.toNanos());
            cache.put(hash, cached);
        }
        return cached.holder().filter(h -> h.expiresAt() == null || h.expiresAt().isAfter(Instant.now()));
    }

    private Optional<Holder> load(String hash) {
        List<Holder> found = jdbc.query("update api_tokens set last_used_at = now() where token_hash = :h "
                        + "and revoked_at is null and (expires_at is null or expires_at > now()) "
                        + "returning id, name, role, expires_at, requests_per_minute, executions_per_hour",
                Map.of("h", hash), (rs, n) -> new Holder(rs.getLong("id"), rs.getString("name"),
                        Role.of(rs.getString("role")).orElse(Role.VIEWER),
                        rs.getTimestamp("expires_at") == null ? null : rs.getTimestamp("expires_at").toInstant(),
                        (Integer) rs.getObject("requests_per_minute"), (Integer) rs.getObject("executions_per_hour")));
        return found.stream().findFirst();
    }

    /** Makes sure a token with this value exists as an admin token (OVEN_ADMIN_TOKEN); it is never expired or revoked. */
    void ensure(String token, String name, Role role) {
        if (token.length() < MIN_LENGTH) {
            throw new IllegalStateException("OVEN_ADMIN_TOKEN must have at least " + MIN_LENGTH + " characters");
        }
        jdbc.update("insert into api_tokens (name, token_hash, prefix, role, created_by) values (:n, :h, :p, :r, 'environment') "
                        + "on conflict (token_hash) do update set role = excluded.role, revoked_at = null, expires_at = null",
                new MapSqlParameterSource("n", name).addValue("h", hash(token)).addValue("p", prefix(token))
                        .addValue("r", role.id()));
        cache.clear();
    }

    private static String prefix(String token) {
        return token.substring(0, Math.min(8, token.length()));
    }

    /** Makes a token: the answer holds {@code token}, the only time it is shown. */
    public ObjectNode create(JsonNode body, String createdBy) {
        Users.object(body);
        List<Violation> problems = new ArrayList<>();
        String name = Users.text(body, "name", problems, true);
        Role role = Users.role(body, problems, true);
        Instant expires = expiry(body, problems);
        Integer perMinute = limit(body, "requestsPerMinute", 1, problems);
        Integer perHour = limit(body, "executionsPerHour", 0, problems);
        if (name != null && (name.isBlank() || name.length() > 200)) {
            problems.add(new Violation("name", "must have 1 to 200 characters"));
        }
        Violation.unknownFields(body, WRITABLE, Set.of(), "a token", problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid token", problems);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "oven_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Long id = jdbc.queryForObject("insert into api_tokens (name, token_hash, prefix, role, created_by, expires_at, "
                        + "requests_per_minute, executions_per_hour) values (:n, :h, :p, :r, :c, :e, :rpm, :eph) returning id",
                new MapSqlParameterSource("n", name).addValue("h", hash(token)).addValue("p", prefix(token))
                        .addValue("r", role.id()).addValue("c", createdBy)
                        .addValue("e", expires == null ? null : Timestamp.from(expires))
                        .addValue("rpm", perMinute).addValue("eph", perHour), Long.class);
        ObjectNode made = get(id);
        made.put("token", token);
        return made;
    }

    private static Integer limit(JsonNode body, String field, int least, List<Violation> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < least || value.asInt() > 1_000_000) {
            problems.add(new Violation(field, "must be a whole number from " + least + " to 1000000, or left out for none"));
            return null;
        }
        return value.asInt();
    }

    private static Instant expiry(JsonNode body, List<Violation> problems) {
        JsonNode at = body.get("expiresAt");
        JsonNode days = body.get("expiresInDays");
        if (at != null && !at.isNull() && days != null && !days.isNull()) {
            problems.add(new Violation("expiresAt", "give expiresAt or expiresInDays, not both"));
            return null;
        }
        if (days != null && !days.isNull()) {
            if (!days.canConvertToInt() || !days.isIntegralNumber() || days.asInt() < 1 || days.asInt() > 3650) {
                problems.add(new Violation("expiresInDays", "must be a whole number of days from 1 to 3650"));
                return null;
            }
            return Instant.now().plus(Duration.ofDays(days.asInt()));
        }
        if (at != null && !at.isNull()) {
            try {
                Instant instant = Instant.parse(at.asText());
                if (!at.isTextual() || !instant.isAfter(Instant.now())) {
                    problems.add(new Violation("expiresAt", "must be a time in the future"));
                }
                return instant;
            } catch (DateTimeParseException e) {
                problems.add(new Violation("expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
            }
        }
        return null;
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "q" -> {
                    where.add("name ilike :q");
                    params.addValue("q", "%" + f.getValue().asText() + "%");
                }
                case "role" -> {
                    where.add("role = :role");
                    params.addValue("role", f.getValue().asText());
                }
                case "active" -> where.add(f.getValue().asBoolean()
                        ? "(revoked_at is null and (expires_at is null or expires_at > now()))"
                        : "(revoked_at is not null or expires_at <= now())");
                case "id" -> {
                    where.add("id = any(:ids)");
                    params.addValue("ids", ListQuery.ids(f.getValue()));
                }
                default -> throw Problem.invalid("filter." + f.getKey(), "unknown filter; use q, role, active or id");
            }
        }
        return Page.of(jdbc, mapper, "api_tokens", COLUMNS, where, params, query, SORTS);
    }

    public ObjectNode get(long id) {
        List<ObjectNode> rows = jdbc.query("select " + COLUMNS + " from api_tokens where id = :id", Map.of("id", id),
                (rs, n) -> JsonRows.row(rs, mapper));
        if (rows.isEmpty()) {
            throw Problem.notFound("token " + id);
        }
        return rows.get(0);
    }

    /** Revokes a token at once (the row stays, for the audit trail). */
    public ObjectNode revoke(long id) {
        get(id);
        jdbc.update("update api_tokens set revoked_at = coalesce(revoked_at, now()) where id = :id", Map.of("id", id));
        cache.clear();
        return get(id);
    }
}
