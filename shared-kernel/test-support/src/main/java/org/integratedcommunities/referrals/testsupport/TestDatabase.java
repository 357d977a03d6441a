package org.integratedcommunities.referrals.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh, empty database on the real PostgreSQL server for one test class, so tests never share state and never
 * touch the developer's own data. The server comes from {@code ICR_DB_ADMIN_URL} (as exported by {@code infra/test}),
 * else the local server on 127.0.0.1:5432.
 */
public final class TestDatabase implements AutoCloseable {

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String purpose) {
        String name = ("icr_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        execute("CREATE DATABASE " + name);
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String url() {
        String admin = adminUrl();
        int lastSlash = admin.lastIndexOf('/');
        int query = admin.indexOf('?', lastSlash);
        return admin.substring(0, lastSlash + 1) + name + (query >= 0 ? admin.substring(query) : "");
    }

    public static String user() {
        return env("ICR_DB_USER", "postgres");
    }

    public static String password() {
        return env("ICR_DB_PASSWORD", "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    /**
     * Drops the database, ending any connections a test left open in the same step (a pool or scheduler that is still
     * shutting down may connect again between a separate terminate and drop).
     */
    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String adminUrl() {
        return env("ICR_DB_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(adminUrl(), user(), password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL at " + adminUrl() + " is needed for this test (start it, or run infra/test): "
                            + e.getMessage(),
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
