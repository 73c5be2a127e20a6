package io.nifimdm.core.dataset;

/** Whether a table holds registered data or features generated from a data table. */
public enum TableKind {
    DATA, FEATURES;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
