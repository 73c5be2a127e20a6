package io.nifimdm.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Parquet content. Parquet keeps its schema in a footer at the end, so the stream is first spooled to a temp
 * file (deleted on close). The file is decoded by an in-memory DuckDB instance (already a dependency of
 * mdm-core for the DuckDB backend), which reads every Parquet codec without Hadoop jars, and whose results are
 * streamed row group by row group, so memory stays bounded. This instance is private to the reader and opens
 * no database file.
 *
 * <p>Values: booleans Boolean; integers up to 64 bits Long (wider ones as their digits, String); FLOAT and
 * DOUBLE Double (FLOAT through its shortest decimal text, so 0.1f reads 0.1); DECIMAL Double; DATE LocalDate;
 * TIMESTAMP (any unit, without time zone) LocalDateTime; VARCHAR String; nested LIST/STRUCT/MAP their JSON
 * text; anything else (time zone timestamps, TIME, UUID, INTERVAL, BLOB) DuckDB's text form.
 */
final class ParquetTabularReader implements TabularReader {

    private enum Kind { BOOLEAN, LONG, DOUBLE, DATE, TIMESTAMP, TEXT }

    private final ContentSource source;
    private final Path spool;
    private final Connection connection;
    private final PreparedStatement query;
    private final ResultSet rows;
    private final List<String> columnNames;
    private final Kind[] kinds;
    private final ContentDescription description;
    private boolean pendingValid;
    private long position;

    ParquetTabularReader(ContentSource source, ReadOptions options, ContentDescription description) {
        this.source = source;
        this.description = description;
        this.spool = spool(source.stream(), options.spoolDirectory());
        Connection conn = null;
        try {
            Properties properties = new Properties();
            properties.setProperty("jdbc_stream_results", "true");
            conn = openEngine(properties);
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            try (PreparedStatement describe = conn.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
                describe.setString(1, spool.toString());
                try (ResultSet rs = describe.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                        types.add(rs.getString(2).toUpperCase(Locale.ROOT));
                    }
                }
            }
            this.kinds = new Kind[names.size()];
            StringBuilder select = new StringBuilder("SELECT ");
            for (int i = 0; i < names.size(); i++) {
                String column = '"' + names.get(i).replace("\"", "\"\"") + '"';
                String type = types.get(i);
                kinds[i] = kindOf(type);
                select.append(i == 0 ? "" : ", ").append(expression(column, type, kinds[i]));
            }
            select.append(" FROM read_parquet(?)");
            this.columnNames = ColumnNames.validate(names, options.renameDuplicateColumns());
            this.connection = conn;
            this.query = conn.prepareStatement(select.toString());
            query.setString(1, spool.toString());
            this.rows = query.executeQuery();
            this.pendingValid = rows.next();
        } catch (SQLException e) {
            closeQuietly(conn);
            deleteSpool();
            throw new InvalidInputException("The Parquet content cannot be read: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(conn);
            deleteSpool();
            throw e;
        }
        if (!pendingValid) {
            close();
            throw new InvalidInputException("The Parquet content has a schema (" + columnNames.size()
                    + " columns) but no rows");
        }
    }

    /** Failing to start the engine is not the content's fault, so it is not an InvalidInputException. */
    private static Connection openEngine(Properties properties) {
        Connection conn = null;
        try {
            conn = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (var settings = conn.createStatement()) {
                settings.execute("SET threads = 1");
                settings.execute("SET memory_limit = '256MB'");
            }
            return conn;
        } catch (SQLException e) {
            closeQuietly(conn);
            throw new IllegalStateException("Could not start the in-memory engine that decodes Parquet", e);
        }
    }

    private static Kind kindOf(String type) {
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return Kind.TEXT;
        }
        return switch (type) {
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> Kind.LONG;
            case "FLOAT", "DOUBLE" -> Kind.DOUBLE;
            case "DATE" -> Kind.DATE;
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> Kind.TIMESTAMP;
            default -> type.startsWith("DECIMAL") ? Kind.DOUBLE : Kind.TEXT;
        };
    }

    private static String expression(String column, String type, Kind kind) {
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return "CAST(to_json(" + column + ") AS VARCHAR)";
        }
        if (type.equals("FLOAT")) {
            return "CAST(CAST(" + column + " AS VARCHAR) AS DOUBLE)";
        }
        if (kind == Kind.TEXT && !type.equals("VARCHAR")) {
            return "CAST(" + column + " AS VARCHAR)";
        }
        if (type.startsWith("DECIMAL")) {
            return "CAST(" + column + " AS DOUBLE)";
        }
        if (kind == Kind.TIMESTAMP && !type.equals("TIMESTAMP")) {
            return "CAST(" + column + " AS TIMESTAMP)";
        }
        return column;
    }

    private static Path spool(InputStream in, Path directory) {
        try {
            Path file = directory == null ? Files.createTempFile("mdm-ingest-", ".parquet")
                    : Files.createTempFile(directory, "mdm-ingest-", ".parquet");
            try {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not spool Parquet content to a temp file", e);
        }
    }

    @Override
    public List<String> columnNames() {
        return columnNames;
    }

    @Override
    public Object[] next() {
        if (!pendingValid) {
            return null;
        }
        try {
            Object[] row = new Object[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                int c = i + 1;
                row[i] = switch (kinds[i]) {
                    case BOOLEAN -> {
                        boolean b = rows.getBoolean(c);
                        yield rows.wasNull() ? null : b;
                    }
                    case LONG -> {
                        long l = rows.getLong(c);
                        yield rows.wasNull() ? null : l;
                    }
                    case DOUBLE -> {
                        double d = rows.getDouble(c);
                        yield rows.wasNull() ? null : d;
                    }
                    case DATE -> rows.getObject(c, LocalDate.class);
                    case TIMESTAMP -> rows.getObject(c, LocalDateTime.class);
                    case TEXT -> rows.getString(c);
                };
            }
            position++;
            pendingValid = rows.next();
            return row;
        } catch (SQLException e) {
            throw new InvalidInputException("The Parquet content cannot be read at row " + (position + 1) + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public ContentDescription description() {
        return description;
    }

    @Override
    public void close() {
        closeQuietly(rows);
        closeQuietly(query);
        closeQuietly(connection);
        deleteSpool();
        source.close();
    }

    private void deleteSpool() {
        try {
            Files.deleteIfExists(spool);
        } catch (IOException e) {
            spool.toFile().deleteOnExit();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // releasing a private in-memory engine: nothing to recover
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
