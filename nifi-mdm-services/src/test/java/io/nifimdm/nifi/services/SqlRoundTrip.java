package io.nifimdm.nifi.services;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What ExecuteSQLRecord and PutDatabaseRecord do through a DBCPService connection: DDL, parameterised inserts and a
 * query, on a table whose column names need quoting and whose values include unicode, nulls and empty strings.
 */
final class SqlRoundTrip {

    static final String TABLE = "messy table";

    private static final List<List<Object>> ROWS = List.of(
            Arrays.asList(1, "plain", "x"),
            Arrays.asList(2, "ünïcödé ✓ 数据", "say \"hi\""),
            Arrays.asList(3, null, ""),
            Arrays.asList(4, "", null));

    private SqlRoundTrip() {
    }

    /** Creates the table, inserts the rows, reads them back and asserts they are equal. */
    static void writeAndReadBack(Connection connection) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE \"" + TABLE + "\" (\"select\" INTEGER, \"col \"\"quoted\"\" name\" VARCHAR,"
                    + " \"naïve column\" VARCHAR)");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"" + TABLE + "\" VALUES (?, ?, ?)")) {
            for (List<Object> row : ROWS) {
                for (int i = 0; i < row.size(); i++) {
                    insert.setObject(i + 1, row.get(i));
                }
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        List<List<Object>> read = new ArrayList<>();
        for (List<Object> row : ServiceTests.query(connection, "SELECT \"select\", \"col \"\"quoted\"\" name\","
                + " \"naïve column\" FROM \"" + TABLE + "\" ORDER BY \"select\"")) {
            read.add(Arrays.asList(((Number) row.get(0)).intValue(), row.get(1), row.get(2)));
        }
        assertThat(read).isEqualTo(ROWS);
    }

    /** Reads the rows written by {@link #writeAndReadBack} again, for example after the service was re-enabled. */
    static void assertRowsStillThere(Connection connection) throws SQLException {
        List<List<Object>> rows = ServiceTests.query(connection, "SELECT count(*), count(\"col \"\"quoted\"\" name\")"
                + " FROM \"" + TABLE + "\"");
        assertThat(((Number) rows.getFirst().get(0)).intValue()).isEqualTo(ROWS.size());
        assertThat(((Number) rows.getFirst().get(1)).intValue()).isEqualTo(3);
    }
}
