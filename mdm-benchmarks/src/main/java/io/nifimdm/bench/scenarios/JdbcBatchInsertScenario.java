package io.nifimdm.bench.scenarios;

import io.nifimdm.bench.BenchContext;
import io.nifimdm.bench.Scenario;
import io.nifimdm.bench.StoreRun;
import io.nifimdm.bench.TypedCsvReader;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Baseline (2): what NiFi's PutDatabaseRecord does with the same rows: one parameterised INSERT,
 * {@code setObject} per value (temporal values as {@code java.sql} types, nulls with their SQL
 * type), {@code addBatch} per row, {@code executeBatch} every 1,000 rows (its default maximum batch
 * size), one transaction committed at the end. DuckDB runs one statement per batched row (about
 * 4,000 rows/s), so there it processes only the slow-row cap and the row says so.
 */
public final class JdbcBatchInsertScenario implements Scenario {

    private static final int PUT_DATABASE_RECORD_BATCH = 1_000;

    @Override
    public String name() {
        return "jdbc-batch";
    }

    @Override
    public String description() {
        return "baseline: parse + row-by-row JDBC batch insert in one transaction (NiFi PutDatabaseRecord style)";
    }

    @Override
    public Set<BackendKind> backends() {
        return EnumSet.allOf(BackendKind.class);
    }

    @Override
    public Baseline baseline() {
        return Baseline.JDBC_BATCH;
    }

    @Override
    public Run prepare(BenchContext context, BackendKind backend) throws Exception {
        return new StoreRun(context, backend) {
            private final long maxRows = backend == BackendKind.DUCKDB ? context.cappedRows() : Long.MAX_VALUE;

            @Override
            public String note() {
                return maxRows < context.rows() ? String.format("measured on %,d rows (slow path); ratios per row", maxRows) : null;
            }

            @Override
            public long execute() throws Exception {
                Backend engine = dataset.backend();
                List<ColumnDef> columns = context.columns();
                int[] sqlTypes = columns.stream().mapToInt(column -> sqlType(column)).toArray();
                try (Connection connection = store.connect(dataset.name())) {
                    connection.setAutoCommit(false);
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(engine.createTableSql(dataset.schema(), BenchContext.TABLE, columns));
                    }
                    StringJoiner placeholders = new StringJoiner(", ", "(", ")");
                    columns.forEach(column -> placeholders.add("?"));
                    String sql = "INSERT INTO " + engine.qualified(dataset.schema(), BenchContext.TABLE) + " VALUES " + placeholders;
                    long rows;
                    try (PreparedStatement insert = connection.prepareStatement(sql)) {
                        long[] pending = {0};
                        rows = TypedCsvReader.read(context.csv(), columns, maxRows, row -> {
                            for (int i = 0; i < row.length; i++) {
                                Object value = row[i];
                                if (value == null) {
                                    insert.setNull(i + 1, sqlTypes[i]);
                                } else if (value instanceof LocalDateTime dateTime) {
                                    insert.setObject(i + 1, Timestamp.valueOf(dateTime));
                                } else if (value instanceof LocalDate date) {
                                    insert.setObject(i + 1, java.sql.Date.valueOf(date));
                                } else {
                                    insert.setObject(i + 1, value);
                                }
                            }
                            insert.addBatch();
                            if (++pending[0] == PUT_DATABASE_RECORD_BATCH) {
                                insert.executeBatch();
                                pending[0] = 0;
                            }
                        });
                        if (pending[0] > 0) {
                            insert.executeBatch();
                        }
                    }
                    connection.commit();
                    return rows;
                }
            }
        };
    }

    private static int sqlType(ColumnDef column) {
        return switch (column.type()) {
            case BOOLEAN -> Types.BOOLEAN;
            case INTEGER -> Types.BIGINT;
            case DECIMAL -> Types.DOUBLE;
            case DATE -> Types.DATE;
            case TIMESTAMP -> Types.TIMESTAMP;
            case TEXT -> Types.VARCHAR;
        };
    }
}
