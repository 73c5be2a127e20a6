package io.nifimdm.core.dataset;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dataset's self-description in its {@code _mdm_} tables. Every method works on the caller's
 * connection, so metadata changes commit in the same transaction as the data they describe.
 *
 * <p>Tables: {@code _mdm_dataset} (the {@link DatasetInfo}), {@code _mdm_tables}, {@code _mdm_columns},
 * {@code _mdm_stats} (statistics documents as JSON per table and column; column name {@code ""} for table-level),
 * {@code _mdm_feature_plan} (versioned fitted plan, JSON), {@code _mdm_ingest_log}.
 */
public interface DatasetMetadata {

    DatasetInfo readInfo(Connection connection) throws SQLException;

    void writeInfo(Connection connection, DatasetInfo info) throws SQLException;

    List<TableInfo> tables(Connection connection) throws SQLException;

    Optional<TableInfo> table(Connection connection, String table) throws SQLException;

    /** Inserts or replaces the record of one table. */
    void putTable(Connection connection, TableInfo table) throws SQLException;

    /** Forgets a table: its record, columns and statistics. */
    void removeTable(Connection connection, String table) throws SQLException;

    /** Columns of one table in ordinal order. */
    List<ColumnInfo> columns(Connection connection, String table) throws SQLException;

    /** Replaces the column records of one table. */
    void putColumns(Connection connection, String table, List<ColumnInfo> columns) throws SQLException;

    /** Statistics documents of one table keyed by column name ({@code ""} = the table itself). */
    Map<String, String> statistics(Connection connection, String table) throws SQLException;

    /** Replaces all statistics documents of one table. */
    void putStatistics(Connection connection, String table, Map<String, String> jsonByColumn) throws SQLException;

    /** The newest stored feature plan (JSON), if any. */
    Optional<String> featurePlan(Connection connection) throws SQLException;

    /** Stores a new version of the feature plan and returns its version number (1, 2, ...). */
    int putFeaturePlan(Connection connection, String planJson) throws SQLException;

    /** Whether an input with this id was already loaded. */
    boolean isIngested(Connection connection, String ingestId) throws SQLException;

    void logIngest(Connection connection, IngestRecord record) throws SQLException;
}
