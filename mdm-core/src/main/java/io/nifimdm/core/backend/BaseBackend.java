package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** What the three engines share: double-quote identifier quoting, DDL shape, lenient reading of JDBC values. */
abstract class BaseBackend implements Backend {

    /** Longest identifier in UTF-8 bytes, or 0 for no limit. */
    protected abstract int maxIdentifierBytes();

    @Override
    public String quote(String identifier) {
        validateIdentifier(identifier);
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private void validateIdentifier(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new MdmException("Identifier cannot be empty");
        }
        for (int i = 0; i < identifier.length(); i++) {
            char c = identifier.charAt(i);
            if (Character.isISOControl(c)) {
                throw new MdmException("Identifier '" + printable(identifier) + "' contains the control character U+"
                        + String.format(Locale.ROOT, "%04X", (int) c) + ", which " + kind().id()
                        + " names cannot hold");
            }
            if (Character.isSurrogate(c) && !validSurrogatePair(identifier, i)) {
                throw new MdmException("Identifier '" + printable(identifier) + "' contains a broken UTF-16 surrogate");
            }
        }
        int max = maxIdentifierBytes();
        if (max > 0) {
            int bytes = Utf8.length(identifier);
            if (bytes > max) {
                throw new MdmException("Identifier '" + identifier + "' is " + bytes + " bytes long in UTF-8; "
                        + kind().id() + " allows at most " + max + " bytes");
            }
        }
    }

    private static boolean validSurrogatePair(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    private static String printable(String identifier) {
        StringBuilder sb = new StringBuilder();
        identifier.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                sb.append(String.format(Locale.ROOT, "\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }

    @Override
    public String qualified(String schema, String table) {
        return schema == null ? quote(table) : quote(schema) + '.' + quote(table);
    }

    @Override
    public String createTableSql(String schema, String table, List<ColumnDef> columns) {
        if (columns.isEmpty()) {
            throw new MdmException("Table '" + table + "' needs at least one column");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(qualified(schema, table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            ColumnDef column = columns.get(i);
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(quote(column.name())).append(' ').append(sqlType(column.type()));
        }
        return sql.append(')').toString();
    }

    /** Quoted, comma-separated column list, used by the insert and copy statements. */
    protected String columnList(List<ColumnDef> columns) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(columns.get(i).name()));
        }
        return sb.toString();
    }

    @Override
    public ColumnType columnType(String engineTypeName) {
        String t = engineTypeName == null ? "" : engineTypeName.trim().toUpperCase(Locale.ROOT);
        int paren = t.indexOf('(');
        if (paren >= 0) {
            t = t.substring(0, paren).trim();
        }
        return switch (t) {
            case "BOOLEAN", "BOOL" -> ColumnType.BOOLEAN;
            case "INTEGER", "INT", "INT2", "INT4", "INT8", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT",
                 "UINTEGER", "USMALLINT", "UTINYINT", "LONG", "SERIAL", "BIGSERIAL" -> ColumnType.INTEGER;
            case "REAL", "DOUBLE", "DOUBLE PRECISION", "FLOAT", "FLOAT4", "FLOAT8", "NUMERIC", "DECIMAL" ->
                    ColumnType.DECIMAL;
            case "DATE" -> ColumnType.DATE;
            case "TIMESTAMP", "DATETIME", "TIMESTAMP WITHOUT TIME ZONE", "TIMESTAMP_US", "TIMESTAMP_MS",
                 "TIMESTAMP_NS", "TIMESTAMP_S" -> ColumnType.TIMESTAMP;
            default -> ColumnType.TEXT;
        };
    }

    @Override
    public Object readValue(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case BOOLEAN -> switch (value) {
                case Boolean b -> b;
                case Number n -> n.longValue() != 0;
                default -> parseBoolean(value.toString());
            };
            case INTEGER -> switch (value) {
                case Long l -> l;
                case BigDecimal d -> d.longValueExact();
                case Number n -> n.longValue();
                default -> Long.parseLong(value.toString().trim());
            };
            case DECIMAL -> switch (value) {
                case Double d -> d;
                case Number n -> n.doubleValue();
                default -> Double.parseDouble(value.toString().trim());
            };
            case DATE -> switch (value) {
                case LocalDate d -> d;
                case java.sql.Date d -> d.toLocalDate();
                case LocalDateTime t -> t.toLocalDate();
                case Timestamp t -> t.toLocalDateTime().toLocalDate();
                default -> TemporalText.parseDate(value.toString());
            };
            case TIMESTAMP -> switch (value) {
                case LocalDateTime t -> t;
                case Timestamp t -> t.toLocalDateTime();
                case OffsetDateTime t -> t.toLocalDateTime();
                case LocalDate d -> d.atStartOfDay();
                default -> TemporalText.parseTimestamp(value.toString());
            };
            case TEXT -> value.toString();
        };
    }

    /** Whether the driver reads DATE / TIMESTAMP columns as {@code java.time} values through getObject(int, Class). */
    protected boolean typedTemporalGetters() {
        return true;
    }

    @Override
    public Object readValue(ResultSet resultSet, int index, ColumnType type) throws SQLException {
        if (typedTemporalGetters()) {
            if (type == ColumnType.TIMESTAMP) {
                return resultSet.getObject(index, LocalDateTime.class);
            }
            if (type == ColumnType.DATE) {
                return resultSet.getObject(index, LocalDate.class);
            }
        }
        return readValue(resultSet.getObject(index), type);
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "1", "t", "true", "y", "yes" -> Boolean.TRUE;
            case "0", "f", "false", "n", "no" -> Boolean.FALSE;
            default -> throw new MdmException("Cannot read '" + text + "' as a boolean");
        };
    }
}
