package io.nifimdm.core.ingest;

import java.nio.charset.Charset;

/**
 * What {@link TabularReaders} found out about the content, for attributes and messages.
 *
 * @param format       the format read (never AUTO)
 * @param compression  compression removed before reading
 * @param zipEntry     name of the zip entry read, or null when not a zip
 * @param charset      the text encoding, or null for binary formats (Parquet)
 * @param delimiter    the field delimiter for CSV/TSV, or null for other formats
 */
public record ContentDescription(InputFormat format, Compression compression, String zipEntry, Charset charset,
                                 Character delimiter) {

    /** For example {@code csv (gzip, UTF-8, delimiter ';')}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(format.id()).append(" (");
        if (compression != Compression.NONE) {
            sb.append(compression.id());
            if (zipEntry != null) {
                sb.append(" entry '").append(zipEntry).append('\'');
            }
            sb.append(", ");
        }
        sb.append(charset == null ? "binary" : charset.name());
        if (delimiter != null) {
            sb.append(", delimiter ").append(delimiter == '\t' ? "tab" : "'" + delimiter + "'");
        }
        return sb.append(')').toString();
    }
}
