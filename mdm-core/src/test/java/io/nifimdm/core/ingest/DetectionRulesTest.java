package io.nifimdm.core.ingest;

import io.nifimdm.core.dataset.ProblemType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "train.csv|train",
            "/data/kaggle/Training.CSV|train",
            "C:\\Users\\me\\testing.tsv.gz|test",
            "test.csv.zip|test",
            "val.parquet|validation",
            "dev.jsonl|validation",
            "validation.json|validation",
            "sample_submission.csv|sample_submission",
            "sample-submission.csv.gz|sample_submission",
            "customers.csv|customers",
            "Sales-2024.csv|sales_2024",
            "my file (1).csv|data",
            "_mdm_columns.csv|data",
            ".csv|data",
            "data.csv.gz|data",
            "archive.tar|data",
            "kundendaten_größe.csv|kundendaten_größe"})
    void tableNameFromFileName(String fileName, String expected) {
        assertThat(TableNames.fromFileName(fileName)).isEqualTo(expected);
    }

    @Test
    void noFileNameMeansData() {
        assertThat(TableNames.fromFileName(null)).isEqualTo("data");
        assertThat(TableNames.fromFileName("  ")).isEqualTo("data");
        assertThat(TableNames.isStandard("validation")).isTrue();
        assertThat(TableNames.isStandard("customers")).isFalse();
    }

    @Test
    void spec8IdColumns() {
        assertThat(IdColumns.detect(List.of("user_id", "name", "value"))).containsExactly("user_id");
        assertThat(IdColumns.detect(List.of("user_id", "session_id", "value"))).containsExactly("user_id",
                "session_id");
        assertThat(IdColumns.detect(List.of("index", "value"))).containsExactly("index");
        assertThat(IdColumns.detect(List.of("feature1", "feature2"))).isEmpty();
    }

    @Test
    void idNameRulesIncludingMdmQuirks() {
        for (String id : List.of("ID", "Index", "idx", "KEY", "pk", "PassengerId", "row_idx", "user_key",
                "order_pk", "id_user", "paid", "valid", "uuid")) {
            assertThat(IdColumns.isIdName(id)).as(id).isTrue();
        }
        for (String other : List.of("identity", "idle", "keys", "pk_x", "video", "width", "feature")) {
            assertThat(IdColumns.isIdName(other)).as(other).isFalse();
        }
    }

    @Test
    void spec5KaggleTargetFromSubmissionHeader() {
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("id", "target"))).isEqualTo("target");
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("user_id", "prediction", "confidence")))
                .isEqualTo("confidence");
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("PassengerId", "Survived"))).isEqualTo("Survived");
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("id", "row_id"))).isEqualTo("row_id");
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("id", "row_id", "key"))).isNull();
        assertThat(KaggleTargets.fromSubmissionHeader(List.of("id"))).isNull();
        assertThat(KaggleTargets.fromSubmissionHeader(List.of())).isNull();
    }

    @Test
    void spec4KaggleLayout() {
        assertThat(KaggleTargets.isKaggleLayout(List.of("train", "test"))).isFalse();
        assertThat(KaggleTargets.isKaggleLayout(List.of("train", "test", "sample_submission"))).isTrue();
        assertThat(KaggleTargets.isKaggleLayout(List.of("sample_submission"))).isFalse();
        assertThat(KaggleTargets.isKaggleLayout(List.of("sample_submission", "submission"))).isTrue();
        assertThat(KaggleTargets.isKaggleLayout(List.of("sample_submission", "customers"))).isFalse();
    }

    @Test
    void spec6SubmissionMatchesTest() {
        assertThat(KaggleTargets.submissionMismatch(List.of("id", "feature"), List.of("id", "target"))).isNull();
        assertThat(KaggleTargets.submissionMismatch(List.of("feature"), List.of("id", "target")))
                .contains("'id'");
        assertThat(KaggleTargets.submissionMismatch(List.of("id", "feature"), List.of("id"))).isNull();
    }

    @Test
    void spec9ProblemTypes() {
        assertThat(ProblemTypeInference.infer("y", List.of("a", "b", "a"))).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        assertThat(ProblemTypeInference.infer("y", longs(0, 1, 2, 1, 2, 0, 3, 2, 1)))
                .isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(ProblemTypeInference.infer("y", List.of(1.5, 2.7, 3.14, 4.2, 5.9, 6.1)))
                .isEqualTo(ProblemType.REGRESSION);
        assertThat(ProblemTypeInference.infer("y", List.of("cat", "dog", "cat", "bird", "dog")))
                .isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        List<Object> zeroOne = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            zeroOne.add(0L);
            zeroOne.add(1L);
        }
        assertThat(ProblemTypeInference.infer("target", zeroOne)).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
    }

    @Test
    void problemTypeRulesInOrder() {
        // rule 1 beats the two values of rule 2
        assertThat(ProblemTypeInference.infer("house_price", longs(0, 1))).isEqualTo(ProblemType.REGRESSION);
        // rule 3: few distinct values in a large sample
        List<Object> grades = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            grades.add((double) (i % 5) + 0.5);
        }
        assertThat(ProblemTypeInference.infer("y", grades)).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        // rule 4: many distinct strings
        List<Object> words = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            words.add("w" + i);
        }
        assertThat(ProblemTypeInference.infer("y", words)).isNull();
        // rule 5: integral numbers with more than 20 distinct values are a regression
        List<Object> counts = new ArrayList<>();
        for (long i = 0; i < 30; i++) {
            counts.add(i);
        }
        assertThat(ProblemTypeInference.infer("y", counts)).isEqualTo(ProblemType.REGRESSION);
        // rule 5: 1 and 1.0 are one value; all 0/1
        assertThat(ProblemTypeInference.infer("y", Arrays.asList(1L, 1.0, null))).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
        // rule 6: mixed types
        List<Object> mixed = new ArrayList<>(List.of("a", 1L, "b", 2L, 3.5, "c", "d", "e", "f", "g"));
        assertThat(ProblemTypeInference.infer("status_code", mixed)).isEqualTo(ProblemType.MULTICLASS_CLASSIFICATION);
        assertThat(ProblemTypeInference.infer("thing", mixed)).isNull();
        // no values at all
        assertThat(ProblemTypeInference.infer("y", Collections.nCopies(10, null))).isNull();
    }

    @Test
    void onlyTheFirstThousandValuesCount() {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(i % 2 == 0 ? "a" : "b");
        }
        values.add("c");
        assertThat(ProblemTypeInference.infer("y", values)).isEqualTo(ProblemType.BINARY_CLASSIFICATION);
    }

    private static List<Object> longs(long... values) {
        List<Object> list = new ArrayList<>();
        for (long v : values) {
            list.add(v);
        }
        return list;
    }
}
