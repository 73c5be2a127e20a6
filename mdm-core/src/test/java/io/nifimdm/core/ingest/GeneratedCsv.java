package io.nifimdm.core.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Deterministic ML-shaped CSV: id, floats, ints, categories, timestamps, text with commas and quotes. */
final class GeneratedCsv {

    static final String HEADER = "id,f1,f2,f3,f4,f5,i1,i2,cat_a,cat_b,ts,txt";
    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "épsilon", "zeta", "eta", "θ"};

    private final byte[] bytes;

    GeneratedCsv(int rows, long seed) {
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(rows * 120).append(HEADER).append('\n');
        for (int r = 1; r <= rows; r++) {
            sb.append(r).append(',');
            for (int f = 0; f < 5; f++) {
                maybe(sb, random, String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian() * 100));
                sb.append(',');
            }
            maybe(sb, random, Integer.toString(random.nextInt(1000)));
            sb.append(',');
            maybe(sb, random, Integer.toString(random.nextInt(100) - 50));
            sb.append(',');
            maybe(sb, random, "c" + random.nextInt(10));
            sb.append(',');
            maybe(sb, random, "k" + random.nextInt(50));
            sb.append(',');
            maybe(sb, random, String.format(java.util.Locale.ROOT, "%04d-%02d-%02d %02d:%02d:%02d",
                    2020 + random.nextInt(5), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
                    random.nextInt(60), random.nextInt(60)));
            sb.append(',');
            String text = WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? ", " : " ")
                    + WORDS[random.nextInt(WORDS.length)] + (random.nextInt(100) == 0 ? " \"q\"" : "");
            sb.append('"').append(text.replace("\"", "\"\"")).append('"').append('\n');
        }
        bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void maybe(StringBuilder sb, Random random, String value) {
        if (random.nextInt(50) != 0) {
            sb.append(value);
        }
    }

    byte[] bytes() {
        return bytes;
    }
}
