package io.sightline;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Databases of their own on the real PostgreSQL server ({@code SIGHTLINE_TEST_POSTGRES}, default
 * 127.0.0.1:5432), named {@code sightline_it_<run>[_<name>]}; each run drops the earlier runs' ones.
 */
public final class TestPostgres {

    public static final String USER = "postgres";

    private static final String POSTGRES =
            System.getenv().getOrDefault("SIGHTLINE_TEST_POSTGRES", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static boolean cleaned;
    // Held for the whole run: a database in use cannot be dropped by another run's clean-up.
    private static final List<Connection> IN_USE = new ArrayList<>();

    private TestPostgres() {}

    /** This run's id, for other per-run resources (directories) to share. */
    public static String run() {
        return RUN;
    }

    /** Creates a new empty database for this run and returns its JDBC URL. */
    public static synchronized String createDatabase(String name) {
        String database = "sightline_it_" + RUN + (name.isEmpty() ? "" : "_" + name);
        try (Connection connection = DriverManager.getConnection(POSTGRES, USER, "");
                Statement statement = connection.createStatement()) {
            if (!cleaned) {
                dropDatabasesOfEarlierRuns(statement);
                cleaned = true;
            }
            statement.execute("CREATE DATABASE " + database);
            String url = POSTGRES.substring(0, POSTGRES.lastIndexOf('/') + 1) + database;
            IN_USE.add(DriverManager.getConnection(url, USER, ""));
            return url;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Integration tests need PostgreSQL at " + POSTGRES
                            + " (set SIGHTLINE_TEST_POSTGRES to another JDBC URL): " + e.getMessage(),
                    e);
        }
    }

    /** Earlier runs' databases, unless a run still uses them (then the drop fails and is skipped). */
    private static void dropDatabasesOfEarlierRuns(Statement statement) throws SQLException {
        List<String> earlier = new ArrayList<>();
        try (var names = statement.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE 'sightline\\_it\\_%' AND datname NOT LIKE 'sightline\\_it\\_"
                        + RUN + "%'")) {
            while (names.next()) {
                earlier.add(names.getString(1));
            }
        }
        for (String name : earlier) {
            try {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            } catch (SQLException inUse) {
                // another test run is using it
            }
        }
    }
}
