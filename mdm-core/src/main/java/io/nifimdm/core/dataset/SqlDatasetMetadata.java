package io.nifimdm.core.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.ColumnType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code _mdm_} tables in plain SQL that all three engines accept; only quoting and type names come from the
 * {@link Backend}. Instants are stored as ISO-8601 text and lists as JSON arrays, so the tables read the same on
 * every engine and in any SQL tool.
 */
final class SqlDatasetMetadata implements DatasetMetadata {

    static final String DATASET = "_mdm_dataset";
    static final String TABLES = "_mdm_tables";
    static final String COLUMNS = "_mdm_columns";
    static final String STATS = "_mdm_stats";
    static final String FEATURE_PLAN = "_mdm_feature_plan";
    static final String INGEST_LOG = "_mdm_ingest_log";

    static final List<String> TABLE_NAMES = List.of(DATASET, TABLES, COLUMNS, STATS, FEATURE_PLAN, INGEST_LOG);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {
    };

    private final Backend backend;
    private final String schema;
    private final String dataset;
    private final String tables;
    private final String columns;
    private final String stats;
    private final String featurePlan;
    private final String ingestLog;

    SqlDatasetMetadata(Backend backend, String schema) {
        this.backend = backend;
        this.schema = schema;
        this.dataset = backend.qualified(schema, DATASET);
        this.tables = backend.qualified(schema, TABLES);
        this.columns = backend.qualified(schema, COLUMNS);
        this.stats = backend.qualified(schema, STATS);
        this.featurePlan = backend.qualified(schema, FEATURE_PLAN);
        this.ingestLog = backend.qualified(schema, INGEST_LOG);
    }

