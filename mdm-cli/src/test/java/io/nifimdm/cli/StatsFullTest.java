package io.nifimdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifimdm.core.backend.BackendKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.nifimdm.cli.CommandsAcrossEnginesTest.find;
import static io.nifimdm.cli.CommandsAcrossEnginesTest.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code stats --full} as MDM's acceptance case 20 describes it: 1,000 rows of which 5 are copies, 10 columns, on every
 * engine; the extra figures checked against a direct computation over the generated values.
 */
class StatsFullTest {

    private static final String HEADER = "id,x,\"y value\",\"select\",cat,note,flag,day,score,\"all empty\"";
    private static final String[] CATS = {"b", "a", "c", "Zoë"};

    @TempDir
    Path tempDir;

    /** The generated values of the numeric columns x and "y value", and of cat, row by row. */
    private final List<double[]> xy = new ArrayList<>();
    private final List<String> cats = new ArrayList<>();
    /** Rows whose note is an unquoted empty field, which loads as null. */
    private final List<Boolean> noteMissing = new ArrayList<>();

    private Path generate(Path file) throws Exception {
        Random random = new Random(20);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 995; i++) {
            double spread = -Math.log(1 - random.nextDouble()) * 5;
            double x = 1e9 + spread;
            double y = -2 * spread + random.nextGaussian();
            String cat = CATS[random.nextInt(CATS.length)];
            String note = random.nextInt(4) == 0 ? "" : "note " + random.nextInt(50);
            lines.add(i + "," + x + "," + y + "," + random.nextInt(9) + "," + cat + "," + note + ","
                    + random.nextBoolean() + ",2024-02-" + String.format("%02d", 1 + random.nextInt(28)) + ","
                    + random.nextGaussian() + ",");
            xy.add(new double[]{x, y});
            cats.add(cat);
            noteMissing.add(note.isEmpty());
        }
        for (int c = 0; c < 5; c++) {
            int copy = 100 * c + 7;
            lines.add(lines.get(copy));
            noteMissing.add(noteMissing.get(copy));
            xy.add(xy.get(copy));
            cats.add(cats.get(copy));
        }
        Files.writeString(file, HEADER + "\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void fullStatisticsAddPercentilesCorrelationsAndDataQuality(BackendKind kind) throws Exception {
        Path file = generate(tempDir.resolve("case20.csv"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "case20", file.toString()).code()).isZero();

            JsonNode basic = cli.run("stats", "case20", "-f", "json").json().get("tables").get(0);
            assertThat(basic.has("correlations")).isFalse();
            assertThat(basic.has("data_quality")).isFalse();
            assertThat(find(basic.get("columns"), "name", "x").has("percentiles")).isFalse();
            assertThat(find(basic.get("columns"), "name", "cat").has("mode")).isFalse();

            Cli.Result result = cli.run("stats", "case20", "--full", "-f", "json");
            assertThat(result.code()).as(result.toString()).isZero();
            JsonNode table = result.json().get("tables").get(0);
            assertThat(table.get("summary").get("row_count").asLong()).isEqualTo(1000);
            assertThat(table.get("summary").get("column_count").asInt()).isEqualTo(10);

            double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
            double[] y = xy.stream().mapToDouble(v -> v[1]).toArray();
            JsonNode xColumn = find(table.get("columns"), "name", "x");
            assertThat(xColumn.has("mean")).isTrue();
            assertThat(xColumn.has("std")).isTrue();
            JsonNode percentiles = xColumn.get("percentiles");
            assertThat(texts(fieldNames(percentiles))).containsExactly("p1", "p5", "p25", "p75", "p95", "p99");
            assertThat(percentiles.get("p1").asDouble()).isCloseTo(percentile(x, 0.01), within(1e-5));
            assertThat(percentiles.get("p99").asDouble()).isCloseTo(percentile(x, 0.99), within(1e-5));
            assertThat(xColumn.get("skewness").asDouble()).isCloseTo(skewness(x), within(1e-9 * Math.abs(skewness(x))));
            assertThat(xColumn.get("skewness").asDouble()).isBetween(1.5, 2.5);
            assertThat(xColumn.get("kurtosis").isNumber()).isTrue();

            JsonNode cat = find(table.get("columns"), "name", "cat");
            Map<String, Long> counts = new HashMap<>();
            cats.forEach(c -> counts.merge(c, 1L, Long::sum));
            Map.Entry<String, Long> mode = counts.entrySet().stream()
                    .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey(
                            java.util.Comparator.reverseOrder()))).orElseThrow();
            assertThat(cat.get("mode").asText()).isEqualTo(mode.getKey());
            assertThat(cat.get("mode_count").asLong()).isEqualTo(mode.getValue());
            assertThat(cat.get("distinct_ratio").asDouble()).isEqualTo(CATS.length / 1000.0);
            assertThat(find(table.get("columns"), "name", "all empty").get("null_count").asLong()).isEqualTo(1000);

            JsonNode correlations = table.get("correlations");
            assertThat(correlations.get("method").asText()).isEqualTo("pearson");
            List<String> matrixColumns = texts(correlations.get("columns"));
            assertThat(matrixColumns).contains("id", "x", "y value", "select", "score");
            JsonNode pair = correlations.get("high_correlations").get(0);
            assertThat(pair.get("column_1").asText()).isEqualTo("x");
            assertThat(pair.get("column_2").asText()).isEqualTo("y value");
            assertThat(pair.get("correlation").asDouble()).isCloseTo(pearson(x, y), within(1e-9));
            int ix = matrixColumns.indexOf("x");
            int iy = matrixColumns.indexOf("y value");
            assertThat(correlations.get("matrix").get(ix).get(iy).asDouble()).isEqualTo(pair.get("correlation").asDouble());
            assertThat(correlations.get("matrix").get(ix).get(ix).asDouble()).isEqualTo(1.0);

            JsonNode quality = table.get("data_quality");
            assertThat(quality.get("duplicate_rows").asLong()).isEqualTo(5);
            assertThat(quality.get("duplicate_percentage").asDouble()).isEqualTo(0.5);
            long emptyNotes = noteMissing.stream().filter(m -> m).count();
            long missing = 1000 + emptyNotes;
            assertThat(find(table.get("columns"), "name", "note").get("null_count").asLong()).isEqualTo(emptyNotes);
            assertThat(quality.get("missing_cells").asLong()).isEqualTo(missing);
            assertThat(quality.get("completeness").asDouble()).isEqualTo((10_000.0 - missing) / 10_000);
            assertThat(texts(quality.get("near_unique_columns"))).containsExactly("id", "x", "y value", "score");

            Cli.Result human = cli.run("stats", "case20", "--full");
            assertThat(human.code()).as(human.toString()).isZero();
            assertThat(human.out()).contains("Computed now (exact, in the engine):", "P1", "P99", "Skewness",
                    "Kurtosis", "Text column", "Mode count", "Pearson correlations of 5 numeric columns:",
                    "Pairs with |r| > 0.8:", "x ~ y value", "5 duplicate rows (0.5%)",
                    "near-unique columns (distinct ratio > 0.95): id, x, y value, score");
            assertThat(cli.run("stats", "case20").out()).doesNotContain("Computed now", "P99", "Pearson");

            Cli.Result csv = cli.run("stats", "case20", "--full", "-f", "csv");
            assertThat(csv.code()).isZero();
            String[] lines = csv.out().split("\r\n");
            assertThat(lines[0]).endsWith(",distinct_ratio,p1,p5,p25,p75,p95,p99,skewness,kurtosis,mode,mode_count,"
                    + "near_unique,high_correlations");
            String xLine = Arrays.stream(lines).filter(l -> l.startsWith("case20,x,")).findFirst().orElseThrow();
            assertThat(xLine).endsWith(",true,y value=" + pair.get("correlation").asDouble());
            assertThat(cli.run("stats", "case20", "-f", "csv").out().split("\r\n")[0]).doesNotContain("p99");
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aSingleRowGivesNullsWhereFiguresAreUndefined(BackendKind kind) throws Exception {
        Path file = tempDir.resolve("one.csv");
        Files.writeString(file, "id,value,name\n1,100.5,solo\n", StandardCharsets.UTF_8);
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "--no-features", "one", file.toString()).code()).isZero();
            Cli.Result result = cli.run("stats", "one", "--full", "-f", "json");
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).doesNotContain("NaN", "Infinity");
            JsonNode table = result.json().get("tables").get(0);
            JsonNode value = find(table.get("columns"), "name", "value");
            assertThat(value.get("std").isNull()).isTrue();
            assertThat(value.get("skewness").isNull()).isTrue();
            assertThat(value.get("kurtosis").isNull()).isTrue();
            assertThat(value.get("percentiles").get("p1").asDouble()).isEqualTo(100.5);
            assertThat(table.get("correlations").get("matrix").get(0).get(1).isNull()).isTrue();
            assertThat(table.get("correlations").get("high_correlations")).isEmpty();
            assertThat(find(table.get("columns"), "name", "name").get("mode").asText()).isEqualTo("solo");
            assertThat(cli.run("stats", "one", "--full").code()).isZero();
            assertThat(cli.run("stats", "one", "--full", "-f", "csv").code()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void featureTablesAreProfiledWithTheMatrixCapped(BackendKind kind) throws Exception {
        Path input = SampleFiles.kaggle(tempDir.resolve("in"));
        try (Cli cli = Cli.on(kind, tempDir)) {
            assertThat(cli.run("register", "shop", input.toString()).code()).isZero();
            Cli.Result result = cli.run("stats", "shop", "--table", "train_features", "--full", "-f", "json");
            assertThat(result.code()).as(result.toString()).isZero();
            assertThat(result.out()).doesNotContain("NaN", "Infinity");
            JsonNode table = result.json().get("tables").get(0);
            List<String> numeric = new ArrayList<>();
            for (JsonNode column : table.get("columns")) {
                String type = column.get("type").asText();
                if (type.equals("INTEGER") || type.equals("DECIMAL")) {
                    numeric.add(column.get("name").asText());
                    assertThat(column.has("percentiles")).as(column.toString()).isTrue();
                    assertThat(column.has("skewness")).isTrue();
                } else {
                    assertThat(column.has("percentiles")).isFalse();
                }
            }
            assertThat(numeric).hasSizeGreaterThan(5);
            JsonNode correlations = table.get("correlations");
            int shown = Math.min(50, numeric.size());
            assertThat(texts(correlations.get("columns"))).containsExactlyElementsOf(numeric.subList(0, shown));
            assertThat(texts(correlations.get("omitted_columns")))
                    .containsExactlyElementsOf(numeric.subList(shown, numeric.size()));
            assertThat(correlations.get("matrix")).hasSize(shown);
            correlations.get("matrix").forEach(row -> assertThat(row).hasSize(shown));
            for (JsonNode pair : correlations.get("high_correlations")) {
                assertThat(Math.abs(pair.get("correlation").asDouble())).isGreaterThan(0.8);
            }
            assertThat(table.get("data_quality").get("total_cells").asLong())
                    .isEqualTo(table.get("summary").get("row_count").asLong() * table.get("columns").size());

            Cli.Result human = cli.run("stats", "shop", "--table", "train_features", "--full");
            assertThat(human.code()).as(human.toString()).isZero();
            assertThat(human.out()).contains("Pearson correlations of " + shown + " numeric columns");
        }
    }

    private static JsonNode fieldNames(JsonNode object) {
        var names = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    private static double mean(double[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        return sum.divide(BigDecimal.valueOf(values.length), MathContext.DECIMAL128).doubleValue();
    }

    /** Exact decimal arithmetic: a double mean of values near 1e9 is off by up to 6e-8, enough to move m3. */
    private static double skewness(double[] values) {
        MathContext context = MathContext.DECIMAL128;
        BigDecimal mean = BigDecimal.valueOf(mean(values));
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        mean = sum.divide(BigDecimal.valueOf(values.length), context);
        BigDecimal m2 = BigDecimal.ZERO;
        BigDecimal m3 = BigDecimal.ZERO;
        for (double v : values) {
            BigDecimal d = new BigDecimal(v).subtract(mean, context);
            m2 = m2.add(d.multiply(d, context), context);
            m3 = m3.add(d.multiply(d, context).multiply(d, context), context);
        }
        int n = values.length;
        return n * Math.sqrt(n - 1.0) / (n - 2.0) * m3.doubleValue() / Math.pow(m2.doubleValue(), 1.5);
    }

    private static double pearson(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
            sab += (a[i] - ma) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
