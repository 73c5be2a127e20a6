package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.nifimdm.core.ingest.Content.open;
import static io.nifimdm.core.ingest.Content.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TypeInferenceTest {

    private static IngestColumn inferOne(String name, Object... values) {
        List<Object[]> rows = new ArrayList<>();
        for (Object v : values) {
            rows.add(new Object[]{v});
        }
        return TypeInference.infer(List.of(name), rows, InferenceOptions.defaults()).get(0);
    }

    private static ColumnType typeOf(Object... values) {
        return inferOne("c", values).type();
    }

    @Test
    void narrowestTypeThatFitsEveryValue() {
        assertThat(typeOf("true", "FALSE", null, "True")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(typeOf("0", "1", "1")).isEqualTo(ColumnType.INTEGER);
        assertThat(typeOf("-5", "+7", "9223372036854775807", "-9223372036854775808")).isEqualTo(ColumnType.INTEGER);
        assertThat(typeOf("1", "2.5", "-3e-2", ".5", "1E10")).isEqualTo(ColumnType.DECIMAL);
        assertThat(typeOf("2024-01-31", "2023-12-01")).isEqualTo(ColumnType.DATE);
        assertThat(typeOf("2024-01-31 10:00:00", "2024-02-01T23:59:59.123")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(typeOf("a", "1")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void booleansAreOnlyTrueAndFalse() {
        assertThat(typeOf("yes", "no")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("true", "1")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("1", "0")).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void leadingZerosKeepCodesAsText() {
        assertThat(typeOf("02134", "90210", "10001")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("0", "10", "-0")).isEqualTo(ColumnType.INTEGER);
        assertThat(typeOf("0.5", "00.5")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("0.5", "10.25")).isEqualTo(ColumnType.DECIMAL);
    }

    @Test
    void integersBeyondLongAreNotSilentlyRounded() {
        assertThat(typeOf("92233720368547758070")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("12345678901234567", "1.5")).isEqualTo(ColumnType.DECIMAL);
    }

    @Test
    void nanAndInfinityAreDecimalsOnlyBesideRealNumbers() {
        assertThat(typeOf("1.5", "NaN", "inf", "-Infinity")).isEqualTo(ColumnType.DECIMAL);
        assertThat(typeOf("NaN", "inf")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void blankAndMissingValuesDoNotDecide() {
        assertThat(typeOf("1", "", "  ", null, "3")).isEqualTo(ColumnType.INTEGER);
        assertThat(typeOf(null, null)).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("", "")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf(" 12 ", "13")).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void mixedDateLayoutsStayText() {
        assertThat(typeOf("2024-01-31", "31/01/2024")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("2024-01-31", "2024/01/30")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void dayMonthOrderIsTheOneEveryValueFits() {
        IngestColumn usOnly = inferOne("d", "01/02/2024", "12/31/2024");
        assertThat(usOnly.type()).isEqualTo(ColumnType.DATE);
        assertThat(usOnly.dateLayout()).isEqualTo(DateLayout.MDY_SLASH);
        IngestColumn europeanOnly = inferOne("d", "01/02/2024", "31/12/2024");
        assertThat(europeanOnly.dateLayout()).isEqualTo(DateLayout.DMY_SLASH);
        IngestColumn ambiguous = inferOne("d", "01/02/2024", "03/04/2024");
        assertThat(ambiguous.dateLayout()).isEqualTo(DateLayout.DMY_SLASH);
        assertThat(inferOne("d", "31-12-2024", "01-01-2025").dateLayout()).isEqualTo(DateLayout.DMY_DASH);
        assertThat(inferOne("d", "12-31-2024").dateLayout()).isEqualTo(DateLayout.MDY_DASH);
        assertThat(inferOne("d", "2024/2/3").dateLayout()).isEqualTo(DateLayout.YMD_SLASH);
    }

    @Test
    void invalidCalendarDatesAreNotDates() {
        assertThat(typeOf("2023-02-29")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("2024-02-29")).isEqualTo(ColumnType.DATE);
        assertThat(typeOf("2024-13-01")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("2024-01-01 24:00:00")).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf("2024-01-01T10:00:00Z")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void datesAndTimestampsTogetherAreTimestamps() {
        IngestColumn column = inferOne("when", "2024-01-01", "2024-01-02 08:30:00");
        assertThat(column.type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(column.dateLayout()).isEqualTo(DateLayout.YMD_DASH);
    }

    @Test
    void namesContainingIdAreNotDateDetected() {
        assertThat(inferOne("valid_from", "2024-01-01").type()).isEqualTo(ColumnType.TEXT);
        assertThat(inferOne("created", "2024-01-01").type()).isEqualTo(ColumnType.DATE);
    }

    @Test
    void typedJsonValues() {
        assertThat(typeOf(1L, 2L, null)).isEqualTo(ColumnType.INTEGER);
        assertThat(typeOf(1L, 2.5)).isEqualTo(ColumnType.DECIMAL);
        assertThat(typeOf(true, false)).isEqualTo(ColumnType.BOOLEAN);
        assertThat(typeOf(true, 1L)).isEqualTo(ColumnType.TEXT);
        assertThat(typeOf(LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 1, 0))).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(typeOf("{\"k\":1}", "[1]")).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void forcedTypesWinAndUnknownNamesAreReported() {
        List<Object[]> rows = List.<Object[]>of(new Object[]{"1", "2024-01-01"}, new Object[]{"2", "2024-01-02"});
        InferenceOptions options = InferenceOptions.defaults().withForcedTypes(
                Map.of("code", ColumnType.TEXT, "DAY", ColumnType.TIMESTAMP));
        List<IngestColumn> columns = TypeInference.infer(List.of("code", "day"), rows, options);
        assertThat(columns).extracting(IngestColumn::type).containsExactly(ColumnType.TEXT, ColumnType.TIMESTAMP);
        assertThat(columns).allMatch(IngestColumn::forced);
        assertThat(columns.get(1).dateLayout()).isEqualTo(DateLayout.YMD_DASH);
        assertThatThrownBy(() -> TypeInference.infer(List.of("code"), rows.subList(0, 0),
                InferenceOptions.defaults().withForcedType("nope", ColumnType.TEXT)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nope'");
    }

    @Test
    void sampleDistinctIsCountedUpToTheLimit() {
        Object[] few = new Object[40];
        Object[] many = new Object[40];
        for (int i = 0; i < 40; i++) {
            few[i] = "v" + (i % 3);
            many[i] = "v" + i;
        }
        assertThat(inferOne("c", few).sampleDistinct()).isEqualTo(3);
        assertThat(inferOne("c", few).sampleNonNull()).isEqualTo(40);
        assertThat(inferOne("c", many).sampleDistinct()).isEqualTo(TypeInference.DISTINCT_LIMIT);
    }

    @Test
    void inferFromReaderKeepsTheSampleRowsAndLeavesTheRest() {
        StringBuilder csv = new StringBuilder("n,label\n");
        for (int i = 0; i < 250; i++) {
            csv.append(i).append(",x").append(i % 4).append('\n');
        }
        try (TabularReader reader = open(utf8(csv.toString()))) {
            InferredSchema schema = TypeInference.infer(reader, InferenceOptions.defaults().withSampleRows(100));
            assertThat(schema.sampleRows()).hasSize(100);
            assertThat(schema.columnDefs()).extracting(d -> d.type())
                    .containsExactly(ColumnType.INTEGER, ColumnType.TEXT);
            assertThat(Content.rows(reader)).hasSize(150);
        }
    }

    @Test
    void wideTablesSampleFewerRows() {
        assertThat(TypeInference.sampleLimit(10_000, 12)).isEqualTo(10_000);
        assertThat(TypeInference.sampleLimit(10_000, 1000)).isEqualTo(2000);
        assertThat(TypeInference.sampleLimit(10_000, 1_000_000)).isEqualTo(100);
    }

    @Test
    void semanticTypesFromInference() {
        assertThat(SemanticTypes.detect(inferOne("c", "a", "b", "a"), false, false, null).id()).isEqualTo("categorical");
        Object[] many = new Object[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = "text " + i;
        }
        assertThat(SemanticTypes.detect(inferOne("c", many), false, false, null).id()).isEqualTo("text");
        assertThat(SemanticTypes.detect(inferOne("c", "1", "2", "1"), false, false, null).id()).isEqualTo("numeric");
        assertThat(SemanticTypes.detect(inferOne("c", "true", "false"), false, false, null).id()).isEqualTo("binary");
        assertThat(SemanticTypes.detect(inferOne("c", "2024-01-01"), false, false, null).id()).isEqualTo("datetime");
        assertThat(SemanticTypes.detect(inferOne("c", (Object) null), false, false, null).id())
                .isEqualTo("categorical");
        IngestColumn ids = inferOne("user_id", "1", "2");
        assertThat(SemanticTypes.detect(ids, true, false, null).id()).isEqualTo("id");
        assertThat(SemanticTypes.detect(ids, true, true, null).id()).isEqualTo("target");
        assertThat(SemanticTypes.detect(ids, true, false, io.nifimdm.core.dataset.SemanticType.CATEGORICAL).id())
                .isEqualTo("categorical");
    }

    @Test
    void rowsHaveOneValuePerColumn() {
        List<Object[]> rows = List.<Object[]>of(new Object[]{"1", "x"});
        List<IngestColumn> columns = TypeInference.infer(List.of("a", "b"), rows, InferenceOptions.defaults());
        assertThat(Arrays.asList(columns.get(0).name(), columns.get(1).name())).containsExactly("a", "b");
    }
}
