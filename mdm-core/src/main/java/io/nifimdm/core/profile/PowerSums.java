package io.nifimdm.core.profile;

/**
 * Sums of the first four powers of {@code d = x - shift} over n values. With the shift at (or near) the mean the
 * sums stay small, so the central moments derived from them keep their precision where raw power sums of values
 * near 1e9 would cancel.
 */
record PowerSums(long n, double shift, double s1, double s2, double s3, double s4) {

    /** Sum of squared deviations from the mean. */
    double m2() {
        double mu = s1 / n;
        return s2 - mu * s1;
    }

    /** Sum of cubed deviations from the mean. */
    double m3() {
        double mu = s1 / n;
        return s3 - 3 * mu * s2 + 2 * n * mu * mu * mu;
    }

    /** Sum of fourth powers of deviations from the mean. */
    double m4() {
        double mu = s1 / n;
        return s4 - 4 * mu * s3 + 6 * mu * mu * s2 - 3 * n * mu * mu * mu * mu;
    }

    /** pandas' {@code Series.skew()}: {@code n sqrt(n - 1) / (n - 2) * m3 / m2^1.5}; null below 3 values. */
    Double skewness(boolean constant) {
        if (n < 3) {
            return null;
        }
        double m2 = m2();
        if (constant || m2 <= 0) {
            return 0.0;
        }
        return n * Math.sqrt(n - 1.0) / (n - 2.0) * m3() / (m2 * Math.sqrt(m2));
    }

    /**
     * pandas' {@code Series.kurt()}, excess kurtosis with bias correction:
     * {@code n (n + 1) (n - 1) m4 / ((n - 2) (n - 3) m2^2) - 3 (n - 1)^2 / ((n - 2) (n - 3))}; null below 4 values.
     */
    Double kurtosis(boolean constant) {
        if (n < 4) {
            return null;
        }
        double m2 = m2();
        if (constant || m2 <= 0) {
            return 0.0;
        }
        double nd = n;
        double denominator = (nd - 2) * (nd - 3);
        return nd * (nd + 1) * (nd - 1) * m4() / (denominator * m2 * m2) - 3 * (nd - 1) * (nd - 1) / denominator;
    }
}
