package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dataset and table names as MDM normalises them (spec 1.4): lower-case, {@code -} to {@code _}, then only
 * Unicode letters, digits and underscores, 1 to 100 characters. A valid name is safe as a file name and as
 * an unquoted schema suffix, so it cannot escape the storage directory or the schema.
 */
public final class DatasetNames {

    public static final int MAX_LENGTH = 100;

    private static final Pattern ALLOWED = Pattern.compile("^[\\p{L}\\p{N}_]+$");

    private DatasetNames() {
    }

    /** Normalises and validates a dataset name. @throws MdmException with MDM's messages */
    public static String normalize(String name) {
        return normalize(name, "Dataset name");
    }

    /** Normalises and validates a table name under the same rules. */
    public static String normalizeTable(String name) {
        return normalize(name, "Table name");
    }

    private static String normalize(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new MdmException(what + " cannot be empty");
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!ALLOWED.matcher(normalized).matches()) {
            throw new MdmException(what + " '" + name + "' can only contain alphanumeric characters, underscores and"
                    + " dashes");
        }
        if (normalized.codePointCount(0, normalized.length()) > MAX_LENGTH) {
            throw new MdmException(what + " cannot exceed " + MAX_LENGTH + " characters (got "
                    + normalized.codePointCount(0, normalized.length()) + ")");
        }
        return normalized;
    }
}
