package io.nifimdm.cli;

/** How results are printed: for people, or for scripts. */
enum OutputFormat {
    /** Aligned columns with thousands separators and units. */
    TABLE,
    /** One JSON document on stdout. */
    JSON,
    /** RFC 4180 CSV with a header row, unformatted numbers. */
    CSV
}
