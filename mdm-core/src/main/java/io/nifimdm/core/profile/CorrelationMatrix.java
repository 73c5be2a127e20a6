package io.nifimdm.core.profile;

import java.util.List;

/**
 * Pearson correlations between numeric columns.
 *
 * @param columns the columns of the matrix, in table order
 * @param omittedColumns numeric columns past {@link ProfileOptions#maxCorrelationColumns()}, left out of the matrix
 * @param coefficients symmetric, row and column i are {@code columns.get(i)}; null entries where r is undefined
 *        (constant column, fewer than two paired rows)
 * @param threshold the |r| above which a pair counts as strong
 * @param strongPairs pairs with |r| above threshold, strongest first
 */
public record CorrelationMatrix(
        List<String> columns,
        List<String> omittedColumns,
        List<List<Double>> coefficients,
        double threshold,
        List<CorrelatedPair> strongPairs) {

    /** r of columns i and j, or null. */
    public Double r(int i, int j) {
        return coefficients.get(i).get(j);
    }
}
