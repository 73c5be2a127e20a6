package io.nifimdm.nifi.services;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import io.nifimdm.core.dataset.PostgresSettings;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.util.TestRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.nifimdm.nifi.services.ServiceTests.explanation;
import static io.nifimdm.nifi.services.ServiceTests.invalidExplanations;
import static io.nifimdm.nifi.services.ServiceTests.outcomes;
import static io.nifimdm.nifi.services.ServiceTests.singleString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgreSQLDatasetStoreTest {

    private PostgreSQLDatasetStore service;
    private TestRunner runner;
    private String schemaPrefix;

    @BeforeEach
    void setUp() throws Exception {
        service = new PostgreSQLDatasetStore();
        runner = ServiceTests.runnerWith(service);
        // unique per test: several helpers and test classes share the server
        schemaPrefix = PostgresTestSupport.randomSchemaPrefix();
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, "jdbc:postgresql://db.example.com:5432/datasets");
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_USER, "nifi");
        runner.setProperty(service, PostgreSQLDatasetStore.SCHEMA_PREFIX, schemaPrefix);
    }

    @AfterEach
    void dropTestSchemas() throws Exception {
        if (runner.isControllerServiceEnabled(service)) {
            runner.disableControllerService(service);
        }
        PostgresTestSupport.dropSchemas(schemaPrefix);
    }

    /** Points the service at the shared test server, with the credentials as properties as a user would set them. */
    private void pointAtTestServer() {
        PostgresTestSupport.assumeAvailable();
        PostgresSettings server = PostgresTestSupport.settings(schemaPrefix);
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, server.jdbcUrl());
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_USER, server.user());
        if (server.password() != null) {
            runner.setProperty(service, PostgreSQLDatasetStore.PASSWORD, server.password());
        }
        runner.setProperty(service, PostgreSQLDatasetStore.SSL_MODE, PostgresSslMode.DISABLE);
    }

    @Test
    void showsOnlyPostgresPropertiesWithASensitivePassword() {
        assertThat(ServiceTests.propertyNames(service)).containsExactly("Database URL", "Database User", "Password",
                "Schema Prefix", "SSL Mode", "Max Connections", "Connect Timeout", "Statement Timeout");
        assertThat(PostgreSQLDatasetStore.PASSWORD.isSensitive()).isTrue();
        assertThat(PostgreSQLDatasetStore.PASSWORD.isExpressionLanguageSupported()).isFalse();
        assertThat(PostgreSQLDatasetStore.SCHEMA_PREFIX.getDefaultValue()).isEqualTo("mdm_");
        assertThat(PostgreSQLDatasetStore.MAX_CONNECTIONS.getDefaultValue()).isEqualTo("8");
        assertThat(PostgreSQLDatasetStore.SSL_MODE.getDefaultValue()).isEqualTo("prefer");
        assertThat(service.getBackendKind()).isEqualTo(BackendKind.POSTGRESQL);
        runner.assertValid(service);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jdbc:mysql://db:3306/x | must start with jdbc:postgresql://",
            "jdbc:postgresql://db.example.com:5432/datasets?password=secret | must not carry a password",
            "jdbc:postgresql://db.example.com/datasets?sslpassword=secret | must not carry a password",
            "jdbc:postgresql://nifi:secret@db.example.com/datasets | must not contain credentials",
            "jdbc:postgresql://db.example.com:notaport/datasets | not a valid PostgreSQL JDBC URL",
            "jdbc:postgresql://db.example.com:5432 | names no database",
            "jdbc:postgresql://db.example.com:5432/datasets?sslmode=require | set the SSL Mode property instead",
            "jdbc:postgresql://db.example.com:5432/datasets?user=nifi | set the Database User property instead",
            "jdbc:postgresql://db.example.com:5432/datasets?currentSchema=x | puts each dataset's schema on the search path",
    })
    void badUrlsAreInvalidWithAnActionableMessage(String url, String expected) {
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, url);
        runner.assertNotValid(service);
        String explanations = invalidExplanations(runner, service);
        assertThat(explanations).contains("Database URL").contains(expected);
        assertThat(explanations).doesNotContain("secret\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Mdm_ | only lower-case letters",
            "mdm- | only lower-case letters",
            "1mdm_ | start with a letter or underscore",
            "pg_data_ | reserves schema names starting with pg_",
            "a_prefix_that_is_far_too_long_ | at most 20 characters",
    })
    void badSchemaPrefixesAreInvalidWithAnActionableMessage(String prefix, String expected) {
        runner.setProperty(service, PostgreSQLDatasetStore.SCHEMA_PREFIX, prefix);
        runner.assertNotValid(service);
        assertThat(invalidExplanations(runner, service)).contains("Schema Prefix").contains(expected);
    }

    @Test
    void environmentExpressionsAreEvaluatedBeforeValidation() {
        runner.setEnvironmentVariableValue("MDM_PG_HOST", "db.internal");
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, "jdbc:postgresql://${MDM_PG_HOST}:5432/mdm");
        runner.assertValid(service);
        runner.setEnvironmentVariableValue("MDM_PG_PARAMS", "password=oops");
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL,
                "jdbc:postgresql://${MDM_PG_HOST}:5432/mdm?${MDM_PG_PARAMS}");
        assertThat(invalidExplanations(runner, service)).contains("must not carry a password");
    }

    @Test
    void verificationAgainstTheServerSucceedsAndLeavesNothingBehind() throws Exception {
        pointAtTestServer();
        List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertThat(outcomes(results)).containsExactly(
                Map.entry(AbstractMdmDatasetStore.STEP_OPEN, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_CREATE_PROBE, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_QUERY_PROBE, Outcome.SUCCESSFUL),
                Map.entry(AbstractMdmDatasetStore.STEP_DROP_PROBE, Outcome.SUCCESSFUL));
        assertThat(explanation(results, AbstractMdmDatasetStore.STEP_OPEN)).contains("PostgreSQL")
                .contains(PostgresTestSupport.urlWithoutQuery());
        assertThat(PostgresTestSupport.schemasWithPrefix(schemaPrefix)).isEmpty();
    }

    @Test
    void verificationReportsAServerThatIsDown() {
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, "jdbc:postgresql://127.0.0.1:1/test");
        runner.setProperty(service, PostgreSQLDatasetStore.CONNECT_TIMEOUT, "2 sec");
        runner.setProperty(service, PostgreSQLDatasetStore.PASSWORD, "never-shown-pw");
        List<ConfigVerificationResult> results = runner.verify(service, Map.of());
        assertThat(outcomes(results)).containsExactly(
                Map.entry(AbstractMdmDatasetStore.STEP_OPEN, Outcome.FAILED),
                Map.entry(AbstractMdmDatasetStore.STEP_CREATE_PROBE, Outcome.SKIPPED),
                Map.entry(AbstractMdmDatasetStore.STEP_QUERY_PROBE, Outcome.SKIPPED),
                Map.entry(AbstractMdmDatasetStore.STEP_DROP_PROBE, Outcome.SKIPPED));
        assertThat(explanation(results, AbstractMdmDatasetStore.STEP_OPEN)).contains("127.0.0.1")
                .doesNotContain("never-shown-pw");
    }

    @Test
    void enablingAgainstAServerThatIsDownFailsClearly() {
        runner.setProperty(service, PostgreSQLDatasetStore.DATABASE_URL, "jdbc:postgresql://127.0.0.1:1/test");
        runner.setProperty(service, PostgreSQLDatasetStore.CONNECT_TIMEOUT, "2 sec");
        assertThatThrownBy(() -> runner.enableControllerService(service))
                .satisfies(e -> assertThat(ServiceTests.messageChain(e)).contains("Cannot open the PostgreSQL dataset"
                        + " store").contains("127.0.0.1"));
    }

    @Test
    void connectionHasTheDatasetSchemaOnTheSearchPathAndRunsRealSql() throws Exception {
        pointAtTestServer();
        runner.enableControllerService(service);
        service.getDatasetStore().create("Churn-Q1", null);
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "churn_q1"))) {
            assertThat(singleString(connection, "SELECT current_schema()")).isEqualTo(schemaPrefix + "churn_q1");
            SqlRoundTrip.writeAndReadBack(connection);
        }
        try (Connection direct = PostgresTestSupport.connect()) {
            assertThat(ServiceTests.query(direct, "SELECT count(*) FROM \"" + schemaPrefix + "churn_q1\".\""
                    + SqlRoundTrip.TABLE + "\"").getFirst().getFirst()).isEqualTo(4L);
        }
        assertThatThrownBy(() -> service.getConnection()).hasMessageContaining("'mdm.dataset.name' is required");
        assertThatThrownBy(() -> service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "never_made")))
                .hasMessageContaining("Dataset 'never_made'").hasMessageContaining("does not exist");
    }

    @Test
    void statementTimeoutAndUserReachTheConnectionsAndThePasswordIsNeverLogged() throws Exception {
        pointAtTestServer();
        runner.setProperty(service, PostgreSQLDatasetStore.STATEMENT_TIMEOUT, "7 sec");
        runner.setProperty(service, PostgreSQLDatasetStore.PASSWORD, "pw-that-must-not-leak");
        runner.enableControllerService(service);
        service.getDatasetStore().create("timeouts", null);
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "timeouts"))) {
            assertThat(singleString(connection, "SHOW statement_timeout")).isEqualTo("7s");
            assertThat(singleString(connection, "SELECT current_user"))
                    .isEqualTo(PostgresTestSupport.settings(schemaPrefix).user());
        }
        runner.disableControllerService(service);
        var log = runner.getControllerServiceLogger(ServiceTests.SERVICE_ID);
        assertThat(log.getInfoMessages()).isNotEmpty();
        Stream.of(log.getInfoMessages(), log.getWarnMessages(), log.getErrorMessages(),
                        log.getDebugMessages())
                .flatMap(List::stream)
                .forEach(message -> assertThat(message.getMsg()).doesNotContain("pw-that-must-not-leak"));
    }

    @Test
    void enableDisableEnableKeepsDatasetsAndClosesConnections() throws Exception {
        pointAtTestServer();
        runner.enableControllerService(service);
        service.getDatasetStore().create("survivor", null);
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "survivor"))) {
            SqlRoundTrip.writeAndReadBack(connection);
        }
        runner.disableControllerService(service);
        assertThatThrownBy(service::getDatasetStore).hasMessageContaining("not enabled");

        runner.enableControllerService(service);
        assertThat(service.getDatasetStore().exists("survivor")).isTrue();
        try (Connection connection = service.getConnection(Map.of(MdmDatasetStore.DATASET_NAME_ATTRIBUTE, "survivor"))) {
            SqlRoundTrip.assertRowsStillThere(connection);
        }
    }
}
