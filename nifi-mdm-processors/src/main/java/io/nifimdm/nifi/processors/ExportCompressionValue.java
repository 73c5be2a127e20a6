package io.nifimdm.nifi.processors;

import io.nifimdm.core.export.ExportCompression;
import org.apache.nifi.components.DescribedValue;

/** Compression choices of ExportDataset. */
public enum ExportCompressionValue implements DescribedValue {
    NONE("none", "No compression", ExportCompression.NONE),
    GZIP("gzip", "CSV and JSON: the file gzipped (.gz); Parquet: gzip pages", ExportCompression.GZIP),
    ZIP("zip", "CSV and JSON only: a zip archive (.zip) holding the file", ExportCompression.ZIP),
    SNAPPY("snappy", "Parquet only: snappy pages (fast, the Parquet default)", ExportCompression.SNAPPY),
    ZSTD("zstd", "Parquet only: zstd pages (smaller files)", ExportCompression.ZSTD);

    private final String value;
    private final String description;
    private final ExportCompression compression;

    ExportCompressionValue(String value, String description, ExportCompression compression) {
        this.value = value;
        this.description = description;
        this.compression = compression;
    }

    ExportCompression compression() {
        return compression;
    }

    @Override
    public String getValue() {
        return value;
    }

    @Override
    public String getDisplayName() {
        return value;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
