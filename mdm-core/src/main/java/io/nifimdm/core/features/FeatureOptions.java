package io.nifimdm.core.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to generate and what to keep. Defaults follow MDM's wired transformers (spec 3.3) for the families, and MDM's
 * docs for the signal filter; the docs-only options are off.
 *
 * @param statistical          NUMERIC columns: log, zscore, percentile, outliers, bins, sqrt, boxcox, div_mean
 * @param categorical          CATEGORICAL and BINARY columns: frequency, ratio, one-hot, rare flag, nunique_chars
 * @param temporal             DATETIME columns: components, flags, cyclical month/hour, days since the fitted start
 * @param text                 TEXT columns: the counts and flags of spec 3.3
 * @param missingData          indicators, counts, pattern id and pairs over columns with 1% to 95% missing
 * @param interactions         sums, differences, products and ratios of correlated numeric pairs
 * @param squared              option: {@code x_squared} for NUMERIC columns
 * @param quarter              option: {@code x_quarter} for DATETIME columns
 * @param cyclicalDay          option: {@code x_dayofweek_sin/cos} (2 pi d / 7) for DATETIME columns
 * @param zscoreOutliers       option: {@code x_is_outlier_zscore} (|z| > zscoreOutlierThreshold) for NUMERIC columns
 * @param zscoreOutlierThreshold the |z| beyond which a value is an outlier (docs: 3)
 * @param targetEncoding       option: {@code x_target_mean} for categorical columns, out-of-fold on the fit table
 * @param targetEncodingFolds  folds of the out-of-fold encoding on the fit table (rows assigned by a hash of their values)
 * @param bins                 bins of {@code x_bin_equal} and {@code x_bin_quantile} (spec: 10)
 * @param binMinDistinct       bins only when a column has more distinct values than this (spec: 10)
 * @param maxOneHotCardinality one-hot columns only up to this many distinct values (spec: 50)
 * @param rareThreshold        {@code x_is_rare} when a value's count is below this share of the rows (spec: 0.01)
 * @param missingMinRatio      lower bound of the missing ratio that puts a column in the missing set (spec: 0.01)
 * @param missingMaxRatio      upper bound (spec: 0.95)
 * @param missingPairColumns   pairs {@code missing_together_a_b} among the first this many columns of the set (5)
 * @param maxInteractionPairs  at most this many pairs (spec: 20)
 * @param interactionMinCorrelation  pairs with |r| at least this (spec: 0.1)
 * @param interactionMaxCorrelation  and below this (spec: 0.95)
 * @param dropAllNull          signal filter: drop features that are null everywhere on the fit table
 * @param dropConstant         signal filter: drop features with one distinct non-null value (or numeric std 0)
 * @param minVariance          signal filter: drop numeric features whose variance is at most this (0 = off beyond std 0)
 * @param maxCorrelation       signal filter: of two features with |r| above this, drop the later one (1 = off)
 * @param minNonZeroRatio      signal filter: drop features whose share of non-zero, non-null values is below this (0 = off)
 * @param customFeatures       name -> SQL expression over the table's columns, evaluated by the engine
 */
