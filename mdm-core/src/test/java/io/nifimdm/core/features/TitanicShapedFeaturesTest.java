package io.nifimdm.core.features;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec case 31: a Titanic-shaped train table (891 rows, made here from a seeded generator: Pclass, Name, Sex, Age with
 * missing values, SibSp, Parch, Ticket, Fare, Cabin mostly missing, Embarked) gives exactly MDM's 78 feature columns
 * under MDM's own signal filter, and the same families under the docs' stricter default filter.
 */
class TitanicShapedFeaturesTest {

    @TempDir
    Path directory;

    static final List<String> CASE_31 = List.of(
            "Pclass_log", "Pclass_zscore", "Pclass_percentile", "Pclass_sqrt", "Pclass_boxcox", "Pclass_div_mean",
            "Name_length", "Name_word_count", "Name_avg_word_length", "Name_n_uppercase", "Name_n_lowercase",
            "Name_n_spaces", "Name_n_special", "Name_unique_word_count", "Name_unique_word_ratio",
            "Sex_frequency", "Sex_frequency_ratio", "Sex_female", "Sex_male", "Sex_nunique_chars",
            "Age_log", "Age_zscore", "Age_percentile", "Age_is_outlier", "Age_bin_equal", "Age_bin_quantile",
            "Age_sqrt", "Age_boxcox", "Age_div_mean",
            "SibSp_zscore", "SibSp_percentile", "SibSp_is_outlier", "SibSp_div_mean",
            "Parch_zscore", "Parch_percentile", "Parch_is_outlier", "Parch_div_mean",
            "Ticket_length", "Ticket_word_count", "Ticket_avg_word_length", "Ticket_n_uppercase",
            "Ticket_n_lowercase", "Ticket_n_digits", "Ticket_n_spaces", "Ticket_n_special", "Ticket_has_digits",
            "Ticket_has_special", "Ticket_is_upper", "Ticket_unique_word_count",
            "Fare_zscore", "Fare_percentile", "Fare_is_outlier", "Fare_bin_equal", "Fare_bin_quantile",
            "Fare_div_mean",
            "Cabin_length", "Cabin_word_count", "Cabin_avg_word_length", "Cabin_n_uppercase", "Cabin_n_digits",
            "Cabin_n_spaces", "Cabin_has_digits", "Cabin_is_upper", "Cabin_unique_word_count",
            "Cabin_unique_word_ratio",
            "Embarked_frequency", "Embarked_frequency_ratio", "Embarked_C", "Embarked_Q", "Embarked_S",
            "Embarked_nunique_chars",
            "Age_is_missing", "Cabin_is_missing", "total_missing_count", "missing_ratio", "max_consecutive_missing",
            "missing_pattern_id", "missing_together_Age_Cabin");

