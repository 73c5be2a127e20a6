package io.nifimdm.core.backend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Prepared {@code INSERT} batches inside the caller's transaction. Each statement inserts a group of
 * {@code rowsPerStatement} rows ({@code VALUES (..), (..), ...}): a JDBC batch runs one native step, reset and
 * change count per statement, so grouping rows cuts those calls per row (SQLite: about a third less CPU than one
 * row per statement at 12 columns). Rows left over at the end go in through a one-row statement. With
 * {@code sqliteEncoding} dates and timestamps are bound as ISO text and booleans as 0/1, as SQLite stores them;
 * otherwise as typed JDBC values. Values are checked against their column's type when added.
 *
 * <p>With {@code overlapped}, each full batch runs on a thread of the sink's own while the caller fills the next one
 * in a second statement: SQLite's driver keeps bound values as objects until the batch runs, so the caller's part
 * (checking and converting values, holding them in the statement) is plain Java that needs no lock, and the native
 * part (binding and stepping) runs beside it. Batches still run one at a time and in order, on the caller's
 * connection and in its transaction; a batch's failure is thrown by the next {@link #add} that completes a batch, or by
 * {@link #finish}.
 */
final class BatchInsertRowSink implements RowSink {

    /** SQLite's historical limit on parameters per statement (SQLITE_MAX_VARIABLE_NUMBER before 3.32). */
    static final int MAX_PARAMETERS = 999;
    /** More rows per statement gain little once the per-statement calls are a few percent of the binds. */
    static final int MAX_ROWS_PER_STATEMENT = 64;

    private final Connection connection;
    private final String insertPrefix;
    private final String rowPlaceholders;
    private final List<ColumnDef> columns;
    private final ColumnType[] types;
    private final int batchSize;
    private final boolean sqliteEncoding;
    private final int rowsPerStatement;
    /** Statements filled in turn: one takes rows while the other's batch runs (one only, without overlap). */
    private final PreparedStatement[] grouped;
    private int filling;
    private final ExecutorService batchRunner;
    private Future<int[]> running;
    /** A batch's failure, once thrown: the rows after it must not load as if nothing had happened. */
    private SQLException failedBatch;
    private PreparedStatement single;
    private final char[] scratch = new char[TemporalText.TIMESTAMP_CHARS];
    /** The current group's values, already in their bind form, row after row. */
    private final Object[] group;
    private int groupRows;
    private int pendingRows;
    private long rows;

    /**
     * @param insertPrefix {@code INSERT INTO t (a, b) VALUES }, to which the row placeholders are appended
     */
    BatchInsertRowSink(Connection connection, String insertPrefix, List<ColumnDef> columns, int batchSize,
                       boolean sqliteEncoding, int maxRowsPerStatement, boolean overlapped) throws SQLException {
        this.connection = connection;
        this.insertPrefix = insertPrefix;
        this.sqliteEncoding = sqliteEncoding;
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        this.batchSize = Math.max(1, batchSize);
        this.rowsPerStatement = Math.max(1, Math.min(Math.min(maxRowsPerStatement, this.batchSize),
                MAX_PARAMETERS / Math.max(1, types.length)));
        StringBuilder placeholders = new StringBuilder("(");
        for (int i = 0; i < types.length; i++) {
            placeholders.append(i == 0 ? "?" : ", ?");
        }
        this.rowPlaceholders = placeholders.append(')').toString();
        this.group = new Object[rowsPerStatement * types.length];
        this.grouped = new PreparedStatement[overlapped ? 2 : 1];
        try {
            for (int i = 0; i < grouped.length; i++) {
                grouped[i] = connection.prepareStatement(insertSql(rowsPerStatement));
            }
        } catch (SQLException e) {
            try {
                closeStatements();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        this.batchRunner = overlapped ? Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mdm-insert-batches");
            thread.setDaemon(true);
            return thread;
        }) : null;
    }

    private String insertSql(int rowCount) {
        StringBuilder sql = new StringBuilder(insertPrefix.length() + rowCount * (rowPlaceholders.length() + 2))
                .append(insertPrefix);
        for (int r = 0; r < rowCount; r++) {
            if (r > 0) {
                sql.append(", ");
            }
            sql.append(rowPlaceholders);
        }
        return sql.toString();
    }

    @Override
    public void add(Object[] row) throws SQLException {
        checkNoBatchFailed();
        RowValues.checkWidth(row, columns);
        int base = groupRows * types.length;
        for (int i = 0; i < types.length; i++) {
            Object value = row[i];
            group[base + i] = value == null ? null : bindForm(value, i);
        }
        rows++;
        if (++groupRows == rowsPerStatement) {
            PreparedStatement statement = grouped[filling];
            bind(statement, 0, rowsPerStatement);
            statement.addBatch();
            groupRows = 0;
            pendingRows += rowsPerStatement;
            if (pendingRows >= batchSize) {
                runBatch();
            }
        }
    }

    /** Runs the filled statement's batch: at once, or (overlapped) after the one running and beside the caller. */
    private void runBatch() throws SQLException {
        PreparedStatement statement = grouped[filling];
        if (batchRunner == null) {
            statement.executeBatch();
            pendingRows = 0;
            return;
        }
        awaitRunning();
        running = batchRunner.submit(statement::executeBatch);
        filling = (filling + 1) % grouped.length;
        pendingRows = 0;
    }

    private void checkNoBatchFailed() throws SQLException {
        if (failedBatch != null) {
            throw new SQLException("an earlier batch of inserts failed: " + failedBatch.getMessage(), failedBatch);
        }
    }

    /** Waits for the batch running on the sink's thread, throwing its failure as it was thrown. */
    private void awaitRunning() throws SQLException {
        if (running == null) {
            return;
        }
        try {
            running.get();
            running = null;
        } catch (InterruptedException e) {
            // the batch goes on; close() waits for it before the statements close
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while a batch of inserts ran", e);
        } catch (ExecutionException e) {
            running = null;
            if (e.getCause() instanceof SQLException cause) {
                failedBatch = cause;
                throw cause;
            }
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw new SQLException(e.getCause());
        }
    }

    /** The value as it is bound: checked against the column type, temporal values as text on SQLite. */
    private Object bindForm(Object value, int i) {
        ColumnDef column = columns.get(i);
        return switch (types[i]) {
            case BOOLEAN -> {
                boolean b = RowValues.asBoolean(value, column);
                yield sqliteEncoding ? (Object) (b ? 1 : 0) : (Object) b;
            }
            case INTEGER -> value instanceof Long ? value : RowValues.asLong(value, column);
            case DECIMAL -> value instanceof Double ? value : RowValues.asDouble(value, column);
            case DATE -> {
                if (!sqliteEncoding) {
                    yield RowValues.asDate(value, column);
                }
                LocalDate date = RowValues.asDate(value, column);
                int length = TemporalText.writeDate(scratch, date);
                yield length < 0 ? TemporalText.date(date) : new String(scratch, 0, length);
            }
            case TIMESTAMP -> {
                if (!sqliteEncoding) {
                    yield RowValues.asTimestamp(value, column);
                }
                LocalDateTime timestamp = RowValues.asTimestamp(value, column);
                int length = TemporalText.writeTimestamp(scratch, timestamp);
                yield length < 0 ? TemporalText.timestamp(timestamp) : new String(scratch, 0, length);
            }
            case TEXT -> RowValues.asText(value, column);
        };
    }

    /** Binds {@code count} rows of the group, starting at group row {@code from}, as the statement's rows. */
    private void bind(PreparedStatement statement, int from, int count) throws SQLException {
        int n = types.length;
        int index = 1;
        for (int r = from; r < from + count; r++) {
            int base = r * n;
            for (int i = 0; i < n; i++, index++) {
                Object value = group[base + i];
                if (value == null) {
                    statement.setNull(index, Types.NULL);
                    continue;
                }
                if (sqliteEncoding) {
                    // SQLite's driver keeps each bound value as an object until the batch runs: the bind form is
                    // already that object (Long, Double, Integer, String), where the typed setters would box again
                    statement.setObject(index, value);
                    continue;
                }
                switch (types[i]) {
                    case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
                    case INTEGER -> statement.setLong(index, (Long) value);
                    case DECIMAL -> statement.setDouble(index, (Double) value);
                    case DATE, TIMESTAMP -> statement.setObject(index, value);
                    case TEXT -> statement.setString(index, (String) value);
                }
            }
        }
    }

    @Override
    public void finish() throws SQLException {
        checkNoBatchFailed();
        if (pendingRows > 0) {
            runBatch();
        }
        awaitRunning();
        if (groupRows > 0) {
            if (single == null) {
                single = connection.prepareStatement(insertSql(1));
            }
            for (int r = 0; r < groupRows; r++) {
                bind(single, r, 1);
                single.addBatch();
            }
            single.executeBatch();
            groupRows = 0;
        }
        Arrays.fill(group, null);
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (batchRunner != null) {
                // a batch still running belongs to a load that failed elsewhere, which the caller rolls back; its
                // own failure is the one to report, so this one's outcome is only waited for
                boolean interrupted = false;
                while (running != null) {
                    try {
                        running.get();
                        running = null;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        running = null;
                    }
                }
                batchRunner.shutdown();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            closeStatements();
        }
    }

    private void closeStatements() throws SQLException {
        SQLException failure = null;
        List<PreparedStatement> statements = new ArrayList<>(Arrays.asList(grouped));
        statements.add(single);
        for (PreparedStatement statement : statements) {
            try {
                if (statement != null) {
                    statement.close();
                }
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
