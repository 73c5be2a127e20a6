package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;

import java.util.Locale;

/**
 * Compression of an exported file. CSV and JSON compress the whole file (none, gzip, zip); Parquet compresses its
 * pages inside the file (none, snappy, gzip, zstd), so its file name keeps the plain {@code .parquet} extension.
 */
public enum ExportCompression {
    NONE, GZIP, ZIP, SNAPPY, ZSTD;

    public static ExportCompression parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MdmException("Unknown compression '" + text + "': expected none, gzip, zip, snappy or zstd");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the format supports this compression. */
    public boolean supports(ExportFormat format) {
        return format == ExportFormat.PARQUET
                ? this == NONE || this == SNAPPY || this == GZIP || this == ZSTD
                : this == NONE || this == GZIP || this == ZIP;
    }

    /** Suffix after the format's extension: {@code .gz}, {@code .zip}, or nothing. */
    public String fileSuffix(ExportFormat format) {
        if (format == ExportFormat.PARQUET) {
            return "";
        }
        return switch (this) {
            case GZIP -> ".gz";
            case ZIP -> ".zip";
            default -> "";
        };
    }
}
