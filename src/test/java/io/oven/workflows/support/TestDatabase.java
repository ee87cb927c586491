package io.oven.workflows.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where integration tests keep their data. With a PostgreSQL server on 127.0.0.1:5432 each
 * test run gets a fresh database of its own there; without one the service's embedded
 * PostgreSQL runs on a temporary directory. Under CI ({@code CI=true}) a missing server is a
 * failure, not a reason to test something else.
 */
public final class TestDatabase {

    private static final String SERVER = System.getProperty("oven.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = "postgres";

    private static String url;
    private static Path embeddedDataDir;

    private TestDatabase() {
    }

    /** JDBC URL of this run's database on the local server, or null when the embedded one is used. */
    public static synchronized String url() {
        if (url == null && embeddedDataDir == null) {
            start();
        }
        return url;
    }

    public static synchronized Path embeddedDataDir() {
        url();
        return embeddedDataDir;
    }

    /**
     * A database of its own for a test application that must not share state with the others
     * (another bus mode); null when the local server is unreachable (use an embedded one then).
     */
    public static synchronized String fresh(String tag) {
        if (url() == null) {
            return null;
        }
        String name = "oven_it_" + System.currentTimeMillis() + "_" + tag;
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "");
             Statement st = admin.createStatement()) {
            st.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return SERVER + name;
    }

    public static String user() {
        return USER;
    }

    private static void start() {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", USER, "")) {
            String name = "oven_it_" + System.currentTimeMillis() + "_" + ThreadLocalRandom.current().nextInt(1000, 9999);
            try (Statement st = admin.createStatement()) {
                st.execute("create database " + name);
            }
            url = SERVER + name;
            dropStale(admin);
        } catch (SQLException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but PostgreSQL at " + SERVER + " is unreachable: "
                        + e.getMessage(), e);
            }
            try {
                embeddedDataDir = Files.createTempDirectory("oven-it-pg");
            } catch (IOException io) {
                throw new IllegalStateException(io);
            }
        }
    }

    /**
     * Drops the databases of runs that started more than an hour ago. Dropping at the end of a
     * run would race the test application's own shutdown, which still polls the database.
     */
    private static void dropStale(Connection admin) throws SQLException {
        long cutoff = System.currentTimeMillis() - 3_600_000L;
        java.util.List<String> stale = new java.util.ArrayList<>();
        try (Statement st = admin.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select datname from pg_database where datname like 'oven\\_it\\_%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] parts = name.split("_");
                if (parts.length >= 3 && parts[2].matches("\\d+") && Long.parseLong(parts[2]) < cutoff) {
                    stale.add(name);
                }
            }
        }
        for (String name : stale) {
            try (Statement st = admin.createStatement()) {
                st.execute("drop database if exists " + name + " with (force)");
            } catch (SQLException ignored) {
                // in use or gone already: a later run tries again
            }
        }
    }
}
