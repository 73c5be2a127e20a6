package io.nifimdm.nifi.processors;

import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.expression.ExpressionLanguageScope;
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
}
