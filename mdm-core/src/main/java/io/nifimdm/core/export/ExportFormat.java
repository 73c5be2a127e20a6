package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;

import java.util.Locale;

/** File formats a table exports to. */
public enum ExportFormat {
    CSV("csv", "text/csv"),
    JSON("json", "application/json"),
    /** One JSON object per line. */
    JSON_LINES("jsonl", "application/x-ndjson"),
    PARQUET("parquet", "application/vnd.apache.parquet");

    private final String extension;
    private final String mimeType;

    ExportFormat(String extension, String mimeType) {
        this.extension = extension;
        this.mimeType = mimeType;
    }

    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    public static ExportFormat parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "csv" -> CSV;
            case "json" -> JSON;
            case "jsonl", "json_lines", "json lines", "ndjson" -> JSON_LINES;
            case "parquet" -> PARQUET;
            default -> throw new MdmException("Invalid format '" + text + "': expected csv, json, jsonl or parquet");
        };
    }
}