    /** Creates the metadata tables of a new dataset. */
    void createTables(Connection connection) throws SQLException {
        String text = backend.sqlType(ColumnType.TEXT);
        String integer = backend.sqlType(ColumnType.INTEGER);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE " + dataset + " (name " + text + " PRIMARY KEY, display_name " + text
                    + ", backend " + text + " NOT NULL, description " + text + ", tags " + text + ", target_column "
                    + text + ", id_columns " + text + ", problem_type " + text + ", time_column " + text
                    + ", group_column " + text + ", created_at " + text + " NOT NULL, updated_at " + text
                    + " NOT NULL, format_version " + text + " NOT NULL)");
            s.execute("CREATE TABLE " + tables + " (table_name " + text + " PRIMARY KEY, kind " + text
                    + " NOT NULL, row_count " + integer + " NOT NULL, column_count " + integer + " NOT NULL,"
                    + " source_table " + text + ", created_at " + text + " NOT NULL, updated_at " + text
                    + " NOT NULL)");
            s.execute("CREATE TABLE " + columns + " (table_name " + text + " NOT NULL, column_name " + text
                    + " NOT NULL, ordinal " + integer + " NOT NULL, storage_type " + text + " NOT NULL,"
                    + " semantic_type " + text + ", role " + text + ", PRIMARY KEY (table_name, column_name))");
            s.execute("CREATE TABLE " + stats + " (table_name " + text + " NOT NULL, column_name " + text
                    + " NOT NULL, stats_json " + text + " NOT NULL, PRIMARY KEY (table_name, column_name))");
            s.execute("CREATE TABLE " + featurePlan + " (version " + integer + " PRIMARY KEY, plan_json " + text
                    + " NOT NULL, created_at " + text + " NOT NULL)");
            s.execute("CREATE TABLE " + ingestLog + " (ingest_id " + text + " PRIMARY KEY, table_name " + text
                    + " NOT NULL, mode " + text + " NOT NULL, row_count " + integer + " NOT NULL, ingested_at "
                    + text + " NOT NULL)");
        }
    }

    @Override
    public DatasetInfo readInfo(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, display_name, backend, description, tags, target_column,"
                     + " id_columns, problem_type, time_column, group_column, created_at, updated_at, format_version"
                     + " FROM " + dataset)) {
            if (!rs.next()) {
                throw new MdmException("Dataset metadata is empty: " + DATASET + " has no row");
            }
            String problem = rs.getString(8);
            return new DatasetInfo(rs.getString(1), rs.getString(2), BackendKind.fromId(rs.getString(3)),
                    rs.getString(4), fromJson(rs.getString(5)), rs.getString(6), fromJson(rs.getString(7)),
                    problem == null ? null : ProblemType.parse(problem), rs.getString(9), rs.getString(10),
                    instant(rs.getString(11)), instant(rs.getString(12)), rs.getString(13));
        }
    }

    @Override
    public void writeInfo(Connection connection, DatasetInfo info) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + dataset);
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + dataset + " (name, display_name,"
                + " backend, description, tags, target_column, id_columns, problem_type, time_column, group_column,"
                + " created_at, updated_at, format_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, info.name());
            ps.setString(2, info.displayName());
            ps.setString(3, info.backend().id());
            ps.setString(4, info.description());
            ps.setString(5, toJson(info.tags()));
            ps.setString(6, info.targetColumn());
            ps.setString(7, toJson(info.idColumns()));
            ps.setString(8, info.problemType() == null ? null : info.problemType().id());
            ps.setString(9, info.timeColumn());
            ps.setString(10, info.groupColumn());
            ps.setString(11, text(info.createdAt()));
            ps.setString(12, text(info.updatedAt()));
            ps.setString(13, info.version());
            ps.executeUpdate();
        }
    }

    @Override
    public List<TableInfo> tables(Connection connection) throws SQLException {
        List<TableInfo> result = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery(selectTables() + " ORDER BY table_name")) {
            while (rs.next()) {
                result.add(tableInfo(rs));
            }
        }
        return result;
    }

    @Override
    public Optional<TableInfo> table(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(selectTables() + " WHERE table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(tableInfo(rs)) : Optional.empty();
            }
        }
    }

    private String selectTables() {
        return "SELECT table_name, kind, row_count, column_count, source_table, created_at, updated_at FROM " + tables;
    }

    private static TableInfo tableInfo(ResultSet rs) throws SQLException {
        return new TableInfo(rs.getString(1), TableKind.valueOf(rs.getString(2).toUpperCase(java.util.Locale.ROOT)),
                rs.getLong(3), rs.getInt(4), rs.getString(5), instant(rs.getString(6)), instant(rs.getString(7)));
    }

    @Override
    public void putTable(Connection connection, TableInfo table) throws SQLException {
        delete(connection, tables, table.name());
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + tables + " (table_name, kind,"
                + " row_count, column_count, source_table, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, table.name());
            ps.setString(2, table.kind().id());
            ps.setLong(3, table.rowCount());
            ps.setLong(4, table.columnCount());
            ps.setString(5, table.sourceTable());
            Instant now = Instant.now();
            ps.setString(6, text(table.createdAt() == null ? now : table.createdAt()));
            ps.setString(7, text(table.updatedAt() == null ? now : table.updatedAt()));
            ps.executeUpdate();
        }
    }

    @Override
    public void removeTable(Connection connection, String table) throws SQLException {
        delete(connection, stats, table);
        delete(connection, columns, table);
        delete(connection, tables, table);
    }

    private static void delete(Connection connection, String metadataTable, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + metadataTable + " WHERE table_name = ?")) {
            ps.setString(1, table);
            ps.executeUpdate();
        }
    }

    @Override
    public List<ColumnInfo> columns(Connection connection, String table) throws SQLException {
        List<ColumnInfo> result = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, ordinal, storage_type,"
                + " semantic_type, role FROM " + columns + " WHERE table_name = ? ORDER BY ordinal")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String semantic = rs.getString(4);
                    String role = rs.getString(5);
                    result.add(new ColumnInfo(table, rs.getString(1), rs.getInt(2), ColumnType.valueOf(rs.getString(3)),
                            semantic == null ? null : SemanticType.valueOf(semantic.toUpperCase(java.util.Locale.ROOT)),
                            role == null ? null : ColumnRole.valueOf(role.toUpperCase(java.util.Locale.ROOT))));
                }
            }
        }
        return result;
    }

    @Override
    public void putColumns(Connection connection, String table, List<ColumnInfo> columnInfos) throws SQLException {
        delete(connection, columns, table);
        if (columnInfos.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + columns + " (table_name, column_name,"
                + " ordinal, storage_type, semantic_type, role) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (ColumnInfo column : columnInfos) {
                ps.setString(1, table);
                ps.setString(2, column.name());
                ps.setLong(3, column.ordinal());
                ps.setString(4, column.storageType().name());
                ps.setString(5, column.semanticType() == null ? null : column.semanticType().id());
                ps.setString(6, column.role() == null ? null : column.role().id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Map<String, String> statistics(Connection connection, String table) throws SQLException {
        Map<String, String> result = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT column_name, stats_json FROM " + stats
                + " WHERE table_name = ? ORDER BY column_name")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return result;
    }

    @Override
    public void putStatistics(Connection connection, String table, Map<String, String> jsonByColumn)
            throws SQLException {
        delete(connection, stats, table);
        if (jsonByColumn.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + stats
                + " (table_name, column_name, stats_json) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> entry : jsonByColumn.entrySet()) {
                ps.setString(1, table);
                ps.setString(2, entry.getKey());
                ps.setString(3, entry.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Optional<String> featurePlan(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT plan_json FROM " + featurePlan + " ORDER BY version DESC LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    @Override
    public int putFeaturePlan(Connection connection, String planJson) throws SQLException {
        int version;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(version) FROM " + featurePlan)) {
            rs.next();
            version = rs.getInt(1) + 1;
        }
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + featurePlan
                + " (version, plan_json, created_at) VALUES (?, ?, ?)")) {
            ps.setLong(1, version);
            ps.setString(2, planJson);
            ps.setString(3, text(Instant.now()));
            ps.executeUpdate();
        }
        return version;
    }

    @Override
    public boolean isIngested(Connection connection, String ingestId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT 1 FROM " + ingestLog + " WHERE ingest_id = ?")) {
            ps.setString(1, ingestId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Logs an ingest; a second record with the same ingest id fails on the primary key, rolling the load back. */
    @Override
    public void logIngest(Connection connection, IngestRecord record) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + ingestLog
                + " (ingest_id, table_name, mode, row_count, ingested_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, record.ingestId());
            ps.setString(2, record.table());
            ps.setString(3, record.mode());
            ps.setLong(4, record.rowCount());
            ps.setString(5, text(record.ingestedAt() == null ? Instant.now() : record.ingestedAt()));
            ps.executeUpdate();
        }
    }

    /** The ingest log, oldest first (for tests and diagnostics). */
    List<IngestRecord> ingestLog(Connection connection) throws SQLException {
        List<IngestRecord> result = new ArrayList<>();
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT ingest_id, table_name, mode, row_count, ingested_at FROM "
                     + ingestLog + " ORDER BY ingested_at, ingest_id")) {
            while (rs.next()) {
                result.add(new IngestRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        instant(rs.getString(5))));
            }
        }
        return result;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String toJson(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new MdmException("Cannot write metadata list " + values, e);
        }
    }

    private static List<String> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, STRING_LIST);
        } catch (JsonProcessingException e) {
            throw new MdmException("Dataset metadata holds an unreadable list: " + json, e);
        }
    }
}
