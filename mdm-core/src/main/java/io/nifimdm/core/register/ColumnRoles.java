package io.nifimdm.core.register;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.ingest.SemanticTypes;
import io.nifimdm.core.ingest.TypeInference;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps each column's role and meaning in step with the dataset record: the target column is TARGET, ID columns
 * are ID, and a column that loses its role is typed by its storage type and values again.
 */
public final class ColumnRoles {

    private static final int SAMPLE_ROWS = 10_000;

    private ColumnRoles() {
    }

    /** The role a column plays under the dataset record. */
    public static ColumnRole roleOf(String column, DatasetInfo info) {
        if (column.equals(info.targetColumn())) {
            return ColumnRole.TARGET;
        }
        if (info.idColumns().contains(column)) {
            return ColumnRole.ID;
        }
        return ColumnRole.FEATURE;
    }

    /**
     * Rewrites the column records of every data table (but {@code skipTable}, which may be null) whose roles no
     * longer match {@code info}, on the caller's connection and transaction.
     */
    public static void refresh(Connection connection, Dataset dataset, DatasetInfo info, String skipTable)
            throws SQLException {
        DatasetMetadata metadata = dataset.metadata();
        for (TableInfo table : metadata.tables(connection)) {
            if (table.kind() != TableKind.DATA || table.name().equals(skipTable)) {
                continue;
            }
            List<ColumnInfo> columns = metadata.columns(connection, table.name());
            List<ColumnInfo> updated = new ArrayList<>(columns.size());
            boolean changed = false;
            for (ColumnInfo column : columns) {
                ColumnRole role = roleOf(column.name(), info);
                if (role == column.role()) {
                    updated.add(column);
                    continue;
                }
                changed = true;
                SemanticType semantic = switch (role) {
                    case ID -> SemanticType.ID;
                    case TARGET -> SemanticType.TARGET;
                    case FEATURE -> SemanticTypes.byStorage(column.storageType(),
                            sampleDistinct(connection, dataset, table.name(), column));
                };
                updated.add(new ColumnInfo(column.table(), column.name(), column.ordinal(), column.storageType(),
                        semantic, role));
            }
            if (changed) {
                metadata.putColumns(connection, table.name(), updated);
            }
        }
    }

    /** Values of one column in the table's first rows, as the storage type's Java values. */
    static List<Object> sampleColumn(Connection connection, Dataset dataset, String table, ColumnInfo column,
                                     int limit) throws SQLException {
        Backend backend = dataset.backend();
        List<Object> values = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT " + backend.quote(column.name()) + " FROM "
                     + backend.qualified(dataset.schema(), table) + " LIMIT " + limit)) {
            while (rows.next()) {
                values.add(backend.readValue(rows.getObject(1), column.storageType()));
            }
        }
        return values;
    }

    /** Distinct non-null values in the first rows, counted up to what semantic typing needs. */
    private static int sampleDistinct(Connection connection, Dataset dataset, String table, ColumnInfo column)
            throws SQLException {
        Set<Object> distinct = new HashSet<>();
        for (Object value : sampleColumn(connection, dataset, table, column, SAMPLE_ROWS)) {
            if (value != null && distinct.add(value) && distinct.size() >= TypeInference.DISTINCT_LIMIT) {
                break;
            }
        }
        return distinct.size();
    }
}
