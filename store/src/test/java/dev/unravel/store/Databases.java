package dev.unravel.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The databases the store is tested on: H2 in a temporary folder, and PostgreSQL on 127.0.0.1:5432
 * (database {@code test}, or {@code UNRAVEL_TEST_POSTGRES}) in a schema of its own that is dropped
 * afterwards. Without PostgreSQL its tests are skipped with a message, and fail under {@code CI=true}.
 */
final class Databases {

    static final String POSTGRES = System.getenv().getOrDefault("UNRAVEL_TEST_POSTGRES",
            "jdbc:postgresql://127.0.0.1:5432/test");

    private Databases() {
    }

    /** A store location for {@code kind} ("h2" or "postgresql"), fresh and empty. */
    static String fresh(String kind, Path tmp) throws SQLException {
        if (kind.equals("h2")) {
            return tmp.resolve("store").toString();
        }
        String schema = "unravel_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = connect(POSTGRES)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        return POSTGRES + (POSTGRES.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Drops the schema a PostgreSQL location was given. */
    static void drop(String location) throws SQLException {
        int at = location.indexOf("currentSchema=");
        if (!location.startsWith("jdbc:postgresql:") || at < 0) {
            return;
        }
        try (Connection c = connect(POSTGRES)) {
            c.createStatement().execute("DROP SCHEMA " + location.substring(at + "currentSchema=".length())
                    + " CASCADE");
        }
    }

    private static Connection connect(String url) throws SQLException {
        try {
            return DriverManager.getConnection(url);
        } catch (SQLException e) {
            String why = "PostgreSQL is not reachable at " + url + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new SQLException(why + "; CI runs the store's tests on it", e);
            }
            System.err.println("Skipping: " + why);
            Assumptions.abort(why);
            throw e; // not reached
        }
    }
}
