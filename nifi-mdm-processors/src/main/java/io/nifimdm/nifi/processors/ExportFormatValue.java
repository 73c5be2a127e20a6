package io.nifimdm.nifi.processors;

import io.nifimdm.core.export.ExportFormat;
import org.apache.nifi.components.DescribedValue;

/** File format choices of ExportDataset. */
public enum ExportFormatValue implements DescribedValue {
    CSV("CSV", "Comma-separated values with optional header; doubles at full precision, ISO dates, null as an "
            + "empty field and an empty string as \"\"", ExportFormat.CSV),
    JSON("JSON", "An array of records; ISO dates, nulls as null", ExportFormat.JSON),
    JSON_LINES("JSON Lines", "One JSON record per line (.jsonl)", ExportFormat.JSON_LINES),
    PARQUET("Parquet", "Apache Parquet with the columns' real types (BIGINT, DOUBLE, BOOLEAN, DATE, TIMESTAMP "
            + "without time zone, strings)", ExportFormat.PARQUET);

    private final String displayName;
    private final String description;
    private final ExportFormat format;

    ExportFormatValue(String displayName, String description, ExportFormat format) {
        this.displayName = displayName;
        this.description = description;
        this.format = format;
    }

    ExportFormat format() {
        return format;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
