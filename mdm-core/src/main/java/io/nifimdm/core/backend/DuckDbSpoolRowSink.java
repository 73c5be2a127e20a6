package io.nifimdm.core.backend;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * DuckDB bulk load through DuckDB's own parallel CSV reader: rows are spooled to a temporary file in DuckDB's temp
 * directory in one canonical dialect and inserted with {@code read_csv} under the table's exact column types. On
 * two cores this beats the appender about twice over (PROBES.md: 3.6 s against 4.9 s per million rows), and the
 * INSERT belongs to the caller's transaction like any other statement.
 *
 * <p>The dialect: comma-separated, {@code \N} unquoted for null, text always quoted with doubled quotes (so an empty
 * string, or text that reads {@code \N}, is never taken for null), numbers as Java prints them (round-trip exact),
 * ISO dates and timestamps.
 */
final class DuckDbSpoolRowSink implements RowSink {

    private static final String NULL_MARKER = "\\N";

    private final Connection connection;
    private final String target;
    private final List<ColumnDef> columns;
    private final ColumnType[] types;
    private final Path spool;
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private long rows;
    private boolean finished;

    DuckDbSpoolRowSink(Connection connection, String target, List<ColumnDef> columns) throws SQLException {
        this.connection = connection;
        this.target = target;
        this.columns = List.copyOf(columns);
        this.types = columns.stream().map(ColumnDef::type).toArray(ColumnType[]::new);
        try {
            Path directory = tempDirectory(connection);
            Files.createDirectories(directory);
            this.spool = Files.createTempFile(directory, "mdm-load-", ".csv");
            this.out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(spool), StandardCharsets.UTF_8),
                    1 << 20);
        } catch (IOException e) {
            throw new SQLException("Cannot create a spool file for the DuckDB load: " + e.getMessage(), e);
        }
    }

    @Override
    public void add(Object[] row) throws SQLException {
        RowValues.checkWidth(row, columns);
        line.setLength(0);
        for (int i = 0; i < types.length; i++) {
            if (i > 0) {
                line.append(',');
            }
            Object value = row[i];
            if (value == null) {
                line.append(NULL_MARKER);
                continue;
            }
            ColumnDef column = columns.get(i);
            switch (types[i]) {
                case BOOLEAN -> line.append(RowValues.asBoolean(value, column));
                case INTEGER -> line.append(RowValues.asLong(value, column));
                case DECIMAL -> appendDouble(RowValues.asDouble(value, column));
                case DATE -> TemporalText.appendDate(line, RowValues.asDate(value, column));
                case TIMESTAMP -> TemporalText.appendTimestamp(line, RowValues.asTimestamp(value, column));
                case TEXT -> appendQuoted(RowValues.asText(value, column));
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new SQLException("Cannot write the DuckDB spool file: " + e.getMessage(), e);
        }
        rows++;
    }

    private void appendDouble(double value) {
        if (Double.isNaN(value)) {
            line.append("nan");
        } else if (Double.isInfinite(value)) {
            line.append(value > 0 ? "inf" : "-inf");
        } else {
            line.append(value);
        }
    }

    private void appendQuoted(String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                line.append('"');
            }
            line.append(c);
        }
        line.append('"');
    }

    @Override
    public void finish() throws SQLException {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new SQLException("Cannot write the DuckDB spool file: " + e.getMessage(), e);
        }
        if (rows == 0) {
            return;
        }
        StringBuilder names = new StringBuilder();
        StringBuilder selects = new StringBuilder();
        StringBuilder struct = new StringBuilder();
        DuckDbBackend backend = (DuckDbBackend) Backends.of(BackendKind.DUCKDB);
        for (int i = 0; i < columns.size(); i++) {
            String separator = i == 0 ? "" : ", ";
            names.append(separator).append(backend.quote(columns.get(i).name()));
            selects.append(separator).append("c").append(i);
            struct.append(separator).append("'c").append(i).append("': '").append(backend.sqlType(types[i]))
                    .append('\'');
        }
        String sql = "INSERT INTO " + target + " (" + names + ") SELECT " + selects + " FROM read_csv("
                + literal(spool.toString()) + ", header = false, delim = ',', quote = '\"', escape = '\"',"
                + " nullstr = '\\N', allow_quoted_nulls = false, auto_detect = false, new_line = '\\n',"
                + " columns = {" + struct + "})";
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            deleteSpool();
        }
    }

    @Override
    public long rowCount() {
        return rows;
    }

    @Override
    public void close() throws SQLException {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteSpool();
        }
    }

    private void deleteSpool() {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException ignored) {
            // A leftover spool file in DuckDB's temp directory is harmless and removed with the directory.
        }
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Path tempDirectory(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_setting('temp_directory')")) {
            String configured = rs.next() ? rs.getString(1) : null;
            return configured == null || configured.isBlank()
                    ? Path.of(System.getProperty("java.io.tmpdir"))
                    : Path.of(configured);
        }
    }
}
