package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnType;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.TableSchema;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's own CSV writer ({@code COPY (SELECT ...) TO STDOUT}), streamed by the driver into the caller's stream:
 * about twice as fast as reading rows through JDBC (PROBES.md: 1.6 s against 2.8 s for 1M rows). Values are spelled
 * like {@link CsvTableWriter}: booleans {@code true}/{@code false} by the SELECT (PostgreSQL writes t/f), integral
 * doubles with {@code .0} by {@link IntegralDecimalPoint} so they read back as decimals; PostgreSQL already writes null as an empty field, an empty string as
 * {@code ""}, ISO dates and timestamps, and doubles as the shortest exact text.
 */
final class PostgresCsvCopy {

    private PostgresCsvCopy() {
    }

    static long copy(Dataset dataset, TableSchema table, boolean header, char delimiter, OutputStream out)
            throws IOException {
        Backend backend = dataset.backend();
        List<String> columns = new ArrayList<>();
        boolean[] decimal = new boolean[table.columns().size()];
        for (ResultColumn column : table.columns()) {
            String name = backend.quote(column.name());
            decimal[columns.size()] = column.type() == ColumnType.DECIMAL;
            columns.add(column.type() == ColumnType.BOOLEAN
                    ? "CASE WHEN " + name + " THEN 'true' WHEN NOT " + name + " THEN 'false' END AS " + name
                    : name);
        }
        String sql = "COPY (SELECT " + String.join(", ", columns) + " FROM "
                + backend.qualified(dataset.schema(), table.table()) + ") TO STDOUT (FORMAT csv, HEADER " + header
                + ", DELIMITER '" + (delimiter == '\'' ? "''" : String.valueOf(delimiter)) + "')";
        try (Connection connection = dataset.openReadConnection()) {
            // integral doubles (PostgreSQL writes 3, not 3.0) get their point on this side, off the server's core
            IntegralDecimalPoint pointed = new IntegralDecimalPoint(out, decimal, delimiter, header);
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, pointed);
            pointed.finish();
            return rows;
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P"))) {
                throw new TransientStoreException("Export of '" + table.table() + "' failed: " + e.getMessage(), e);
            }
            throw new MdmException("Export of '" + table.table() + "' failed: " + e.getMessage(), e);
        }
    }
}
