package io.nifimdm.nar;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens the NAR the build just packaged and checks what NiFi will see when it loads it: the manifest's identity and
 * parent NAR, the bundled jars (ours, the JDBC drivers and the libraries the parent NAR lacks, but nothing NiFi
 * provides), every extension listed in the jars' service files present as a class and in the generated extension
 * manifest, and the additional-details documentation.
 */
class NarContentsIT {

    private static final String BUNDLED = "META-INF/bundled-dependencies/";
    private static final String SERVICES = "META-INF/services/";
    private static final List<String> EXTENSION_TYPES = List.of(
            "org.apache.nifi.controller.ControllerService",
            "org.apache.nifi.processor.Processor",
            "org.apache.nifi.reporting.ReportingTask",
            "org.apache.nifi.flowanalysis.FlowAnalysisRule",
            "org.apache.nifi.parameter.ParameterProvider");
    private static final List<String> OUR_SERVICES = List.of(
            "io.nifimdm.nifi.services.SQLiteDatasetStore",
            "io.nifimdm.nifi.services.DuckDBDatasetStore",
            "io.nifimdm.nifi.services.PostgreSQLDatasetStore");

    private static Path nar;
    /** Bundled jar file name to its entries and service files. */
    private static final Map<String, BundledJar> jars = new TreeMap<>();

    private record BundledJar(Set<String> entries, Map<String, List<String>> serviceFiles) {
    }

