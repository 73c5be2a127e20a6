package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.bench.StoreRun;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * Baseline (1): the engine's own loader reading the same CSV file, into a dataset of our store (so
 * engine settings are the product's). DuckDB: {@code CREATE TABLE AS SELECT * FROM read_csv(file)}
 * with auto-detection. PostgreSQL: {@code COPY ... FROM 'file'} run by the server into a table of
 * our column types; when the server cannot read the file, {@code CopyManager.copyIn} of the raw
 * file bytes instead (and the row says so). SQLite has no loader reachable through JDBC.
 */
public final class NativeLoadScenario implements Scenario {

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String description() {
        return "baseline: engine-native load of the CSV (DuckDB read_csv CTAS, PostgreSQL server-side COPY FROM file)";
    }

    @Override
    public Set<BackendKind> backends() {
        return Set.of(BackendKind.DUCKDB, BackendKind.POSTGRESQL);
    }

    @Override
    public Baseline baseline() {
        return Baseline.NATIVE;
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        return backend == BackendKind.DUCKDB ? new DuckDbRun(context) : new PostgresRun(context);
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static final class DuckDbRun extends StoreRun {

        DuckDbRun(BenchContext context) throws Exception {
            super(context, BackendKind.DUCKDB);
        }

        @Override
        public long execute() throws SQLException {
            Backend backend = dataset.backend();
            try (Connection connection = store.connect(dataset.name()); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + backend.quote(BenchContext.TABLE)
                        + " AS SELECT * FROM read_csv(" + literal(context.csv().toAbsolutePath().toString()) + ", header = true)");
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM " + backend.quote(BenchContext.TABLE))) {
                    count.next();
                    return count.getLong(1);
                }
            }
        }
    }

    private static final class PostgresRun extends StoreRun {

        private final boolean serverReadsFile;

        PostgresRun(BenchContext context) throws Exception {
            super(context, BackendKind.POSTGRESQL);
            this.serverReadsFile = serverCanRead();
        }

        private boolean serverCanRead() throws SQLException {
            try (Connection connection = store.connect(dataset.name());
                 PreparedStatement probe = connection.prepareStatement("SELECT size FROM pg_stat_file(?)")) {
                probe.setString(1, context.csv().toAbsolutePath().toString());
                probe.executeQuery().close();
                return true;
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public String note() {
            return serverReadsFile ? null : "server cannot read the file: CopyManager.copyIn of the raw file instead";
        }

        @Override
        public long execute() throws Exception {
            Backend backend = dataset.backend();
            String table = backend.qualified(dataset.schema(), BenchContext.TABLE);
            try (Connection connection = store.connect(dataset.name())) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(backend.createTableSql(dataset.schema(), BenchContext.TABLE, context.columns()));
                }
                long rows;
                if (serverReadsFile) {
                    try (Statement statement = connection.createStatement()) {
                        rows = statement.executeUpdate("COPY " + table + " FROM "
                                + literal(context.csv().toAbsolutePath().toString()) + " WITH (FORMAT csv, HEADER true)");
                    }
                } else {
                    try (InputStream in = Files.newInputStream(context.csv())) {
                        rows = connection.unwrap(PGConnection.class).getCopyAPI()
                                .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv, HEADER true)", in, 1 << 16);
                    }
                }
                connection.commit();
                return rows;
            }
        }
    }
}
