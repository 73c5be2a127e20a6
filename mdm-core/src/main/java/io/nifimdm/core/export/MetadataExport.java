package io.nifimdm.core.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.TableInfo;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The dataset's description as one JSON document ({@code <dataset>_metadata.json}, spec section 5): dataset name,
 * export time, the dataset info, and per table its kind, row and column counts, columns (storage type, semantic type,
 * role) and the stored statistics documents.
 */
public final class MetadataExport {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MetadataExport() {
    }

    public static String fileName(String dataset) {
        return dataset + "_metadata.json";
    }

    /** @param tables the tables to describe (normally those exported) */
    public static void write(Dataset dataset, Collection<String> tables, Instant exportedAt, OutputStream out)
            throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        DatasetMetadata metadata = dataset.metadata();
        try (Connection connection = dataset.openReadConnection()) {
            DatasetInfo info = metadata.readInfo(connection);
            root.put("dataset_name", dataset.name());
            root.put("export_timestamp", exportedAt.toString());
            root.set("dataset_info", info(info));
            ArrayNode tableNodes = root.putArray("tables");
            for (TableInfo table : metadata.tables(connection)) {
                if (tables.contains(table.name())) {
                    tableNodes.add(table(connection, metadata, table));
                }
            }
        } catch (SQLException e) {
            throw new MdmException("Reading the metadata of dataset '" + dataset.name() + "' failed: "
                    + e.getMessage(), e);
        }
        MAPPER.writeValue(new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, root);
    }

    private static ObjectNode info(DatasetInfo info) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", info.name());
        node.put("display_name", info.displayName());
        node.put("backend", info.backend() == null ? null : info.backend().id());
        node.put("description", info.description());
        info.tags().forEach(node.putArray("tags")::add);
        node.put("target_column", info.targetColumn());
        ArrayNode ids = node.putArray("id_columns");
        info.idColumns().forEach(ids::add);
        node.put("problem_type", info.problemType() == null ? null : info.problemType().id());
        node.put("time_column", info.timeColumn());
        node.put("group_column", info.groupColumn());
        node.put("created_at", info.createdAt() == null ? null : info.createdAt().toString());
        node.put("updated_at", info.updatedAt() == null ? null : info.updatedAt().toString());
        node.put("version", info.version());
        return node;
    }

    private static ObjectNode table(Connection connection, DatasetMetadata metadata, TableInfo table)
            throws SQLException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", table.name());
        node.put("kind", table.kind().id());
        node.put("row_count", table.rowCount());
        node.put("column_count", table.columnCount());
        node.put("source_table", table.sourceTable());
        ArrayNode columns = node.putArray("columns");
        for (ColumnInfo column : metadata.columns(connection, table.name())) {
            ObjectNode c = columns.addObject();
            c.put("name", column.name());
            c.put("storage_type", column.storageType().name().toLowerCase(java.util.Locale.ROOT));
            c.put("semantic_type", column.semanticType() == null ? null : column.semanticType().id());
            c.put("role", column.role() == null ? null : column.role().id());
        }
        ObjectNode statistics = node.putObject("statistics");
        for (Map.Entry<String, String> entry : metadata.statistics(connection, table.name()).entrySet()) {
            try {
                statistics.set(entry.getKey().isEmpty() ? "_table" : entry.getKey(), MAPPER.readTree(entry.getValue()));
            } catch (JsonProcessingException e) {
                statistics.put(entry.getKey().isEmpty() ? "_table" : entry.getKey(), entry.getValue());
            }
        }
        return node;
    }
}
