package io.nifimdm.nifi.processors;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.util.StandardValidators;

/** The properties every MDM processor has, so they read and validate the same everywhere. */
final class MdmProperties {

    static final PropertyDescriptor DATASET_STORE = new PropertyDescriptor.Builder()
            .name("Dataset Store")
            .description("The controller service that holds the datasets (SQLite, DuckDB or PostgreSQL).")
            .required(true)
            .identifiesControllerService(MdmDatasetStore.class)
            .build();

    private MdmProperties() {
    }

    /** Dataset Name, defaulting to the {@code mdm.dataset.name} attribute that the previous MDM processor wrote. */
    static PropertyDescriptor datasetName(String description) {
        return new PropertyDescriptor.Builder()
                .name("Dataset Name")
                .description(description)
                .required(true)
                .defaultValue("${" + MdmAttributes.DATASET_NAME + "}")
                .expressionLanguageSupported(ExpressionLanguageScope.FLOWFILE_ATTRIBUTES)
                .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
                .build();
    }

    /** The mdm-core store behind the configured Dataset Store service. */
    static DatasetStore datasetStore(ProcessContext context) {
        return context.getProperty(DATASET_STORE).asControllerService(MdmDatasetStore.class).getDatasetStore();
    }

    /**
     * The Dataset Name property evaluated against a FlowFile (null when the processor runs as a source).
     *
     * @throws MdmException when it evaluates to nothing, which usually means the attribute is missing
     */
    static String datasetName(ProcessContext context, PropertyDescriptor property, FlowFile flowFile) {
        String name = context.getProperty(property).evaluateAttributeExpressions(flowFile).getValue();
        if (name == null || name.isBlank()) {
            throw new MdmException("Dataset Name is empty" + (flowFile == null ? "" : " for this FlowFile")
                    + " (is the " + MdmAttributes.DATASET_NAME + " attribute set?)");
        }
        return name;
    }
}
