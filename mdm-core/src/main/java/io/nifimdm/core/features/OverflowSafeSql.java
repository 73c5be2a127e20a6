package io.nifimdm.core.features;

/**
 * Arithmetic in feature SQL with {@link FeatureComputer}'s meaning at the ends of the double range: a result that
 * overflows is null (Java: infinity, stored as null). The engines differ there: DuckDB returns infinity, so its
 * results are filtered with {@code isfinite}; PostgreSQL raises "value out of range" on overflow and also on
 * underflow (a non-zero product or quotient that rounds to 0), which would fail a whole feature build over one
 * extreme value, so its expressions test the operands' magnitudes first (cheap range checks, logarithms only for
 * operands beyond 1e150 or below 1e-150).
 *
 * <p>Results within 0.3% of the largest double become null although Java still has a finite value, and results
 * below 1e-323 become 0 although Java keeps a subnormal: the guards need that margin for the logarithms' rounding.
 */
final class OverflowSafeSql {

    /** Just below ln(Double.MAX_VALUE) = 709.7827: a larger log-magnitude overflows. */
    private static final String LN_MAX = "709.78";
    /** Just above ln(Double.MIN_VALUE) = -744.44: a smaller log-magnitude rounds to 0. */
    private static final String LN_MIN = "-744.0";
    /** Half of the largest double, rounded up: from here on a sum needs the exact test (Sterbenz: MAX - |a| is exact). */
    private static final String HALF_MAX = "8.99e307";
    private static final String MAX = Double.toString(Double.MAX_VALUE);

    private final boolean duck;

    OverflowSafeSql(boolean duck) {
        this.duck = duck;
    }

    /** {@code a + b}; null where the sum overflows. */
    String plus(String a, String b) {
        String sum = "(" + a + " + " + b + ")";
        if (duck) {
            return finite(sum);
        }
        return "CASE WHEN abs(" + a + ") < " + HALF_MAX + " AND abs(" + b + ") < " + HALF_MAX + " THEN " + sum
                + " WHEN sign(" + a + ") * sign(" + b + ") <= 0 THEN " + sum
                + " WHEN (abs(" + a + ") - " + MAX + ") + abs(" + b + ") > 0 THEN NULL ELSE " + sum + " END";
    }

    /** {@code a - b}; null where the difference overflows. */
    String minus(String a, String b) {
        return plus(a, "(-(" + b + "))");
    }

    /** {@code a * b}; null where the product overflows. */
    String times(String a, String b) {
        String product = "(" + a + " * " + b + ")";
        if (duck) {
            return finite(product);
        }
        return "CASE WHEN " + a + " = 0 OR " + b + " = 0 OR (" + moderate(a) + " AND " + moderate(b) + ") THEN "
                + product + " WHEN ln(abs(" + a + ")) + ln(abs(" + b + ")) >= " + LN_MAX + " THEN NULL"
                + " WHEN ln(abs(" + a + ")) + ln(abs(" + b + ")) <= " + LN_MIN + " THEN 0.0 ELSE " + product + " END";
    }

    /** {@code a / b} for a {@code b} that is not 0 (callers decide what division by 0 means); null on overflow. */
    String divide(String a, String b) {
        String quotient = "(" + a + " / " + b + ")";
        if (duck) {
            return finite(quotient);
        }
        return "CASE WHEN " + a + " = 0 OR (" + moderate(a) + " AND " + moderate(b) + ") THEN " + quotient
                + " WHEN ln(abs(" + a + ")) - ln(abs(" + b + ")) >= " + LN_MAX + " THEN NULL"
                + " WHEN ln(abs(" + a + ")) - ln(abs(" + b + ")) <= " + LN_MIN + " THEN 0.0 ELSE " + quotient + " END";
    }

    /** {@code e^y - 1} given as {@code expm1} (an expression in y); null where e^y overflows, -1 far below 0. */
    String expm1(String y, String expm1) {
        if (duck) {
            return finite(expm1);
        }
        // e^y - 1 is -1.0 in double precision for every y below -37; PostgreSQL's exp would underflow far below that
        return "CASE WHEN " + y + " >= " + LN_MAX + " THEN NULL WHEN " + y + " < -40 THEN -1.0 ELSE " + expm1 + " END";
    }

    private static String moderate(String v) {
        return "abs(" + v + ") BETWEEN 1e-150 AND 1e150";
    }

    private static String finite(String v) {
        return "CASE WHEN isfinite(" + v + ") THEN " + v + " END";
    }
}
