package io.nifimdm.core.testsupport;

import io.nifimdm.core.dataset.PostgresSettings;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

/**
 * The real PostgreSQL server the tests run against: URL from {@code MDM_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}). When no server answers, tests are skipped with a
 * message, unless {@code MDM_REQUIRE_POSTGRES=true} (CI), where they fail. Several test runs share the server, so
 * every test uses its own random schema prefix and drops what it made.
 */
public final class PostgresTestSupport {

    public static final String URL_VARIABLE = "MDM_TEST_POSTGRES_URL";
    public static final String REQUIRE_VARIABLE = "MDM_REQUIRE_POSTGRES";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static volatile String unavailableReason;
    private static volatile boolean checked;

    private PostgresTestSupport() {
    }

    /** The JDBC URL as configured, possibly with {@code user}/{@code password} query parameters. */
    public static String url() {
        String url = System.getenv(URL_VARIABLE);
        return url == null || url.isBlank() ? DEFAULT_URL : url.trim();
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv(REQUIRE_VARIABLE));
    }

    /** Aborts the calling test when no server answers (fails it instead when PostgreSQL is required). */
    public static void assumeAvailable() {
        if (!checked) {
            synchronized (PostgresTestSupport.class) {
                if (!checked) {
                    try (Connection connection = connect()) {
                        unavailableReason = connection.isValid(5) ? null
                                : "PostgreSQL at " + urlWithoutQuery() + " accepted a connection that is not valid";
                    } catch (SQLException e) {
                        unavailableReason = "PostgreSQL at " + urlWithoutQuery() + " is not reachable (" + e.getMessage()
                                + "); set " + URL_VARIABLE + " to a reachable server";
                    }
                    checked = true;
                }
            }
        }
        if (unavailableReason != null) {
            if (required()) {
                Assertions.fail(unavailableReason + " (" + REQUIRE_VARIABLE + "=true makes this a failure)");
            }
            Assumptions.abort(unavailableReason);
        }
    }

    /** A plain connection to the test database with the URL's credentials. */
    public static Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "5");
        return new org.postgresql.Driver().connect(url(), properties);
    }

    /** A fresh schema prefix such as {@code t3f9a2c1b_}, unique to one test. */
    public static String randomSchemaPrefix() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toLowerCase(Locale.ROOT) + "_";
    }

    /** Store settings for the test server with the given schema prefix. */
    public static PostgresSettings settings(String schemaPrefix) {
        return settings(schemaPrefix, 4);
    }

    public static PostgresSettings settings(String schemaPrefix, int maxConnections) {
        return new PostgresSettings(urlWithoutQuery(), queryParameter("user", "postgres"),
                queryParameter("password", null), schemaPrefix, "disable", maxConnections, Duration.ofSeconds(5),
                Duration.ofMinutes(2));
    }

    /** The URL without its query string (where credentials may be). */
    public static String urlWithoutQuery() {
        String url = url();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String queryParameter(String name, String fallback) {
        String url = url();
        int query = url.indexOf('?');
        if (query < 0) {
            return fallback;
        }
        for (String pair : url.substring(query + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return fallback;
    }

    /** Schemas whose names start with the prefix. */
    public static List<String> schemasWithPrefix(String prefix) throws SQLException {
        List<String> schemas = new ArrayList<>();
        try (Connection connection = connect();
             PreparedStatement ps = connection.prepareStatement(
                     "SELECT nspname FROM pg_namespace WHERE left(nspname, length(?)) = ? ORDER BY nspname")) {
            ps.setString(1, prefix);
            ps.setString(2, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    schemas.add(rs.getString(1));
                }
            }
        }
        return schemas;
    }

    /** Drops every schema whose name starts with the prefix; a no-op when the server is unreachable. */
    public static void dropSchemas(String prefix) {
        if (prefix == null || prefix.length() < 3) {
            throw new IllegalArgumentException("refusing to drop schemas with the short prefix '" + prefix + "'");
        }
        try {
            List<String> schemas = schemasWithPrefix(prefix);
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                for (String schema : schemas) {
                    statement.execute("DROP SCHEMA IF EXISTS \"" + schema.replace("\"", "\"\"") + "\" CASCADE");
                }
            }
        } catch (SQLException e) {
            if (unavailableReason == null && checked) {
                throw new IllegalStateException("Could not drop test schemas with prefix " + prefix, e);
            }
        }
    }
}
