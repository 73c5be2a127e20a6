package io.nifimdm.core.dataset;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A DuckDB file: one root connection, opened with every setting (DuckDB refuses a second open of the same file with
 * another configuration, and its defaults are wrong for a server: 80% of RAM, extensions from the network); every
 * user gets a {@code duplicate()} of it, which shares the database instance.
 */
final class DuckDbDatabase extends EmbeddedDatabase {

    private final DuckDBConnection root;

    private DuckDbDatabase(Path file, DuckDBConnection root) {
        super(file);
        this.root = root;
    }

    static DuckDbDatabase open(Path file, DuckDbSettings settings, Path storageDirectory) throws SQLException {
        Properties config = configuration(settings, storageDirectory);
        Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file, config);
        return new DuckDbDatabase(file, connection.unwrap(DuckDBConnection.class));
    }

    static Properties configuration(DuckDbSettings settings, Path storageDirectory) {
        Properties config = new Properties();
        config.setProperty("memory_limit", settings.memoryLimit());
        config.setProperty("threads", Integer.toString(settings.threads()));
        Path temp = settings.tempDirectory() != null ? settings.tempDirectory() : storageDirectory.resolve(".duckdb_tmp");
        Path extensions = settings.extensionDirectory() != null ? settings.extensionDirectory()
                : storageDirectory.resolve(".duckdb_extensions");
        config.setProperty("temp_directory", temp.toAbsolutePath().toString());
        config.setProperty("extension_directory", extensions.toAbsolutePath().toString());
        config.setProperty("autoinstall_known_extensions", "false");
        config.setProperty("autoload_known_extensions", "false");
        return config;
    }

    @Override
    Connection borrow() throws SQLException {
        ensureOpen();
        DuckDBConnection duplicate = root.duplicate();
        engineConnections.add(duplicate);
        return ConnectionHandle.wrap(duplicate, c -> {
            engineConnections.remove(c);
            c.close();
        });
    }

    @Override
    Connection connectFresh() throws SQLException {
        return borrow();
    }

    @Override
    public void close() {
        super.close();
        closeQuietly(root);
    }
}
