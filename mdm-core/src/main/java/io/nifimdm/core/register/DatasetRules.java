package io.nifimdm.core.register;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.dataset.ProblemType;
import io.nifimdm.core.dataset.SemanticType;

import java.util.List;

/** MDM's detection rules (spec 2.2 to 2.6) as the registrar applies them. */
public interface DatasetRules {

    /** Columns whose names look like identifiers (spec 2.3), in column order. */
    List<String> idColumns(List<String> columnNames);

    /** The target named by a Kaggle sample_submission header (spec 2.2), or null. */
    String kaggleTarget(List<String> submissionColumns);

    /** Problem type from the target's name and sample values (spec 2.4), or null when undecided. */
    ProblemType inferProblemType(String targetColumn, List<Object> sampleValues);

    /** Meaning of a column from its storage type and sample values, before roles (ID, TARGET) apply. */
    SemanticType semanticType(ColumnDef column, List<Object> sampleValues);
}
