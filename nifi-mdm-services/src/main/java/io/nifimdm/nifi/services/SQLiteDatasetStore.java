package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.SqliteSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Dataset store on SQLite: one {@code <dataset>.sqlite} file per dataset in a storage directory. */
@Tags({"mdm", "dataset", "sqlite", "database", "jdbc", "dbcp", "embedded", "machine learning"})
@CapabilityDescription("Stores ML datasets in SQLite, one database file per dataset (<dataset>.sqlite) in a storage"
        + " directory on this node: zero setup, the default choice for a single NiFi node. The MDM processors read and"
        + " write datasets through it. As a Database Connection Pooling Service it also serves ExecuteSQLRecord,"
        + " PutDatabaseRecord and other SQL processors: each connection opens the dataset named by the FlowFile"
        + " attribute mdm.dataset.name. Datasets are node-local: in a NiFi cluster each node has its own, so use"
        + " PostgreSQLDatasetStore to share datasets across nodes.")
@SeeAlso({DuckDBDatasetStore.class, PostgreSQLDatasetStore.class})
public class SQLiteDatasetStore extends AbstractMdmDatasetStore {

    public static final PropertyDescriptor STORAGE_DIRECTORY = EmbeddedStoreProperties.storageDirectory("sqlite");

    public static final PropertyDescriptor MAX_CONNECTIONS = EmbeddedStoreProperties.maxConnections("8",
            "Most idle connections kept open per dataset for reuse, since opening one costs a file open and the"
                    + " pragma round trips. Threads that need more get fresh connections, which are closed when"
                    + " returned. SQLite runs one writer at a time per dataset; with WAL, readers work alongside it.");

    public static final PropertyDescriptor JOURNAL_MODE = new PropertyDescriptor.Builder()
            .name("Journal Mode")
            .description("How SQLite journals writes (pragma journal_mode). WAL lets queries run while a registration"
                    + " writes and suits NiFi's concurrent threads; the rollback-journal modes make readers wait for"
                    + " writers.")
            .required(true)
            .allowableValues(SqliteJournalMode.class)
            .defaultValue(SqliteJournalMode.WAL)
            .build();

    public static final PropertyDescriptor SYNCHRONOUS = new PropertyDescriptor.Builder()
            .name("Synchronous")
            .description("How often SQLite waits for the disk (pragma synchronous): the trade-off between write speed"
                    + " and durability of the last commits after a power loss. NORMAL is safe with WAL.")
            .required(true)
            .allowableValues(SqliteSynchronous.class)
            .defaultValue(SqliteSynchronous.NORMAL)
            .build();

    public static final PropertyDescriptor CACHE_SIZE = new PropertyDescriptor.Builder()
            .name("Cache Size")
            .description("Page cache of each connection (pragma cache_size), outside the Java heap; the total is at"
                    + " most Max Connections times this value per open dataset. SQLite's sorter (GROUP BY, ORDER BY,"
                    + " DISTINCT: aggregate queries, feature fitting) sorts runs of this size, and small runs sort"
                    + " faster: a GROUP BY over 1,000,000 rows took 0.39 s with 2 MB and 0.90 s with 64 MB. Reads go"
                    + " through memory mapping (Memory-Mapped I/O Size), so a larger cache rarely pays.")
            .required(true)
            .defaultValue("2 MB")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createDataSizeBoundsValidator(1024, Long.MAX_VALUE))
            .build();

    public static final PropertyDescriptor MMAP_SIZE = new PropertyDescriptor.Builder()
            .name("Memory-Mapped I/O Size")
            .description("How much of each dataset file SQLite reads through memory mapping (pragma mmap_size), which"
                    + " avoids copying pages on reads. 0 B turns memory mapping off.")
            .required(true)
            .defaultValue("256 MB")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.DATA_SIZE_VALIDATOR)
            .build();

    public static final PropertyDescriptor BUSY_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Busy Timeout")
            .description("How long a connection waits for a lock held by another writer of the same dataset before"
                    + " failing (pragma busy_timeout). A FlowFile whose write times out is retried, not failed.")
            .required(true)
            .defaultValue("30 sec")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createTimePeriodValidator(0, TimeUnit.MILLISECONDS,
                    Integer.MAX_VALUE, TimeUnit.MILLISECONDS))
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            STORAGE_DIRECTORY, MAX_CONNECTIONS, JOURNAL_MODE, SYNCHRONOUS, CACHE_SIZE, MMAP_SIZE, BUSY_TIMEOUT);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public BackendKind getBackendKind() {
        return BackendKind.SQLITE;
    }

    @Override
    protected DatasetStore openStore(ConfigurationContext context) {
        Duration busyTimeout = context.getProperty(BUSY_TIMEOUT).evaluateAttributeExpressions().asDuration();
        SqliteSettings settings = new SqliteSettings(
                context.getProperty(JOURNAL_MODE).asAllowableValue(SqliteJournalMode.class).getValue(),
                context.getProperty(SYNCHRONOUS).asAllowableValue(SqliteSynchronous.class).getValue(),
                context.getProperty(CACHE_SIZE).evaluateAttributeExpressions().asDataSize(DataUnit.KB).longValue(),
                context.getProperty(MMAP_SIZE).evaluateAttributeExpressions().asDataSize(DataUnit.B).longValue(),
                Math.toIntExact(busyTimeout.toMillis()));
        return DatasetStores.sqlite(
                EmbeddedStoreProperties.resolveDirectory(context, STORAGE_DIRECTORY),
                settings,
                context.getProperty(MAX_CONNECTIONS).evaluateAttributeExpressions().asInteger());
    }
}
