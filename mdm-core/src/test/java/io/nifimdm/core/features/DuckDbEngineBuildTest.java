package io.nifimdm.core.features;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import io.nifimdm.core.dataset.WriteMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DuckDB's feature query without an {@code ORDER BY} ({@link SqlFeatures.Query#inSourceOrder}) on a table of several
 * row groups, scanned by several threads: the feature table keeps the source's row order, and the features DuckDB
 * takes from Java ({@link DuckDbJavaFunctions}: text family, percentile ranks, over many vectors of rows) equal the
 * Java pass's, row by row.
 */
class DuckDbEngineBuildTest {

    /** More than two of DuckDB's row groups (122,880 rows), so a parallel scan splits the table. */
    private static final int ROWS = 300_000;
    private static final String[] WORDS = {"alpha", "Beta", "GAMMA", "café", "x1", "#tag", "@bob", "www.a.org",
        "mail@example.com", "日本", "😀", "A-B"};

    @TempDir
    Path directory;

    @Test
    void parallelBuildKeepsRowOrderAndJavasValues() throws Exception {
        FeatureOptions options = FeatureOptions.defaults();
        DatasetStore store = DatasetStores.duckdb(directory.resolve("store"),
                new DuckDbSettings("512MB", 4, null, null), 4);
        try {
            FeatureFixtures.register(store, "order", "train", csv(), null);
            Dataset dataset = store.open("order");
            FeatureResult java = new FeatureGenerator(Clock.systemUTC(), false).run(dataset,
                    FeatureRequest.all(options));
            dataset.write(WriteMode.EXCLUSIVE, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE TABLE java_features AS SELECT * FROM train_features");
                }
                return null;
            });
            FeatureResult engine = new FeatureGenerator(Clock.systemUTC(), true).run(dataset,
                    new FeatureRequest(null, null, List.of(), true, options));

            assertThat(engine.features()).isEqualTo(java.features())
                    .anyMatch(name -> name.startsWith("txt_")).anyMatch(name -> name.endsWith("_percentile"));
            assertThat(engine.dropped()).isEqualTo(java.dropped());
            assertThat(engine.rowsByTable()).containsEntry("train_features", (long) ROWS);
            try (Connection connection = dataset.openReadConnection();
                 Statement statement = connection.createStatement()) {
                // stored order: the n-th row read is the source's n-th row
                assertThat(count(statement, "SELECT count(*) FROM (SELECT _mdm_row, id, row_number() OVER () AS n"
                        + " FROM train_features) f WHERE f._mdm_row <> f.n OR f.id <> f.n")).isZero();
                List<String> doubles = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT column_name FROM information_schema.columns"
                        + " WHERE table_name = 'train_features' AND data_type = 'DOUBLE'")) {
                    while (rs.next()) {
                        doubles.add(rs.getString(1));
                    }
                }
                List<String> mismatches = new ArrayList<>();
                for (String feature : engine.features()) {
                    String a = "e.\"" + feature + "\"";
                    String b = "j.\"" + feature + "\"";
                    String differs = a + " IS DISTINCT FROM " + b + (doubles.contains(feature)
                            ? " AND NOT coalesce(abs(" + a + " - " + b + ") <= 1e-9 * abs(" + b + "), FALSE)" : "");
                    long n = count(statement, "SELECT count(*) FROM train_features e JOIN java_features j"
                            + " USING (_mdm_row) WHERE " + differs);
                    if (n > 0) {
                        mismatches.add(feature + " (" + n + " rows)");
                    }
                }
                assertThat(mismatches).isEmpty();
            }
        } finally {
            store.close();
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code id} counts rows from 1; a skewed double with gaps; words with gaps. */
    private static String csv() {
        SplittableRandom random = new SplittableRandom(17);
        StringBuilder csv = new StringBuilder("id,x,k,txt\n");
        for (int r = 1; r <= ROWS; r++) {
            csv.append(r).append(',');
            if (random.nextInt(20) != 0) {
                csv.append(Math.exp(3 * random.nextGaussian()));
            }
            csv.append(',').append(random.nextInt(1000)).append(',');
            if (random.nextInt(15) != 0) {
                StringBuilder text = new StringBuilder();
                for (int w = random.nextInt(6); w >= 0; w--) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(4) == 0 ? "  " : " ");
                }
                csv.append('"').append(text.toString().strip()).append('"');
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
