package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;

/**
 * How a table is written.
 *
 * @param header    CSV: write the column names first
 * @param delimiter CSV: the field separator (one character, not a quote or line break)
 */
public record ExportOptions(ExportFormat format, ExportCompression compression, boolean header, char delimiter) {

    public ExportOptions {
        if (format == null || compression == null) {
            throw new MdmException("An export needs a format and a compression");
        }
        if (!compression.supports(format)) {
            throw new MdmException("Compression " + compression.id() + " is not supported for "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + (format == ExportFormat.PARQUET
                    ? " (use none, snappy, gzip or zstd)" : " (use none, gzip or zip)"));
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new MdmException("The CSV delimiter cannot be a quote or a line break");
        }
    }

    public static ExportOptions of(ExportFormat format, ExportCompression compression) {
        return new ExportOptions(format, compression, true, ',');
    }

    /** {@code <dataset>_<table>.<ext>[.gz|.zip]}. */
    public String fileName(String dataset, String table) {
        return dataset + "_" + table + "." + format.extension() + compression.fileSuffix(format);
    }

    /** MIME type of the file: the format's, or the archive's when compressed as a whole. */
    public String mimeType() {
        if (format != ExportFormat.PARQUET) {
            if (compression == ExportCompression.GZIP) {
                return "application/gzip";
            }
            if (compression == ExportCompression.ZIP) {
                return "application/zip";
            }
        }
        return format.mimeType();
    }
}
