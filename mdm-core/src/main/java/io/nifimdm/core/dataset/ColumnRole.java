package io.nifimdm.core.dataset;

/** The part a column plays for a model. */
public enum ColumnRole {
    FEATURE, ID, TARGET;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
