package io.nifimdm.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatisticsJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void exactStatisticsSurviveTheRoundTripThroughJson() {
        TableStatistics statistics = StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS,
                StatisticsTestData.mixedRows(3_000, 17), StatisticsOptions.defaults());

        Map<String, String> documents = statistics.toJsonByColumn();

        assertThat(documents).hasSize(StatisticsTestData.MIXED_COLUMNS.size() + 1).containsKey("");
        assertThat(TableStatistics.fromJsonByColumn(new HashMap<>(documents))).isEqualTo(statistics);
    }

    @Test
    void approximateAndNonFiniteStatisticsSurviveTheRoundTrip() {
        StatisticsOptions small = new StatisticsOptions(50, 100, 100, 10, 10, 10, 16);
        List<ColumnDef> columns = List.of(new ColumnDef("x", ColumnType.DECIMAL), new ColumnDef("big", ColumnType.INTEGER));
        TableStatisticsAccumulator accumulator = new TableStatisticsAccumulator(columns, small);
        for (int i = 0; i < 500; i++) {
            accumulator.add(new Object[] {i == 7 ? Double.POSITIVE_INFINITY : i / 3.0, Long.MAX_VALUE - i % 200});
        }
        TableStatistics statistics = accumulator.finish();
        assertThat(statistics.columns().get(0).numeric().max()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(statistics.columns().get(0).distinctApproximate()).isTrue();
        assertThat(statistics.duplicateRowsApproximate()).isTrue();

        assertThat(TableStatistics.fromJsonByColumn(statistics.toJsonByColumn())).isEqualTo(statistics);
    }

    @Test
    void documentsUseSnakeCaseFieldNamesPerColumnType() throws Exception {
        TableStatistics statistics = StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS,
                StatisticsTestData.mixedRows(500, 1), StatisticsOptions.defaults());
        Map<String, String> documents = statistics.toJsonByColumn();

        JsonNode table = MAPPER.readTree(documents.get(""));
        assertThat(fieldNames(table)).containsExactly("row_count", "column_count", "columns", "duplicate_rows",
                "duplicate_rows_approximate", "duplicate_percentage", "missing_cells", "missing_percentage",
                "rows_with_missing", "completeness");
        assertThat(table.get("columns").get(3).asText()).isEqualTo("naïve \"quoted\" name");

        JsonNode price = MAPPER.readTree(documents.get("price usd"));
        assertThat(fieldNames(price)).contains("name", "type", "row_count", "null_count", "null_percentage",
                "distinct_count", "distinct_approximate", "min", "max", "mean", "std", "q1", "median", "q3",
                "quantiles_approximate", "quantile_rank_error").doesNotContain("top_values", "true_count");
        assertThat(price.get("min").isDouble()).isTrue();
        JsonNode select = MAPPER.readTree(documents.get("select"));
        assertThat(select.get("min").isIntegralNumber()).isTrue();
        assertThat(select.get("top_values").get(0).has("value")).isTrue();
        JsonNode category = MAPPER.readTree(documents.get("naïve \"quoted\" name"));
        assertThat(fieldNames(category)).contains("top_values", "top_values_approximate", "top_values_max_error")
                .doesNotContain("mean", "min");
        assertThat(fieldNames(category.get("top_values").get(0))).containsExactly("value", "count");
        JsonNode timestamp = MAPPER.readTree(documents.get("ts"));
        assertThat(LocalDateTime.parse(timestamp.get("min").asText())).isNotNull();
        assertThat(timestamp.get("range_days").isIntegralNumber()).isTrue();
        JsonNode flag = MAPPER.readTree(documents.get("flag"));
        assertThat(fieldNames(flag)).contains("true_count", "false_count");
        JsonNode empty = MAPPER.readTree(documents.get("all null"));
        assertThat(empty.get("null_percentage").asDouble()).isEqualTo(100.0);
        assertThat(empty.has("mean")).isFalse();
    }

    @Test
    void aMissingOrBrokenDocumentIsReportedByName() {
        TableStatistics statistics = StatisticsTestData.statisticsOf(StatisticsTestData.MIXED_COLUMNS,
                StatisticsTestData.mixedRows(50, 2), StatisticsOptions.defaults());
        Map<String, String> documents = new HashMap<>(statistics.toJsonByColumn());
        documents.remove("flag");
        assertThatThrownBy(() -> TableStatistics.fromJsonByColumn(documents)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'flag'");
        documents.put("flag", "{not json");
        assertThatThrownBy(() -> TableStatistics.fromJsonByColumn(documents)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'flag'");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
