package io.nifimdm.core.ingest;

import java.util.List;

/**
 * The target named by a Kaggle {@code sample_submission} header (spec 2.2): the last column that is not
 * ID-like ({@link IdColumns}); when every column is ID-like and there are exactly two, the second; with fewer
 * than two columns, none.
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
}
