package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded tables with every storage type and messy column names, shared by the statistics tests. */
final class StatisticsTestData {

    static final List<ColumnDef> MIXED_COLUMNS = List.of(
            new ColumnDef("id", ColumnType.INTEGER),
            new ColumnDef("price usd", ColumnType.DECIMAL),
            new ColumnDef("select", ColumnType.INTEGER),
            new ColumnDef("naïve \"quoted\" name", ColumnType.TEXT),
            new ColumnDef("flag", ColumnType.BOOLEAN),
            new ColumnDef("day", ColumnType.DATE),
            new ColumnDef("ts", ColumnType.TIMESTAMP),
            new ColumnDef("note", ColumnType.TEXT),
            new ColumnDef("all null", ColumnType.INTEGER),
            new ColumnDef("const", ColumnType.TEXT));

    private static final String[] CATEGORIES = {"alpha", "beta", "gamma", "delta", "épsilon", "ζeta", "eta, with comma",
        "\"theta\"", "iota", "kappa", "lambda", "mu", "中文", "😀", ""};

    private StatisticsTestData() {
    }

    /** Rows of {@link #MIXED_COLUMNS}: about 3% nulls, skewed categories, a few repeated rows. */
    static List<Object[]> mixedRows(int count, long seed) {
        Random random = new Random(seed);
        List<Object[]> rows = new ArrayList<>(count);
        LocalDate firstDay = LocalDate.of(2019, 3, 1);
        LocalDateTime firstInstant = LocalDateTime.of(2020, 1, 1, 0, 0);
        for (int i = 0; i < count; i++) {
            if (i > 10 && random.nextInt(100) == 0) {
                rows.add(rows.get(random.nextInt(rows.size())).clone());
                continue;
            }
            Object[] row = new Object[MIXED_COLUMNS.size()];
            row[0] = (long) i;
            row[1] = maybeNull(random, Math.round(random.nextGaussian() * 250_000 + 1_000_000) / 100.0);
            row[2] = maybeNull(random, (long) random.nextInt(40) - 20);
            row[3] = maybeNull(random, CATEGORIES[Math.min(random.nextInt(CATEGORIES.length), random.nextInt(CATEGORIES.length))]);
            row[4] = maybeNull(random, random.nextInt(3) == 0);
            row[5] = maybeNull(random, firstDay.plusDays(random.nextInt(900)));
            row[6] = maybeNull(random, firstInstant.plusSeconds(random.nextInt(200_000_000)).plusNanos(random.nextInt(1000) * 1000L));
            row[7] = maybeNull(random, "note " + random.nextInt(50_000));
            row[8] = null;
            row[9] = "same";
            rows.add(row);
        }
        return rows;
    }

    private static Object maybeNull(Random random, Object value) {
        return random.nextInt(100) < 3 ? null : value;
    }

    static TableStatistics statisticsOf(List<ColumnDef> columns, List<Object[]> rows, StatisticsOptions options) {
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(columns, options);
        rows.forEach(accumulator::add);
        return accumulator.finish();
    }
}
