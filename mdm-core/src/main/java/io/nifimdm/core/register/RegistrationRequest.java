package io.nifimdm.core.register;

import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a registration needs besides the content.
 *
 * @param datasetName       as the user typed it; normalised by the registrar
 * @param tableName         as the user typed it (or derived from a file name); normalised by the registrar
 * @param targetColumn      null = keep the dataset's, or detect it from a Kaggle sample_submission
 * @param idColumns         empty = keep the dataset's plus the name heuristics; non-empty = exactly these
 * @param problemType       null = keep the dataset's, or infer it from the target's values
 * @param typeOverrides     per column: CATEGORICAL, DATETIME, NUMERIC or TEXT, honoured in every table
 * @param description       null = keep
 * @param tags              null = keep
 * @param ingestId          identity of the input (FlowFile UUID); a second registration with the same id is a
 *                          no-op reported as a duplicate. Null = no exactly-once tracking
 * @param batchSize         rows sent to the engine per batch
 */
public record RegistrationRequest(
        String datasetName,
        String tableName,
        RegistrationMode mode,
        String targetColumn,
        List<String> idColumns,
        ProblemType problemType,
        Map<String, SemanticType> typeOverrides,
        String description,
        List<String> tags,
        String ingestId,
        int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 10_000;

    public RegistrationRequest {
        Objects.requireNonNull(datasetName, "datasetName");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(mode, "mode");
        idColumns = idColumns == null ? List.of() : List.copyOf(idColumns);
        typeOverrides = typeOverrides == null ? Map.of() : Map.copyOf(typeOverrides);
        tags = tags == null ? null : List.copyOf(tags);
        if (batchSize <= 0) {
            batchSize = DEFAULT_BATCH_SIZE;
        }
    }

    /** A request with only the required parts; the rest detected or kept. */
    public static RegistrationRequest of(String datasetName, String tableName, RegistrationMode mode) {
        return new RegistrationRequest(datasetName, tableName, mode, null, List.of(), null, Map.of(), null, null, null,
                DEFAULT_BATCH_SIZE);
    }

    public RegistrationRequest withIngestId(String id) {
        return new RegistrationRequest(datasetName, tableName, mode, targetColumn, idColumns, problemType,
                typeOverrides, description, tags, id, batchSize);
    }

    public RegistrationRequest withTarget(String target) {
        return new RegistrationRequest(datasetName, tableName, mode, target, idColumns, problemType, typeOverrides,
                description, tags, ingestId, batchSize);
    }
}
