package io.nifimdm.core.profile;

/**
 * Distribution figures of a numeric column's finite values.
 *
 * @param count finite values
 * @param percentiles null when there is no finite value
 * @param skewness bias-corrected sample skewness; null below 3 values, 0 for a constant column
 * @param kurtosis bias-corrected excess kurtosis; null below 4 values, 0 for a constant column
 */
public record NumericShape(long count, Percentiles percentiles, Double skewness, Double kurtosis) {
}
