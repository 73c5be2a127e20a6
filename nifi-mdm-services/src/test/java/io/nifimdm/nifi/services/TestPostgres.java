package io.nifimdm.nifi.services;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The PostgreSQL server of the tests: URL from MDM_TEST_POSTGRES_URL; tests skip when it does not answer unless
 * MDM_REQUIRE_POSTGRES=true, which turns the skip into a failure.
 */
final class TestPostgres {

    private static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static volatile Boolean available;

    private TestPostgres() {
    }

    static String url() {
        String url = System.getenv("MDM_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    private static Properties parsed() {
        return org.postgresql.Driver.parseURL(url(), null);
    }

    /** The test URL as the service wants it: host, port and database only; credentials go to properties. */
    static String urlWithoutCredentials() {
        Properties properties = parsed();
        return "jdbc:postgresql://" + properties.getProperty("PGHOST") + ":" + properties.getProperty("PGPORT") + "/"
                + properties.getProperty("PGDBNAME");
    }

    static String user() {
        return parsed().getProperty("user", "postgres");
    }

    static String password() {
        return parsed().getProperty("password");
    }

    static boolean isAvailable() {
        if (available == null) {
            try (Connection ignored = DriverManager.getConnection(url())) {
                available = true;
            } catch (SQLException e) {
                available = false;
            }
        }
        return available;
    }

    static void assumeAvailable() {
        if (isAvailable()) {
            return;
        }
        String message = "PostgreSQL at " + urlWithoutCredentials() + " does not answer";
        if ("true".equalsIgnoreCase(System.getenv("MDM_REQUIRE_POSTGRES"))) {
            throw new AssertionError(message + " and MDM_REQUIRE_POSTGRES=true");
        }
        Assumptions.abort(message + ": PostgreSQL tests skipped");
    }

    static List<String> schemasStartingWith(String prefix) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url());
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT nspname FROM pg_namespace WHERE starts_with(nspname, ?) ORDER BY nspname")) {
            statement.setString(1, prefix);
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    schemas.add(resultSet.getString(1));
                }
            }
        }
        return schemas;
    }

    /** Removes what a test created; the prefix is unique to that test, so nothing else is touched. */
    static void dropSchemasStartingWith(String prefix) throws SQLException {
        List<String> schemas = schemasStartingWith(prefix);
        try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                statement.execute("DROP SCHEMA \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
            }
        }
    }
}
