package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.ColumnType;

import java.util.List;

/**
 * A numeric column's value as SQL sums take it: {@code d = (x - shift) * 2^-k}. The shift is a value near the middle
 * of the column (a median), so sums of d and d^2 keep their precision for data far from zero, like 1e9 with a spread
 * of 1 (without it, sum(x^2) - sum(x)^2 / n cancels catastrophically). The power of two brings the column's reach from
 * the shift to [1/4, 1), exactly, so neither d nor d^2 nor their sums can overflow or underflow at the ends of the
 * double range: PostgreSQL raises on both, and a column of 1e200s or of 1e-200s must still fit. Computed as
 * {@code x * 2^-k - shift * 2^-k}; values below 2^-100 of the reach (and a shift that small) read as 0, far below what
 * the sums resolve, so no product rounds to 0 and every non-zero d is at least 2^-152.
 *
 * <p>Ordinary columns (reach below 2^400, shift not below 2^-400 in magnitude) take the plain {@code x - shift}: it has
 * the same rounding (scaling by a power of two is exact), cannot overflow, and a non-zero difference is at least an
 * ulp of the shift, so its square cannot round to 0 either. The guarded form costs a CASE per row, which SQLite feels.
 *
 * @param column   the numeric expression ({@link NumericSql#value})
 * @param shift    subtracted from every value
 * @param exponent k, the power of two the difference is divided by
 * @param guarded  whether d takes the guarded form (else {@code x - shift}, with k = 0)
 */
record CenteredValue(String column, double shift, int exponent, boolean guarded) {

    private static final int NEGLIGIBLE_BITS = 100;
    private static final int ORDINARY_EXPONENT = 400;

    /** Centres a column whose values lie in [min, max] (finite) on {@code shift} (within that range). */
    static CenteredValue of(Backend backend, String column, ColumnType type, double shift, double min, double max) {
        // halves, so that the distance itself cannot overflow: |x - shift| <= 2 half < 2^(exponent of half + 2)
        double half = Math.max(Math.abs(max / 2 - shift / 2), Math.abs(min / 2 - shift / 2));
        // a constant column scales by its value, so that a constant below 2^-100 still reads as itself
        double reach = half > 0 ? half : Math.abs(shift);
        int exponent = reach == 0 ? 0 : Math.getExponent(reach) + 2;
        double negligible = Math.scalb(1.0, -NEGLIGIBLE_BITS);
        String value = NumericSql.value(backend, column, type);
        if (exponent < ORDINARY_EXPONENT && shift != 0 && Math.getExponent(shift) > -ORDINARY_EXPONENT) {
            return new CenteredValue(value, shift, 0, false);
        }
        return new CenteredValue(value, Math.abs(Math.scalb(shift, -exponent)) < negligible ? 0 : shift, exponent,
                true);
    }

    /** The SQL of d; its parameters are {@link #parameters()}, in order. */
    String sql(Backend backend) {
        String parameter = NumericSql.parameter(backend);
        if (!guarded) {
            return "(" + column + " - " + parameter + ")";
        }
        return "(CASE WHEN abs(" + column + ") < " + parameter + " THEN -" + parameter + " ELSE " + column + " * "
                + parameter + " - " + parameter + " END)";
    }

    List<Double> parameters() {
        if (!guarded) {
            return List.of(shift);
        }
        double scaledShift = Math.scalb(shift, -exponent);
        return List.of(Math.scalb(1.0, exponent - NEGLIGIBLE_BITS), scaledShift, Math.scalb(1.0, -exponent),
                scaledShift);
    }

    /** d of one value, computed in Java exactly as {@link #sql} computes it in the engine. */
    double deviation(double x) {
        if (!guarded) {
            return x - shift;
        }
        double scaledShift = Math.scalb(shift, -exponent);
        if (Math.abs(x) < Math.scalb(1.0, exponent - NEGLIGIBLE_BITS)) {
            return -scaledShift;
        }
        return x * Math.scalb(1.0, -exponent) - scaledShift;
    }

    /** A sum of d back in the column's units. */
    double unscale(double value) {
        return Math.scalb(value, exponent);
    }
}
