package io.nifimdm.nifi.services;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

import java.nio.file.Path;

/** Properties of the embedded engines (SQLite, DuckDB): one database file per dataset in a storage directory. */
final class EmbeddedStoreProperties {

    static final String DEFAULT_STORAGE_DIRECTORY = "./mdm-datasets";

    static PropertyDescriptor storageDirectory(String fileExtension) {
        return new PropertyDescriptor.Builder()
                .name("Storage Directory")
                .description("Directory holding one database file per dataset (<dataset>." + fileExtension + ")."
                        + " Created when missing. A relative path is resolved against the directory NiFi was"
                        + " started from (NiFi's home). The service locks the directory: no other dataset store"
                        + " service, NiFi instance or process may use it at the same time. On a NiFi cluster every"
                        + " node has its own directory and its own datasets.")
                .required(true)
                .defaultValue(DEFAULT_STORAGE_DIRECTORY)
                .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
                .addValidator(StoreValidators.WRITABLE_DIRECTORY)
                .build();
    }

    static PropertyDescriptor maxConnections(String defaultValue, String description) {
        return new PropertyDescriptor.Builder()
                .name("Max Connections")
                .description(description)
                .required(true)
                .defaultValue(defaultValue)
                .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
                .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
                .build();
    }

    static Path resolveDirectory(ConfigurationContext context, PropertyDescriptor property) {
        String value = context.getProperty(property).evaluateAttributeExpressions().getValue();
        if (value == null || value.isBlank()) {
            return null;
        }
        return Path.of(value.trim()).toAbsolutePath().normalize();
    }

    private EmbeddedStoreProperties() {
    }
}
