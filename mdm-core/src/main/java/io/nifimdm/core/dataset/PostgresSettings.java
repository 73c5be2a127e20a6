package io.nifimdm.core.dataset;

import java.time.Duration;

/**
 * Connection settings of a PostgreSQL store. The password never appears in {@link #toString()}, logs or
 * error messages.
 *
 * @param jdbcUrl          {@code jdbc:postgresql://host:port/database}, without credentials
 * @param schemaPrefix     prefix of each dataset's schema (default {@code mdm_}); lower-case letters, digits, {@code _}
 * @param sslMode          disable, allow, prefer, require, verify-ca or verify-full
 * @param maxConnections   pool size
 * @param statementTimeout 0 = none
 */
public record PostgresSettings(String jdbcUrl, String user, String password, String schemaPrefix, String sslMode,
                               int maxConnections, Duration connectTimeout, Duration statementTimeout) {

    public static final String DEFAULT_SCHEMA_PREFIX = "mdm_";

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****, schemaPrefix="
                + schemaPrefix + ", sslMode=" + sslMode + ", maxConnections=" + maxConnections + ", connectTimeout="
                + connectTimeout + ", statementTimeout=" + statementTimeout + "]";
    }
}
