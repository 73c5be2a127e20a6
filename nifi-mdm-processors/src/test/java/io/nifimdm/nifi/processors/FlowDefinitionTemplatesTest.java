package io.nifimdm.nifi.processors;

import com.fasterxml.jackson.databind.JsonNode;
import io.nifimdm.core.testsupport.PostgresTestSupport;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every flow definition under templates/ imports into NiFi 2.8.0 as written, and our components in it are valid. */
class FlowDefinitionTemplatesTest {

    private static final Set<String> STOCK_BUNDLES = Set.of("nifi-standard-nar",
            "nifi-record-serialization-services-nar", "nifi-dbcp-service-nar");

    /** Stock components the templates may use: bundle, relationships, property names (NiFi 2.8.0 definitions). */
    private record Stock(String artifact, Set<String> relationships, boolean dynamicRelationships,
                         Set<String> properties) {
    }

    private static final Map<String, Stock> STOCK = Map.of(
            "org.apache.nifi.processors.standard.ListFile", new Stock("nifi-standard-nar", Set.of("success"), false,
                    Set.of("Input Directory", "Listing Strategy", "Recurse Subdirectories", "Record Writer",
                            "Input Directory Location", "File Filter", "Path Filter", "Include File Attributes",
                            "Minimum File Age", "Maximum File Age", "Minimum File Size", "Maximum File Size",
                            "Ignore Hidden Files", "Target System Timestamp Precision", "Entity Tracking State Cache",
                            "Entity Tracking Time Window", "Entity Tracking Initial Listing Target",
                            "Entity Tracking Node Identifier", "Track Performance",
                            "Maximum Number of Files to Track", "Max Disk Operation Time",
                            "Max Directory Listing Time")),
            "org.apache.nifi.processors.standard.FetchFile", new Stock("nifi-standard-nar",
                    Set.of("failure", "not.found", "permission.denied", "success"), false,
                    Set.of("File to Fetch", "Completion Strategy", "Move Destination Directory",
                            "Move Conflict Strategy", "File not Found Log Level", "Permission Denied Log Level")),
            "org.apache.nifi.processors.standard.PutFile", new Stock("nifi-standard-nar",
                    Set.of("failure", "success"), false,
                    Set.of("Directory", "Conflict Resolution Strategy", "Create Missing Directories",
                            "Maximum File Count", "Last Modified Time", "Permissions", "Owner", "Group")),
            "org.apache.nifi.processors.standard.LogAttribute", new Stock("nifi-standard-nar", Set.of("success"),
                    false, Set.of("Log Level", "Log Payload", "Attributes to Log",
                    "Attributes to Log Regular Expression", "Attributes to Ignore",
                    "Attributes to Ignore Regular Expression", "Log FlowFile Properties", "Output Format",
                    "Log Prefix", "Character Set")),
            "org.apache.nifi.processors.standard.GenerateFlowFile", new Stock("nifi-standard-nar",
                    Set.of("success"), false, Set.of("File Size", "Batch Size", "Data Format", "Unique FlowFiles",
                    "Custom Text", "Character Set", "Mime Type")),
            "org.apache.nifi.processors.standard.RouteOnAttribute", new Stock("nifi-standard-nar",
                    Set.of("unmatched"), true, Set.of("Routing Strategy")),
            TemplateFlow.CSV_RECORD_SET_WRITER, new Stock("nifi-record-serialization-services-nar", Set.of(), false,
                    Set.of("Schema Write Strategy", "Schema Cache", "Schema Reference Writer",
                            "Schema Access Strategy", "Schema Registry", "Schema Name", "Schema Version",
                            "Schema Branch", "Schema Text", "Schema Reference Reader", "Date Format", "Time Format",
                            "Timestamp Format", "CSV Format", "CSV Writer", "Value Separator", "Include Header Line",
                            "Quote Character", "Escape Character", "Comment Marker", "Null String", "Trim Fields",
                            "Quote Mode", "Record Separator", "Include Trailing Delimiter", "Character Set")));