    static String titanicCsv() {
        Random random = new Random(31);
        String[] surnames = {"Braund", "Cumings", "Heikkinen", "Futrelle", "Allen", "Moran", "McCarthy", "Palsson",
                "Johnson", "Nasser", "Sandstrom", "Bonnell", "Saundercock", "Andersson", "Vestrom", "Hewlett", "Rice",
                "Williams", "Vander Planke", "Masselmani", "Fynney", "Beesley", "McGowan", "Sloper", "Asplund"};
        String[] first = {"Owen", "John", "Laina", "Jacques", "William", "James", "Timothy", "Gosta", "Oscar",
                "Nicholas", "Marguerite", "Elizabeth", "Anders", "Hulda", "Mary", "Charles", "Fatima", "Joseph"};
        String[] ticketPrefixes = {"A/5", "PC", "STON/O2.", "SC/Paris", "C.A.", "W./C.", "SOTON/OQ", "Fa", "PP"};
        StringBuilder csv = new StringBuilder(
                "PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Ticket,Fare,Cabin,Embarked\n");
        for (int i = 0; i < 891; i++) {
            int roll = random.nextInt(891);
            int pclass = roll < 216 ? 1 : roll < 400 ? 2 : 3;
            boolean female = random.nextInt(100) < 35;
            String title = female ? (random.nextBoolean() ? "Mrs." : "Miss.") : (random.nextInt(10) == 0 ? "Master."
                    : "Mr.");
            String given = first[random.nextInt(first.length)];
            String name = surnames[random.nextInt(surnames.length)] + ", " + title + " " + given
                    + (random.nextInt(4) == 0 ? " " + given : " " + first[random.nextInt(first.length)])
                    + (female && random.nextInt(3) == 0 ? " (" + first[random.nextInt(first.length)] + ")" : "");
            String age = random.nextInt(100) < 20 ? "" : random.nextInt(60) == 0 ? String.valueOf(66 + random.nextInt(15))
                    : String.format(java.util.Locale.ROOT, "%.1f", 0.5 + Math.abs(29 + random.nextGaussian() * 13));
            int sibsp = random.nextInt(100) < 68 ? 0 : random.nextInt(100) < 75 ? 1 : 2 + random.nextInt(7);
            int parch = random.nextInt(100) < 76 ? 0 : 1 + random.nextInt(6);
            int number = 1000 + random.nextInt(3_000_000);
            int ticketKind = random.nextInt(20);
            String ticket = ticketKind == 0 ? "LINE" : ticketKind < 7
                    ? ticketPrefixes[random.nextInt(ticketPrefixes.length)] + " " + number : String.valueOf(number);
            String fare = random.nextInt(60) == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.4f",
                    Math.exp(2.5 + random.nextGaussian() * 0.9) + (pclass == 1 ? 40 : 0));
            String cabin = random.nextInt(100) < 77 ? "" : (char) ('A' + random.nextInt(7)) + String.valueOf(
                    1 + random.nextInt(120)) + (random.nextInt(8) == 0 ? " " + (char) ('A' + random.nextInt(7))
                    + (1 + random.nextInt(120)) : "");
            String embarked = i == 61 || i == 829 ? "" : random.nextInt(100) < 72 ? "S" : random.nextInt(100) < 68
                    ? "C" : "Q";
            csv.append(i + 1).append(',').append(random.nextInt(100) < 38 ? 1 : 0).append(',').append(pclass)
                    .append(",\"").append(name.replace("\"", "\"\"")).append("\",").append(female ? "female" : "male")
                    .append(',').append(age).append(',').append(sibsp).append(',').append(parch).append(',')
                    .append(ticket).append(',').append(fare).append(',').append(cabin).append(',').append(embarked)
                    .append('\n');
        }
        return csv.toString();
    }

    private static Dataset registerTitanic(StoreFixture fixture) {
        byte[] bytes = titanicCsv().getBytes(StandardCharsets.UTF_8);
        RegistrationRequest request = new RegistrationRequest("titanic", "train", RegistrationMode.CREATE, "Survived",
                List.of("PassengerId"), null, Map.of(), null, null, null, RegistrationRequest.DEFAULT_BATCH_SIZE);
        DatasetRegistrar.standard(fixture.store()).register(request,
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
        return fixture.store().open("titanic");
    }

    @Test
    void mdmFilterGivesExactlyTheSpecsSeventyEightColumns() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.SQLITE, directory)) {
            Dataset dataset = registerTitanic(fixture);
            FeatureResult result = FeatureGenerator.standard().run(dataset,
                    FeatureRequest.all(FeatureOptions.defaults().withMdmSignalFilter()));

            assertThat(result.features()).containsExactlyInAnyOrderElementsOf(CASE_31);
            assertThat(result.features()).hasSize(78);
            List<String> columns = FeatureFixtures.columnNames(dataset, "train_features");
            assertThat(columns.subList(0, 12)).containsExactly("PassengerId", "Survived", "Pclass", "Name", "Sex",
                    "Age", "SibSp", "Parch", "Ticket", "Fare", "Cabin", "Embarked");
            assertThat(columns).hasSize(12 + 78 + 1);
            FeaturePlan plan = FeatureFixtures.storedPlan(dataset);
            // only Age and Fare qualify for interactions and their correlation is weak, as in MDM's Titanic run
            assertThat(plan.interactions()).isEmpty();
            assertThat(result.dropped()).extracting(DroppedFeature::reason).containsOnly("constant");
            assertThat(result.dropped()).extracting(DroppedFeature::name).contains("Pclass_is_outlier",
                    "Name_n_digits", "Name_has_special", "Ticket_unique_word_ratio", "Sex_is_rare");
            assertThat(FeatureFixtures.rows(dataset, "train_features")).hasSize(891);
        }
    }

    @Test
    void defaultFilterKeepsEveryFamilyAndExplainsEachDrop() throws Exception {
        try (StoreFixture fixture = StoreFixture.open(BackendKind.DUCKDB, directory)) {
            Dataset dataset = registerTitanic(fixture);
            FeatureResult result = FeatureGenerator.standard().run(dataset, FeatureRequest.all(FeatureOptions.defaults()));

            List<String> prefixes = new ArrayList<>(List.of("Pclass_", "Name_", "Sex_", "Age_", "SibSp_", "Parch_",
                    "Ticket_", "Fare_", "Cabin_", "Embarked_", "missing_"));
            for (String prefix : prefixes) {
                assertThat(result.features()).as(prefix).anyMatch(name -> name.startsWith(prefix));
            }
            assertThat(result.features()).isSubsetOf(CASE_31);
            assertThat(result.dropped()).extracting(DroppedFeature::reason)
                    .anyMatch(reason -> reason.startsWith("correlated with"));
            assertThat(result.features().size() + result.dropped().size()).isGreaterThan(78);
        }
    }
}
