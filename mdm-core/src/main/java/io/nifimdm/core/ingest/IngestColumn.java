package io.nifimdm.core.ingest;

import io.nifimdm.core.backend.ColumnDef;
import io.nifimdm.core.backend.ColumnType;

import java.util.Objects;

/**
 * A column as inference decided it: storage type, the one date layout its text uses (DATE/TIMESTAMP only),
 * and what the sample showed, for semantic detection.
 *
 * @param name           the column name as the content spells it
 * @param type           storage type
 * @param dateLayout     for DATE/TIMESTAMP read from text: the layout every sampled value follows; null when
 *                       unknown (the converter then fixes it on the first value) or not temporal
 * @param forced         the caller forced the type (a value that does not fit is then the user's error)
 * @param sampleNonNull  non-null values in the sample
 * @param sampleDistinct distinct non-null values in the sample, counted up to
 *                       {@link TypeInference#DISTINCT_LIMIT}; that value means "at least that many"
 */
public record IngestColumn(String name, ColumnType type, DateLayout dateLayout, boolean forced, long sampleNonNull,
                           int sampleDistinct) {

    public IngestColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!type.isTemporal()) {
            dateLayout = null;
        }
    }

    /** A column known only by name and type, e.g. from an existing table when appending. */
    public static IngestColumn of(ColumnDef def) {
        return new IngestColumn(def.name(), def.type(), null, false, 0, 0);
    }

    public ColumnDef def() {
        return new ColumnDef(name, type);
    }

    IngestColumn withType(ColumnType newType, DateLayout layout, boolean isForced) {
        return new IngestColumn(name, newType, layout, isForced, sampleNonNull, sampleDistinct);
    }
}
