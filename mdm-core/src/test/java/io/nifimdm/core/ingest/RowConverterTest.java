package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static io.nifimdm.core.ingest.Content.open;
import static io.nifimdm.core.ingest.Content.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowConverterTest {

    /** The lead's load loop, without a database: infer, convert, widen and restart on a mismatch. */
    private static LoadResult load(byte[] content, InferenceOptions initial) {
        InferenceOptions options = initial;
        int attempts = 0;
        while (true) {
            attempts++;
            List<Object[]> loaded = new ArrayList<>();
            try (TabularReader reader = open(content)) {
                InferredSchema schema = TypeInference.infer(reader, options);
                RowConverter converter = schema.converter();
                for (Object[] raw : schema.sampleRows()) {
                    loaded.add(converter.convert(raw));
                }
                Object[] raw;
                while ((raw = reader.next()) != null) {
                    loaded.add(converter.convert(raw));
                }
                return new LoadResult(schema.columns(), loaded, attempts);
            } catch (ValueTypeMismatchException e) {
                options = options.widen(e);
            }
        }
    }

    /** The same loop, finding every widening after the first mismatch so that the second attempt is the last. */
    private static LoadResult loadWideningAll(byte[] content, InferenceOptions initial) {
        InferenceOptions options = initial;
        int attempts = 0;
        while (true) {
            attempts++;
            List<Object[]> loaded = new ArrayList<>();
            try (TabularReader reader = open(content)) {
                InferredSchema schema = TypeInference.infer(reader, options);
                RowConverter converter = schema.converter();
                Object[] raw = null;
                try {
                    for (Object[] sampled : schema.sampleRows()) {
                        raw = sampled;
                        loaded.add(converter.convert(raw));
                    }
                    while ((raw = reader.next()) != null) {
                        loaded.add(converter.convert(raw));
                    }
                } catch (ValueTypeMismatchException e) {
                    options = options.withForcedTypes(converter.widenToFit(raw, reader));
                    continue;
                }
                return new LoadResult(schema.columns(), loaded, attempts);
            }
        }
    }

    record LoadResult(List<IngestColumn> columns, List<Object[]> rows, int attempts) {
    }

    @Test
    void convertsEveryStorageType() {
        List<IngestColumn> columns = List.of(
                new IngestColumn("b", ColumnType.BOOLEAN, null, false, 0, 0),
                new IngestColumn("i", ColumnType.INTEGER, null, false, 0, 0),
                new IngestColumn("d", ColumnType.DECIMAL, null, false, 0, 0),
                new IngestColumn("day", ColumnType.DATE, DateLayout.DMY_SLASH, false, 0, 0),
                new IngestColumn("ts", ColumnType.TIMESTAMP, DateLayout.YMD_DASH, false, 0, 0),
                new IngestColumn("t", ColumnType.TEXT, null, false, 0, 0));
        RowConverter converter = new RowConverter(columns);
        assertThat(converter.convert(new Object[]{"TRUE", "-42", "1.23456789012345", "31/12/2024",
                "2024-03-04T05:06:07.5", " keep spaces "}))
                .containsExactly(true, -42L, 1.23456789012345, LocalDate.of(2024, 12, 31),
                        LocalDateTime.of(2024, 3, 4, 5, 6, 7, 500_000_000), " keep spaces ");
        assertThat(converter.convert(new Object[]{"", " ", null, "", "2024-03-04", ""}))
                .containsExactly(null, null, null, null, LocalDateTime.of(2024, 3, 4, 0, 0), "");
        assertThat(converter.convert(new Object[]{false, 7L, 7L, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 1),
                3.5}))
                .containsExactly(false, 7L, 7.0, LocalDate.of(2024, 1, 1), LocalDateTime.of(2024, 1, 1, 0, 0), "3.5");
        assertThat(converter.rowCount()).isEqualTo(3);
    }

    @Test
    void specialDecimals() {
        RowConverter converter = new RowConverter(List.of(IngestColumn.of(new ColumnDef("x", ColumnType.DECIMAL))));
        assertThat(converter.convert(new Object[]{"NaN"})[0]).isEqualTo(Double.NaN);
        assertThat(converter.convert(new Object[]{"-inf"})[0]).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(converter.convert(new Object[]{"1e308"})[0]).isEqualTo(1e308);
    }

    @Test
    void mismatchNamesColumnRowValueAndWidenedType() {
        RowConverter converter = new RowConverter(List.of(IngestColumn.of(new ColumnDef("n", ColumnType.INTEGER))));
        converter.convert(new Object[]{"1"});
        assertThatThrownBy(() -> converter.convert(new Object[]{"2.5"}))
                .isInstanceOfSatisfying(ValueTypeMismatchException.class, e -> {
                    assertThat(e.column()).isEqualTo("n");
                    assertThat(e.rowNumber()).isEqualTo(2);
                    assertThat(e.value()).isEqualTo("2.5");
                    assertThat(e.currentType()).isEqualTo(ColumnType.INTEGER);
                    assertThat(e.widenedType()).isEqualTo(ColumnType.DECIMAL);
                    assertThat(e.forced()).isFalse();
                    assertThat(e.getMessage()).contains("'n'", "'2.5'", "data row 2", "DECIMAL");
                });
    }

    @Test
    void widenedTypes() {
        assertThat(widened(ColumnType.INTEGER, "abc")).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.INTEGER, "007")).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.INTEGER, "inf")).isEqualTo(ColumnType.DECIMAL);
        assertThat(widened(ColumnType.INTEGER, 2.5)).isEqualTo(ColumnType.DECIMAL);
        assertThat(widened(ColumnType.INTEGER, true)).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.DECIMAL, "1,5")).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.BOOLEAN, "1")).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.DATE, "2024-01-01 10:00:00")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(widened(ColumnType.DATE, "01/01/2024")).isEqualTo(ColumnType.TEXT);
        assertThat(widened(ColumnType.DATE, LocalDateTime.of(2024, 1, 1, 1, 1))).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(widened(ColumnType.TIMESTAMP, "2024-01-01 25:00:00")).isEqualTo(ColumnType.TEXT);
    }

    private static ColumnType widened(ColumnType type, Object value) {
        IngestColumn column = new IngestColumn("c", type, DateLayout.YMD_DASH, false, 0, 0);
        try {
            new RowConverter(List.of(column)).convert(new Object[]{value});
        } catch (ValueTypeMismatchException e) {
            return e.widenedType();
        }
        throw new AssertionError("no mismatch for " + value);
    }

    @Test
    void layoutIsFixedOnTheFirstValueWhenOnlyTheTypeIsKnown() {
        RowConverter converter = new RowConverter(List.of(IngestColumn.of(new ColumnDef("d", ColumnType.DATE))));
        assertThat(converter.convert(new Object[]{"13/01/2024"})[0]).isEqualTo(LocalDate.of(2024, 1, 13));
        assertThat(converter.convert(new Object[]{"02/03/2024"})[0]).isEqualTo(LocalDate.of(2024, 3, 2));
        assertThatThrownBy(() -> converter.convert(new Object[]{"2024-03-02"}))
                .isInstanceOf(ValueTypeMismatchException.class);
    }

    @Test
    void forcedTypeMismatchIsMarkedForced() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"1"});
        List<IngestColumn> columns = TypeInference.infer(List.of("n"), rows,
                InferenceOptions.defaults().withForcedType("n", ColumnType.INTEGER));
        assertThatThrownBy(() -> new RowConverter(columns).convert(new Object[]{"x"}))
                .isInstanceOfSatisfying(ValueTypeMismatchException.class, e -> assertThat(e.forced()).isTrue());
    }

    @Test
    void forcedNumericColumnsAcceptLeadingZeros() {
        List<Object[]> rows = List.<Object[]>of(new Object[]{"02134", "007.50"});
        List<IngestColumn> columns = TypeInference.infer(List.of("zip", "price"), rows, InferenceOptions.defaults()
                .withForcedType("zip", ColumnType.INTEGER).withForcedType("price", ColumnType.DECIMAL));
        RowConverter converter = new RowConverter(columns);
        assertThat(converter.convert(rows.get(0))).containsExactly(2134L, 7.5);
        assertThat(converter.convert(new Object[]{"-000", "-00.25"})).containsExactly(0L, -0.25);
        assertThatThrownBy(() -> converter.convert(new Object[]{"0x1", "1"}))
                .isInstanceOf(ValueTypeMismatchException.class);
        List<IngestColumn> inferred = TypeInference.infer(List.of("zip", "price"), rows, InferenceOptions.defaults());
        assertThat(new RowConverter(inferred).convert(rows.get(0))).containsExactly("02134", "007.50");
    }

    @Test
    void integersThenADecimalAtRow50000WidenAndReload() {
        StringBuilder csv = new StringBuilder("id,amount\n");
        for (int i = 1; i <= 60_000; i++) {
            csv.append(i).append(',').append(i == 50_000 ? "12.5" : Integer.toString(i % 977)).append('\n');
        }
        LoadResult result = load(utf8(csv.toString()), InferenceOptions.defaults());
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.columns()).extracting(IngestColumn::type)
                .containsExactly(ColumnType.INTEGER, ColumnType.DECIMAL);
        assertThat(result.rows()).hasSize(60_000);
        assertThat(result.rows().get(49_999)[1]).isEqualTo(12.5);
        assertThat(result.rows().get(0)[1]).isEqualTo(1.0);
    }

    @Test
    void everyWideningIsFoundAfterTheFirstMismatch() {
        StringBuilder csv = new StringBuilder("a,b,c,d\n");
        for (int i = 1; i <= 60_000; i++) {
            String a = i == 50_000 ? "0.5" : Integer.toString(i);
            String b = i == 55_000 ? "n/a" : Integer.toString(i % 7);
            String c = i == 52_000 ? "1.5" : i == 58_000 ? "x" : "1";
            String d = "2024-01-0" + (1 + i % 9) + (i == 59_000 ? " 12:00:00" : "");
            csv.append(a).append(',').append(b).append(',').append(c).append(',').append(d).append('\n');
        }
        byte[] content = utf8(csv.toString());
        LoadResult result = loadWideningAll(content, InferenceOptions.defaults());
        assertThat(result.attempts()).isEqualTo(2);
        assertThat(result.columns()).extracting(IngestColumn::type).containsExactly(ColumnType.DECIMAL,
                ColumnType.TEXT, ColumnType.TEXT, ColumnType.TIMESTAMP);
        assertThat(result.rows()).hasSize(60_000);
        assertThat(result.rows().get(58_999)).containsExactly(59_000.0, "4", "1",
                LocalDateTime.of(2024, 1, 6, 12, 0));
        assertThat(load(content, InferenceOptions.defaults()).attempts()).isEqualTo(6);
    }

    @Test
    void integersThenTextWidenToTextKeepingEveryValue() {
        StringBuilder csv = new StringBuilder("code\n");
        for (int i = 1; i <= 20_000; i++) {
            csv.append(i == 15_000 ? "N/A" : Integer.toString(i)).append('\n');
        }
        LoadResult result = load(utf8(csv.toString()), InferenceOptions.defaults());
        assertThat(result.columns().get(0).type()).isEqualTo(ColumnType.TEXT);
        assertThat(result.rows().get(14_999)[0]).isEqualTo("N/A");
        assertThat(result.rows().get(0)[0]).isEqualTo("1");
    }

    @Test
    void datesThenAnotherLayoutBecomeText() {
        StringBuilder csv = new StringBuilder("day,ts\n");
        for (int i = 0; i < 12_000; i++) {
            LocalDate d = LocalDate.of(2020, 1, 1).plusDays(i % 1000);
            csv.append(i == 11_000 ? "05/06/2021" : d.toString()).append(',')
                    .append(d).append(i == 11_500 ? " 10:11:12" : "").append('\n');
        }
        LoadResult result = load(utf8(csv.toString()), InferenceOptions.defaults());
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(result.columns()).extracting(IngestColumn::type)
                .containsExactly(ColumnType.TEXT, ColumnType.TIMESTAMP);
        assertThat(result.rows().get(11_000)[0]).isEqualTo("05/06/2021");
        assertThat(result.rows().get(11_500)[1]).isEqualTo(LocalDateTime.of(2021, 5, 15, 10, 11, 12));
    }

    @Test
    void unicodeRoundTripsThroughTextColumns() {
        String csv = "name,note\n王小明,🎉 party\nZoë,\"\"\n";
        LoadResult result = load(csv.getBytes(StandardCharsets.UTF_8), InferenceOptions.defaults());
        assertThat(result.rows()).containsExactly(new Object[]{"王小明", "🎉 party"}, new Object[]{"Zoë", ""});
    }

    @Test
    void generatedMlTableGetsTheExpectedTypes() {
        LoadResult result = load(new GeneratedCsv(5_000, 7).bytes(), InferenceOptions.defaults());
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.columns()).extracting(IngestColumn::type).containsExactly(
                ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DECIMAL, ColumnType.DECIMAL,
                ColumnType.DECIMAL, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.TEXT, ColumnType.TEXT,
                ColumnType.TIMESTAMP, ColumnType.TEXT);
        assertThat(result.rows()).hasSize(5_000);
    }
}
