package io.nifimdm.nifi.processors;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.MockPropertyValue;
import org.apache.nifi.util.TestRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a template's flow as its connections say: our processors through TestRunners with the template's properties,
 * the few stock processors the templates use by a faithful stand-in of what they do with those properties. One
 * FlowFile moves at a time, the most downstream queue first, so a FlowFile travels the whole flow before the next
 * one starts, as on an idle canvas.
 */
final class FlowSimulator {

    record Item(Map<String, String> attributes, byte[] content) {
        String attribute(String name) {
            return attributes.get(name);
        }
    }

    private final TemplateFlow flow;
    private final Map<String, String> parameterValues;
    private final Map<String, Map<String, String>> serviceOverrides;
    private final Map<String, Deque<Item>> queues = new LinkedHashMap<>();
    private final Map<String, List<Item>> received = new HashMap<>();
    private final Map<String, Integer> routedCounts = new HashMap<>();

    FlowSimulator(TemplateFlow flow, Map<String, String> parameterValues,
                  Map<String, Map<String, String>> serviceOverrides) {
        this.flow = flow;
        this.parameterValues = parameterValues;
        this.serviceOverrides = serviceOverrides;
        flow.connections().forEach(c -> queues.put(c.path("identifier").asText(), new ArrayDeque<>()));
    }

    /** Triggers a source processor once, then moves FlowFiles until every queue into a processor is empty. */
    void runFrom(String sourceProcessor) throws Exception {
        execute(flow.processor(sourceProcessor), null);
        while (true) {
            JsonNode next = null;
            double nextX = Double.NEGATIVE_INFINITY;
            for (JsonNode connection : flow.connections()) {
                JsonNode destination = flow.componentById(connection.path("destination").path("id").asText());
                double x = destination.path("position").path("x").asDouble();
                if (!queues.get(connection.path("identifier").asText()).isEmpty()
                        && destination.path("componentType").asText().equals("PROCESSOR") && x > nextX) {
                    next = connection;
                    nextX = x;
                }
            }
            if (next == null) {
                return;
            }
            Item item = queues.get(next.path("identifier").asText()).poll();
            execute(flow.componentById(next.path("destination").path("id").asText()), item);
        }
    }

    /** FlowFiles a processor was given, in order. */
    List<Item> received(String processorName) {
        return received.getOrDefault(processorName, List.of());
    }

    /** FlowFiles kept in the queues into the funnels: the templates' failures. */
    List<Item> failed() {
        List<Item> items = new ArrayList<>();
        for (JsonNode connection : flow.connections()) {
            if (connection.path("destination").path("type").asText().equals("FUNNEL")) {
                items.addAll(queues.get(connection.path("identifier").asText()));
            }
        }
        return items;
    }

    /** How many FlowFiles a processor sent to a relationship. */
    int routed(String processorName, String relationship) {
        return routedCounts.getOrDefault(processorName + "/" + relationship, 0);
    }

