/**
 * On-demand figures of a stored table that the statistics computed at registration leave out ({@code stats --full}):
 * exact percentiles, skewness and kurtosis of numeric columns, distinct ratio and mode of text columns, the Pearson
 * correlation matrix and data-quality counts. Everything is computed by SQL in the dataset's engine, never by loading
 * the table into the JVM, and every figure is defined once so SQLite, DuckDB and PostgreSQL agree within 1e-9
 * relative:
 * <ul>
 * <li>Numeric figures use the finite values of INTEGER and DECIMAL columns: NaN counts as missing (as in the stored
 * statistics) and infinities are left out, since no moment or correlation is defined with them.</li>
 * <li>Percentiles interpolate linearly between the closest ranks, {@code pos = p * (n - 1)} (numpy's and pandas'
 * default, PostgreSQL's {@code percentile_cont}, DuckDB's {@code quantile_cont}).</li>
 * <li>Skewness and kurtosis are pandas' bias-corrected sample skewness (G1) and excess kurtosis (G2), computed from
 * power sums of the values shifted by their mean, so large offsets (values near 1e9 with a small spread) do not
 * cancel; null below 3 (skewness) or 4 (kurtosis) values, 0 for a constant column (as pandas).</li>
 * <li>Correlations are Pearson's r over the rows where both columns have a finite value (pandas' pairwise
 * deletion); null where either side is constant or fewer than two rows pair up.</li>
 * </ul>
 */
package io.nifimdm.core.profile;
