package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.annotation.lifecycle.OnDisabled;
import org.apache.nifi.annotation.lifecycle.OnEnabled;
import org.apache.nifi.annotation.lifecycle.OnShutdown;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.AbstractControllerService;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.controller.NodeTypeProvider;
import org.apache.nifi.controller.VerifiableControllerService;
import org.apache.nifi.logging.ComponentLog;
import org.apache.nifi.processor.exception.ProcessException;
import org.apache.nifi.reporting.InitializationException;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the dataset store services share: the store's lifecycle (opened on enable, closed on disable), the
 * {@code DBCPService} connections by dataset name, verification with a probe dataset, and the warning that
 * embedded datasets are node-local in a cluster. Subclasses declare their engine's properties and open the store.
 */
public abstract class AbstractMdmDatasetStore extends AbstractControllerService
        implements MdmDatasetStore, VerifiableControllerService {

    static final String STEP_OPEN = "Open Dataset Store";
    static final String STEP_CREATE_PROBE = "Create Probe Dataset";
    static final String STEP_QUERY_PROBE = "Query Probe Dataset";
    static final String STEP_DROP_PROBE = "Drop Probe Dataset";
    static final String STEP_CLUSTER = "Cluster Scope";

    private static final String PROBE_PREFIX = "mdm_verify_";

    private volatile DatasetStore store;
    private volatile boolean clusterWarningLogged;

    /**
     * Opens the mdm-core store from this service's properties. Called on enable and, with the properties being
     * verified, by {@link #verify}; the caller owns and closes the result.
     *
     * @throws io.nifimdm.core.MdmException with a message for the person configuring the service
     */
    protected abstract DatasetStore openStore(ConfigurationContext context);

    @OnEnabled
    public void onEnabled(ConfigurationContext context) throws InitializationException {
        if (getBackendKind().isEmbedded() && isClusterNode()) {
            clusterWarningLogged = true;
            getLogger().warn(nodeLocalWarning());
        }
        DatasetStore opened;
        try {
            opened = openStore(context);
        } catch (RuntimeException e) {
            throw new InitializationException("Cannot open the " + engineName() + " dataset store: " + describe(e), e);
        }
        store = opened;
        getLogger().info("Opened {} dataset store at {} ({})", engineName(), opened.location(), opened.engineVersion());
    }

    @OnDisabled
    public void onDisabled() {
        DatasetStore closing = store;
        store = null;
        if (closing != null) {
            closing.close();
            getLogger().info("Closed {} dataset store at {}", engineName(), closing.location());
        }
    }

    /** Closes cleanly when NiFi stops with the service enabled, so DuckDB checkpoints and SQLite folds its WAL. */
    @OnShutdown
    public void onShutdown() {
        onDisabled();
    }

    @Override
    public DatasetStore getDatasetStore() {
        DatasetStore current = store;
        if (current == null) {
            throw new ProcessException("The " + engineName() + " dataset store service is not enabled");
        }
        return current;
    }

    /**
     * Always fails: a connection belongs to one dataset, and only the FlowFile attribute
     * {@value #DATASET_NAME_ATTRIBUTE} says which one.
     */
    @Override
    public Connection getConnection() throws ProcessException {
        throw new ProcessException(missingDatasetAttributeMessage());
    }

    @Override
    public Connection getConnection(Map<String, String> attributes) throws ProcessException {
        String datasetName = attributes == null ? null : attributes.get(DATASET_NAME_ATTRIBUTE);
        if (datasetName == null || datasetName.isBlank()) {
            throw new ProcessException(missingDatasetAttributeMessage());
        }
        DatasetStore current = getDatasetStore();
        try {
            // PostgreSQL would hand out a connection whose search path names a missing schema; say so up front
            if (!current.exists(datasetName)) {
                throw new ProcessException("Dataset '" + datasetName + "' (FlowFile attribute "
                        + DATASET_NAME_ATTRIBUTE + ") does not exist in " + current.location()
                        + ": register it first or correct the attribute");
            }
            return current.connect(datasetName);
        } catch (ProcessException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            throw new ProcessException("Cannot connect to dataset '" + datasetName + "' in " + current.location()
                    + ": " + describe(e), e);
        }
    }

    @Override
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        warnIfNodeLocalInCluster();
        return List.of();
    }

    @Override
    public List<ConfigVerificationResult> verify(ConfigurationContext context, ComponentLog verificationLogger,
                                                 Map<String, String> variables) {
        List<ConfigVerificationResult> results = new ArrayList<>();
        DatasetStore probeStore;
        try {
            probeStore = openStore(context);
        } catch (RuntimeException e) {
            verificationLogger.error("Cannot open the {} dataset store", engineName(), e);
            results.add(result(STEP_OPEN, Outcome.FAILED, describe(e)));
            results.add(result(STEP_CREATE_PROBE, Outcome.SKIPPED, "The store could not be opened"));
            results.add(result(STEP_QUERY_PROBE, Outcome.SKIPPED, "The store could not be opened"));
            results.add(result(STEP_DROP_PROBE, Outcome.SKIPPED, "The store could not be opened"));
            addClusterScope(results);
            return results;
        }
        try (probeStore) {
            results.add(result(STEP_OPEN, Outcome.SUCCESSFUL, "Opened " + probeStore.location() + " running "
                    + probeStore.engineVersion() + "; " + probeStore.list().size() + " dataset(s) found"));
            verifyWithProbeDataset(probeStore, verificationLogger, results);
        } catch (RuntimeException e) {
            verificationLogger.error("Verification of the {} dataset store failed", engineName(), e);
            results.add(result(STEP_OPEN, Outcome.FAILED, describe(e)));
        }
        addClusterScope(results);
        return results;
    }

    private void verifyWithProbeDataset(DatasetStore probeStore, ComponentLog verificationLogger,
                                        List<ConfigVerificationResult> results) {
        String probe = PROBE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            probeStore.create(probe, "nifi-mdm verification probe");
            results.add(result(STEP_CREATE_PROBE, Outcome.SUCCESSFUL, "Created dataset " + probe));
        } catch (RuntimeException e) {
            verificationLogger.error("Cannot create the probe dataset {}", probe, e);
            results.add(result(STEP_CREATE_PROBE, Outcome.FAILED, "Cannot create dataset " + probe + ": "
                    + describe(e)));
            results.add(result(STEP_QUERY_PROBE, Outcome.SKIPPED, "No probe dataset"));
            results.add(result(STEP_DROP_PROBE, Outcome.SKIPPED, "No probe dataset"));
            return;
        }
        try (Connection connection = probeStore.connect(probe);
             var statement = connection.createStatement();
             var resultSet = statement.executeQuery("SELECT 1")) {
            resultSet.next();
            results.add(result(STEP_QUERY_PROBE, Outcome.SUCCESSFUL, "Connected to " + probe + " as ExecuteSQLRecord"
                    + " and PutDatabaseRecord would (FlowFile attribute " + DATASET_NAME_ATTRIBUTE + "=" + probe + ")"
                    + " and ran a query"));
        } catch (SQLException | RuntimeException e) {
            verificationLogger.error("Cannot query the probe dataset {}", probe, e);
            results.add(result(STEP_QUERY_PROBE, Outcome.FAILED, "Cannot query dataset " + probe + ": "
                    + describe(e)));
        }
        try {
            probeStore.drop(probe);
            results.add(result(STEP_DROP_PROBE, Outcome.SUCCESSFUL, "Dropped dataset " + probe));
        } catch (RuntimeException e) {
            verificationLogger.error("Cannot drop the probe dataset {}", probe, e);
            results.add(result(STEP_DROP_PROBE, Outcome.FAILED, "Cannot drop dataset " + probe + ": " + describe(e)
                    + "; remove it by hand"));
        }
    }

    private void addClusterScope(List<ConfigVerificationResult> results) {
        if (!getBackendKind().isEmbedded()) {
            return;
        }
        if (isClusterNode()) {
            results.add(result(STEP_CLUSTER, Outcome.FAILED, nodeLocalWarning()));
        } else {
            results.add(result(STEP_CLUSTER, Outcome.SUCCESSFUL, "NiFi runs standalone: the datasets of this"
                    + " service live on this node's disk"));
        }
    }

    /**
     * A validation result can only be valid or invalid, and refusing embedded stores in a cluster would forbid
     * deliberate node-local use. So the warning goes to the log (a bulletin in the UI): once from validation, which
     * runs often, and on every enable; verification reports it too.
     */
    private void warnIfNodeLocalInCluster() {
        if (!clusterWarningLogged && getBackendKind().isEmbedded() && isClusterNode()) {
            clusterWarningLogged = true;
            getLogger().warn(nodeLocalWarning());
        }
    }

    private boolean isClusterNode() {
        NodeTypeProvider nodeTypeProvider = getNodeTypeProvider();
        return nodeTypeProvider != null && (nodeTypeProvider.isClustered() || nodeTypeProvider.isConfiguredForClustering());
    }

    private String nodeLocalWarning() {
        return "NiFi runs clustered and " + engineName() + " keeps datasets in files on each node's own disk:"
                + " every node sees only the datasets registered on it. Use the PostgreSQLDatasetStore service to"
                + " share datasets across the cluster, or keep this one for deliberately node-local datasets.";
    }

    private String missingDatasetAttributeMessage() {
        return "The FlowFile attribute '" + DATASET_NAME_ATTRIBUTE + "' is required: it names the dataset this "
                + engineName() + " dataset store connects to (set it with UpdateAttribute, or use a FlowFile"
                + " coming from an MDM processor, which writes it)";
    }

    /** Human name of the engine for messages ("SQLite", "DuckDB", "PostgreSQL"). */
    protected String engineName() {
        return switch (getBackendKind()) {
            case SQLITE -> "SQLite";
            case DUCKDB -> "DuckDB";
            case POSTGRESQL -> "PostgreSQL";
        };
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static ConfigVerificationResult result(String step, Outcome outcome, String explanation) {
        return new ConfigVerificationResult.Builder()
                .verificationStepName(step)
                .outcome(outcome)
                .explanation(explanation)
                .build();
    }

    @Override
    public abstract BackendKind getBackendKind();
}
