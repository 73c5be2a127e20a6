package io.nifimdm.nifi.services;

import org.apache.nifi.components.ConfigVerificationResult;
import org.apache.nifi.components.ConfigVerificationResult.Outcome;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.NoOpProcessor;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared plumbing of the service tests: a runner holding one service, and readable views of its results. */
final class ServiceTests {

    static final String SERVICE_ID = "dataset-store";

    private ServiceTests() {
    }

    static TestRunner runnerWith(ControllerService service) throws InitializationException {
        TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
        runner.addControllerService(SERVICE_ID, service);
        return runner;
    }

    /** The explanations of every invalid result, joined, so assertions can name the expected text. */
    static String invalidExplanations(TestRunner runner, ControllerService service) {
        return runner.validate(service).stream()
                .filter(result -> !result.isValid())
                .map(ValidationResult::toString)
                .collect(Collectors.joining("\n"));
    }

    static Map<String, Outcome> outcomes(List<ConfigVerificationResult> results) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        results.forEach(result -> outcomes.put(result.getVerificationStepName(), result.getOutcome()));
        return outcomes;
    }

    static String explanation(List<ConfigVerificationResult> results, String step) {
        return results.stream()
                .filter(result -> result.getVerificationStepName().equals(step))
                .map(ConfigVerificationResult::getExplanation)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no verification step " + step + " in " + results));
    }

    static List<String> propertyNames(ControllerService service) {
        return service.getPropertyDescriptors().stream().map(PropertyDescriptor::getName).toList();
    }

    /** Runs a query and returns its rows as lists of column values. */
    static List<List<Object>> query(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            int columns = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(resultSet.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static String singleString(Connection connection, String sql) throws SQLException {
        List<List<Object>> rows = query(connection, sql);
        return String.valueOf(rows.getFirst().getFirst());
    }

    /** The message of {@code throwable} and all its causes, for asserting on text that a wrapper may hide. */
    static String messageChain(Throwable throwable) {
        StringBuilder chain = new StringBuilder();
        for (Throwable t = throwable; t != null; t = t.getCause()) {
            chain.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return chain.toString();
    }
}
