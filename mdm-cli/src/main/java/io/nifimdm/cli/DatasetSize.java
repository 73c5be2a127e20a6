package io.nifimdm.cli;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Where a dataset is stored and how much room it takes. */
final class DatasetSize {

    private DatasetSize() {
    }

    /** The database file and the engine's side files (journal, WAL) of an embedded dataset that exist. */
    static List<Path> files(StoreLocation location, String dataset) {
        BackendKind kind = location.kind();
        Path file = location.directory().resolve(dataset + "." + kind.fileExtension());
        List<String> suffixes = kind == BackendKind.SQLITE ? List.of("", "-wal", "-shm", "-journal")
                : List.of("", ".wal");
        List<Path> files = new ArrayList<>();
        for (String suffix : suffixes) {
            Path candidate = file.resolveSibling(file.getFileName() + suffix);
            if (Files.isRegularFile(candidate)) {
                files.add(candidate);
            }
        }
        return files;
    }

    /** Bytes on disk: the files of an embedded dataset, or every relation of the dataset's PostgreSQL schema. */
    static long bytes(StoreLocation location, Dataset dataset) throws SQLException {
        if (location.kind().isEmbedded()) {
            long total = 0;
            for (Path file : files(location, dataset.name())) {
                try {
                    total += Files.size(file);
                } catch (IOException e) {
                    // a side file the engine removed meanwhile
                }
            }
            return total;
        }
        try (Connection connection = dataset.openReadConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                             + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                             + " WHERE n.nspname = ? AND c.relkind IN ('r', 'm', 'p')")) {
            statement.setString(1, dataset.schema());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
