package io.nifimdm.core.ingest;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.DatasetNames;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The default table name for content, from its file name (the {@code filename} attribute):
 * <ol>
 * <li>directories are dropped ({@code /} and {@code \}), then every trailing known extension, in any
 * combination and case: {@code .csv .tsv .txt .json .jsonl .ndjson .parquet .gz .gzip .zip};</li>
 * <li>the Kaggle stems of spec 2.1 map to their table: {@code train}/{@code training} to {@code train},
 * {@code test}/{@code testing} to {@code test}, {@code validation}/{@code val}/{@code dev} to
 * {@code validation}, {@code sample_submission} (also written {@code sample-submission}) stays
 * {@code sample_submission} as in MDM's code;</li>
 * <li>any other stem that is a valid table name once normalised (spec 1.4) is the table name (MDM's
 * "name minus extension" for non-standard files), except names reserved for metadata ({@code _mdm_...});</li>
 * <li>otherwise, or with no file name: {@code data}, MDM's single-file key.</li>
 * </ol>
 */
public final class TableNames {

    public static final String DEFAULT = "data";

    private static final List<String> EXTENSIONS =
            List.of(".csv", ".tsv", ".txt", ".json", ".jsonl", ".ndjson", ".parquet", ".gz", ".gzip", ".zip");
    private static final Map<String, String> ALIASES = Map.of(
            "train", "train", "training", "train",
            "test", "test", "testing", "test",
            "validation", "validation", "val", "validation", "dev", "validation",
            "sample_submission", "sample_submission");

    private TableNames() {
    }

    public static String fromFileName(String fileName) {
        if (fileName == null) {
            return DEFAULT;
        }
        String stem = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).trim();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            String lower = stem.toLowerCase(Locale.ROOT);
            for (String ext : EXTENSIONS) {
                if (lower.endsWith(ext) && lower.length() > ext.length()) {
                    stem = stem.substring(0, stem.length() - ext.length());
                    stripped = true;
                    break;
                }
            }
        }
        String normalized;
        try {
            normalized = DatasetNames.normalizeTable(stem);
        } catch (MdmException e) {
            return DEFAULT;
        }
        String alias = ALIASES.get(normalized);
        if (alias != null) {
            return alias;
        }
        return normalized.startsWith("_mdm_") ? DEFAULT : normalized;
    }

    /** Whether a table name is one of the Kaggle split tables (train, test, validation, sample_submission). */
    public static boolean isStandard(String table) {
        return ALIASES.containsValue(table);
    }
}