    /** Allowable values of the stock properties the templates set to something other than free text. */
    private static final Map<String, Set<String>> STOCK_ALLOWABLE_VALUES = Map.of(
            "Conflict Resolution Strategy", Set.of("replace", "ignore", "fail"),
            "Recurse Subdirectories", Set.of("true", "false"),
            "Completion Strategy", Set.of("None", "Move File", "Delete File"),
            "Log Level", Set.of("trace", "debug", "info", "warn", "error"),
            "Output Format", Set.of("Line per Attribute", "Single Line"),
            "Routing Strategy", Set.of("Route to Property name", "Route to 'match' if all match",
                    "Route to 'match' if any matches"),
            "Listing Strategy", Set.of("timestamps", "entities", "none"),
            "Data Format", Set.of("Binary", "Text"));

    private static final List<String> PROCESSOR_FIELDS = List.of("identifier", "instanceIdentifier", "name",
            "comments", "position", "type", "bundle", "properties", "propertyDescriptors", "style", "schedulingPeriod",
            "schedulingStrategy", "executionNode", "penaltyDuration", "yieldDuration", "bulletinLevel",
            "runDurationMillis", "concurrentlySchedulableTaskCount", "autoTerminatedRelationships", "scheduledState",
            "retryCount", "retriedRelationships", "backoffMechanism", "maxBackoffPeriod", "componentType",
            "groupIdentifier");
    private static final List<String> CONNECTION_FIELDS = List.of("identifier", "instanceIdentifier", "source",
            "destination", "labelIndex", "zIndex", "selectedRelationships", "backPressureObjectThreshold",
            "backPressureDataSizeThreshold", "flowFileExpiration", "prioritizers", "bends", "loadBalanceStrategy",
            "loadBalanceCompression", "componentType", "groupIdentifier");
    private static final List<String> SERVICE_FIELDS = List.of("identifier", "instanceIdentifier", "name",
            "comments", "type", "bundle", "properties", "propertyDescriptors", "controllerServiceApis",
            "scheduledState", "bulletinLevel", "componentType", "groupIdentifier");
    private static final List<String> GROUP_FIELDS = List.of("identifier", "instanceIdentifier", "name", "comments",
            "position", "processGroups", "remoteProcessGroups", "processors", "inputPorts", "outputPorts",
            "connections", "labels", "funnels", "controllerServices", "parameterContextName",
            "defaultFlowFileExpiration", "defaultBackPressureObjectThreshold", "defaultBackPressureDataSizeThreshold",
            "scheduledState", "executionEngine", "maxConcurrentTasks", "statelessFlowTimeout", "componentType",
            "flowFileConcurrency", "flowFileOutboundPolicy");
    private static final List<String> LABEL_FIELDS = List.of("identifier", "instanceIdentifier", "position", "label",
            "zIndex", "width", "height", "style", "componentType", "groupIdentifier");
    private static final List<String> FUNNEL_FIELDS = List.of("identifier", "instanceIdentifier", "position",
            "componentType", "groupIdentifier");

    static List<Path> templates() {
        return TemplateFlow.all();
    }

