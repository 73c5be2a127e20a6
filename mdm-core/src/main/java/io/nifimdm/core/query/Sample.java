package io.nifimdm.core.query;

import io.nifimdm.core.MdmException;

/**
 * A reproducible sample: either a fraction of the rows or a number of rows, chosen by a hash of each row's position
 * and the seed. The hash is integer arithmetic every engine computes the same way, so a seed picks the same rows on
 * SQLite, DuckDB and PostgreSQL (engine random functions differ and cannot be seeded per query).
 *
 * @param fraction share of rows in (0, 1], or null when {@code rows} is set
 * @param rows     number of rows, or null when {@code fraction} is set
 */
public record Sample(Double fraction, Long rows, long seed) {

    public Sample {
        if ((fraction == null) == (rows == null)) {
            throw new MdmException("A sample is either a fraction or a number of rows");
        }
        if (fraction != null && !(fraction > 0 && fraction <= 1)) {
            throw new MdmException("Sample fraction must be in (0, 1], got " + fraction);
        }
        if (rows != null && rows < 0) {
            throw new MdmException("Sample rows must not be negative, got " + rows);
        }
    }

    public static Sample fraction(double fraction, long seed) {
        return new Sample(fraction, null, seed);
    }

    public static Sample rows(long rows, long seed) {
        return new Sample(null, rows, seed);
    }

    /**
     * Parses {@code 0.1} (a fraction) or {@code 500} / {@code 500 rows} (a row count); a number with a decimal point
     * or below 1 is a fraction.
     */
    public static Sample parse(String text, long seed) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("rows")) {
            t = t.substring(0, t.length() - 4).trim();
        } else if (t.endsWith("%")) {
            try {
                return fraction(Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100.0, seed);
            } catch (NumberFormatException e) {
                throw new MdmException("Sample '" + text + "' is not a percentage");
            }
        }
        try {
            if (t.contains(".") || t.contains("e")) {
                double value = Double.parseDouble(t);
                if (value < 1 || t.startsWith("0")) {
                    return fraction(value, seed);
                }
                if (value != Math.rint(value)) {
                    throw new MdmException("Sample '" + text + "' is neither a fraction below 1 nor a row count");
                }
                return rows((long) value, seed);
            }
            return rows(Long.parseLong(t), seed);
        } catch (NumberFormatException e) {
            throw new MdmException("Sample '" + text + "' is neither a fraction (0.1, 10%) nor a row count (500)");
        }
    }
}
