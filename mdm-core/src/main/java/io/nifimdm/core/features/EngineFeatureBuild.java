package io.nifimdm.core.features;

import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.ColumnInfo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A feature table built inside the engine (DuckDB, PostgreSQL): the plan compiled by {@link SqlFeatures} into one
 * {@code CREATE TABLE AS SELECT}, joined with the text family from {@link TextFeaturePass} where the engine does not
 * compute it.
 */
final class EngineFeatureBuild {

    private EngineFeatureBuild() {
    }

    /** One {@code CREATE TABLE AS SELECT} of the compiled features, in the source's row order; returns the rows. */
    static long build(Connection connection, Connection read, Backend backend, String schema, String table,
                      String staging, FeaturePlan plan, List<ColumnInfo> sourceColumns, Set<String> customPresent,
                      List<FeatureColumn> written) throws Exception {
        List<String> names = written.stream().map(FeatureColumn::name).toList();
        String textStaging = staging + "_text";
        TextFeaturePass.stableScans(connection, backend);
        Map<String, String> text = TextFeaturePass.write(connection, read, backend, schema, table, textStaging, plan,
                sourceColumns, written);
        try (DuckDbJavaFunctions.Session functions = backend.kind() == BackendKind.DUCKDB
                ? DuckDbJavaFunctions.open(connection) : null;
             Statement statement = connection.createStatement()) {
            SqlFeatures.Query query = SqlFeatures.compile(backend, functions, schema, table, plan, sourceColumns,
                    customPresent, names, false, backend.qualified(schema, textStaging), text);
            String create = "CREATE TABLE " + backend.qualified(schema, staging) + " AS " + query.sql();
            statement.execute(query.inSourceOrder() ? create
                    : create + " ORDER BY " + backend.quote(FeatureTableWriter.ROW_COLUMN));
            if (!text.isEmpty()) {
                statement.execute("DROP TABLE " + backend.qualified(schema, textStaging));
            }
            // DuckDB's driver reports no row count for CREATE TABLE AS; its count(*) reads the table's metadata
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + backend.qualified(schema, staging))) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
