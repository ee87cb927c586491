package io.oven.workflows.nodes;

import com.zaxxer.hikari.HikariDataSource;
import io.oven.workflows.settings.EngineSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The least-privileged database logins {@code core.sql} runs as, each with a small pool of its
 * own: {@code oven_sql_reader} (SELECT on the game modules' tables, nothing else: no engine
 * tables, no {@code module_configs}, no superuser functions such as {@code pg_read_file}) and
 * {@code oven_sql_writer} (also INSERT and UPDATE on them). Both have a statement timeout.
 * Created on first use when the service's own user may create roles (the embedded default; a
 * superuser); otherwise a DBA creates them with the grants the README lists. Being separate logins
 * matters: a superuser session that only {@code SET ROLE}s could take its rights back in one
 * {@code set_config('role', …)}.
 */
@Component
class SqlRoles implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SqlRoles.class);
    static final String READER = "oven_sql_reader";
    static final String WRITER = "oven_sql_writer";
    /** The Oven game modules' tables: all core.sql may see. */
    static final List<String> GAME_TABLES = List.of("players", "sessions", "map_assignments", "player_positions",
            "visited_chunks", "tiles", "world_configs", "maps", "chunks");

    private final DataSource service;
    private final String timeout;
    private final Map<String, DataSource> pools = new ConcurrentHashMap<>();

    SqlRoles(DataSource service, EngineSettings settings) {
        this.service = service;
        // PostgreSQL reads a bare number as milliseconds.
        this.timeout = Long.toString(settings.sql().statementTimeout().toMillis());
    }

    /** The pool of {@code role}, setting the role up the first time; a clear failure when it cannot be. */
    DataSource pool(String role) {
        return pools.computeIfAbsent(role, this::open);
    }

    private DataSource open(String role) {
        JdbcTemplate jdbc = new JdbcTemplate(service);
        String password = password(jdbc, role);
        try {
            ensure(jdbc, role, password);
        } catch (RuntimeException e) {
            log.warn("could not create or grant database role {} ({}); core.sql uses it as it is", role,
                    e.getMessage());
        }
        String url;
        try (Connection c = service.getConnection()) {
            url = c.getMetaData().getURL();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the database URL", e);
        }
        HikariDataSource pool = new HikariDataSource();
        // The service's URL may name its own user (the embedded default's does): that must not win.
        pool.setJdbcUrl(withoutCredentials(url));
        pool.setUsername(role);
        pool.setPassword(password);
        pool.setPoolName("oven-" + role.replace('_', '-'));
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(0);
        pool.setConnectionTimeout(5_000);
        pool.setInitializationFailTimeout(-1);
        // Fail closed: core.sql runs as its role or not at all.
        String who = new JdbcTemplate(pool).queryForObject("select current_user", String.class);
        if (!role.equals(who)) {
            pool.close();
            throw new IllegalStateException("core.sql would run as " + who + ", not " + role + ": refused");
        }
        return pool;
    }

    /** A JDBC URL without {@code user=} and {@code password=} parameters. */
    static String withoutCredentials(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        String kept = Arrays.stream(url.substring(query + 1).split("&"))
                .filter(p -> !p.toLowerCase(Locale.ROOT).startsWith("user=")
                        && !p.toLowerCase(Locale.ROOT).startsWith("password="))
                .collect(Collectors.joining("&"));
        return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    private static String password(JdbcTemplate jdbc, String role) {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        jdbc.update("insert into sql_role_secrets (role, password) values (?, ?) on conflict (role) do nothing", role,
                HexFormat.of().formatHex(random));
        return jdbc.queryForObject("select password from sql_role_secrets where role = ?", String.class, role);
    }

    private void ensure(JdbcTemplate jdbc, String role, String password) {
        // Identifiers here are this class's constants; the password is hex: nothing from a user.
        jdbc.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role + "') then "
                + "create role " + role + " login; end if; end $$");
        jdbc.execute("alter role " + role + " with login nosuperuser nocreatedb nocreaterole noreplication "
                + "nobypassrls password '" + password + "'");
        jdbc.execute("alter role " + role + " set statement_timeout = '" + timeout + "'");
        String database = jdbc.queryForObject("select current_database()", String.class);
        jdbc.execute("grant connect on database \"" + database.replace("\"", "\"\"") + "\" to " + role);
        jdbc.execute("grant usage on schema public to " + role);
        String privileges = WRITER.equals(role) ? "select, insert, update" : "select";
        jdbc.execute("grant " + privileges + " on " + String.join(", ", GAME_TABLES) + " to " + role);
        if (WRITER.equals(role)) {
            jdbc.execute("grant usage on all sequences in schema public to " + role);
        }
    }

    @Override
    public void destroy() {
        pools.values().forEach(pool -> ((HikariDataSource) pool).close());
    }
}
