package io.nifimdm.nifi.processors;

/** Names of the {@code mdm.*} FlowFile attributes our processors read and write. */
public final class MdmAttributes {

    public static final String DATASET_NAME = "mdm.dataset.name";
    public static final String TABLE = "mdm.table";
    public static final String BACKEND = "mdm.backend";
    public static final String ROW_COUNT = "mdm.row.count";
    public static final String TABLE_ROW_COUNT = "mdm.table.row.count";
    public static final String COLUMN_COUNT = "mdm.column.count";
    public static final String TARGET_COLUMN = "mdm.target.column";
    public static final String ID_COLUMNS = "mdm.id.columns";
    public static final String PROBLEM_TYPE = "mdm.problem.type";
    public static final String DURATION_MS = "mdm.duration.ms";
    public static final String DUPLICATE = "mdm.duplicate";
    public static final String DATASET_CREATED = "mdm.dataset.created";
    public static final String WIDENED_COLUMNS = "mdm.widened.columns";
    public static final String REGISTRATION_MODE = "mdm.registration.mode";
    public static final String TRANSIT_URI = "mdm.transit.uri";
    public static final String ERROR_MESSAGE = "mdm.error.message";
    public static final String QUERY_DURATION_MS = "mdm.query.duration.ms";
    public static final String QUERY_SQL = "mdm.query.sql";
    public static final String EXPORT_FORMAT = "mdm.export.format";
    public static final String EXPORT_COMPRESSION = "mdm.export.compression";
    public static final String FEATURE_COUNT = "mdm.feature.count";
    public static final String FEATURE_DROPPED_COUNT = "mdm.feature.dropped.count";
    public static final String FEATURE_TABLES = "mdm.feature.tables";
    public static final String FEATURE_FIT_TABLE = "mdm.feature.fit.table";
    public static final String FEATURE_FITTED = "mdm.feature.fitted";
    public static final String FEATURES_PENDING = "mdm.features.pending";

    private MdmAttributes() {
    }
}
