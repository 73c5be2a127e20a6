package io.nifimdm.nifi.processors;

import io.nifimdm.nifi.services.DuckDBDatasetStore;
import io.nifimdm.nifi.services.PostgreSQLDatasetStore;
import io.nifimdm.nifi.services.SQLiteDatasetStore;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.components.AllowableValue;
import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's reference of each processor and service names every property, allowable value, default, relationship and written attribute the code has: adding
 * one without documenting it fails the build.
 */
class ProcessorReferenceDocumentationTest {

    @ParameterizedTest
    @ValueSource(classes = {RegisterDataset.class, GenerateFeatures.class, QueryDataset.class, ExportDataset.class,
            SQLiteDatasetStore.class, DuckDBDatasetStore.class, PostgreSQLDatasetStore.class})
    void readmeSectionDocumentsTheComponent(Class<? extends ConfigurableComponent> type) throws Exception {
        String section = section(type.getSimpleName());
        assertThat(section).as("README section for " + type.getSimpleName()).isNotNull();
        ConfigurableComponent component = type.getDeclaredConstructor().newInstance();
        List<String> missing = new ArrayList<>();
        for (PropertyDescriptor property : component.getPropertyDescriptors()) {
            require(section, property.getName(), "property", missing);
            if (property.getDefaultValue() != null && !property.getDefaultValue().isEmpty()) {
                require(section, property.getDefaultValue(), "default of " + property.getName(), missing);
            }
            if (property.getAllowableValues() != null) {
                for (AllowableValue value : property.getAllowableValues()) {
                    require(section, value.getValue(), "allowable value of " + property.getName(), missing);
                }
            }
        }
        if (component instanceof Processor processor) {
            for (Relationship relationship : processor.getRelationships()) {
                require(section, relationship.getName(), "relationship", missing);
            }
            WritesAttributes writes = type.getAnnotation(WritesAttributes.class);
            if (writes != null) {
                for (WritesAttribute attribute : writes.value()) {
                    require(section, attribute.attribute(), "written attribute", missing);
                }
            }
        }
        assertThat(missing).as("missing from the README section of %s", type.getSimpleName()).isEmpty();
    }

    private static void require(String section, String text, String what, List<String> missing) {
        if (!section.contains(text)) {
            missing.add(what + " '" + text + "'");
        }
    }

    /** The text under "## name" or "### name" up to the next heading of the same or a higher level. */
    static String section(String name) throws IOException {
        for (Path file : documents()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                int level = line.indexOf(' ');
                if (line.startsWith("##") && level > 0 && line.substring(0, level).chars().allMatch(c -> c == '#')
                        && line.substring(level + 1).trim().equals(name)) {
                    StringBuilder text = new StringBuilder();
                    for (int j = i + 1; j < lines.size(); j++) {
                        String next = lines.get(j);
                        int nextLevel = next.indexOf(' ');
                        if (next.startsWith("#") && nextLevel > 0 && nextLevel <= level
                                && next.substring(0, nextLevel).chars().allMatch(c -> c == '#')) {
                            break;
                        }
                        text.append(next).append('\n');
                    }
                    return text.toString();
                }
            }
        }
        return null;
    }

    private static List<Path> documents() throws IOException {
        Path root = TemplateFlow.repositoryRoot();
        List<Path> documents = new ArrayList<>();
        documents.add(root.resolve("README.md"));
        return documents;
    }
}
