package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.PostgresSettings;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.SeeAlso;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.ConfigurationContext;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Dataset store on PostgreSQL: one schema {@code <prefix><dataset>} per dataset in one database. */
@Tags({"mdm", "dataset", "postgresql", "postgres", "database", "jdbc", "dbcp", "cluster", "machine learning"})
@CapabilityDescription("Stores ML datasets in a PostgreSQL database, one schema per dataset (<prefix><dataset>), so"
        + " that every node of a NiFi cluster works on the same datasets. The MDM processors read and write datasets"
        + " through it; dataset-level operations (create, replace, drop) take a PostgreSQL advisory lock, appends run"
        + " concurrently. As a Database Connection Pooling Service it also serves ExecuteSQLRecord, PutDatabaseRecord"
        + " and other SQL processors: each connection has the schema of the dataset named by the FlowFile attribute"
        + " mdm.dataset.name first on its search path.")
@SeeAlso({SQLiteDatasetStore.class, DuckDBDatasetStore.class})
public class PostgreSQLDatasetStore extends AbstractMdmDatasetStore {

    public static final PropertyDescriptor DATABASE_URL = new PropertyDescriptor.Builder()
            .name("Database URL")
            .description("JDBC URL of the database holding the datasets: jdbc:postgresql://host:port/database, with"
                    + " optional driver parameters after '?'. It must not carry credentials (set Database User and"
                    + " Password), an SSL mode (set SSL Mode) or a current schema (each dataset has its own).")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StoreValidators.POSTGRES_URL)
            .build();

    public static final PropertyDescriptor DATABASE_USER = new PropertyDescriptor.Builder()
            .name("Database User")
            .description("PostgreSQL role the service logs in as. It needs CREATE on the database (to create dataset"
                    + " schemas) and owns the schemas it creates.")
            .required(true)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    public static final PropertyDescriptor PASSWORD = new PropertyDescriptor.Builder()
            .name("Password")
            .description("Password of the Database User. Leave empty when the server does not ask for one (trust or"
                    + " certificate authentication). Use a sensitive parameter so flow downloads keep the reference.")
            .required(false)
            .sensitive(true)
            .expressionLanguageSupported(ExpressionLanguageScope.NONE)
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .build();

    public static final PropertyDescriptor SCHEMA_PREFIX = new PropertyDescriptor.Builder()
            .name("Schema Prefix")
            .description("Prefix of each dataset's schema: dataset 'titanic' lives in schema <prefix>titanic. Lower-case"
                    + " letters, digits and underscores, starting with a letter or underscore, at most "
                    + StoreValidators.MAX_SCHEMA_PREFIX_LENGTH + " characters, not pg_. Services with different prefixes"
                    + " keep separate sets of datasets in one database.")
            .required(true)
            .defaultValue(PostgresSettings.DEFAULT_SCHEMA_PREFIX)
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StoreValidators.SCHEMA_PREFIX)
            .build();

    public static final PropertyDescriptor SSL_MODE = new PropertyDescriptor.Builder()
            .name("SSL Mode")
            .description("Whether connections use TLS and how the server certificate is checked (the driver's"
                    + " sslmode). Use verify-full when the database is reached over an untrusted network.")
            .required(true)
            .allowableValues(PostgresSslMode.class)
            .defaultValue(PostgresSslMode.PREFER)
            .build();

    public static final PropertyDescriptor MAX_CONNECTIONS = new PropertyDescriptor.Builder()
            .name("Max Connections")
            .description("Size of the connection pool shared by every processor and thread using this service on this"
                    + " node. Mind the server's max_connections: each NiFi node opens up to this many.")
            .required(true)
            .defaultValue("8")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    public static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Connect Timeout")
            .description("How long to wait for the server to accept a new connection before the attempt fails and"
                    + " the work is retried later.")
            .required(true)
            .defaultValue("10 sec")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.createTimePeriodValidator(1, TimeUnit.SECONDS, 1, TimeUnit.HOURS))
            .build();

    public static final PropertyDescriptor STATEMENT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("Statement Timeout")
            .description("Longest time one SQL statement may run before the server cancels it (statement_timeout)."
                    + " 0 sec means no limit; large registrations and feature builds can take minutes.")
            .required(true)
            .defaultValue("0 sec")
            .expressionLanguageSupported(ExpressionLanguageScope.ENVIRONMENT)
            .addValidator(StandardValidators.TIME_PERIOD_VALIDATOR)
            .build();

    private static final List<PropertyDescriptor> PROPERTIES = List.of(DATABASE_URL, DATABASE_USER, PASSWORD,
            SCHEMA_PREFIX, SSL_MODE, MAX_CONNECTIONS, CONNECT_TIMEOUT, STATEMENT_TIMEOUT);

    /** URL parameters that would fight a property of this service or the per-dataset search path. */
    private static final Set<String> URL_PARAMETERS_SET_BY_SERVICE = Set.of("user", "ssl", "sslmode", "currentschema",
            "options");

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return PROPERTIES;
    }

    @Override
    public BackendKind getBackendKind() {
        return BackendKind.POSTGRESQL;
    }

    @Override
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        List<ValidationResult> results = new ArrayList<>(super.customValidate(context));
        String url = context.getProperty(DATABASE_URL).evaluateAttributeExpressions().getValue();
        if (url != null && StoreValidators.postgresUrlProblem(url) == null) {
            Properties parsed = org.postgresql.Driver.parseURL(url.trim(), null);
            for (String key : parsed.stringPropertyNames()) {
                if (URL_PARAMETERS_SET_BY_SERVICE.contains(key.toLowerCase(Locale.ROOT))) {
                    results.add(new ValidationResult.Builder()
                            .subject(DATABASE_URL.getName())
                            .valid(false)
                            .explanation("the URL parameter '" + key + "' conflicts with the service: " + remedy(key))
                            .build());
                }
            }
        }
        return results;
    }

    private static String remedy(String urlParameter) {
        return switch (urlParameter.toLowerCase(Locale.ROOT)) {
            case "user" -> "set the Database User property instead";
            case "ssl", "sslmode" -> "set the SSL Mode property instead";
            default -> "the service puts each dataset's schema on the search path itself; remove the parameter";
        };
    }

    @Override
    protected DatasetStore openStore(ConfigurationContext context) {
        Duration statementTimeout = context.getProperty(STATEMENT_TIMEOUT).evaluateAttributeExpressions().asDuration();
        PostgresSettings settings = new PostgresSettings(
                context.getProperty(DATABASE_URL).evaluateAttributeExpressions().getValue().trim(),
                context.getProperty(DATABASE_USER).evaluateAttributeExpressions().getValue().trim(),
                context.getProperty(PASSWORD).getValue(),
                context.getProperty(SCHEMA_PREFIX).evaluateAttributeExpressions().getValue(),
                context.getProperty(SSL_MODE).asAllowableValue(PostgresSslMode.class).getValue(),
                context.getProperty(MAX_CONNECTIONS).evaluateAttributeExpressions().asInteger(),
                context.getProperty(CONNECT_TIMEOUT).evaluateAttributeExpressions().asDuration(),
                statementTimeout);
        return DatasetStores.postgres(settings);
    }
}
