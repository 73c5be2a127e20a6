package io.nifimdm.nifi.processors;

import org.apache.nifi.components.ConfigurableComponent;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.controller.ControllerService;
import org.apache.nifi.processor.Processor;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's reference tables list every property and relationship the components really have. */
class ReadmeReferenceTest {

    private static final Path README = Path.of(System.getProperty("user.dir")).resolve("../README.md").normalize();

    @Test
    void everyProcessorPropertyAndRelationshipIsInTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        int processors = 0;
        for (Processor processor : ServiceLoader.load(Processor.class)) {
            processors++;
            String section = section(readme, "## " + processor.getClass().getSimpleName());
            if (section == null) {
                missing.add("section ## " + processor.getClass().getSimpleName());
                continue;
            }
            TestRunner runner = TestRunners.newTestRunner(processor.getClass());
            for (PropertyDescriptor property : ((ConfigurableComponent) runner.getProcessor())
                    .getPropertyDescriptors()) {
                if (!listsInTable(section, property.getName())) {
                    missing.add(processor.getClass().getSimpleName() + " property " + property.getName());
                }
            }
            for (Relationship relationship : runner.getProcessor().getRelationships()) {
                if (!listsInTable(section, relationship.getName())) {
                    missing.add(processor.getClass().getSimpleName() + " relationship " + relationship.getName());
                }
            }
        }
        assertThat(processors).isEqualTo(4);
        assertThat(missing).as("missing from %s", README).isEmpty();
    }

    @Test
    void everyServicePropertyIsInTheReadme() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        int services = 0;
        for (ControllerService service : ServiceLoader.load(ControllerService.class)) {
            if (!service.getClass().getName().startsWith("io.nifimdm.")) {
                continue;
            }
            services++;
            String section = section(readme, "### " + service.getClass().getSimpleName());
            if (section == null) {
                missing.add("section ### " + service.getClass().getSimpleName());
                continue;
            }
            TestRunner runner = TestRunners.newTestRunner(NoOpProcessor.class);
            runner.addControllerService("service", service);
            for (PropertyDescriptor property : service.getPropertyDescriptors()) {
                if (!listsInTable(section, property.getName())) {
                    missing.add(service.getClass().getSimpleName() + " property " + property.getName());
                }
            }
        }
        assertThat(services).isEqualTo(3);
        assertThat(missing).as("missing from %s", README).isEmpty();
    }

    /** The text from a heading to the next heading of the same or a higher level. */
    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return null;
        }
        String level = heading.substring(0, heading.indexOf(' ') + 1);
        int end = readme.length();
        for (String marker : level.equals("### ") ? List.of("\n## ", "\n### ") : List.of("\n## ")) {
            int next = readme.indexOf(marker, start + heading.length() + 1);
            if (next >= 0) {
                end = Math.min(end, next);
            }
        }
        return readme.substring(start, end);
    }

    /** A table row whose first cell names it, alone or in a comma-separated list, with or without backticks. */
    private static boolean listsInTable(String section, String name) {
        for (String line : section.split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1) < 0 ? line.length() : line.indexOf('|', 1));
            for (String item : firstCell.split(",")) {
                if (item.replace("`", "").replace("*", "").trim().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A processor with nothing to do, to host a controller service in a TestRunner. */
    public static class NoOpProcessor extends org.apache.nifi.processor.AbstractProcessor {
        @Override
        public void onTrigger(org.apache.nifi.processor.ProcessContext context,
                              org.apache.nifi.processor.ProcessSession session) {
        }
    }
}
