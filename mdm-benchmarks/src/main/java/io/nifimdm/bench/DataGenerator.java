package io.nifimdm.bench;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic ML-shaped CSV data, the shape of the performance probes: 12 columns
 * ({@code id, f1..f5, i1, i2, cat_a, cat_b, ts, txt}), about 115 bytes a row. The same seed and row
 * count always give the same bytes: only {@link SplittableRandom#nextDouble()} and
 * {@link SplittableRandom#nextInt(int)} are used, and every distribution is computed here.
 *
 * <ul>
 *   <li>{@code id}: 1, 2, 3, ... never missing;</li>
 *   <li>{@code f1..f5}: normal(50, 10), log-normal, uniform [0, 100), normal(0, 100) with negatives,
 *       exponential (mean 10); four decimals;</li>
 *   <li>{@code i1}: 0..99 (low cardinality), {@code i2}: 0..999,999 (high cardinality);</li>
 *   <li>{@code cat_a}: 10 values, {@code cat_b}: 50 values, both skewed;</li>
 *   <li>{@code ts}: {@code yyyy-MM-dd HH:mm:ss} in 2020-2024;</li>
 *   <li>{@code txt}: about 30 characters of words; about 44% hold a comma (so they are quoted), 1% an
 *       escaped double quote, 2% a non-ASCII word;</li>
 *   <li>every column but {@code id}: about 2% empty (missing) values.</li>
 * </ul>
 */
public final class DataGenerator {

    /** Storage types of the generated columns, as type detection would find them. */
    public static final List<ColumnDef> COLUMNS = List.of(
            new ColumnDef("id", ColumnType.INTEGER),
            new ColumnDef("f1", ColumnType.DECIMAL),
            new ColumnDef("f2", ColumnType.DECIMAL),
            new ColumnDef("f3", ColumnType.DECIMAL),
            new ColumnDef("f4", ColumnType.DECIMAL),
            new ColumnDef("f5", ColumnType.DECIMAL),
            new ColumnDef("i1", ColumnType.INTEGER),
            new ColumnDef("i2", ColumnType.INTEGER),
            new ColumnDef("cat_a", ColumnType.TEXT),
            new ColumnDef("cat_b", ColumnType.TEXT),
            new ColumnDef("ts", ColumnType.TIMESTAMP),
            new ColumnDef("txt", ColumnType.TEXT));

    private static final String[] CAT_A = {"red", "green", "blue", "yellow", "black", "white", "orange", "purple",
        "grey", "brown"};
    private static final String[] WORDS = {"model", "data", "train", "value", "feature", "signal", "noise", "batch",
        "score", "label", "token", "vector", "sample", "metric", "loss", "error", "delta", "gamma", "alpha", "beta"};
    private static final String[] UNICODE_WORDS = {"naïve", "café", "日本語", "données", "Größe", "😀"};
    private static final int DAYS_2020_TO_2025 = 1827;

    private DataGenerator() {
    }

    /** Writes the CSV (header plus {@code rows} rows) to {@code file}, atomically. */
    public static void writeCsv(Path file, long rows, long seed) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            write(out, rows, seed);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes the CSV to a stream (not closed). */
    public static void write(OutputStream out, long rows, long seed) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        writer.write("id,f1,f2,f3,f4,f5,i1,i2,cat_a,cat_b,ts,txt\n");
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder line = new StringBuilder(256);
        StringBuilder text = new StringBuilder(64);
        for (long id = 1; id <= rows; id++) {
            line.setLength(0);
            line.append(id);
            line.append(',');
            if (present(random)) {
                decimal(line, 50 + 10 * gaussian(random));
            }
            line.append(',');
            if (present(random)) {
                decimal(line, Math.exp(1 + 0.75 * gaussian(random)));
            }
            line.append(',');
            if (present(random)) {
                decimal(line, 100 * random.nextDouble());
            }
            line.append(',');
            if (present(random)) {
                decimal(line, 100 * gaussian(random));
            }
            line.append(',');
            if (present(random)) {
                decimal(line, -10 * Math.log(1 - random.nextDouble()));
            }
            line.append(',');
            if (present(random)) {
                line.append(random.nextInt(100));
            }
            line.append(',');
            if (present(random)) {
                line.append(random.nextInt(1_000_000));
            }
            line.append(',');
            if (present(random)) {
                line.append(CAT_A[skewed(random, CAT_A.length)]);
            }
            line.append(',');
            if (present(random)) {
                int item = skewed(random, 50);
                line.append("item_").append(item < 10 ? "0" : "").append(item);
            }
            line.append(',');
            if (present(random)) {
                timestamp(line, random.nextInt(DAYS_2020_TO_2025), random.nextInt(86_400));
            }
            line.append(',');
            if (present(random)) {
                text(line, text, random);
            }
            line.append('\n');
            writer.append(line);
        }
        writer.flush();
    }

    private static boolean present(SplittableRandom random) {
        return random.nextInt(50) != 0;
    }

    /** Box-Muller, computed here so the bytes do not depend on the JDK's Gaussian algorithm. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** Index in [0, size), smaller ones more frequent (density falling linearly). */
    private static int skewed(SplittableRandom random, int size) {
        return Math.min(random.nextInt(size), random.nextInt(size));
    }

    /** Exactly four decimals, without the cost or locale of String.format. */
    static void decimal(StringBuilder out, double value) {
        long scaled = Math.round(value * 10_000);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / 10_000).append('.');
        long fraction = scaled % 10_000;
        if (fraction < 1000) {
            out.append('0');
        }
        if (fraction < 100) {
            out.append('0');
        }
        if (fraction < 10) {
            out.append('0');
        }
        out.append(fraction);
    }

    private static void timestamp(StringBuilder out, int dayOffset, int secondOfDay) {
        java.time.LocalDate date = java.time.LocalDate.ofEpochDay(java.time.LocalDate.of(2020, 1, 1).toEpochDay() + dayOffset);
        out.append(date.getYear()).append('-');
        twoDigits(out, date.getMonthValue());
        out.append('-');
        twoDigits(out, date.getDayOfMonth());
        out.append(' ');
        twoDigits(out, secondOfDay / 3600);
        out.append(':');
        twoDigits(out, secondOfDay / 60 % 60);
        out.append(':');
        twoDigits(out, secondOfDay % 60);
    }

    private static void twoDigits(StringBuilder out, int value) {
        if (value < 10) {
            out.append('0');
        }
        out.append(value);
    }

    private static void text(StringBuilder line, StringBuilder text, SplittableRandom random) {
        text.setLength(0);
        boolean comma = random.nextInt(100) < 44;
        boolean quote = random.nextInt(100) == 0;
        boolean unicode = random.nextInt(50) == 0;
        int words = 0;
        while (text.length() < 28) {
            if (words > 0) {
                text.append(comma && words == 1 ? ", " : " ");
            }
            if (quote && words == 2) {
                text.append('"').append(WORDS[random.nextInt(WORDS.length)]).append('"');
            } else if (unicode && words == 1) {
                text.append(UNICODE_WORDS[random.nextInt(UNICODE_WORDS.length)]);
            } else {
                text.append(WORDS[random.nextInt(WORDS.length)]);
            }
            words++;
        }
        if (comma || quote) {
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    line.append('"');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            line.append(text);
        }
    }
}