    @BeforeAll
    static void openNar() throws IOException {
        nar = Path.of(required("mdm.nar.file"));
        assertThat(nar).as("the packaged NAR (run this check after the package phase)").isRegularFile();
        try (JarFile narFile = new JarFile(nar.toFile())) {
            for (ZipEntry entry : narFile.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith(BUNDLED) && name.endsWith(".jar")) {
                    try (InputStream in = narFile.getInputStream(entry)) {
                        jars.put(name.substring(BUNDLED.length()), readJar(in));
                    }
                }
            }
        }
    }

    private static BundledJar readJar(InputStream in) throws IOException {
        Set<String> entries = new HashSet<>();
        Map<String, List<String>> serviceFiles = new HashMap<>();
        try (JarInputStream jar = new JarInputStream(in)) {
            for (ZipEntry entry = jar.getNextEntry(); entry != null; entry = jar.getNextEntry()) {
                entries.add(entry.getName());
                String type = entry.getName().startsWith(SERVICES) ? entry.getName().substring(SERVICES.length()) : null;
                if (type != null && EXTENSION_TYPES.contains(type)) {
                    serviceFiles.put(type, serviceFileClasses(new String(jar.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        }
        return new BundledJar(entries, serviceFiles);
    }

    private static List<String> serviceFileClasses(String content) {
        return Arrays.stream(content.split("\\R"))
                .map(line -> line.replaceFirst("#.*", "").trim())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property " + property + " (set by the failsafe configuration)").isNotBlank();
        return value;
    }

    @Test
    void manifestNamesThisNarAndTheStandardServicesApiNarAsParent() throws IOException {
        Manifest manifest;
        try (JarFile narFile = new JarFile(nar.toFile())) {
            manifest = narFile.getManifest();
        }
        Attributes attributes = manifest.getMainAttributes();
        assertThat(attributes.getValue("Nar-Group")).isEqualTo("io.nifimdm");
        assertThat(attributes.getValue("Nar-Id")).isEqualTo("nifi-mdm-nar");
        assertThat(attributes.getValue("Nar-Version")).isEqualTo(required("mdm.nar.version"));
        assertThat(attributes.getValue("Nar-Dependency-Group")).isEqualTo("org.apache.nifi");
        assertThat(attributes.getValue("Nar-Dependency-Id")).isEqualTo("nifi-standard-services-api-nar");
        assertThat(attributes.getValue("Nar-Dependency-Version")).isEqualTo(required("mdm.nifi.version"));
        assertThat(attributes.getValue("Clone-During-Instance-Class-Loading")).isNotEqualTo("true");
    }

    @Test
    void bundlesOurModulesTheDriversAndTheLibrariesTheParentLacks() {
        assertThat(jars.keySet()).anySatisfy(jar -> assertThat(jar).startsWith("nifi-mdm-processors-"))
                .anySatisfy(jar -> assertThat(jar).matches("nifi-mdm-services-\\d.*"))
                .anySatisfy(jar -> assertThat(jar).startsWith("nifi-mdm-services-api-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("mdm-core-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("sqlite-jdbc-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("duckdb_jdbc-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("postgresql-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("HikariCP-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("fastcsv-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("jackson-databind-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("jackson-core-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("parquet-avro-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("parquet-hadoop-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("avro-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("snappy-java-"))
                .anySatisfy(jar -> assertThat(jar).startsWith("zstd-jni-"));
    }

    /** Parquet export runs without Hadoop (PROBES.md option B): hadoop-client-api is compile-only. */
    @Test
    void bundlesNoHadoopJars() {
        assertThat(jars.keySet()).noneMatch(jar -> jar.startsWith("hadoop-"));
        assertThat(jars.values()).noneMatch(jar -> jar.entries().contains("org/apache/hadoop/conf/Configuration.class"));
    }

    @Test
    void bundlesNothingThatNiFiOrTheParentNarProvides() {
        List<String> provided = List.of("nifi-api-", "nifi-utils-", "nifi-record-", "nifi-dbcp-service-api-",
                "nifi-record-serialization-service-api-", "nifi-framework-api-", "nifi-mock-", "slf4j-", "logback-",
                "junit-", "assertj-");
        assertThat(jars.keySet()).allSatisfy(jar -> assertThat(provided).noneMatch(jar::startsWith));
        assertThat(jars.values()).noneMatch(jar -> jar.entries().contains("org/apache/nifi/controller/ControllerService.class"))
                .noneMatch(jar -> jar.entries().contains("org/apache/nifi/dbcp/DBCPService.class"));
    }

    @Test
    void everyExtensionInTheServiceFilesIsAClassOfTheJarListingIt() {
        Map<String, String> listedBy = extensionsListedByJar();
        assertThat(listedBy).as("extensions listed in META-INF/services of the bundled jars")
                .containsKeys(OUR_SERVICES.toArray(String[]::new));
        listedBy.forEach((className, jar) -> assertThat(jars.get(jar).entries())
                .as(className + " listed in " + jar)
                .contains(className.replace('.', '/') + ".class"));
    }

    @Test
    void extensionManifestDocumentsEveryExtensionAndTheParentNar() throws Exception {
        Document manifest = extensionManifest();
        Element root = manifest.getDocumentElement();
        assertThat(text(root, "artifactId")).isEqualTo("nifi-mdm-nar");
        Element parent = (Element) root.getElementsByTagName("parentNar").item(0);
        assertThat(parent).as("parentNar in extension-manifest.xml").isNotNull();
        assertThat(text(parent, "artifactId")).isEqualTo("nifi-standard-services-api-nar");
        assertThat(text(parent, "version")).isEqualTo(required("mdm.nifi.version"));
        assertThat(text(root, "systemApiVersion")).isEqualTo(required("mdm.nifi.api.version"));

        List<String> documented = new ArrayList<>();
        NodeList extensions = root.getElementsByTagName("extension");
        for (int i = 0; i < extensions.getLength(); i++) {
            documented.add(text((Element) extensions.item(i), "name"));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(extensionsListedByJar().keySet());
    }

    @Test
    void additionalDetailsOfEachServiceAreCopied() throws IOException {
        try (JarFile narFile = new JarFile(nar.toFile())) {
            for (String service : OUR_SERVICES) {
                ZipEntry details = narFile.getEntry("META-INF/docs/additional-details/" + service + "/additionalDetails.md");
                assertThat(details).as("additionalDetails.md of " + service).isNotNull();
                try (InputStream in = narFile.getInputStream(details)) {
                    assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .startsWith("# " + service.substring(service.lastIndexOf('.') + 1))
                            .contains("mdm.dataset.name");
                }
            }
        }
    }

    /** Class name to the jar whose service file lists it; a class listed twice fails. */
    private static Map<String, String> extensionsListedByJar() {
        Map<String, String> listedBy = new TreeMap<>();
        jars.forEach((jarName, jar) -> jar.serviceFiles().values().forEach(classes -> classes.forEach(className -> {
            String previous = listedBy.put(className, jarName);
            assertThat(previous).as(className + " listed more than once").isNull();
        })));
        return listedBy;
    }

    private static Document extensionManifest() throws Exception {
        byte[] xml;
        try (JarFile narFile = new JarFile(nar.toFile())) {
            ZipEntry entry = narFile.getEntry("META-INF/docs/extension-manifest.xml");
            assertThat(entry).as("META-INF/docs/extension-manifest.xml").isNotNull();
            try (InputStream in = narFile.getInputStream(entry)) {
                xml = in.readAllBytes();
            }
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Text of the first direct child element named {@code tag}. */
    private static String text(Element parent, String tag) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(tag)) {
                return child.getTextContent();
            }
        }
        return null;
    }
}
