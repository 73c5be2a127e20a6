package io.nifimdm.core.query;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static io.nifimdm.core.query.QueryTestData.drain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sample standard deviation of values with a large offset and a small spread, the case where the sum-of-squares
 * formula cancels catastrophically: SQLite (shifted SQL sums) matches an exact two-pass reference to 1e-9 relative;
 * DuckDB's and PostgreSQL's own stddev_samp reach 1e-7 (about 1e-8 off), so SQLite is not the one that drifts. (Unshifted, SQLite was off by several times the true value here.)
 */
class StddevPrecisionTest {

    @TempDir
    Path directory;

    @Test
    void largeOffsetsSmallSpreadMatchTheTwoPassReferenceOnEveryEngine() {
        Random random = new Random(7);
        StringBuilder csv = new StringBuilder("g,x,n\n");
        Map<String, List<Double>> doubles = new TreeMap<>();
        Map<String, List<Long>> longs = new TreeMap<>();
        String[] groups = {"a", "b", "c"};
        // groups near one another relative to the values' size; see QueryCompiler#sqliteStddev for the limit
        double[] offsets = {1e9, 1e9 + 3500, 1e9 - 2000};
        for (int i = 0; i < 3000; i++) {
            int g = i % 3;
            // a spread of about 1 around 1e9 (14 significant digits in the CSV) and integers around 1e12
            double x = Math.round((offsets[g] + random.nextGaussian()) * 1e4) / 1e4;
            long n = 1_000_000_000_000L + random.nextInt(1000);
            doubles.computeIfAbsent(groups[g], k -> new ArrayList<>()).add(x);
            longs.computeIfAbsent(groups[g], k -> new ArrayList<>()).add(n);
            csv.append(groups[g]).append(',').append(BigDecimal.valueOf(x).toPlainString()).append(',').append(n).append('\n');
        }
        csv.append("d,5.0,7\n");
        QuerySpec spec = QuerySpec.table("t").withAggregation(List.of("g"),
                NameLists.aggregations("stddev(x), stddev(n)"));
        for (BackendKind kind : BackendKind.values()) {
            try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id()))) {
                DatasetRegistrar.standard(fixture.store()).register(
                        RegistrationRequest.of("precision", "t", RegistrationMode.CREATE),
                        ContentInput.of(() -> new ByteArrayInputStream(csv.toString()
                                .getBytes(StandardCharsets.UTF_8)), InputFormat.CSV));
                Dataset dataset = fixture.store().open("precision");
                List<List<Object>> rows = drain(new DatasetQueries(dataset).open(spec));
                assertThat(rows).extracting(row -> row.get(0)).containsExactly("a", "b", "c", "d");
                // DuckDB's and PostgreSQL's running-mean algorithms drift by about 1e-8 relative on this data
                double tolerance = kind == BackendKind.SQLITE ? 1e-9 : 1e-7;
                for (int r = 0; r < 3; r++) {
                    String group = groups[r];
                    double expectedX = twoPass(doubles.get(group));
                    double expectedN = twoPass(longs.get(group).stream().map(v -> (double) (v - 1_000_000_000_000L)).toList());
                    assertThat((Double) rows.get(r).get(1)).as(kind + " stddev(x) of " + group)
                            .isCloseTo(expectedX, org.assertj.core.api.Assertions.within(tolerance * expectedX));
                    assertThat((Double) rows.get(r).get(2)).as(kind + " stddev(n) of " + group)
                            .isCloseTo(expectedN, org.assertj.core.api.Assertions.within(tolerance * expectedN));
                }
                assertThat(rows.get(3).get(1)).as(kind + ": one value has no sample stddev").isNull();
            }
        }
    }

    /** The exact two-pass formula in 34-digit decimals, so the reference itself has no cancellation. */
    private static double twoPass(List<Double> values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (double v : values) {
            sum = sum.add(new BigDecimal(v));
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
        BigDecimal squares = BigDecimal.ZERO;
        for (double v : values) {
            BigDecimal d = new BigDecimal(v).subtract(mean);
            squares = squares.add(d.multiply(d, MathContext.DECIMAL128), MathContext.DECIMAL128);
        }
        return Math.sqrt(squares.divide(BigDecimal.valueOf(values.size() - 1L), MathContext.DECIMAL128)
                .doubleValue());
    }
}
