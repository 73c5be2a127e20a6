package io.nifimdm.core.ingest;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Kaggle structure (spec 2.2), for tables that arrive one FlowFile at a time:
 * <ul>
 * <li>a dataset is Kaggle-shaped when it has a {@code sample_submission} table and at least two of
 * {@code sample_submission}, {@code train}, {@code test}, {@code submission} (MDM also counts a
 * {@code data_description.txt} file, which never becomes a table);</li>
 * <li>the target named by a {@code sample_submission} header: the last column that is not ID-like
 * ({@link IdColumns}); when every column is ID-like and there are exactly two, the second; with fewer than two
 * columns, none;</li>
 * <li>the first submission column should be a test column; a mismatch is a warning, not an error.</li>
 * </ul>
 */
public final class KaggleTargets {

    private KaggleTargets() {
    }

    /** @return the target column name, or null */
    public static String fromSubmissionHeader(List<String> header) {
        if (header.size() < 2) {
            return null;
        }
        for (int i = header.size() - 1; i >= 0; i--) {
            if (!IdColumns.isIdName(header.get(i))) {
                return header.get(i);
            }
        }
        return header.size() == 2 ? header.get(1) : null;
    }

    private static final Set<String> KAGGLE_TABLES = Set.of("sample_submission", "train", "test", "submission");

    /** Whether these table names make a Kaggle-shaped dataset. */
    public static boolean isKaggleLayout(Collection<String> tables) {
        if (!tables.contains("sample_submission")) {
            return false;
        }
        return tables.stream().filter(KAGGLE_TABLES::contains).distinct().count() >= 2;
    }

    /**
     * The warning MDM gives when the submission's first column is not a column of the test table (compared
     * ignoring case), or null when they agree or either header is empty.
     */
    public static String submissionMismatch(List<String> testColumns, List<String> submissionHeader) {
        if (testColumns.isEmpty() || submissionHeader.isEmpty()) {
            return null;
        }
        String first = submissionHeader.get(0);
        for (String column : testColumns) {
            if (column.toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))) {
                return null;
            }
        }
        return "The first submission column '" + first + "' is not a column of the test table (columns: "
                + String.join(", ", testColumns) + ")";
    }
}
