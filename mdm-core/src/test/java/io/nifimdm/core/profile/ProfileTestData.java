package io.nifimdm.core.profile;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated rows for the profile tests: values near 1e9 with a small skewed spread, a column correlated with it,
 * NaN and infinities, names with spaces, quotes and reserved words, text with ties, constant and all-null columns,
 * and exact copies of some rows.
 */
final class ProfileTestData {

    static final String TABLE = "profile \"data\" 表";

    static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.INTEGER),
            new ColumnDef("big value", ColumnType.DECIMAL),
            new ColumnDef("say \"hi\"", ColumnType.DECIMAL),
            new ColumnDef("select", ColumnType.INTEGER),
            new ColumnDef("order", ColumnType.DECIMAL),
            new ColumnDef("text col", ColumnType.TEXT),
            new ColumnDef("flag", ColumnType.BOOLEAN),
            new ColumnDef("day", ColumnType.DATE),
            new ColumnDef("constant", ColumnType.DECIMAL),
            new ColumnDef("all null", ColumnType.DECIMAL),
            new ColumnDef("all null text", ColumnType.TEXT));

    private static final String[] TEXTS = {"b", "a", "Zoë 東京", "say \"x\"", "", "c, d", "ä"};

    private ProfileTestData() {
    }

    /** {@code count} generated rows followed by {@code copies} exact copies of earlier rows. */
    static List<Object[]> rows(int count, int copies, long seed) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double spread = -Math.log(1 - random.nextDouble()) * 10; // exponential: skewed
            Double big = random.nextInt(15) == 0 ? null : 1e9 + spread;
            Double hi;
            int special = random.nextInt(40);
            if (special == 0) {
                hi = Double.NaN;
            } else if (special == 1) {
                hi = Double.POSITIVE_INFINITY;
            } else if (special == 2) {
                hi = Double.NEGATIVE_INFINITY;
            } else if (special < 6) {
                hi = null;
            } else {
                hi = -3.5 * spread + random.nextGaussian() * 2;
            }
            Long select = random.nextInt(8) == 0 ? null : (long) random.nextInt(7);
            double order = random.nextGaussian() * 1e-3 + (select == null ? 0 : select * 1e-3);
            String text = random.nextInt(9) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
            Boolean flag = random.nextInt(5) == 0 ? null : random.nextBoolean();
            LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(30));
            rows.add(new Object[]{(long) i, big, hi, select, order, text, flag, day, 2.5, null, null});
        }
        for (int c = 0; c < copies; c++) {
            rows.add(rows.get(random.nextInt(count)).clone());
        }
        return rows;
    }
}
