package io.nifimdm.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Deterministic Kaggle-shaped input with awkward shapes: column names with spaces, quotes, a reserved word and
 * non-Latin letters; nulls beside empty strings; quoted commas and newlines; unicode values; dates.
 */
final class SampleFiles {

    static final int TRAIN_ROWS = 150;
    static final int TEST_ROWS = 40;
    static final String HEADER = "id,\"select\",\"unit price\",\"say \"\"hi\"\"\",名前,joined,label";

    private SampleFiles() {
    }

    /** train.csv, test.csv and sample_submission.csv in {@code directory}; the target is {@code label}. */
    static Path kaggle(Path directory) throws IOException {
        Files.createDirectories(directory);
        StringBuilder train = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < TRAIN_ROWS; i++) {
            train.append(row(i, true)).append('\n');
        }
        Files.writeString(directory.resolve("train.csv"), train, StandardCharsets.UTF_8);
        StringBuilder test = new StringBuilder(HEADER.substring(0, HEADER.lastIndexOf(','))).append('\n');
        StringBuilder submission = new StringBuilder("id,label\n");
        for (int i = 0; i < TEST_ROWS; i++) {
            String row = row(10_000 + i, false);
            test.append(row).append('\n');
            submission.append(10_000 + i).append(",0\n");
        }
        Files.writeString(directory.resolve("test.csv"), test, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("sample_submission.csv"), submission, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve("data_description.txt"), "not data\n", StandardCharsets.UTF_8);
        return directory;
    }

    /** Rows of train.csv whose {@code unit price} is missing: every seventh. */
    static long missingPrices() {
        return (TRAIN_ROWS + 6) / 7;
    }

    private static String row(int index, boolean withLabel) {
        SplittableRandom random = new SplittableRandom(index * 31L + 7);
        String[] words = {"alpha", "beta, gamma", "\"quoted\"", "café", "東京", "line\nbreak", "emoji 😀"};
        String select = index % 5 == 0 ? "" : words[random.nextInt(words.length)];
        String price = index % 7 == 0 ? "" : String.format(java.util.Locale.ROOT, "%.2f", random.nextDouble() * 1000);
        String hi = index % 3 == 0 ? "\"\"" : "v" + random.nextInt(4);
        String name = index % 11 == 0 ? "" : "名" + random.nextInt(100);
        String joined = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1500)).toString();
        StringBuilder line = new StringBuilder();
        line.append(index).append(',').append(csv(select)).append(',').append(price).append(',').append(hi)
                .append(',').append(name).append(',').append(joined);
        if (withLabel) {
            line.append(',').append(index % 4 == 0 ? 1 : 0);
        }
        return line.toString();
    }

    private static String csv(String value) {
        if (value.isEmpty()) {
            return "";
        }
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