public record FeatureOptions(
        boolean statistical,
        boolean categorical,
        boolean temporal,
        boolean text,
        boolean missingData,
        boolean interactions,
        boolean squared,
        boolean quarter,
        boolean cyclicalDay,
        boolean zscoreOutliers,
        double zscoreOutlierThreshold,
        boolean targetEncoding,
        int targetEncodingFolds,
        int bins,
        int binMinDistinct,
        int maxOneHotCardinality,
        double rareThreshold,
        double missingMinRatio,
        double missingMaxRatio,
        int missingPairColumns,
        int maxInteractionPairs,
        double interactionMinCorrelation,
        double interactionMaxCorrelation,
        boolean dropAllNull,
        boolean dropConstant,
        double minVariance,
        double maxCorrelation,
        double minNonZeroRatio,
        Map<String, String> customFeatures) {

    public FeatureOptions {
        customFeatures = customFeatures == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(customFeatures));
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, not " + bins);
        }
        if (targetEncodingFolds < 2) {
            throw new IllegalArgumentException("target encoding folds must be at least 2, not " + targetEncodingFolds);
        }
        requireRatio("rare threshold", rareThreshold);
        requireRatio("missing min ratio", missingMinRatio);
        requireRatio("missing max ratio", missingMaxRatio);
        requireRatio("interaction min correlation", interactionMinCorrelation);
        requireRatio("interaction max correlation", interactionMaxCorrelation);
        requireRatio("max correlation", maxCorrelation);
        requireRatio("min non-zero ratio", minNonZeroRatio);
        if (minVariance < 0 || Double.isNaN(minVariance)) {
            throw new IllegalArgumentException("min variance must be >= 0, not " + minVariance);
        }
    }

    private static void requireRatio(String what, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, not " + value);
        }
    }

    /** The spec's families on, options off, the docs' signal filter (correlation 0.95, sparsity 1%). */
    public static FeatureOptions defaults() {
        return new FeatureOptions(true, true, true, true, true, true,
                false, false, false, false, 3.0, false, 5,
                10, 10, 50, 0.01, 0.01, 0.95, 5, 20, 0.1, 0.95,
                true, true, 0.0, 0.95, 0.01, Map.of());
    }

    /** MDM 1.0.6's own filter: null, constant and zero-std only (spec 3.2). */
    public FeatureOptions withMdmSignalFilter() {
        return withSignalFilter(true, true, 0.0, 1.0, 0.0);
    }

    public FeatureOptions withSignalFilter(boolean dropAllNull, boolean dropConstant, double minVariance,
                                           double maxCorrelation, double minNonZeroRatio) {
        return new FeatureOptions(statistical, categorical, temporal, text, missingData, interactions, squared, quarter,
                cyclicalDay, zscoreOutliers, zscoreOutlierThreshold, targetEncoding, targetEncodingFolds, bins,
                binMinDistinct, maxOneHotCardinality, rareThreshold, missingMinRatio, missingMaxRatio,
                missingPairColumns, maxInteractionPairs, interactionMinCorrelation, interactionMaxCorrelation,
                dropAllNull, dropConstant, minVariance, maxCorrelation, minNonZeroRatio, customFeatures);
    }

    public FeatureOptions withFamilies(boolean statistical, boolean categorical, boolean temporal, boolean text,
                                       boolean missingData, boolean interactions) {
        return new FeatureOptions(statistical, categorical, temporal, text, missingData, interactions, squared, quarter,
                cyclicalDay, zscoreOutliers, zscoreOutlierThreshold, targetEncoding, targetEncodingFolds, bins,
                binMinDistinct, maxOneHotCardinality, rareThreshold, missingMinRatio, missingMaxRatio,
                missingPairColumns, maxInteractionPairs, interactionMinCorrelation, interactionMaxCorrelation,
                dropAllNull, dropConstant, minVariance, maxCorrelation, minNonZeroRatio, customFeatures);
    }

    public FeatureOptions withOptions(boolean squared, boolean quarter, boolean cyclicalDay, boolean zscoreOutliers,
                                      double zscoreOutlierThreshold, boolean targetEncoding, int targetEncodingFolds) {
        return new FeatureOptions(statistical, categorical, temporal, text, missingData, interactions, squared, quarter,
                cyclicalDay, zscoreOutliers, zscoreOutlierThreshold, targetEncoding, targetEncodingFolds, bins,
                binMinDistinct, maxOneHotCardinality, rareThreshold, missingMinRatio, missingMaxRatio,
                missingPairColumns, maxInteractionPairs, interactionMinCorrelation, interactionMaxCorrelation,
                dropAllNull, dropConstant, minVariance, maxCorrelation, minNonZeroRatio, customFeatures);
    }

    public FeatureOptions withParameters(int bins, int binMinDistinct, int maxOneHotCardinality, double rareThreshold,
                                         double missingMinRatio, double missingMaxRatio, int maxInteractionPairs,
                                         double interactionMinCorrelation, double interactionMaxCorrelation) {
        return new FeatureOptions(statistical, categorical, temporal, text, missingData, interactions, squared, quarter,
                cyclicalDay, zscoreOutliers, zscoreOutlierThreshold, targetEncoding, targetEncodingFolds, bins,
                binMinDistinct, maxOneHotCardinality, rareThreshold, missingMinRatio, missingMaxRatio,
                missingPairColumns, maxInteractionPairs, interactionMinCorrelation, interactionMaxCorrelation,
                dropAllNull, dropConstant, minVariance, maxCorrelation, minNonZeroRatio, customFeatures);
    }

    public FeatureOptions withCustomFeatures(Map<String, String> customFeatures) {
        Objects.requireNonNull(customFeatures, "customFeatures");
        return new FeatureOptions(statistical, categorical, temporal, text, missingData, interactions, squared, quarter,
                cyclicalDay, zscoreOutliers, zscoreOutlierThreshold, targetEncoding, targetEncodingFolds, bins,
                binMinDistinct, maxOneHotCardinality, rareThreshold, missingMinRatio, missingMaxRatio,
                missingPairColumns, maxInteractionPairs, interactionMinCorrelation, interactionMaxCorrelation,
                dropAllNull, dropConstant, minVariance, maxCorrelation, minNonZeroRatio, customFeatures);
    }
}
