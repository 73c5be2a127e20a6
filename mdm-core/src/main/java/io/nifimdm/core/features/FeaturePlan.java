package io.nifimdm.core.features;

import io.nifimdm.core.backend.ColumnType;

import java.util.List;

/**
 * Everything fitted on the fit table, stored as versioned JSON in the dataset's {@code _mdm_feature_plan}, so the same
 * features can be applied to any table later: the options it was fitted with, each source column's fitted statistics,
 * the missing-data set, the interaction pairs, the custom expressions, and the signal filter's verdict (the features
 * kept, in column order, and those dropped with the reason).
 *
 * @param formatVersion layout of this document ({@link #FORMAT_VERSION})
 * @param fitTable      the table the statistics come from
 * @param fitRows       its row count at fit time
 * @param fittedAt      ISO-8601 instant
 * @param features      names of the kept generated features, in the order they appear in feature tables
 */
public record FeaturePlan(
        int formatVersion,
        String fitTable,
        long fitRows,
        String fittedAt,
        String targetColumn,
        FeatureOptions options,
        List<ColumnFit> columns,
        MissingFit missing,
        List<InteractionFit> interactions,
        List<CustomFit> custom,
        List<String> features,
        List<DroppedFeature> dropped) {

    public static final int FORMAT_VERSION = 1;

    public FeaturePlan {
        columns = columns == null ? List.of() : List.copyOf(columns);
        interactions = interactions == null ? List.of() : List.copyOf(interactions);
        custom = custom == null ? List.of() : List.copyOf(custom);
        features = features == null ? List.of() : List.copyOf(features);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
    }

    FeaturePlan withVerdict(List<String> kept, List<DroppedFeature> droppedFeatures) {
        return new FeaturePlan(formatVersion, fitTable, fitRows, fittedAt, targetColumn, options, columns, missing,
                interactions, custom, kept, droppedFeatures);
    }

    /**
     * One source column and the family fitted to it; exactly one of the fits is set.
     *
     * @param family statistical, categorical, temporal or text
     */
    public record ColumnFit(String name, String family, ColumnType storageType, NumericFit numeric,
                            CategoricalFit categorical, TemporalFit temporal) {
    }

    /**
     * Statistics of a NUMERIC column over its non-null values on the fit table (std with n-1, linear quantiles).
     *
     * @param ranks percentile-rank table: distinct values with the count below and at each (exact when
     *              {@code ranksExact}, else an equi-depth summary; see {@link RankTable})
     * @param boxcoxLambda null when the column is not all positive
     * @param equalEdges   11 edges of the equal-width bins (pandas {@code cut}), null when too few distinct values
     * @param quantileEdges distinct edges of the quantile bins (pandas {@code qcut}, duplicates dropped), or null
     */
    public record NumericFit(long count, double mean, double std, double min, double max, boolean allPositive,
                             long distinct, double q1, double q3, double[] equalEdges, double[] quantileEdges,
                             RankTable ranks, Double boxcoxLambda) {
    }

    /**
     * Vocabulary of a categorical column on the fit table.
     *
     * @param rows        fit-table rows (the denominator of the frequency ratio and the rare rule)
     * @param values      distinct non-null values (as text), most frequent first
     * @param counts      their counts
     * @param oneHot      values that get a one-hot column, sorted; empty when the cardinality is above the maximum
     * @param stringValued whether the column holds text ({@code x_nunique_chars} applies)
     * @param target      out-of-fold target statistics per value, or null when target encoding is off
     */
    public record CategoricalFit(long rows, List<String> values, long[] counts, List<String> oneHot,
                                 boolean stringValued, TargetFit target) {
    }

    /**
     * Target sums and counts per category: overall and per fold (rows assigned to folds by a hash of their values).
     *
     * @param prior the target mean over all fit-table rows with a target, the value of unseen categories
     */
    public record TargetFit(int folds, double prior, double[] sums, long[] counts, double[][] foldSums,
                            long[][] foldCounts, double[] foldPriors) {
    }

    /** @param start ISO local date-time of the column's minimum on the fit table, or null when all null */
    public record TemporalFit(String start) {
    }

    /**
     * @param columns    the missing set M (missing ratio within the bounds), in table column order
     * @param indicators M without target and ID columns: they get {@code x_is_missing}
     * @param pairs      the first columns of M whose pairs get {@code missing_together_a_b}
     */
    public record MissingFit(List<String> columns, List<String> indicators, List<String> pairs) {
    }

    public record InteractionFit(String a, String b, double correlation) {
    }

    /** A custom feature: column name, SQL expression, and the storage type its value had on the fit table. */
    public record CustomFit(String name, String expression, ColumnType type) {
    }
}
