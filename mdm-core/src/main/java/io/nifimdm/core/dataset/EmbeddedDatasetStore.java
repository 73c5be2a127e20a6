package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.backend.Backend;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.backend.Backends;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A catalog of database files, one per dataset, in one storage directory it owns exclusively (see
 * {@link StorageDirectoryLock}). Each file is opened once: a registry shared by every store of this class loader
 * (so every store of one NAR) hands out its one {@link EmbeddedDatabase}.
 */
final class EmbeddedDatasetStore implements DatasetStore, DatasetHost {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatasetStore.class);

    /** The open database of each canonical file path, for every store of this class loader. */
    private static final Map<Path, EmbeddedDatabase> OPEN_DATABASES = new ConcurrentHashMap<>();

    /** How one embedded engine opens a file and what else it keeps beside it. */
    interface Engine {
        BackendKind kind();

        EmbeddedDatabase open(Path file) throws SQLException;

        /** Suffixes of the files the engine keeps next to a database file (journals, WAL). */
        List<String> sideFileSuffixes();

        String version() throws SQLException;
    }

    private final Engine engine;
    private final Backend backend;
    private final StorageDirectoryLock lock;
    private final Path directory;
    private final Object catalog = new Object();
    private final Set<Path> openedHere = ConcurrentHashMap.newKeySet();
    private volatile String engineVersion;
    private volatile boolean closed;

    EmbeddedDatasetStore(Engine engine, StorageDirectoryLock lock) {
        this.engine = engine;
        this.backend = Backends.of(engine.kind());
        this.lock = lock;
        this.directory = lock.directory();
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public String location() {
        return "jdbc:" + engine.kind().id() + ":" + directory;
    }

    @Override
    public String transitUri(String dataset, String table) {
        return "jdbc:" + engine.kind().id() + ":" + file(DatasetNames.normalize(dataset)) + "#" + table;
    }

    @Override
    public String engineVersion() {
        String version = engineVersion;
        if (version == null) {
            try {
                version = engine.version();
            } catch (SQLException e) {
                throw StoreErrors.translate(e, "Cannot read the " + engine.kind().id() + " version");
            }
            engineVersion = version;
        }
        return version;
    }

    private Path file(String normalizedName) {
        return directory.resolve(normalizedName + "." + engine.kind().fileExtension());
    }

    private void ensureOpen() {
        if (closed) {
            throw new MdmException("The dataset store on " + directory + " is closed");
        }
    }

    /** The open database of an existing dataset, opening the file on first use. */
    private EmbeddedDatabase database(String name) {
        ensureOpen();
        Path file = file(name);
        EmbeddedDatabase database = OPEN_DATABASES.get(file);
        if (database != null && !database.isClosed()) {
            return database;
        }
        synchronized (catalog) {
            ensureOpen();
            database = OPEN_DATABASES.get(file);
            if (database != null && !database.isClosed()) {
                return database;
            }
            // The engines create a missing file on open, so look before opening
            if (!Files.isRegularFile(file)) {
                throw new DatasetNotFoundException(name);
            }
            EmbeddedDatabase opened;
            try {
                opened = engine.open(file);
            } catch (SQLException e) {
                throw StoreErrors.translate(e, "Cannot open dataset '" + name + "' (" + file + ")");
            }
            try {
                if (!opened.holdsDataset()) {
                    opened.close();
                    throw new DatasetNotFoundException(name, file + " holds no MDM metadata");
                }
            } catch (SQLException e) {
                opened.close();
                throw StoreErrors.translate(e, "Cannot open dataset '" + name + "' (" + file + ")");
            }
            OPEN_DATABASES.put(file, opened);
            openedHere.add(file);
            return opened;
        }
    }

    @Override
    public Dataset create(String name, String displayName) {
        String normalized = DatasetNames.normalize(name);
        synchronized (catalog) {
            ensureOpen();
            Path file = file(normalized);
            if (Files.exists(file)) {
                throw new DatasetExistsException(normalized);
            }
            // Leftover journals of a file deleted by hand would be replayed into the new database
            deleteQuietly(sideFiles(file));
            EmbeddedDatabase database = null;
            try {
                database = engine.open(file);
                SqlDatasetMetadata metadata = new SqlDatasetMetadata(backend, null);
                try (Connection connection = database.borrow()) {
                    connection.setAutoCommit(false);
                    try {
                        metadata.createTables(connection);
                        metadata.writeInfo(connection, DatasetInfo.created(normalized,
                                displayName == null || displayName.isBlank() ? name.trim() : displayName,
                                engine.kind(), Instant.now()));
                        connection.commit();
                    } catch (SQLException | RuntimeException e) {
                        connection.rollback();
                        throw e;
                    }
                }
                EmbeddedDatabase stale = OPEN_DATABASES.put(file, database);
                if (stale != null) {
                    // its file was deleted behind the store's back; the engine instance still held it open
                    stale.close();
                }
                openedHere.add(file);
                return new HostedDataset(this, normalized, null, backend);
            } catch (SQLException | RuntimeException e) {
                if (database != null) {
                    database.close();
                }
                deleteQuietly(List.of(file));
                deleteQuietly(sideFiles(file));
                throw StoreErrors.translate(e, "Cannot create dataset '" + normalized + "' in " + directory);
            }
        }
    }

    @Override
    public Dataset open(String name) {
        String normalized = DatasetNames.normalize(name);
        database(normalized);
        return new HostedDataset(this, normalized, null, backend);
    }

    @Override
    public boolean exists(String name) {
        String normalized = DatasetNames.normalize(name);
        try {
            database(normalized);
            return true;
        } catch (DatasetNotFoundException e) {
            return false;
        } catch (TransientStoreException e) {
            throw e;
        } catch (MdmException e) {
            if (closed) {
                throw e;
            }
            return false;
        }
    }

    @Override
    public List<DatasetSummary> list() {
        ensureOpen();
        List<DatasetSummary> result = new ArrayList<>();
        String suffix = "." + engine.kind().fileExtension();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + suffix)) {
            for (Path file : files) {
                String stem = file.getFileName().toString();
                stem = stem.substring(0, stem.length() - suffix.length());
                if (!Files.isRegularFile(file) || !isNormalizedName(stem)) {
                    continue;
                }
                summary(stem).ifPresent(result::add);
            }
        } catch (IOException e) {
            throw new MdmException("Cannot list the storage directory " + directory + ": " + e, e);
        }
        result.sort(Comparator.comparing(s -> s.info().name()));
        return result;
    }

    private Optional<DatasetSummary> summary(String name) {
        try {
            EmbeddedDatabase database = database(name);
            SqlDatasetMetadata metadata = new SqlDatasetMetadata(backend, null);
            try (Connection connection = database.borrow()) {
                return Optional.of(new DatasetSummary(metadata.readInfo(connection),
                        metadata.tables(connection)));
            }
        } catch (TransientStoreException e) {
            throw e;
        } catch (SQLException | MdmException e) {
            LOG.warn("Skipping {} in {} while listing datasets: {}", name, directory, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isNormalizedName(String stem) {
        try {
            return DatasetNames.normalize(stem).equals(stem);
        } catch (MdmException e) {
            return false;
        }
    }

    /**
     * Waits for the dataset's writer, then closes and deletes its files. Lock order is writer lock, then catalog,
     * as in a write whose work opens another dataset, so the two cannot deadlock.
     */
    @Override
    public void drop(String name) {
        String normalized = DatasetNames.normalize(name);
        EmbeddedDatabase database = database(normalized);
        database.writerLock().lock();
        try {
            synchronized (catalog) {
                if (database.isClosed()) {
                    throw new DatasetNotFoundException(normalized);
                }
                OPEN_DATABASES.remove(database.file(), database);
                openedHere.remove(database.file());
                database.close();
                List<Path> files = new ArrayList<>(sideFiles(database.file()));
                files.addFirst(database.file());
                for (Path file : files) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException e) {
                        throw new MdmException("Dataset '" + normalized + "' is closed but " + file
                                + " could not be deleted: " + e, e);
                    }
                }
            }
        } finally {
            database.writerLock().unlock();
        }
    }

    @Override
    public Connection connect(String datasetName) throws SQLException {
        return database(DatasetNames.normalize(datasetName)).connectFresh();
    }

    @Override
    public Connection openReadConnection(String dataset) throws SQLException {
        return database(dataset).borrow();
    }

    @Override
    public <T> T write(String dataset, WriteMode mode, SqlWork<T> work) {
        EmbeddedDatabase database = database(dataset);
        try {
            database.writerLock().lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientStoreException("Interrupted while waiting to write dataset '" + dataset + "'", e);
        }
        String context = "Write to dataset '" + dataset + "' failed";
        try {
            if (database.isClosed()) {
                throw new DatasetNotFoundException(dataset);
            }
            T result;
            try (Connection connection = database.borrow()) {
                connection.setAutoCommit(false);
                try {
                    result = work.run(connection);
                    connection.commit();
                } catch (Error e) {
                    rollbackQuietly(connection);
                    throw e;
                } catch (Exception e) {
                    rollbackQuietly(connection);
                    throw StoreErrors.translate(e, context);
                }
            } catch (SQLException e) {
                throw StoreErrors.translate(e, context);
            }
            database.afterWrite(); // with the connection back in the pool, where a checkpoint can take it
            return result;
        } finally {
            database.writerLock().unlock();
        }
    }

    static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException ignored) {
            // the original error is what the caller needs; a failed rollback ends with the connection
        }
    }

    private List<Path> sideFiles(Path file) {
        List<Path> result = new ArrayList<>();
        for (String suffix : engine.sideFileSuffixes()) {
            result.add(file.resolveSibling(file.getFileName() + suffix));
        }
        return result;
    }

    private static void deleteQuietly(List<Path> files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete {}: {}", file, e.toString());
            }
        }
    }

    @Override
    public void close() {
        synchronized (catalog) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                for (Path file : openedHere) {
                    EmbeddedDatabase database = OPEN_DATABASES.remove(file);
                    if (database != null) {
                        database.close();
                    }
                }
                openedHere.clear();
            } finally {
                lock.close();
            }
        }
    }

    @Override
    public String toString() {
        return "DatasetStore[" + location() + "]";
    }
}
