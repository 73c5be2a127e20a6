package io.nifimdm.nifi.processors;

import io.nifimdm.core.ingest.InputFormat;
import org.apache.nifi.components.DescribedValue;

/** Input Format choices of the built-in reader. */
public enum InputFormatValue implements DescribedValue {
    AUTO("Auto-detect", "Parquet by its magic bytes, JSON or JSON Lines by their first character, otherwise "
            + "delimited text with the delimiter sniffed; gzip and zip content unpacked first", InputFormat.AUTO),
    CSV("CSV", "Delimited text; the delimiter (, ; | or tab) is sniffed", InputFormat.CSV),
    TSV("TSV", "Tab-separated text", InputFormat.TSV),
    JSON("JSON", "An array of JSON objects", InputFormat.JSON),
    JSON_LINES("JSON Lines", "One JSON object per line", InputFormat.JSON_LINES),
    PARQUET("Parquet", "An Apache Parquet file", InputFormat.PARQUET);

    private final String displayName;
    private final String description;
    private final InputFormat format;

    InputFormatValue(String displayName, String description, InputFormat format) {
        this.displayName = displayName;
        this.description = description;
        this.format = format;
    }

    InputFormat format() {
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
