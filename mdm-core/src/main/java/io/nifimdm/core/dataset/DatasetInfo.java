package io.nifimdm.core.dataset;

import io.nifimdm.core.backend.BackendKind;

import java.time.Instant;
import java.util.List;

/**
 * The dataset-level description kept in the dataset's own {@code _mdm_} metadata (MDM's registry
 * record). Immutable; use the {@code with*} methods to derive an updated copy.
 *
 * @param name         normalised name (spec 1.4)
 * @param displayName  the name as the user typed it
 * @param problemType  null when unknown
 * @param targetColumn null when none
 */
public record DatasetInfo(
        String name,
        String displayName,
        BackendKind backend,
        String description,
        List<String> tags,
        String targetColumn,
        List<String> idColumns,
        ProblemType problemType,
        String timeColumn,
        String groupColumn,
        Instant createdAt,
        Instant updatedAt,
        String version) {

    public static final String FORMAT_VERSION = "1.0.0";

    public DatasetInfo {
        tags = tags == null ? List.of() : List.copyOf(tags);
        idColumns = idColumns == null ? List.of() : List.copyOf(idColumns);
        description = description == null ? "" : description;
        version = version == null ? FORMAT_VERSION : version;
    }

    /** A fresh record for a dataset created now. */
    public static DatasetInfo created(String name, String displayName, BackendKind backend, Instant now) {
        return new DatasetInfo(name, displayName, backend, "", List.of(), null, List.of(), null, null, null, now, now,
                FORMAT_VERSION);
    }

    public DatasetInfo withDescription(String value, Instant now) {
        return new DatasetInfo(name, displayName, backend, value, tags, targetColumn, idColumns, problemType, timeColumn,
                groupColumn, createdAt, now, version);
    }

    public DatasetInfo withTags(List<String> value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, value, targetColumn, idColumns, problemType,
                timeColumn, groupColumn, createdAt, now, version);
    }

    public DatasetInfo withTarget(String value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, value, idColumns, problemType, timeColumn,
                groupColumn, createdAt, now, version);
    }

    public DatasetInfo withIdColumns(List<String> value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, targetColumn, value, problemType,
                timeColumn, groupColumn, createdAt, now, version);
    }

    public DatasetInfo withProblemType(ProblemType value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, targetColumn, idColumns, value, timeColumn,
                groupColumn, createdAt, now, version);
    }

    public DatasetInfo withTimeColumn(String value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, targetColumn, idColumns, problemType,
                value, groupColumn, createdAt, now, version);
    }

    public DatasetInfo withGroupColumn(String value, Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, targetColumn, idColumns, problemType,
                timeColumn, value, createdAt, now, version);
    }

    public DatasetInfo touched(Instant now) {
        return new DatasetInfo(name, displayName, backend, description, tags, targetColumn, idColumns, problemType,
                timeColumn, groupColumn, createdAt, now, version);
    }
}
