package io.nifimdm.core.stats;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Measures the accumulator's cost on rows shaped like the benchmark data (id, five floats, two
 * ints, two categories, a timestamp, free text; 2% nulls). Rows are made one at a time, as a
 * parser would hand them over, so their values are in cache as they would be in registration; the
 * cost reported is the CPU time of generating and accumulating minus that of generating alone.
 * Not a test: run by hand, e.g.
 * {@code java -Xmx2g -cp target/classes:target/test-classes io.nifimdm.core.stats.AccumulatorCostHarness 1000000 5}.
 */
public final class AccumulatorCostHarness {

    static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.INTEGER),
            new ColumnDef("f1", ColumnType.DECIMAL), new ColumnDef("f2", ColumnType.DECIMAL),
            new ColumnDef("f3", ColumnType.DECIMAL), new ColumnDef("f4", ColumnType.DECIMAL),
            new ColumnDef("f5", ColumnType.DECIMAL),
            new ColumnDef("i1", ColumnType.INTEGER), new ColumnDef("i2", ColumnType.INTEGER),
            new ColumnDef("cat_a", ColumnType.TEXT), new ColumnDef("cat_b", ColumnType.TEXT),
            new ColumnDef("ts", ColumnType.TIMESTAMP), new ColumnDef("txt", ColumnType.TEXT));

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "with, comma", "quote \"q\"", "lorem",
        "ipsum", "dolor"};
    private static final LocalDateTime BASE = LocalDateTime.of(2020, 1, 1, 0, 0);

    private static long sink;

    private AccumulatorCostHarness() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // -Dcolumns=0,8 profiles a subset of the columns
        String only = System.getProperty("columns");
        int[] keep = only == null ? java.util.stream.IntStream.range(0, COLUMNS.size()).toArray()
                : Arrays.stream(only.split(",")).mapToInt(Integer::parseInt).toArray();
        List<ColumnDef> columns = Arrays.stream(keep).mapToObj(COLUMNS::get).toList();
        Object[] narrow = new Object[keep.length];
        double[] generateOnly = new double[runs];
        double[] withStatistics = new double[runs];
        for (int run = -2; run < runs; run++) {
            long cpu = threads.getCurrentThreadCpuTime();
            generate(rows, row -> {
                for (int i = 0; i < keep.length; i++) {
                    narrow[i] = row[keep[i]];
                }
                sink += narrow.length;
            });
            double generated = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;

            cpu = threads.getCurrentThreadCpuTime();
            TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(columns, options());
            generate(rows, row -> {
                for (int i = 0; i < keep.length; i++) {
                    narrow[i] = row[keep[i]];
                }
                accumulator.add(narrow);
            });
            TableStatistics statistics = accumulator.finish();
            double total = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
            if (run >= 0) {
                generateOnly[run] = generated;
                withStatistics[run] = total;
            }
            System.out.printf("run %d: generate %.3f s, generate + statistics %.3f s cpu (rows %d, duplicates %d)%n",
                    run, generated, total, statistics.rowCount(), statistics.duplicateRows());
        }
        Arrays.sort(generateOnly);
        Arrays.sort(withStatistics);
        double cost = withStatistics[runs / 2] - generateOnly[runs / 2];
        System.out.printf("statistics cost: %.3f s cpu for %,d rows x %d columns (%.1f ns per value)%n", cost, rows,
                columns.size(), cost * 1e9 / rows / columns.size());
    }

    /** Defaults, or thresholds from -Dlimits=distinct,quantile,duplicate to see what each part costs. */
    private static StatisticsOptions options() {
        String limits = System.getProperty("limits");
        if (limits == null) {
            return StatisticsOptions.defaults();
        }
        int[] values = Arrays.stream(limits.split(",")).mapToInt(Integer::parseInt).toArray();
        return new StatisticsOptions(values[0], values[1], values[2], 10, 14, 18, 4096);
    }

    static void generate(int count, Consumer<Object[]> consumer) {
        SplittableRandom random = new SplittableRandom(1);
        Object[] row = new Object[12];
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            row[0] = (long) i;
            for (int f = 1; f <= 5; f++) {
                row[f] = nullOr(random, Math.round(random.nextDouble() * 1e8) / 1e4);
            }
            row[6] = nullOr(random, (long) random.nextInt(1000));
            row[7] = nullOr(random, (long) random.nextInt(1_000_000));
            row[8] = nullOr(random, "a" + Math.min(random.nextInt(10), random.nextInt(10)));
            row[9] = nullOr(random, "category_" + Math.min(random.nextInt(50), random.nextInt(50)));
            row[10] = nullOr(random, BASE.plusSeconds(random.nextLong(157_000_000L)));
            text.setLength(0);
            while (text.length() < 30) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ').append(random.nextInt(100)).append(' ');
            }
            row[11] = nullOr(random, text.toString());
            consumer.accept(row);
        }
    }

    private static Object nullOr(SplittableRandom random, Object value) {
        return random.nextInt(50) == 0 ? null : value;
    }
}
