package io.nifimdm.nifi.processors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.reporting.InitializationException;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One flow definition of {@code templates/}, read as NiFi's import reads it, and the means to run its components of
 * ours through TestRunners with the template's own properties (parameters replaced by test values).
 */
final class TemplateFlow {

    static final String OUR_BUNDLE_GROUP = "io.nifimdm";
    static final String OUR_BUNDLE_ARTIFACT = "nifi-mdm-nar";
    static final String CSV_RECORD_SET_WRITER = "org.apache.nifi.csv.CSVRecordSetWriter";
    private static final Pattern PARAMETER_REFERENCE = Pattern.compile("#\\{([^}]+)}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private TemplateFlow(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static Path repositoryRoot() {
        Path moduleDirectory = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return moduleDirectory.getParent().normalize();
    }

    static Path templatesDirectory() {
        return repositoryRoot().resolve("templates");
    }

    static List<Path> all() {
        try (Stream<Path> files = Files.list(templatesDirectory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TemplateFlow load(String fileName) {
        return load(templatesDirectory().resolve(fileName));
    }

    static TemplateFlow load(Path file) {
        try {
            return new TemplateFlow(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** The project version, which our bundle coordinates in the templates must carry. */
    static String projectVersion() {
        try {
            String pom = Files.readString(repositoryRoot().resolve("pom.xml"));
            Matcher matcher = Pattern.compile("<artifactId>nifi-mdm</artifactId>\\s*<version>([^<]+)</version>")
                    .matcher(pom);
            if (!matcher.find()) {
                throw new IllegalStateException("No project version in the root pom");
            }
            return matcher.group(1).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path file() {
        return file;
    }

    JsonNode root() {
        return root;
    }

    JsonNode group() {
        return root.path("flowContents");
    }

    List<JsonNode> list(String field) {
        List<JsonNode> nodes = new ArrayList<>();
        group().path(field).forEach(nodes::add);
        return nodes;
    }

    List<JsonNode> processors() {
        return list("processors");
    }

    List<JsonNode> services() {
        return list("controllerServices");
    }

    List<JsonNode> connections() {
        return list("connections");
    }

    JsonNode processor(String name) {
        return processors().stream().filter(p -> p.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No processor named " + name + " in " + file));
    }

    JsonNode componentById(String id) {
        for (String field : List.of("processors", "funnels", "inputPorts", "outputPorts", "controllerServices")) {
            for (JsonNode node : group().path(field)) {
                if (node.path("identifier").asText().equals(id)) {
                    return node;
                }
            }
        }
        return null;
    }

    JsonNode parameterContext() {
        return root.path("parameterContexts").path(group().path("parameterContextName").asText());
    }

    /** Parameter name to whether it is sensitive. */
    Map<String, Boolean> parameters() {
        Map<String, Boolean> parameters = new LinkedHashMap<>();
        parameterContext().path("parameters").forEach(p -> parameters.put(p.path("name").asText(),
                p.path("sensitive").asBoolean()));
        return parameters;
    }

    static boolean isOurs(JsonNode component) {
        return component.path("type").asText().startsWith("io.nifimdm.");
    }

    static Set<String> parameterReferences(String value) {
        Set<String> names = new LinkedHashSet<>();
        if (value != null) {
            Matcher matcher = PARAMETER_REFERENCE.matcher(value);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    /** The property values of a component (null values left out), parameters replaced by the given values. */
    static Map<String, String> resolvedProperties(JsonNode component, Map<String, String> parameterValues) {
        Map<String, String> resolved = new LinkedHashMap<>();
        component.path("properties").properties().forEach(entry -> {
            if (!entry.getValue().isNull()) {
                resolved.put(entry.getKey(), resolve(entry.getValue().asText(), parameterValues));
            }
        });
        return resolved;
    }

    static String resolve(String value, Map<String, String> parameterValues) {
        Matcher matcher = PARAMETER_REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!parameterValues.containsKey(name)) {
                throw new AssertionError("No test value for parameter " + name);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(parameterValues.get(name)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    static ConfigurableComponent instantiate(String type) {
        try {
            return (ConfigurableComponent) Class.forName(type).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot instantiate " + type, e);
        }
    }

    /**
     * A TestRunner for one of our processors with the template's properties, and every controller service it
     * references added under the template's identifier: ours configured from the template, a record writer as the
     * test double; serviceOverrides (service name to properties) replace template values, such as a unique
     * schema prefix per test. Closing disables the services, which releases the embedded stores' directory locks.
     */
    ProcessorRun run(String processorName, Map<String, String> parameterValues,
                     Map<String, Map<String, String>> serviceOverrides) throws InitializationException {
        JsonNode template = processor(processorName);
        Processor processor = (Processor) instantiate(template.path("type").asText());
        TestRunner runner = TestRunners.newTestRunner(processor);
        List<ControllerService> services = new ArrayList<>();
        for (Map.Entry<String, String> property : resolvedProperties(template, parameterValues).entrySet()) {
            PropertyDescriptor descriptor = processor.getPropertyDescriptor(property.getKey());
            if (descriptor.getControllerServiceDefinition() != null) {
                services.add(addService(runner, property.getValue(), parameterValues, serviceOverrides));
            }
            runner.setProperty(property.getKey(), property.getValue());
        }
        return new ProcessorRun(runner, services);
    }

    private ControllerService addService(TestRunner runner, String id, Map<String, String> parameterValues,
                                         Map<String, Map<String, String>> serviceOverrides) throws InitializationException {
        JsonNode template = componentById(id);
        if (template == null) {
            throw new AssertionError("No controller service " + id + " in " + file);
        }
        String type = template.path("type").asText();
        ControllerService service;
        if (isOurs(template)) {
            service = (ControllerService) instantiate(type);
            runner.addControllerService(id, service);
            Map<String, String> properties = resolvedProperties(template, parameterValues);
            properties.putAll(serviceOverrides.getOrDefault(template.path("name").asText(), Map.of()));
            properties.forEach((name, value) -> runner.setProperty(service, name, value));
        } else if (type.equals(CSV_RECORD_SET_WRITER)) {
            service = new TestRecordWriters.CsvLinesWriterFactory();
            runner.addControllerService(id, service);
        } else {
            throw new AssertionError("No test double for service type " + type);
        }
        runner.assertValid(service);
        runner.enableControllerService(service);
        return service;
    }

    record ProcessorRun(TestRunner runner, List<ControllerService> services) implements AutoCloseable {
        @Override
        public void close() {
            services.forEach(runner::disableControllerService);
            runner.shutdown();
        }
    }
}
