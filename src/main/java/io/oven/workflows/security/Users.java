package io.oven.workflows.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.jdbc.JsonRows;
import io.oven.workflows.jdbc.ListQuery;
import io.oven.workflows.jdbc.Page;
import io.oven.workflows.problem.Problem;
import io.oven.workflows.problem.Violation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The users table: who may log in (dashboard session, HTTP Basic) with which role. Passwords are
 * stored as bcrypt hashes; no answer ever carries one. The last enabled admin cannot be deleted,
 * disabled or demoted.
 */
@Component
public class Users implements UserDetailsService {

    public static final Map<String, String> SORTS = Map.of("id", "id", "username", "username", "role", "role",
            "createdAt", "created_at", "updatedAt", "updated_at");
    /** The authority of a user whose password is the one-time one: it may only change it. */
    static final String MUST_CHANGE = "PASSWORD_CHANGE_REQUIRED";
    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@-]{1,64}$");
    /** bcrypt reads at most 72 bytes; a longer password would silently lose its end. */
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD_BYTES = 72;
    private static final Set<String> WRITABLE = Set.of("username", "password", "role", "disabled");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt");
    private static final String COLUMNS = "id, username, role, disabled, created_at, updated_at";

    private final NamedParameterJdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final PasswordEncoder passwords;
    private final TransactionTemplate tx;

    Users(NamedParameterJdbcTemplate jdbc, ObjectMapper mapper, PasswordEncoder passwords, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.passwords = passwords;
        this.tx = tx;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        List<UserDetails> found = jdbc.query("select username, password_hash, role, disabled, must_change_password "
                        + "from users where username = :u",
                Map.of("u", username), (rs, n) -> {
                    List<GrantedAuthority> authorities =
                            new ArrayList<>(Role.of(rs.getString("role")).orElse(Role.VIEWER).authorities());
                    if (rs.getBoolean("must_change_password")) {
                        authorities.add(new SimpleGrantedAuthority(MUST_CHANGE));
                    }
                    return User.withUsername(rs.getString("username")).password(rs.getString("password_hash"))
                            .authorities(authorities).disabled(rs.getBoolean("disabled")).build();
                });
        if (found.isEmpty()) {
            throw new UsernameNotFoundException("no such user");
        }
        return found.get(0);
    }

    public long count() {
        Long n = jdbc.getJdbcOperations().queryForObject("select count(*) from users", Long.class);
        return n == null ? 0 : n;
    }

    public Optional<Long> idOf(String username) {
        return jdbc.queryForList("select id from users where username = :u", Map.of("u", username), Long.class)
                .stream().findFirst();
    }

    /** Creates the user or, when it exists, gives it this password and role (the first admin's bootstrap). */
    void ensure(String username, String password, Role role) {
        checkPassword(password, "password").ifPresent(problem -> {
            throw new IllegalStateException(problem.message());
        });
        jdbc.update("insert into users (username, password_hash, role) values (:u, :p, :r) "
                        + "on conflict (username) do update set password_hash = excluded.password_hash, role = excluded.role, "
                        + "disabled = false, must_change_password = false, updated_at = now()",
                new MapSqlParameterSource("u", username).addValue("p", passwords.encode(password)).addValue("r", role.id()));
    }

    /** A user's own new password (it clears the one-time mark); the current one must be given and right. */
    void changeOwnPassword(String username, JsonNode body) {
        object(body);
        List<Violation> problems = new ArrayList<>();
        String current = text(body, "currentPassword", problems, true);
        String password = text(body, "password", problems, true);
        if (password != null) {
            checkPassword(password, "password").ifPresent(problems::add);
            if (password.equals(current)) {
                problems.add(new Violation("password", "must differ from the current one"));
            }
        }
        Violation.unknownFields(body, Set.of("currentPassword", "password"), Set.of(), "a password change", problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid password change", problems);
        }
        String hash = jdbc.queryForList("select password_hash from users where username = :u", Map.of("u", username),
                String.class).stream().findFirst().orElseThrow(() -> Problem.notFound("user " + username));
        if (!passwords.matches(current, hash)) {
            throw Problem.invalid("invalid password change", List.of(new Violation("currentPassword", "is not right")));
        }
        jdbc.update("update users set password_hash = :p, must_change_password = false, updated_at = now() where username = :u",
                new MapSqlParameterSource("u", username).addValue("p", passwords.encode(password)));
    }

    public Page<ObjectNode> list(ListQuery query) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        List<String> where = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = query.filter().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "q" -> {
                    where.add("username ilike :q");
                    params.addValue("q", "%" + f.getValue().asText() + "%");
                }
                case "role" -> {
                    where.add("role = :role");
                    params.addValue("role", f.getValue().asText());
                }
                case "id" -> {
                    where.add("id = any(:ids)");
                    params.addValue("ids", ListQuery.ids(f.getValue()));
                }
                default -> throw Problem.invalid("filter." + f.getKey(), "unknown filter; use q, role or id");
            }
        }
        return Page.of(jdbc, mapper, "users", COLUMNS, where, params, query, SORTS);
    }

    public ObjectNode get(long id) {
        List<ObjectNode> rows = jdbc.query("select " + COLUMNS + " from users where id = :id", Map.of("id", id),
                (rs, n) -> JsonRows.row(rs, mapper));
        if (rows.isEmpty()) {
            throw Problem.notFound("user " + id);
        }
        return rows.get(0);
    }

    public ObjectNode create(JsonNode body) {
        object(body);
        List<Violation> problems = new ArrayList<>();
        String username = text(body, "username", problems, true);
        String password = text(body, "password", problems, true);
        Role role = role(body, problems, true);
        if (username != null && !USERNAME.matcher(username).matches()) {
            problems.add(new Violation("username", "1 to 64 letters, digits, '.', '_', '@' or '-'"));
        }
        if (password != null) {
            checkPassword(password, "password").ifPresent(problems::add);
        }
        Violation.unknownFields(body, WRITABLE, Set.of(), "a user", problems);
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid user", problems);
        }
        try {
            Long id = jdbc.queryForObject("insert into users (username, password_hash, role, disabled) "
                            + "values (:u, :p, :r, :d) returning id",
                    new MapSqlParameterSource("u", username).addValue("p", passwords.encode(password))
                            .addValue("r", role.id()).addValue("d", body.path("disabled").asBoolean(false)), Long.class);
            return get(id);
        } catch (DuplicateKeyException e) {
            throw Problem.conflict("a user named '" + username + "' exists", "username");
        }
    }

    public ObjectNode update(long id, JsonNode body) {
        object(body);
        List<Violation> problems = new ArrayList<>();
        String password = text(body, "password", problems, false);
        Role role = role(body, problems, false);
        if (password != null) {
            checkPassword(password, "password").ifPresent(problems::add);
        }
        JsonNode disabled = body.get("disabled");
        if (disabled != null && !disabled.isBoolean()) {
            problems.add(new Violation("disabled", "must be true or false"));
        }
        Violation.unknownFields(body, WRITABLE, READ_ONLY, "a user", problems);
        if (body.has("username") && !body.get("username").asText().equals(get(id).path("username").asText())) {
            problems.add(new Violation("username", "a user cannot be renamed; create another one"));
        }
        if (!problems.isEmpty()) {
            throw Problem.invalid("invalid user", problems);
        }
        return tx.execute(status -> {
            get(id);
            // An admin setting a password: it is a real one, not the one-time one any more.
            jdbc.update("update users set password_hash = coalesce(:p, password_hash), role = coalesce(:r, role), "
                            + "disabled = coalesce(:d, disabled), must_change_password = must_change_password and cast(:p as text) is null, "
                            + "updated_at = now() where id = :id",
                    new MapSqlParameterSource("id", id).addValue("p", password == null ? null : passwords.encode(password))
                            .addValue("r", role == null ? null : role.id())
                            .addValue("d", disabled == null ? null : disabled.asBoolean()));
            keepAnAdmin();
            return get(id);
        });
    }

    public ObjectNode delete(long id) {
        return tx.execute(status -> {
            ObjectNode user = get(id);
            jdbc.update("delete from users where id = :id", Map.of("id", id));
            keepAnAdmin();
            return user;
        });
    }

    /** Refuses (and so rolls back) a change that leaves no enabled admin: nobody could manage users again. */
    private void keepAnAdmin() {
        Long admins = jdbc.getJdbcOperations().queryForObject(
                "select count(*) from users where role = 'admin' and not disabled", Long.class);
        if (admins == null || admins == 0) {
            throw Problem.conflict("this would leave no enabled admin", "role");
        }
    }

    static Optional<Violation> checkPassword(String password, String path) {
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            return Optional.of(new Violation(path, "must have at least " + MIN_PASSWORD + " characters"));
        }
        if (bytes > MAX_PASSWORD_BYTES) {
            return Optional.of(new Violation(path, "must have at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8 (bcrypt reads no more)"));
        }
        return Optional.empty();
    }

    static String text(JsonNode body, String field, List<Violation> problems, boolean required) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new Violation(field, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new Violation(field, "must be a string"));
            return null;
        }
        return value.asText();
    }

    static Role role(JsonNode body, List<Violation> problems, boolean required) {
        String id = text(body, "role", problems, required);
        if (id == null) {
            return required ? Role.VIEWER : null;
        }
        Optional<Role> role = Role.of(id);
        if (role.isEmpty()) {
            problems.add(new Violation("role", "one of viewer, editor, admin"));
            return Role.VIEWER;
        }
        return role.get();
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw Problem.invalid("", "the request body must be a JSON object");
        }
        return body;
    }
}
