package io.nifimdm.core.features;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.testsupport.StoreFixture;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Days since the fitted start are whole days floored, as pandas' {@code Timedelta.days} counts them: half a second
 * before the start is day -1, not day 0. The same on every engine, whether the Java pass or the engine's SQL builds.
 */
class DaysSinceStartTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void daysAreFlooredOnBothSidesOfTheStart(BackendKind kind) throws Exception {
        FeatureOptions options = FeatureOptions.defaults().withFamilies(false, false, true, false, false, false)
                .withSignalFilter(false, false, 0.0, 1.0, 0.0);
        try (StoreFixture fixture = StoreFixture.open(kind, directory.resolve(kind.id()))) {
            FeatureFixtures.register(fixture.store(), "days", "train", """
                    id,when
                    1,2020-01-01 00:00:00.250
                    2,2020-01-05 12:00:00
                    3,2020-01-09 06:30:00
                    """, null);
            FeatureFixtures.register(fixture.store(), "days", "test", """
                    id,when
                    1,2020-01-01 00:00:00
                    2,2019-12-31 23:59:59.500
                    3,2019-12-30 00:00:00.250
                    4,2020-01-02 00:00:00.250
                    5,2020-01-02 00:00:00.249
                    6,2019-12-02 00:00:00
                    """, null);
            Dataset dataset = fixture.store().open("days");
            FeatureGenerator.standard().run(dataset, FeatureRequest.all(options));
            List<Map<String, Object>> test = FeatureFixtures.rows(dataset, "test_features");
            // the start is 2020-01-01 00:00:00.250, the earliest train timestamp
            assertThat(test.stream().map(row -> row.get("when_days_since_start")).toList())
                    .as(kind.id()).containsExactly(-1L, -1L, -2L, 1L, 0L, -31L);
            List<Map<String, Object>> train = FeatureFixtures.rows(dataset, "train_features");
            assertThat(train.stream().map(row -> row.get("when_days_since_start")).toList())
                    .as(kind.id()).containsExactly(0L, 4L, 8L);
        }
    }
}
