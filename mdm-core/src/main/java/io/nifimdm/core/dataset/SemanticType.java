package io.nifimdm.core.dataset;

/** What a column means to an ML engineer (spec 2.6); drives which feature family applies. */
public enum SemanticType {
    ID, TARGET, NUMERIC, CATEGORICAL, DATETIME, TEXT, BINARY;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
