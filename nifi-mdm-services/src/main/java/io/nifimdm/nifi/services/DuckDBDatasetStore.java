package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.DataUnit;
import org.apache.nifi.processor.util.StandardValidators;

import java.util.List;

/** Dataset store on DuckDB: one {@code <dataset>.duckdb} file per dataset in a storage directory. */
@Tags({"mdm", "dataset", "duckdb", "database", "jdbc", "dbcp", "embedded", "analytics", "machine learning"})
@CapabilityDescription("Stores ML datasets in DuckDB, one database file per dataset (<dataset>.duckdb) in a storage"
        + " directory on this node: a columnar engine for fast aggregations, feature generation and export on one"
        + " node. The MDM processors read and write datasets through it. As a Database Connection Pooling Service it"
        + " also serves ExecuteSQLRecord, PutDatabaseRecord and other SQL processors: each connection opens the"
        + " dataset named by the FlowFile attribute mdm.dataset.name. DuckDB's memory limit, threads, spill and"
        + " extension directories are always set, and extensions are never installed or loaded automatically."
        + " Datasets are node-local: in a NiFi cluster each node has its own, so use PostgreSQLDatasetStore to share"
        + " datasets across nodes.")
@SeeAlso({SQLiteDatasetStore.class, PostgreSQLDatasetStore.class})
public class DuckDBDatasetStore extends AbstractMdmDatasetStore {

    public static final PropertyDescriptor STORAGE_DIRECTORY = EmbeddedStoreProperties.storageDirectory("duckdb");

    public static final PropertyDescriptor MAX_CONNECTIONS = EmbeddedStoreProperties.maxConnections("8",
            "Connections to one dataset are lightweight duplicates of its single DuckDB instance, which bounds"
                    + " memory and threads through Memory Limit and Threads. The value is validated and handed to"
                    + " the store for future pooling; the current store neither pools nor caps DuckDB connections.");

    /** Below this DuckDB cannot even open a database file with its metadata tables. */
    private static final long MIN_MEMORY_LIMIT_BYTES = 16L * 1024 * 1024;

    public static final PropertyDescriptor MEMORY_LIMIT = new PropertyDescriptor.Builder()
            .name("Memory Limit")
            .description("Most memory DuckDB may use per open dataset (DuckDB memory_limit), allocated outside the"
                    + " Java heap; larger operations spill to the Temporary Directory. DuckDB's own default is 80% of"
                    + " the machine's RAM, which would compete with NiFi, so the service always sets it. DuckDB holds a"
                    + " table written in one transaction (a feature table, a replaced table) in this memory until the"
                    + " commit and spills the rest, which measured about twice as slow: a feature table of 1,000,000"
                    + " rows and 71 columns was built as fast with 2 GB as with 4 GB, and twice as slowly with 1 GB.")
            .required(true)
            .defaultValue("2 GB")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createDataSizeBoundsValidator(MIN_MEMORY_LIMIT_BYTES, Long.MAX_VALUE))
            .build();

    public static final PropertyDescriptor THREADS = new PropertyDescriptor.Builder()
            .name("Threads")
            .description("Worker threads DuckDB uses per open dataset (DuckDB threads), beside NiFi's own threads.")
            .required(true)
            .defaultValue("2")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor TEMPORARY_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Temporary Directory")
            .description("Where DuckDB spills intermediate data that exceeds the Memory Limit (DuckDB"
                    + " temp_directory). Created when missing. When not set: .duckdb_tmp inside the Storage Directory.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StoreValidators.WRITABLE_DIRECTORY)
            .build();

    public static final PropertyDescriptor EXTENSION_DIRECTORY = new PropertyDescriptor.Builder()
            .name("Extension Directory")
            .description("Where DuckDB looks for extensions (DuckDB extension_directory). Extensions are never"
                    + " downloaded or loaded automatically; an operator may place approved extension files here."
                    + " When not set: .duckdb_extensions inside the Storage Directory.")
            .required(false)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StoreValidators.WRITABLE_DIRECTORY)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(
            STORAGE_DIRECTORY, MAX_CONNECTIONS, MEMORY_LIMIT, THREADS, TEMPORARY_DIRECTORY, EXTENSION_DIRECTORY);

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public BackendKind getBackendKind() {
        return BackendKind.DUCKDB;
    }

    @Override
    protected DatasetStore openStore(ConfigurationContext context) {
        double memoryLimitMib = context.getProperty(MEMORY_LIMIT).evaluateAttributeExpressions().asDataSize(DataUnit.MB);
        DuckDbSettings settings = new DuckDbSettings(
                duckDbMemoryLimit(memoryLimitMib),
                context.getProperty(THREADS).evaluateAttributeExpressions().asInteger(),
                EmbeddedStoreProperties.resolveDirectory(context, TEMPORARY_DIRECTORY),
                EmbeddedStoreProperties.resolveDirectory(context, EXTENSION_DIRECTORY));
        return DatasetStores.duckdb(
                EmbeddedStoreProperties.resolveDirectory(context, STORAGE_DIRECTORY),
                settings,
                context.getProperty(MAX_CONNECTIONS).evaluateAttributeExpressions().asInteger());
    }

    /**
     * NiFi data sizes are binary (1 GB = 1024 MB); DuckDB reads "GB" as decimal and "MiB" as binary, so the limit
     * is passed in whole MiB to mean exactly what the user typed.
     */
    static String duckDbMemoryLimit(double mebibytes) {
        return Math.round(Math.floor(mebibytes)) + "MiB";
    }
}
