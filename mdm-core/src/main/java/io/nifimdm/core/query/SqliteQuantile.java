package io.nifimdm.core.query;

import org.sqlite.Function;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * SQLite has no quantile aggregate; this one is exact and interpolates like {@code percentile_cont} (DuckDB's
 * {@code quantile_cont}): it keeps the group's non-null values (8 bytes each), sorts them at the end and returns
 * {@code v[lo] + (pos - lo) * (v[lo + 1] - v[lo])} with {@code pos = p * (n - 1)}. Registered on the connection for one
 * query and removed afterwards.
 */
final class SqliteQuantile extends Function.Aggregate {

    private double[] values = new double[16];
    private int count;
    private double probability = Double.NaN;

    static void register(Connection connection) throws SQLException {
        Function.create(connection.unwrap(org.sqlite.SQLiteConnection.class), QueryCompiler.SQLITE_QUANTILE,
                new SqliteQuantile());
    }

    static void unregister(Connection connection) throws SQLException {
        Function.destroy(connection.unwrap(org.sqlite.SQLiteConnection.class), QueryCompiler.SQLITE_QUANTILE);
    }

    @Override
    protected void xStep() throws SQLException {
        if (args() != 2) {
            throw new SQLException(QueryCompiler.SQLITE_QUANTILE + " takes a column and a probability");
        }
        probability = value_double(1);
        if (value_type(0) == SQLITE_NULL) {
            return;
        }
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value_double(0);
    }

    @Override
    protected void xFinal() throws SQLException {
        if (count == 0) {
            result();
            return;
        }
        Arrays.sort(values, 0, count);
        double position = probability * (count - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, count - 1);
        double fraction = position - low;
        result(fraction == 0 ? values[low] : values[low] + fraction * (values[high] - values[low]));
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        SqliteQuantile copy = (SqliteQuantile) super.clone();
        copy.values = new double[16];
        copy.count = 0;
        return copy;
    }

    private static final int SQLITE_NULL = 5;
}
