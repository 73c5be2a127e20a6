package io.nifimdm.nifi.processors;

import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;
import io.nifimdm.nifi.services.api.MdmDatasetStore;
import org.apache.nifi.provenance.ProvenanceEventRecord;
import org.apache.nifi.provenance.ProvenanceEventType;
import org.apache.nifi.util.MockFlowFile;
import org.apache.nifi.util.TestRunner;
import org.apache.nifi.util.TestRunners;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QueryDatasetTest {

    private static final String CSV = "id,\"my col\",score,cat,day\n"
            + "1,alpha,1.5,a,2024-01-01\n"
            + "2,\"x,y\",2.25,b,2024-01-02\n"
            + "3,,1.23456789012345,a,2024-01-03\n"
            + "4,Zoë,,b,2024-01-04\n"
            + "5,\"\",-7.0,c,2024-01-05\n"
            + "6,beta,3.0,a,2024-01-06\n"
            + "7,gamma,4.0,,2024-01-07\n";

    @TempDir
    Path directory;

    private TestRunner runner;
    private StoreServices services;

    private void start(BackendKind kind) throws Exception {
        runner = TestRunners.newTestRunner(QueryDataset.class);
        services = StoreServices.add(runner, kind, directory);
        runner.setProperty(QueryDataset.DATASET_STORE, StoreServices.SERVICE_ID);
        TestRecordWriters.CsvLinesWriterFactory writer = new TestRecordWriters.CsvLinesWriterFactory();
        runner.addControllerService("writer", writer);
        runner.enableControllerService(writer);
        runner.setProperty(QueryDataset.RECORD_WRITER, "writer");
        DatasetStore store = ((MdmDatasetStore) runner.getControllerService(StoreServices.SERVICE_ID))
                .getDatasetStore();
        byte[] bytes = CSV.getBytes(StandardCharsets.UTF_8);
        DatasetRegistrar.standard(store).register(RegistrationRequest.of("shop", "train", RegistrationMode.CREATE),
                ContentInput.of(() -> new ByteArrayInputStream(bytes), InputFormat.AUTO));
    }

    @AfterEach
    void cleanUp() {
        if (services != null) {
            services.close();
        }
    }

    private void trigger() {
        runner.enqueue("", Map.of("mdm.dataset.name", "shop", "wanted", "a"));
        runner.run();
    }

    private List<String> successContents() {
        List<String> contents = new ArrayList<>();
        for (MockFlowFile flowFile : runner.getFlowFilesForRelationship(QueryDataset.REL_SUCCESS)) {
            contents.add(flowFile.getContent());
        }
        return contents;
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void aTriggeredQueryWritesTypedRecordsAsChildrenOfTheTrigger(BackendKind kind) throws Exception {
        start(kind);
        runner.setProperty(QueryDataset.COLUMNS, "id, \"my col\", score, day");
        runner.setProperty(QueryDataset.FILTERS, "{\"cat\": \"${wanted}\"}");
        runner.setProperty(QueryDataset.ORDER_BY, "score DESC");
        trigger();

        runner.assertTransferCount(QueryDataset.REL_SUCCESS, 1);
        runner.assertTransferCount(QueryDataset.REL_ORIGINAL, 1);
        MockFlowFile result = runner.getFlowFilesForRelationship(QueryDataset.REL_SUCCESS).get(0);
        result.assertContentEquals("id:LONG,my col:STRING,score:DOUBLE,day:DATE\n"
                + "6,beta,3.0,2024-01-06\n"
                + "1,alpha,1.5,2024-01-01\n"
                + "3,\\N,1.23456789012345,2024-01-03\n");
        result.assertAttributeEquals("record.count", "3");
        result.assertAttributeEquals("mime.type", "text/csv");
        result.assertAttributeEquals(MdmAttributes.DATASET_NAME, "shop");
        result.assertAttributeEquals(MdmAttributes.TABLE, "train");
        result.assertAttributeEquals(MdmAttributes.BACKEND, kind.id());
        assertThat(result.getAttribute(MdmAttributes.QUERY_SQL)).contains("?").doesNotContain("'a'");
        assertThat(Long.parseLong(result.getAttribute(MdmAttributes.QUERY_DURATION_MS))).isNotNegative();
        assertThat(result.getAttribute("fragment.identifier")).isNull();

        List<ProvenanceEventRecord> events = runner.getProvenanceEvents();
        assertThat(events).extracting(ProvenanceEventRecord::getEventType)
                .containsExactlyInAnyOrder(ProvenanceEventType.FORK, ProvenanceEventType.FETCH);
        ProvenanceEventRecord fetch = events.stream().filter(e -> e.getEventType() == ProvenanceEventType.FETCH)
                .findFirst().orElseThrow();
        assertThat(fetch.getTransitUri()).contains("shop").endsWith("#train");
        assertThat(fetch.getDetails()).contains("3 rows").contains("train");
    }

    @Test
    void maxRowsPerFlowFileSplitsIntoFragments() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(QueryDataset.COLUMNS, "id");
        runner.setProperty(QueryDataset.MAX_ROWS_PER_FLOWFILE, "3");
        trigger();

        List<MockFlowFile> parts = runner.getFlowFilesForRelationship(QueryDataset.REL_SUCCESS);
        assertThat(parts).hasSize(3);
        assertThat(successContents()).containsExactly("id:LONG\n1\n2\n3\n", "id:LONG\n4\n5\n6\n", "id:LONG\n7\n");
        String identifier = parts.get(0).getAttribute("fragment.identifier");
        assertThat(identifier).isNotBlank();
        for (int i = 0; i < parts.size(); i++) {
            parts.get(i).assertAttributeEquals("fragment.identifier", identifier);
            parts.get(i).assertAttributeEquals("fragment.index", Integer.toString(i));
            parts.get(i).assertAttributeEquals("fragment.count", "3");
        }
        assertThat(parts).extracting(f -> f.getAttribute("record.count")).containsExactly("3", "3", "1");
        assertThat(runner.getProvenanceEvents()).extracting(ProvenanceEventRecord::getEventType)
                .filteredOn(t -> t == ProvenanceEventType.FETCH).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void asASourceItReportsReceiveAndAggregates(BackendKind kind) throws Exception {
        start(kind);
        runner.setIncomingConnection(false);
        runner.setProperty(QueryDataset.DATASET_NAME, "shop");
        runner.setProperty(QueryDataset.GROUP_BY, "cat");
        runner.setProperty(QueryDataset.AGGREGATIONS, "count(*) AS n, mean(score), stddev(score), median(score)");
        runner.run();

        runner.assertTransferCount(QueryDataset.REL_SUCCESS, 1);
        String content = successContents().get(0);
        assertThat(content.lines().toList()).hasSize(5);
        assertThat(content.lines().findFirst().orElseThrow())
                .isEqualTo("cat:STRING,n:LONG,avg_score:DOUBLE,stddev_score:DOUBLE,median_score:DOUBLE");
        assertThat(content).contains("\nb,2,2.25,\\N,2.25\n").contains("\nc,1,-7.0,\\N,-7.0\n")
                .endsWith("\\N,1,4.0,\\N,4.0\n");
        assertThat(runner.getProvenanceEvents()).extracting(ProvenanceEventRecord::getEventType)
                .containsExactly(ProvenanceEventType.RECEIVE);
    }

    @Test
    void readOnlySqlAndAnEmptyResult() throws Exception {
        start(BackendKind.DUCKDB);
        runner.setProperty(QueryDataset.SQL, "SELECT id, \"my col\" FROM train WHERE id > 100");
        trigger();
        MockFlowFile empty = runner.getFlowFilesForRelationship(QueryDataset.REL_SUCCESS).get(0);
        empty.assertContentEquals("id:LONG,my col:STRING\n");
        empty.assertAttributeEquals("record.count", "0");
        runner.assertTransferCount(QueryDataset.REL_ORIGINAL, 1);
    }

    @ParameterizedTest
    @EnumSource(BackendKind.class)
    void badQueriesRouteTheTriggerToFailureAndWriteNothing(BackendKind kind) throws Exception {
        start(kind);
        for (Map<org.apache.nifi.components.PropertyDescriptor, String> settings : List.of(
                Map.of(QueryDataset.COLUMNS, "id, nope"),
                Map.of(QueryDataset.FILTERS, "{\"nope\": 1}"),
                Map.of(QueryDataset.FILTERS, "${broken}"),
                Map.of(QueryDataset.ORDER_BY, "id; DROP TABLE train"),
                Map.of(QueryDataset.TABLE, "train; DROP TABLE train"),
                Map.of(QueryDataset.DATASET_NAME, "shop'; DROP SCHEMA x; --"),
                Map.of(QueryDataset.SQL, "DELETE FROM train"),
                Map.of(QueryDataset.SQL, "SELECT 1; DROP TABLE train"),
                Map.of(QueryDataset.SQL, "SELECT * FROM nope"))) {
            runner.clearTransferState();
            runner.removeProperty(QueryDataset.COLUMNS);
            runner.removeProperty(QueryDataset.FILTERS);
            runner.removeProperty(QueryDataset.ORDER_BY);
            runner.removeProperty(QueryDataset.SQL);
            runner.setProperty(QueryDataset.TABLE, "train");
            runner.setProperty(QueryDataset.DATASET_NAME, "${mdm.dataset.name}");
            settings.forEach(runner::setProperty);
            runner.enqueue("", Map.of("mdm.dataset.name", "shop", "broken", "{\"id\": "));
            runner.run();
            runner.assertTransferCount(QueryDataset.REL_SUCCESS, 0);
            runner.assertTransferCount(QueryDataset.REL_FAILURE, 1);
            assertThat(runner.getFlowFilesForRelationship(QueryDataset.REL_FAILURE).get(0)
                    .getAttribute(MdmAttributes.ERROR_MESSAGE)).as(settings.toString()).isNotBlank();
        }
        runner.clearTransferState();
        runner.removeProperty(QueryDataset.SQL);
        runner.setProperty(QueryDataset.TABLE, "train");
        runner.setProperty(QueryDataset.DATASET_NAME, "${mdm.dataset.name}");
        runner.setProperty(QueryDataset.AGGREGATIONS, "count(*)");
        trigger();
        assertThat(successContents()).containsExactly("count:LONG\n7\n");
    }

    @Test
    void invalidLiteralPropertiesAreCaughtAtValidation() throws Exception {
        start(BackendKind.SQLITE);
        runner.setProperty(QueryDataset.FILTERS, "{\"a\": {\"~\": 1}}");
        runner.assertNotValid();
        runner.removeProperty(QueryDataset.FILTERS);
        runner.setProperty(QueryDataset.AGGREGATIONS, "variance(x)");
        runner.assertNotValid();
        runner.removeProperty(QueryDataset.AGGREGATIONS);
        runner.setProperty(QueryDataset.SQL, "SELECT 1");
        runner.setProperty(QueryDataset.LIMIT, "5");
        runner.assertNotValid();
        runner.removeProperty(QueryDataset.LIMIT);
        runner.assertValid();
    }
}
