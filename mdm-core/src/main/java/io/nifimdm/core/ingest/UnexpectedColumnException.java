package io.nifimdm.core.ingest;

/**
 * A JSON record holds a key that none of the records read ahead to fix the columns had. The content itself is
 * fine: reopen it with {@link ReadOptions#withExtraColumns} including {@link #column()} (or with a larger
 * {@link ReadOptions#withJsonColumnDiscoveryRecords lookahead}) and load again.
 */
public class UnexpectedColumnException extends InvalidInputException {

    private final String column;
    private final long recordNumber;

    public UnexpectedColumnException(String column, long recordNumber, int lookahead) {
        super("JSON record " + recordNumber + " has the key '" + column + "', which none of the first " + lookahead
                + " records had; reopen the content with this column added to the extra columns");
        this.column = column;
        this.recordNumber = recordNumber;
    }

    /** The key first seen late. */
    public String column() {
        return column;
    }

    /** 1-based number of the record that holds it. */
    public long recordNumber() {
        return recordNumber;
    }
}