    @Test
    void theFourTemplatesExist() {
        assertThat(TemplateFlow.all()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
                "kaggle-folder-to-features.json", "scheduled-dataset-report.json", "export-dataset.json",
                "migrate-sqlite-to-postgresql.json");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void isAWellFormedFlowDefinition(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        JsonNode root = flow.root();
        assertThat(root.path("flowEncodingVersion").asText()).isEqualTo("1.0");
        assertThat(root.has("externalControllerServices")).isTrue();
        assertThat(root.path("externalControllerServices").isEmpty()).as("self-contained: no external services")
                .isTrue();
        assertThat(root.has("parameterProviders")).isTrue();
        JsonNode group = flow.group();
        assertFields(group, GROUP_FIELDS, "process group");
        assertThat(group.path("componentType").asText()).isEqualTo("PROCESS_GROUP");
        String groupId = group.path("identifier").asText();

        JsonNode context = flow.parameterContext();
        assertThat(context.isMissingNode()).as("parameter context named by parameterContextName").isFalse();
        assertThat(context.path("name").asText()).isEqualTo(group.path("parameterContextName").asText());
        assertThat(context.path("componentType").asText()).isEqualTo("PARAMETER_CONTEXT");
        assertThat(context.path("parameters").isArray()).isTrue();
        assertThat(context.path("inheritedParameterContexts").isArray()).isTrue();
        for (JsonNode parameter : context.path("parameters")) {
            assertFields(parameter, List.of("name", "description", "sensitive", "provided", "value"), "parameter");
        }

        Set<String> identifiers = new HashSet<>();
        for (JsonNode processor : flow.processors()) {
            assertFields(processor, PROCESSOR_FIELDS, "processor " + processor.path("name"));
            assertFields(processor.path("bundle"), List.of("group", "artifact", "version"), "bundle");
            assertFields(processor.path("position"), List.of("x", "y"), "position");
            assertThat(processor.path("componentType").asText()).isEqualTo("PROCESSOR");
            assertThat(processor.path("groupIdentifier").asText()).isEqualTo(groupId);
            assertThat(identifiers.add(processor.path("identifier").asText())).as("unique identifier").isTrue();
            processor.path("properties").fieldNames().forEachRemaining(name -> assertThat(processor.path(
                    "propertyDescriptors").has(name)).as("descriptor of %s.%s", processor.path("name"), name)
                    .isTrue());
        }
        for (JsonNode service : flow.services()) {
            assertFields(service, SERVICE_FIELDS, "service " + service.path("name"));
            assertThat(service.path("componentType").asText()).isEqualTo("CONTROLLER_SERVICE");
            assertThat(service.path("groupIdentifier").asText()).isEqualTo(groupId);
            assertThat(service.path("controllerServiceApis").isEmpty()).isFalse();
            assertThat(identifiers.add(service.path("identifier").asText())).as("unique identifier").isTrue();
        }
        for (JsonNode connection : flow.connections()) {
            assertFields(connection, CONNECTION_FIELDS, "connection");
            assertThat(connection.path("componentType").asText()).isEqualTo("CONNECTION");
            assertThat(connection.path("groupIdentifier").asText()).isEqualTo(groupId);
            assertThat(connection.path("selectedRelationships").isEmpty()).isFalse();
            assertThat(identifiers.add(connection.path("identifier").asText())).as("unique identifier").isTrue();
        }
        for (JsonNode label : flow.list("labels")) {
            assertFields(label, LABEL_FIELDS, "label");
            assertThat(label.path("label").asText()).isNotBlank();
        }
        for (JsonNode funnel : flow.list("funnels")) {
            assertFields(funnel, FUNNEL_FIELDS, "funnel");
            assertThat(funnel.path("groupIdentifier").asText()).isEqualTo(groupId);
        }
        assertThat(flow.list("labels")).as("a label explains the flow").isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void componentsNameTheirRealBundleAndClass(Path file) throws IOException {
        TemplateFlow flow = TemplateFlow.load(file);
        String version = TemplateFlow.projectVersion();
        Set<String> registeredProcessors = registered("META-INF/services/org.apache.nifi.processor.Processor");
        Set<String> registeredServices = registered(
                "META-INF/services/org.apache.nifi.controller.ControllerService");
        List<JsonNode> components = new ArrayList<>(flow.processors());
        components.addAll(flow.services());
        for (JsonNode component : components) {
            String type = component.path("type").asText();
            JsonNode bundle = component.path("bundle");
            if (TemplateFlow.isOurs(component)) {
                assertThat(bundle.path("group").asText()).isEqualTo(TemplateFlow.OUR_BUNDLE_GROUP);
                assertThat(bundle.path("artifact").asText()).isEqualTo(TemplateFlow.OUR_BUNDLE_ARTIFACT);
                assertThat(bundle.path("version").asText()).isEqualTo(version);
                ConfigurableComponent instance = TemplateFlow.instantiate(type);
                boolean processor = component.path("componentType").asText().equals("PROCESSOR");
                assertThat(instance).isInstanceOf(processor ? Processor.class : ControllerService.class);
                assertThat(processor ? registeredProcessors : registeredServices).as("%s is discoverable", type)
                        .contains(type);
                assertOurProperties(component, instance);
            } else {
                Stock stock = STOCK.get(type);
                assertThat(stock).as("%s is a stock component the templates may use", type).isNotNull();
                assertThat(bundle.path("group").asText()).isEqualTo("org.apache.nifi");
                assertThat(bundle.path("artifact").asText()).isEqualTo(stock.artifact()).isIn(STOCK_BUNDLES);
                assertThat(bundle.path("version").asText()).isEqualTo("2.8.0");
                assertStockProperties(component, stock);
            }
        }
    }

    private static void assertOurProperties(JsonNode component, ConfigurableComponent instance) {
        Map<String, PropertyDescriptor> supported = instance.getPropertyDescriptors().stream()
                .collect(Collectors.toMap(PropertyDescriptor::getName, d -> d));
        for (String name : supported.keySet()) {
            assertThat(component.path("properties").has(name)).as("%s lists %s as NiFi's export does (regenerate "
                    + "the templates: python3 templates/generate_templates.py)", component.path("name"), name)
                    .isTrue();
        }
        component.path("properties").properties().forEach(entry -> {
            String name = entry.getKey();
            JsonNode declared = component.path("propertyDescriptors").path(name);
            PropertyDescriptor real = supported.get(name);
            if (real == null) {
                assertThat(declared.path("dynamic").asBoolean()).as("%s is a property of %s", name,
                        component.path("type")).isTrue();
                return;
            }
            assertThat(declared.path("identifiesControllerService").asBoolean()).as("%s identifies a service", name)
                    .isEqualTo(real.getControllerServiceDefinition() != null);
            assertThat(declared.path("sensitive").asBoolean()).as("%s is sensitive", name)
                    .isEqualTo(real.isSensitive());
            String value = entry.getValue().isNull() ? null : entry.getValue().asText();
            if (value != null && real.getAllowableValues() != null && !real.getAllowableValues().isEmpty()) {
                assertThat(real.getAllowableValues()).extracting(v -> v.getValue()).as("allowable values of %s",
                        name).contains(value);
            }
        });
    }

    private static void assertStockProperties(JsonNode component, Stock stock) {
        component.path("properties").properties().forEach(entry -> {
            String name = entry.getKey();
            if (component.path("propertyDescriptors").path(name).path("dynamic").asBoolean()) {
                return;
            }
            assertThat(stock.properties()).as("%s is a property of %s", name, component.path("type")).contains(name);
            Set<String> allowed = STOCK_ALLOWABLE_VALUES.get(name);
            if (allowed != null && !entry.getValue().isNull()) {
                assertThat(allowed).as("allowable values of %s", name).contains(entry.getValue().asText());
            }
        });
    }

    private static Set<String> registered(String resource) throws IOException {
        Set<String> types = new HashSet<>();
        for (URL url : Collections.list(FlowDefinitionTemplatesTest.class.getClassLoader().getResources(resource))) {
            try (InputStream in = url.openStream()) {
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                        .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(types::add);
            }
        }
        return types;
    }

    @ParameterizedTest
    @MethodSource("templates")
    void connectionsJoinComponentsOfTheGroupByRelationshipsTheyHave(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        String groupId = flow.group().path("identifier").asText();
        Map<String, Set<String>> routed = new HashMap<>();
        for (JsonNode connection : flow.connections()) {
            for (String end : List.of("source", "destination")) {
                JsonNode reference = connection.path(end);
                JsonNode component = flow.componentById(reference.path("id").asText());
                assertThat(component).as("%s %s exists in the group", end, reference.path("name")).isNotNull();
                assertThat(reference.path("groupId").asText()).isEqualTo(groupId);
                assertThat(reference.path("type").asText()).isEqualTo(component.path("componentType").asText());
            }
            JsonNode source = flow.componentById(connection.path("source").path("id").asText());
            Set<String> selected = new HashSet<>();
            connection.path("selectedRelationships").forEach(r -> selected.add(r.asText()));
            if (source.path("componentType").asText().equals("PROCESSOR")) {
                assertThat(relationships(source)).as("relationships of %s", source.path("name"))
                        .containsAll(selected);
                routed.computeIfAbsent(source.path("identifier").asText(), k -> new HashSet<>()).addAll(selected);
            }
            JsonNode destination = flow.componentById(connection.path("destination").path("id").asText());
            assertThat(destination.path("position").path("x").asDouble()).as("%s -> %s reads left to right",
                    source.path("name"), destination.path("name"))
                    .isGreaterThan(source.path("position").path("x").asDouble());
        }
        for (JsonNode processor : flow.processors()) {
            Set<String> handled = new HashSet<>(routed.getOrDefault(processor.path("identifier").asText(), Set.of()));
            Set<String> autoTerminated = new HashSet<>();
            processor.path("autoTerminatedRelationships").forEach(r -> autoTerminated.add(r.asText()));
            assertThat(relationships(processor)).as("auto-terminated relationships of %s", processor.path("name"))
                    .containsAll(autoTerminated);
            handled.addAll(autoTerminated);
            assertThat(handled).as("every relationship of %s is connected or auto-terminated (else NiFi keeps it "
                    + "invalid)", processor.path("name")).containsAll(relationships(processor));
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void failuresOfEveryStepAreKeptNotDropped(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        Set<String> failureRelationships = Set.of("failure", "not.found", "permission.denied");
        for (JsonNode processor : flow.processors()) {
            String id = processor.path("identifier").asText();
            boolean hasInput = flow.connections().stream()
                    .anyMatch(c -> c.path("destination").path("id").asText().equals(id));
            if (!hasInput) {
                continue; // a source's failure relationships only ever carry incoming FlowFiles
            }
            for (String relationship : relationships(processor)) {
                if (!failureRelationships.contains(relationship)) {
                    continue;
                }
                List<JsonNode> destinations = flow.connections().stream()
                        .filter(c -> c.path("source").path("id").asText().equals(id)
                                && c.path("selectedRelationships").toString().contains("\"" + relationship + "\""))
                        .map(c -> flow.componentById(c.path("destination").path("id").asText())).toList();
                assertThat(destinations).as("%s of %s goes somewhere", relationship, processor.path("name"))
                        .isNotEmpty();
                for (JsonNode destination : destinations) {
                    assertThat(destination.path("type").asText()).as("%s of %s is logged",
                            relationship, processor.path("name"))
                            .isEqualTo("org.apache.nifi.processors.standard.LogAttribute");
                    assertThat(destination.path("properties").path("Attributes to Log").asText())
                            .contains(MdmAttributes.ERROR_MESSAGE);
                }
            }
        }
    }

    /** Relationships a processor of the template really has: ours from the class, stock from the table. */
    private static Set<String> relationships(JsonNode processor) {
        String type = processor.path("type").asText();
        if (TemplateFlow.isOurs(processor)) {
            Processor instance = (Processor) TemplateFlow.instantiate(type);
            return instance.getRelationships().stream().map(Relationship::getName).collect(Collectors.toSet());
        }
        Stock stock = STOCK.get(type);
        assertThat(stock).as("stock processor %s", type).isNotNull();
        Set<String> names = new HashSet<>(stock.relationships());
        if (stock.dynamicRelationships()) {
            processor.path("propertyDescriptors").properties().forEach(entry -> {
                if (entry.getValue().path("dynamic").asBoolean()) {
                    names.add(entry.getKey());
                }
            });
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("templates")
    void parametersAreDefinedAndSecretsOnlyInSensitiveParameters(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        Map<String, Boolean> parameters = flow.parameters();
        Set<String> referenced = new HashSet<>();
        List<JsonNode> components = new ArrayList<>(flow.processors());
        components.addAll(flow.services());
        for (JsonNode component : components) {
            Set<String> sensitiveProperties = new HashSet<>();
            if (TemplateFlow.isOurs(component)) {
                TemplateFlow.instantiate(component.path("type").asText()).getPropertyDescriptors().stream()
                        .filter(PropertyDescriptor::isSensitive).forEach(d -> sensitiveProperties.add(d.getName()));
            }
            component.path("propertyDescriptors").properties().forEach(entry -> {
                if (entry.getValue().path("sensitive").asBoolean()) {
                    sensitiveProperties.add(entry.getKey());
                }
            });
            component.path("properties").properties().forEach(entry -> {
                String value = entry.getValue().isNull() ? null : entry.getValue().asText();
                Set<String> names = TemplateFlow.parameterReferences(value);
                referenced.addAll(names);
                for (String name : names) {
                    assertThat(parameters).as("parameter %s of %s.%s", name, component.path("name"),
                            entry.getKey()).containsKey(name);
                }
                if (sensitiveProperties.contains(entry.getKey())) {
                    assertThat(value).as("sensitive property %s holds nothing but a parameter reference",
                            entry.getKey()).matches("#\\{[^}]+}");
                    assertThat(parameters.get(names.iterator().next())).as("%s references a sensitive parameter",
                            entry.getKey()).isTrue();
                } else {
                    names.forEach(name -> assertThat(parameters.get(name)).as("non-sensitive %s.%s references "
                            + "sensitive parameter %s", component.path("name"), entry.getKey(), name).isFalse());
                }
            });
        }
        assertThat(referenced).as("every parameter is used").containsAll(parameters.keySet());
        for (JsonNode parameter : flow.parameterContext().path("parameters")) {
            if (parameter.path("sensitive").asBoolean()) {
                assertThat(parameter.path("value").isNull()).as("no secret value in the file").isTrue();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void serviceReferencesPointAtServicesOfTheGroup(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        Set<String> serviceIds = flow.services().stream().map(s -> s.path("identifier").asText())
                .collect(Collectors.toSet());
        for (JsonNode processor : flow.processors()) {
            processor.path("propertyDescriptors").properties().forEach(entry -> {
                JsonNode value = processor.path("properties").path(entry.getKey());
                if (entry.getValue().path("identifiesControllerService").asBoolean() && !value.isNull()
                        && !value.isMissingNode()) {
                    assertThat(serviceIds).as("%s.%s", processor.path("name"), entry.getKey())
                            .contains(value.asText());
                }
            });
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void connectionsIntoRegisterDatasetHaveDeliberateBackPressure(Path file) {
        TemplateFlow flow = TemplateFlow.load(file);
        JsonNode group = flow.group();
        for (JsonNode connection : flow.connections()) {
            JsonNode destination = flow.componentById(connection.path("destination").path("id").asText());
            if (destination.path("type").asText().equals(RegisterDataset.class.getName())) {
                assertThat(connection.path("backPressureObjectThreshold").asLong()).as("object threshold into %s",
                        destination.path("name")).isLessThan(group.path("defaultBackPressureObjectThreshold")
                        .asLong()).isPositive();
                assertThat(connection.path("backPressureDataSizeThreshold").asText())
                        .isNotEqualTo(group.path("defaultBackPressureDataSizeThreshold").asText());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void ourProcessorsAndServicesAreValidWithTheTemplateProperties(Path file, @TempDir Path directory)
            throws Exception {
        TemplateFlow flow = TemplateFlow.load(file);
        Map<String, String> values = testParameterValues(flow, directory);
        boolean postgres = flow.services().stream().anyMatch(s -> s.path("type").asText().contains("PostgreSQL"));
        if (postgres) {
            PostgresTestSupport.assumeAvailable();
        }
        int checked = 0;
        for (JsonNode processor : flow.processors()) {
            if (!TemplateFlow.isOurs(processor)) {
                continue;
            }
            try (TemplateFlow.ProcessorRun run = flow.run(processor.path("name").asText(), values, Map.of())) {
                run.runner().assertValid();
                checked++;
            }
        }
        assertThat(checked).as("the template uses our processors").isPositive();
    }

    /** A plausible test value for every parameter of a template. */
    static Map<String, String> testParameterValues(TemplateFlow flow, Path directory) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : flow.parameters().keySet()) {
            String value = switch (name) {
                case "Storage Directory" -> directory.resolve("store").toString();
                case "Input Directory" -> TemplateFlow.repositoryRoot().resolve("examples/kaggle-sample").toString();
                case "Output Directory", "Metadata Directory" -> directory.resolve("out").toString();
                case "Dataset Name" -> "churn";
                case "Table" -> "train";
                case "Category Column" -> "plan";
                case "Measure Column" -> "\"monthly income\"";
                case "Target Column" -> "churned";
                case "ID Columns" -> "customer_id";
                case "PostgreSQL URL" -> PostgresTestSupport.urlWithoutQuery();
                case "PostgreSQL User" -> PostgresTestSupport.settings("x").user();
                case "PostgreSQL Password" -> "not-checked-by-trust-auth";
                default -> throw new AssertionError("No test value for parameter " + name + " of " + flow.file());
            };
            values.put(name, value);
        }
        return values;
    }

    private static void assertFields(JsonNode node, List<String> fields, String what) {
        assertThat(node.isObject()).as("%s is an object", what).isTrue();
        for (String field : fields) {
            assertThat(node.has(field)).as("%s has %s", what, field).isTrue();
        }
    }
}
