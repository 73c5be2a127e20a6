package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.dataset.ColumnInfo;
import io.nifimdm.core.dataset.ColumnRole;
import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetInfo;
import io.nifimdm.core.dataset.DatasetMetadata;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;
import io.nifimdm.core.dataset.TableInfo;
import io.nifimdm.core.dataset.TableKind;
import io.nifimdm.core.ingest.IdColumns;
import io.nifimdm.core.ingest.IngestColumn;
import io.nifimdm.core.ingest.KaggleTargets;
import io.nifimdm.core.ingest.ProblemTypeInference;
import io.nifimdm.core.ingest.SemanticTypes;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Keeps the dataset's description right as tables arrive in any order: ID columns, target, problem type, and each
 * column's meaning and role in every table.
 */
final class MetadataDetection {

    static final String SUBMISSION_TABLE = "sample_submission";
    private static final int TARGET_SAMPLE_ROWS = ProblemTypeInference.SAMPLE_SIZE;
    private static final List<String> FIT_TABLES = List.of("train", "data");

    /**
     * Updates the dataset record for a table just loaded and writes that table's column records.
     *
     * @param typedSample first rows of the input, typed, in {@code columns} order
     * @param previous    the table's column records before an append (empty otherwise)
     */
    DatasetInfo apply(Connection connection, Dataset dataset, RegistrationRequest request, String table,
                      List<IngestColumn> columns, List<Object[]> typedSample, List<ColumnInfo> previous, Instant now)
            throws SQLException {
        DatasetMetadata metadata = dataset.metadata();
        DatasetInfo before = metadata.readInfo(connection);
        DatasetInfo info = before;
        List<String> names = columns.stream().map(IngestColumn::name).toList();

        if (request.description() != null) {
            info = info.withDescription(request.description(), now);
        }
        if (request.tags() != null) {
            info = info.withTags(request.tags(), now);
        }
        if (request.targetColumn() != null && !request.targetColumn().isBlank()) {
            String target = request.targetColumn().trim();
            String actual = matchColumn(names, target);
            if (actual == null && FIT_TABLES.contains(table)) {
                throw new MdmException("Target column '" + target + "' is not a column of table '" + table
                        + "' (columns: " + String.join(", ", names) + ")");
            }
            info = info.withTarget(actual != null ? actual : target, now);
        } else if (info.targetColumn() == null && SUBMISSION_TABLE.equals(table)) {
            String detected = KaggleTargets.fromSubmissionHeader(names);
            if (detected != null) {
                info = info.withTarget(detected, now);
            }
        }
        if (!request.idColumns().isEmpty()) {
            info = info.withIdColumns(request.idColumns().stream().map(String::trim).filter(s -> !s.isEmpty())
                    .toList(), now);
        } else {
            TreeSet<String> ids = new TreeSet<>(info.idColumns());
            ids.addAll(IdColumns.detect(names));
            info = info.withIdColumns(List.copyOf(ids), now);
        }
        if (request.problemType() != null) {
            info = info.withProblemType(request.problemType(), now);
        } else if (info.problemType() == null && info.targetColumn() != null) {
            List<Object> values = targetValues(connection, dataset, table, names, typedSample, info.targetColumn());
            if (!values.isEmpty()) {
                ProblemType inferred = ProblemTypeInference.infer(info.targetColumn(), values);
                if (inferred != null) {
                    info = info.withProblemType(inferred, now);
                }
            }
        }

        metadata.putColumns(connection, table, describeColumns(table, columns, previous, info,
                request.typeOverrides()));
        boolean rolesChanged = !Objects.equals(before.targetColumn(), info.targetColumn())
                || !before.idColumns().equals(info.idColumns());
        if (rolesChanged) {
            ColumnRoles.refresh(connection, dataset, info, table);
        }
        DatasetInfo updated = info.touched(now);
        metadata.writeInfo(connection, updated);
        return updated;
    }

    private static List<ColumnInfo> describeColumns(String table, List<IngestColumn> columns,
                                                    List<ColumnInfo> previous, DatasetInfo info,
                                                    Map<String, SemanticType> overrides) {
        List<ColumnInfo> result = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            IngestColumn column = columns.get(i);
            ColumnRole role = ColumnRoles.roleOf(column.name(), info);
            ColumnInfo earlier = i < previous.size() ? previous.get(i) : null;
            SemanticType override = overrides.get(column.name());
            SemanticType semantic;
            if (role == ColumnRole.FEATURE && override == null && earlier != null
                    && earlier.storageType() == column.type() && earlier.role() == ColumnRole.FEATURE) {
                semantic = earlier.semanticType();
            } else {
                semantic = SemanticTypes.detect(column, role == ColumnRole.ID, role == ColumnRole.TARGET, override);
            }
            result.add(new ColumnInfo(table, column.name(), i, column.type(), semantic, role));
        }
        return result;
    }

    private List<Object> targetValues(Connection connection, Dataset dataset, String table, List<String> names,
                                      List<Object[]> sample, String target) throws SQLException {
        int position = names.indexOf(target);
        if (position >= 0 && !SUBMISSION_TABLE.equals(table)) {
            List<Object> values = columnValues(sample, position);
            return values.subList(0, Math.min(values.size(), TARGET_SAMPLE_ROWS));
        }
        // The target's values live in another table (for example train, registered before sample_submission).
        for (TableInfo other : dataset.metadata().tables(connection)) {
            if (other.kind() != TableKind.DATA || other.name().equals(table) || SUBMISSION_TABLE.equals(other.name())) {
                continue;
            }
            for (ColumnInfo column : dataset.metadata().columns(connection, other.name())) {
                if (column.name().equals(target)) {
                    return ColumnRoles.sampleColumn(connection, dataset, other.name(), column, TARGET_SAMPLE_ROWS);
                }
            }
        }
        return List.of();
    }

    private static List<Object> columnValues(List<Object[]> rows, int position) {
        List<Object> values = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            values.add(row[position]);
        }
        return values;
    }

    private static String matchColumn(List<String> names, String wanted) {
        if (names.contains(wanted)) {
            return wanted;
        }
        String match = null;
        for (String name : names) {
            if (name.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                if (match != null) {
                    return null;
                }
                match = name;
            }
        }
        return match;
    }
}
