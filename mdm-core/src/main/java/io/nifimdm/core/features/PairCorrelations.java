package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.ColumnInfo;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pearson correlations between numeric columns over the rows where both are present (pandas' pairwise-complete rule).
 * DuckDB and PostgreSQL compute them with their {@code corr} aggregate in one scan (each a numerically careful
 * online update, on {@link CenteredValue}s so that no sum overflows). SQLite has no {@code corr}, and six
 * pairwise-complete sums per pair in SQL cost more than reading the few columns once into {@link PairSums}
 * (measured), so there the columns are streamed.
 */
final class PairCorrelations {

    private PairCorrelations() {
    }

    /**
     * Correlation matrix of the given columns: entry [a][b] for a < b, NaN where undefined.
     *
     * @param centred the columns as {@link CenteredValue}s, parallel to {@code columns}
     */
    static double[][] measure(Connection connection, Backend backend, String schema, String table,
                              List<ColumnInfo> columns, List<CenteredValue> centred) throws Exception {
        int width = columns.size();
        double[][] r = new double[width][width];
        if (width < 2) {
            return r;
        }
        if (backend.kind() == BackendKind.SQLITE) {
            PairSums sums = new PairSums(width);
            double[] values = new double[width];
            String sql = "SELECT " + columns.stream().map(c -> backend.quote(c.name()))
                    .collect(Collectors.joining(", ")) + " FROM " + backend.qualified(schema, table);
            SourceQueries.stream(connection, backend, sql, rs -> {
                for (int i = 0; i < width; i++) {
                    // centred and scaled as the engines' corr() takes them, so no sum overflows at 1e200
                    values[i] = centred.get(i).deviation(
                            FeatureComputer.number(backend.readValue(rs, i + 1, columns.get(i).storageType())));
                }
                sums.add(values);
            });
            for (int a = 0; a < width; a++) {
                for (int b = a + 1; b < width; b++) {
                    r[a][b] = sums.correlation(a, b);
                }
            }
            return r;
        }
        List<String> aggregates = new ArrayList<>();
        List<Double> parameters = new ArrayList<>();
        for (int a = 0; a < width; a++) {
            for (int b = a + 1; b < width; b++) {
                aggregates.add("corr(" + centred.get(a).sql(backend) + ", " + centred.get(b).sql(backend) + ")");
                parameters.addAll(centred.get(a).parameters());
                parameters.addAll(centred.get(b).parameters());
            }
        }
        double[] row = ColumnSpread.aggregateRow(connection, aggregates, backend.qualified(schema, table),
                parameters);
        int at = 0;
        for (int a = 0; a < width; a++) {
            for (int b = a + 1; b < width; b++) {
                r[a][b] = row[at++];
            }
        }
        return r;
    }
}
