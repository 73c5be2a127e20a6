package io.nifimdm.nifi.processors;

import org.apache.nifi.components.DescribedValue;

/** Which tables ExportDataset writes. */
public enum ExportTablesValue implements DescribedValue {
    ALL("All", "Every data table and every feature table"),
    ORIGINAL("Original", "The data tables as registered (train, test, ...)"),
    FEATURES("Features", "The generated feature tables (<table>_features)"),
    LISTED("Listed", "The tables named in Table Names");

    private final String displayName;
    private final String description;

    ExportTablesValue(String displayName, String description) {
        this.displayName = displayName;
        this.description = description;
    }

    @Override
    public String getValue() {
        return displayName;
    }

    @Override
    public String getDisplayName() {
        return displayName;
    }

    @Override
    public String getDescription() {
        return description;
    }
}
