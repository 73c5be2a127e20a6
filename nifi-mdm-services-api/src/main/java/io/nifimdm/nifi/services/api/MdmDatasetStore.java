package io.nifimdm.nifi.services.api;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import org.apache.nifi.dbcp.DBCPService;

/**
 * A controller service that owns one mdm-core {@link DatasetStore}: a storage directory of SQLite or DuckDB
 * database files, or a PostgreSQL database with one schema per dataset.
 *
 * <p>The nifi-mdm processors work on datasets through {@link #getDatasetStore()} and call mdm-core directly.
 * Being a {@link DBCPService}, the same service also serves NiFi's standard SQL processors (ExecuteSQLRecord,
 * PutDatabaseRecord, ...): {@link #getConnection(java.util.Map)} returns a connection to the dataset named by the
 * FlowFile attribute {@value #DATASET_NAME_ATTRIBUTE}.
 */
public interface MdmDatasetStore extends DBCPService {

    /** The FlowFile attribute naming the dataset a {@link DBCPService} connection is opened on. */
    String DATASET_NAME_ATTRIBUTE = "mdm.dataset.name";

    /**
     * The open store. Valid while the service is enabled; callers must not close it (the service does on disable).
     *
     * @throws org.apache.nifi.processor.exception.ProcessException when the service is not enabled
     */
    DatasetStore getDatasetStore();

    /** The engine this service stores datasets in; fixed per implementation, known before enabling. */
    BackendKind getBackendKind();
}
