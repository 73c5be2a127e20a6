package io.nifimdm.core.backend;

import java.util.Objects;

/** A column of a data table: its name exactly as the user's data spells it, and its storage type. */
public record ColumnDef(String name, ColumnType type) {

    public ColumnDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
