package io.nifimdm.core.register;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.backend.ColumnType;

import java.util.Map;

/** Later values did not fit the sampled types: the load must be redone with these columns widened. */
final class WidenColumnsException extends MdmException {

    private final Map<String, ColumnType> widened;

    WidenColumnsException(Map<String, ColumnType> widened, Throwable firstMismatch) {
        super("Columns " + widened.keySet() + " must be widened", firstMismatch);
        this.widened = Map.copyOf(widened);
    }

    Map<String, ColumnType> widened() {
        return widened;
    }
}
