package io.nifimdm.core.dataset;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Datasets as schemas {@code <prefix><name>} of one PostgreSQL database, served by one HikariCP pool.
 *
 * <p>Locking: each dataset has an advisory lock key derived from its schema name. Creating, dropping and
 * {@link WriteMode#EXCLUSIVE} writes take it exclusively for their transaction; {@link WriteMode#APPEND} writes take
 * it shared, so appends from many threads or NiFi nodes run together but never beside a replace or a drop.
 */
final class PostgresDatasetStore implements DatasetStore, DatasetHost {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresDatasetStore.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> SSL_MODES = Set.of("disable", "allow", "prefer", "require", "verify-ca",
            "verify-full");
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();
    private static final int MAX_SCHEMA_BYTES = 63;

    private final HikariDataSource pool;
    private final Backend backend = Backends.of(BackendKind.POSTGRESQL);
    private final String prefix;
    private final String location;
    private volatile String engineVersion;

    private PostgresDatasetStore(HikariDataSource pool, String prefix, String location) {
        this.pool = pool;
        this.prefix = prefix;
        this.location = location;
    }

    static PostgresDatasetStore open(PostgresSettings settings) {
        if (settings == null) {
            throw new MdmException("PostgreSQL settings are required");
        }
        String url = settings.jdbcUrl() == null ? "" : settings.jdbcUrl().trim();
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new MdmException("Invalid PostgreSQL URL '" + location(url)
                    + "': expected jdbc:postgresql://host:port/database");
        }
        String prefix = settings.schemaPrefix() == null || settings.schemaPrefix().isEmpty()
                ? PostgresSettings.DEFAULT_SCHEMA_PREFIX : settings.schemaPrefix();
        if (!PREFIX.matcher(prefix).matches() || prefix.length() > 30) {
            throw new MdmException("Invalid schema prefix '" + prefix + "': use up to 30 lower-case letters, digits"
                    + " and underscores, starting with a letter or underscore (default mdm_)");
        }
        String sslMode = settings.sslMode() == null || settings.sslMode().isBlank() ? "prefer"
                : settings.sslMode().trim().toLowerCase(Locale.ROOT);
        if (!SSL_MODES.contains(sslMode)) {
            throw new MdmException("Invalid SSL mode '" + settings.sslMode()
                    + "': expected disable, allow, prefer, require, verify-ca or verify-full");
        }
        if (settings.maxConnections() < 1) {
            throw new MdmException("Max connections must be at least 1 (got " + settings.maxConnections() + ")");
        }
        String location = location(url);
        Duration connectTimeout = settings.connectTimeout() == null || settings.connectTimeout().isZero()
                ? Duration.ofSeconds(10) : settings.connectTimeout();

        // the driver takes a URL parameter over a data source property of the same name: the URL's own options
        // are taken out of it and put first in ours, so neither set is lost
        String userOptions = queryParameter(url, "options");
        HikariConfig config = new HikariConfig();
        config.setPoolName("nifi-mdm-" + POOL_NUMBER.incrementAndGet());
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setJdbcUrl(userOptions == null ? url : withoutQueryParameter(url, "options"));
        if (settings.user() != null && !settings.user().isBlank()) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null && !settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(0);
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("sslmode", sslMode);
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
        config.addDataSourceProperty("ApplicationName", "nifi-mdm");
        // A synchronised scan starts where the table's previous scan last reported its position, so a table's natural
        // order would rotate from one read to the next: feature rows numbered by that order, the signal filter's
        // sample and exports all depend on it staying the physical order.
        String options = (userOptions == null || userOptions.isBlank() ? "" : userOptions.trim() + " ")
                + "-c synchronize_seqscans=off";
        if (settings.statementTimeout() != null && !settings.statementTimeout().isZero()) {
            options += " -c statement_timeout=" + settings.statementTimeout().toMillis();
        }
        config.addDataSourceProperty("options", options);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw connectionFailure(cause, location, settings.user());
        } catch (RuntimeException e) {
            throw new MdmException("Cannot start the connection pool for PostgreSQL at " + location + ": "
                    + e.getMessage(), e);
        }
        PostgresDatasetStore store = new PostgresDatasetStore(pool, prefix, location);
        LOG.debug("Opened PostgreSQL dataset store on {} with schema prefix {}", location, prefix);
        return store;
    }

    /**
     * The decoded value of a query parameter of a JDBC URL (the last one, as the driver takes it), null when the URL
     * has none of that name.
     */
    static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        String value = null;
        for (String pair : url.substring(query + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (parameterName(pair).equals(name)) {
                try {
                    value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1),
                            java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new MdmException("Invalid PostgreSQL URL '" + location(url) + "': parameter " + name
                            + " is not URL-encoded (" + e.getMessage() + ")");
                }
            }
        }
        return value;
    }

    /** The URL without any query parameter of that name. */
    static String withoutQueryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        java.util.StringJoiner kept = new java.util.StringJoiner("&");
        for (String pair : url.substring(query + 1).split("&")) {
            if (!parameterName(pair).equals(name) && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        return kept.length() == 0 ? url.substring(0, query) : url.substring(0, query + 1) + kept;
    }

    /** The name of one {@code name=value} pair of a URL query. */
    private static String parameterName(String pair) {
        int equals = pair.indexOf('=');
        return equals < 0 ? pair : pair.substring(0, equals);
    }

    /** The URL without its query (where credentials may be) and with the default port made explicit. */
    static String location(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String prefix = "jdbc:postgresql://";
        if (base.startsWith(prefix)) {
            String rest = base.substring(prefix.length());
            int slash = rest.indexOf('/');
            String hosts = slash < 0 ? rest : rest.substring(0, slash);
            String path = slash < 0 ? "" : rest.substring(slash);
            int at = hosts.lastIndexOf('@');
            if (at >= 0) {
                hosts = hosts.substring(at + 1);
            }
            if (!hosts.contains(",") && !hosts.contains(":") && !hosts.isEmpty()) {
                hosts = hosts + ":5432";
            }
            return prefix + hosts + path;
        }
        return base;
    }

    private static MdmException connectionFailure(Throwable cause, String location, String user) {
        String message = cause.getMessage();
        if (cause instanceof SQLException sql) {
            String state = sql.getSQLState() == null ? "" : sql.getSQLState();
            if (state.startsWith("28")) {
                return new MdmException("PostgreSQL at " + location + " refused the login of user '" + user + "': "
                        + message + ". Check the user name and password", sql);
            }
            if (state.equals("3D000")) {
                return new MdmException("PostgreSQL at " + location + ": " + message
                        + ". Check the database name in the URL", sql);
            }
            if (state.startsWith("08") || state.isEmpty() || StoreErrors.isTransient(sql)) {
                return new TransientStoreException("PostgreSQL at " + location + " is not reachable: " + message,
                        sql);
            }
        }
        return new MdmException("Cannot connect to PostgreSQL at " + location + ": " + message, cause);
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String transitUri(String dataset, String table) {
        return location + "?currentSchema=" + schema(DatasetNames.normalize(dataset)) + "#" + table;
    }

    @Override
    public String engineVersion() {
        String version = engineVersion;
        if (version == null) {
            try (Connection connection = borrow()) {
                String full = DatasetStores.singleValue(connection, "SHOW server_version");
                version = "PostgreSQL " + full.split(" ")[0];
            } catch (SQLException e) {
                throw StoreErrors.translate(e, "Cannot read the PostgreSQL version at " + location);
            }
            engineVersion = version;
        }
        return version;
    }

    /** The schema of a dataset, validated against PostgreSQL's 63-byte identifier limit. */
    String schema(String normalizedName) {
        String schema = prefix + normalizedName;
        int bytes = schema.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_SCHEMA_BYTES) {
            throw new MdmException("Dataset name '" + normalizedName + "' is too long for PostgreSQL: its schema '"
                    + schema + "' would be " + bytes + " bytes, and PostgreSQL allows " + MAX_SCHEMA_BYTES
                    + "; use a shorter name or schema prefix");
        }
        return schema;
    }

    /** The advisory lock key of a schema: the first 8 bytes of its SHA-256, stable across JVMs and versions. */
    static long lockKey(String schema) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("nifi-mdm dataset " + schema).getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (digest[i] & 0xFF);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Connection borrow() throws SQLException {
        if (pool.isClosed()) {
            throw new MdmException("The dataset store on " + location + " is closed");
        }
        return pool.getConnection();
    }

    /**
     * A pooled connection with the dataset's schema as search path. HikariCP does not reset a search path it was not
     * configured with, so closing the returned handle resets it before the connection goes back to the pool; a
     * connection that cannot be reset is evicted instead of reused.
     */
    private Connection borrowFor(String schema) throws SQLException {
        Connection connection = borrow();
        try {
            connection.setSchema(schema);
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(connection);
            throw e;
        }
        return ConnectionHandle.wrap(connection, this::giveBack);
    }

    private void giveBack(Connection connection) throws SQLException {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("RESET search_path");
            }
        } catch (SQLException | RuntimeException e) {
            pool.evictConnection(connection);
            return;
        }
        connection.close();
    }

    private static void lock(Connection connection, String schema, boolean exclusive) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(exclusive ? "SELECT pg_advisory_xact_lock(?)"
                : "SELECT pg_advisory_xact_lock_shared(?)")) {
            ps.setLong(1, lockKey(schema));
            ps.executeQuery().close();
        }
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean holdsDataset(Connection connection, String schema) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM pg_class c JOIN pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?")) {
            ps.setString(1, schema);
            ps.setString(2, SqlDatasetMetadata.DATASET);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs catalog work (create, drop) in one transaction under the dataset's exclusive lock. */
    private <T> T underExclusiveLock(String schema, String context, SqlWork<T> work) {
        try (Connection connection = borrow()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, schema, true);
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Error e) {
                EmbeddedDatasetStore.rollbackQuietly(connection);
                throw e;
            } catch (Exception e) {
                EmbeddedDatasetStore.rollbackQuietly(connection);
                throw StoreErrors.translate(e, context);
            }
        } catch (SQLException e) {
            throw StoreErrors.translate(e, context);
        }
    }

    @Override
    public Dataset create(String name, String displayName) {
        String normalized = DatasetNames.normalize(name);
        String schema = schema(normalized);
        underExclusiveLock(schema, "Cannot create dataset '" + normalized + "' at " + location, connection -> {
            if (schemaExists(connection, schema)) {
                throw new DatasetExistsException(normalized);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + backend.quote(schema));
            }
            SqlDatasetMetadata metadata = new SqlDatasetMetadata(backend, schema);
            metadata.createTables(connection);
            metadata.writeInfo(connection, DatasetInfo.created(normalized,
                    displayName == null || displayName.isBlank() ? name.trim() : displayName, BackendKind.POSTGRESQL,
                    Instant.now()));
            return null;
        });
        return new HostedDataset(this, normalized, schema, backend);
    }

    @Override
    public Dataset open(String name) {
        String normalized = DatasetNames.normalize(name);
        if (!exists(normalized)) {
            throw new DatasetNotFoundException(normalized);
        }
        return new HostedDataset(this, normalized, schema(normalized), backend);
    }

    @Override
    public boolean exists(String name) {
        String normalized = DatasetNames.normalize(name);
        String schema = schema(normalized);
        try (Connection connection = borrow()) {
            return holdsDataset(connection, schema);
        } catch (SQLException e) {
            throw StoreErrors.translate(e, "Cannot look up dataset '" + normalized + "' at " + location);
        }
    }

    @Override
    public List<DatasetSummary> list() {
        List<DatasetSummary> result = new ArrayList<>();
        try (Connection connection = borrow()) {
            List<String> schemas = new ArrayList<>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT n.nspname FROM pg_namespace n"
                    + " WHERE left(n.nspname, length(?)) = ? AND EXISTS (SELECT 1 FROM pg_class c"
                    + " WHERE c.relnamespace = n.oid AND c.relname = ?) ORDER BY n.nspname")) {
                ps.setString(1, prefix);
                ps.setString(2, prefix);
                ps.setString(3, SqlDatasetMetadata.DATASET);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        schemas.add(rs.getString(1));
                    }
                }
            }
            for (String schema : schemas) {
                String name = schema.substring(prefix.length());
                SqlDatasetMetadata metadata = new SqlDatasetMetadata(backend, schema);
                try {
                    if (!DatasetNames.normalize(name).equals(name)) {
                        continue;
                    }
                    result.add(new DatasetSummary(metadata.readInfo(connection), metadata.tables(connection)));
                } catch (SQLException e) {
                    if (StoreErrors.isTransient(e)) {
                        throw e;
                    }
                    // dropped between the scan and the read, or not ours after all
                    LOG.warn("Skipping schema {} while listing datasets: {}", schema, e.getMessage());
                } catch (MdmException e) {
                    LOG.warn("Skipping schema {} while listing datasets: {}", schema, e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.translate(e, "Cannot list datasets at " + location);
        }
        result.sort(Comparator.comparing(s -> s.info().name()));
        return result;
    }

    @Override
    public void drop(String name) {
        String normalized = DatasetNames.normalize(name);
        String schema = schema(normalized);
        underExclusiveLock(schema, "Cannot drop dataset '" + normalized + "' at " + location, connection -> {
            if (!holdsDataset(connection, schema)) {
                throw new DatasetNotFoundException(normalized);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA " + backend.quote(schema) + " CASCADE");
            }
            return null;
        });
    }

    @Override
    public Connection connect(String datasetName) throws SQLException {
        String normalized = DatasetNames.normalize(datasetName);
        return borrowFor(schema(normalized));
    }

    @Override
    public Connection openReadConnection(String dataset) throws SQLException {
        return borrowFor(schema(dataset));
    }

    @Override
    public <T> T write(String dataset, WriteMode mode, SqlWork<T> work) {
        String schema = schema(dataset);
        String context = "Write to dataset '" + dataset + "' failed";
        try (Connection connection = borrowFor(schema)) {
            connection.setAutoCommit(false);
            try {
                lock(connection, schema, mode == WriteMode.EXCLUSIVE);
                if (!holdsDataset(connection, schema)) {
                    throw new DatasetNotFoundException(dataset);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (Error e) {
                EmbeddedDatasetStore.rollbackQuietly(connection);
                throw e;
            } catch (Exception e) {
                EmbeddedDatasetStore.rollbackQuietly(connection);
                throw StoreErrors.translate(e, context);
            }
        } catch (SQLException e) {
            throw StoreErrors.translate(e, context);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "DatasetStore[" + location + ", schema prefix " + prefix + "]";
    }
}
