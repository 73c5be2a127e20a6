package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;

import java.util.Locale;

/**
 * One aggregate of a grouped query.
 *
 * @param column   the input column, or null for {@code count(*)}
 * @param quantile for QUANTILE the probability in [0, 1]; ignored otherwise
 * @param alias    output column name, or null for the default ({@code count}, {@code avg_x}, {@code q90_x})
 */
public record Aggregation(Function function, String column, double quantile, String alias) {

    public enum Function {
        COUNT, COUNT_DISTINCT, SUM, AVG, MIN, MAX, STDDEV, MEDIAN, QUANTILE;

        /** Accepts the names users type: {@code mean} for avg, {@code std}/{@code stddev_samp} for stddev. */
        public static Function parse(String name) {
            return switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "count" -> COUNT;
                case "count_distinct", "countdistinct", "nunique" -> COUNT_DISTINCT;
                case "sum" -> SUM;
                case "avg", "mean" -> AVG;
                case "min" -> MIN;
                case "max" -> MAX;
                case "stddev", "std", "stddev_samp" -> STDDEV;
                case "median" -> MEDIAN;
                case "quantile", "percentile" -> QUANTILE;
                default -> throw new MdmException("Unknown aggregation '" + name + "': expected count, "
                        + "count_distinct, sum, avg, mean, min, max, stddev, median or quantile");
            };
        }

        boolean needsNumber() {
            return this == SUM || this == AVG || this == STDDEV || this == MEDIAN || this == QUANTILE;
        }
    }

    public Aggregation {
        if (function == null) {
            throw new MdmException("An aggregation needs a function");
        }
        if (column == null && function != Function.COUNT) {
            throw new MdmException(function.name().toLowerCase(Locale.ROOT) + " needs a column");
        }
        if (function == Function.MEDIAN) {
            quantile = 0.5;
        }
        if (function == Function.QUANTILE && !(quantile >= 0 && quantile <= 1)) {
            throw new MdmException("Quantile must be between 0 and 1, got " + quantile);
        }
    }

    public static Aggregation of(Function function, String column) {
        return new Aggregation(function, column, 0.5, null);
    }

    /** The output column name. */
    public String outputName() {
        if (alias != null && !alias.isBlank()) {
            return alias;
        }
        String fn = function.name().toLowerCase(Locale.ROOT);
        if (column == null) {
            return fn;
        }
        if (function == Function.QUANTILE) {
            String percent = java.math.BigDecimal.valueOf(quantile * 100).stripTrailingZeros().toPlainString()
                    .replace('.', '_');
            return "q" + percent + "_" + column;
        }
        return fn + "_" + column;
    }
}