    private void execute(JsonNode processor, Item input) throws Exception {
        String name = processor.path("name").asText();
        if (input != null) {
            received.computeIfAbsent(name, k -> new ArrayList<>()).add(input);
        }
        Map<String, List<Item>> outputs = TemplateFlow.isOurs(processor) ? runOurs(processor, input)
                : runStock(processor, input);
        Set<String> autoTerminated = new HashSet<>();
        processor.path("autoTerminatedRelationships").forEach(r -> autoTerminated.add(r.asText()));
        for (Map.Entry<String, List<Item>> output : outputs.entrySet()) {
            if (output.getValue().isEmpty()) {
                continue;
            }
            routedCounts.merge(name + "/" + output.getKey(), output.getValue().size(), Integer::sum);
            boolean connected = false;
            for (JsonNode connection : flow.connections()) {
                if (connection.path("source").path("id").asText().equals(processor.path("identifier").asText())
                        && contains(connection.path("selectedRelationships"), output.getKey())) {
                    queues.get(connection.path("identifier").asText()).addAll(output.getValue());
                    connected = true;
                }
            }
            assertThat(connected || autoTerminated.contains(output.getKey()))
                    .as("%s sent FlowFiles to %s, which is neither connected nor auto-terminated", name,
                            output.getKey()).isTrue();
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode element : array) {
            if (element.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasIncomingConnection(JsonNode processor) {
        String id = processor.path("identifier").asText();
        return flow.connections().stream().anyMatch(c -> c.path("destination").path("id").asText().equals(id));
    }

    private Map<String, List<Item>> runOurs(JsonNode processor, Item input) throws Exception {
        try (TemplateFlow.ProcessorRun run = flow.run(processor.path("name").asText(), parameterValues,
                serviceOverrides)) {
            TestRunner runner = run.runner();
            runner.setIncomingConnection(hasIncomingConnection(processor));
            runner.assertValid();
            if (input != null) {
                runner.enqueue(input.content(), input.attributes());
            }
            runner.run(1);
            assertThat(runner.getQueueSize().getObjectCount()).as("%s left its input in the queue (rolled back?)",
                    processor.path("name")).isZero();
            Map<String, List<Item>> outputs = new LinkedHashMap<>();
            for (Relationship relationship : runner.getProcessor().getRelationships()) {
                List<Item> items = new ArrayList<>();
                for (MockFlowFile flowFile : runner.getFlowFilesForRelationship(relationship)) {
                    items.add(new Item(new LinkedHashMap<>(flowFile.getAttributes()), flowFile.toByteArray()));
                }
                outputs.put(relationship.getName(), items);
            }
            return outputs;
        }
    }

    private Map<String, List<Item>> runStock(JsonNode processor, Item input) throws IOException {
        Map<String, String> properties = TemplateFlow.resolvedProperties(processor, parameterValues);
        Map<String, String> attributes = input == null ? Map.of() : input.attributes();
        String type = processor.path("type").asText();
        String simpleType = type.substring(type.lastIndexOf('.') + 1);
        return switch (simpleType) {
            case "ListFile" -> Map.of("success", listFiles(properties));
            case "FetchFile" -> {
                Path file = Path.of(evaluate(properties.get("File to Fetch"), attributes));
                yield Files.isRegularFile(file)
                        ? Map.of("success", List.of(new Item(attributes, Files.readAllBytes(file))))
                        : Map.of("not.found", List.of(input));
            }
            case "GenerateFlowFile" -> {
                Map<String, String> generated = new LinkedHashMap<>();
                generated.put("filename", UUID.randomUUID().toString());
                processor.path("propertyDescriptors").properties().forEach(entry -> {
                    if (entry.getValue().path("dynamic").asBoolean()) {
                        generated.put(entry.getKey(), evaluate(properties.get(entry.getKey()), Map.of()));
                    }
                });
                yield Map.of("success", List.of(new Item(generated, new byte[0])));
            }
            case "RouteOnAttribute" -> {
                assertThat(properties.get("Routing Strategy")).isEqualTo("Route to Property name");
                Map<String, List<Item>> routes = new LinkedHashMap<>();
                processor.path("propertyDescriptors").properties().forEach(entry -> {
                    if (entry.getValue().path("dynamic").asBoolean()
                            && Boolean.parseBoolean(evaluate(properties.get(entry.getKey()), attributes))) {
                        routes.put(entry.getKey(), List.of(input));
                    }
                });
                yield routes.isEmpty() ? Map.of("unmatched", List.of(input)) : routes;
            }
            case "LogAttribute" -> Map.of("success", List.of(input));
            case "PutFile" -> putFile(properties, input);
            default -> throw new AssertionError("No stand-in for stock processor " + type);
        };
    }

    private static String evaluate(String expression, Map<String, String> attributes) {
        return new MockPropertyValue(expression).evaluateAttributeExpressions(attributes).getValue();
    }

    private static List<Item> listFiles(Map<String, String> properties) throws IOException {
        assertThat(properties.get("Recurse Subdirectories")).isEqualTo("false");
        Path directory = Path.of(properties.get("Input Directory"));
        Pattern filter = Pattern.compile(properties.get("File Filter"));
        List<Item> items = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> filter.matcher(f.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(Path::toString)).toList()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("filename", file.getFileName().toString());
                attributes.put("path", "./");
                attributes.put("absolute.path", directory.toAbsolutePath() + "/");
                attributes.put("file.size", Long.toString(Files.size(file)));
                items.add(new Item(attributes, new byte[0]));
            }
        }
        return items;
    }

    private static Map<String, List<Item>> putFile(Map<String, String> properties, Item input) throws IOException {
        Path directory = Path.of(evaluate(properties.get("Directory"), input.attributes()));
        Files.createDirectories(directory);
        Path target = directory.resolve(input.attribute("filename"));
        String conflict = properties.getOrDefault("Conflict Resolution Strategy", "fail");
        if (Files.exists(target)) {
            if (conflict.equals("fail")) {
                return Map.of("failure", List.of(input));
            }
            if (conflict.equals("ignore")) {
                return Map.of("success", List.of(input));
            }
        }
        Path temporary = directory.resolve("." + input.attribute("filename"));
        Files.write(temporary, input.content());
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        return Map.of("success", List.of(input));
    }
}
