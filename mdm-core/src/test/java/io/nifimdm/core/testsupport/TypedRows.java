package io.nifimdm.core.testsupport;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Deterministic rows of every storage type with the awkward values a loader must keep: nulls, empty strings,
 * unicode and emoji, text with tabs, newlines and backslashes, doubles that only round-trip at full precision,
 * extreme longs, and column names with spaces, quotes, reserved words and non-Latin letters.
 */
public final class TypedRows {

    public static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.INTEGER),
            new ColumnDef("big number", ColumnType.INTEGER),
            new ColumnDef("select", ColumnType.DECIMAL),
            new ColumnDef("order", ColumnType.BOOLEAN),
            new ColumnDef("say \"hi\"", ColumnType.DATE),
            new ColumnDef("Zeit stempel ⏱", ColumnType.TIMESTAMP),
            new ColumnDef("名前", ColumnType.TEXT),
            new ColumnDef("it's", ColumnType.TEXT));

    private static final double[] SPECIAL_DOUBLES = {
            0.1 + 0.2, 1e-300, -0.0, 0.0, Double.MAX_VALUE, Double.MIN_VALUE, -1.5e308, 1.0 / 3, Math.PI,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 123456789.123456789, -2.5};
    private static final long[] SPECIAL_LONGS = {Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 9_007_199_254_740_993L};
    private static final String[] SPECIAL_TEXT = {"", "café", "東京", "emoji 😀🚀", "tab\there", "line\nbreak",
            "cr\rreturn", "back\\slash", "\\N", "quote \"double\" and 'single'", "comma, semicolon;", " padded ",
            "\\.", "ümlaut Ω ∑ 𝔘"};

    private TypedRows() {
    }

    public static Object[] row(long index) {
        SplittableRandom random = new SplittableRandom(index * 0x9E3779B97F4A7C15L + 17);
        Object[] row = new Object[COLUMNS.size()];
        row[0] = index;
        row[1] = index % 11 == 0 ? null : index % 7 == 0 ? SPECIAL_LONGS[(int) (index % SPECIAL_LONGS.length)]
                : random.nextLong();
        row[2] = index % 13 == 0 ? null : index % 3 == 0 ? SPECIAL_DOUBLES[(int) (index % SPECIAL_DOUBLES.length)]
                : random.nextDouble() * Math.pow(10, random.nextInt(-20, 20));
        row[3] = index % 17 == 0 ? null : random.nextBoolean();
        row[4] = index % 19 == 0 ? null : LocalDate.of(1900, 1, 1).plusDays(random.nextInt(0, 73_000));
        // 1900 to 2090: before the epoch too, where epoch arithmetic goes negative
        row[5] = index % 23 == 0 ? null : LocalDateTime.of(1900, 1, 1, 0, 0)
                .plusSeconds(random.nextLong(0, 6_000_000_000L))
                .plusNanos(index % 2 == 0 ? 0 : random.nextInt(0, 1_000_000) * 1000L);
        row[6] = index % 29 == 0 ? null : index % 5 == 0 ? SPECIAL_TEXT[(int) (index % SPECIAL_TEXT.length)]
                : "value " + random.nextInt(0, 1_000_000);
        row[7] = index % 31 == 0 ? null : index % 37 == 0 ? "" : SPECIAL_TEXT[random.nextInt(SPECIAL_TEXT.length)];
        return row;
    }

    /**
     * What the engine is expected to give back for a value written: SQLite has no NaN (stored as NULL) and keeps
     * integral REAL values as integers on disk, so -0.0 comes back as 0.0.
     */
    public static Object expected(BackendKind kind, Object written) {
        if (kind == BackendKind.SQLITE && written instanceof Double d) {
            if (d.isNaN()) {
                return null;
            }
            if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(-0.0)) {
                return 0.0;
            }
        }
        return written;
    }

    /** Equality as the tests need it: doubles by their bits (so -0.0 != 0.0 and NaN == NaN). */
    public static boolean same(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
        }
        return Objects.equals(a, b);
    }
}
