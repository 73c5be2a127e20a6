package io.nifimdm.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Numbers as people read them: thousands separators, a few significant decimals, binary size units. */
final class Numbers {

    private static final DecimalFormatSymbols SYMBOLS = DecimalFormatSymbols.getInstance(Locale.ROOT);

    private Numbers() {
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /**
     * A measurement: grouped, with at most four decimals and no trailing zeros; very large or very small
     * magnitudes in scientific notation, non-finite values by name.
     */
    static String decimal(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e15 || magnitude < 1e-4)) {
            return new DecimalFormat("0.###E0", SYMBOLS).format(value);
        }
        DecimalFormat format = new DecimalFormat("#,##0.####", SYMBOLS);
        format.setRoundingMode(RoundingMode.HALF_EVEN);
        String text = format.format(new BigDecimal(value));
        return text.equals("-0") ? "0" : text;
    }

    /** A Long as a count, anything else as a measurement; null as empty. */
    static String number(Number value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Long || value instanceof Integer) {
            return count(value.longValue());
        }
        return decimal(value.doubleValue());
    }

    static String percent(double value) {
        return new DecimalFormat("0.#", SYMBOLS).format(value) + "%";
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return new DecimalFormat("0.0", SYMBOLS).format(value) + " " + units[unit];
    }

    static String seconds(long millis) {
        return new DecimalFormat("0.00", SYMBOLS).format(millis / 1000.0) + " s";
    }
}
