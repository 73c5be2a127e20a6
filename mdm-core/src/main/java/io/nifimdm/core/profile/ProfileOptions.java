package io.nifimdm.core.profile;

/**
 * Limits and thresholds of a profile.
 *
 * @param maxCorrelationColumns numeric columns the correlation matrix covers at most (the first ones in table order);
 *        the matrix costs one aggregate per pair, so 50 columns are 1,225 pairs
 * @param strongCorrelation pairs with {@code |r|} above this are listed as strongly correlated (MDM: 0.8)
 * @param nearUniqueRatio columns whose distinct ratio is above this are listed as near-unique (MDM: 0.95)
 */
public record ProfileOptions(int maxCorrelationColumns, double strongCorrelation, double nearUniqueRatio) {

    public ProfileOptions {
        if (maxCorrelationColumns < 0) {
            throw new IllegalArgumentException("maxCorrelationColumns must be >= 0");
        }
    }

    public static ProfileOptions defaults() {
        return new ProfileOptions(50, 0.8, 0.95);
    }
}
