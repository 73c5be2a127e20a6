package io.nifimdm.core.stats;

/**
 * Summary of the non-null values of an INTEGER or DECIMAL column. NaN counts as missing.
 *
 * @param min smallest value: {@link Long} for INTEGER (exact at any magnitude), {@link Double} for DECIMAL
 * @param max largest value, typed as min
 * @param mean arithmetic mean (Welford's running update: no cancellation on large offsets)
 * @param std sample standard deviation (n - 1 denominator); null for fewer than two values
 * @param q1 25th percentile
 * @param median 50th percentile
 * @param q3 75th percentile; quartiles use linear interpolation between the closest ranks
 *        (numpy/pandas default) when exact
 * @param quantilesApproximate whether the quartiles come from a reservoir sample (more non-null values than
 *        {@link StatisticsOptions#quantileExactLimit()})
 * @param quantileRankError when approximate: bound on the rank error at 99% confidence, so the true rank of
 *        a reported quartile lies within this fraction of the values of the requested rank (0 when exact)
 */
public record NumericStatistics(
        Number min,
        Number max,
        double mean,
        Double std,
        double q1,
        double median,
        double q3,
        boolean quantilesApproximate,
        double quantileRankError) {
}
