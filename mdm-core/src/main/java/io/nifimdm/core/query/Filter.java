package io.nifimdm.core.query;

import java.util.List;

/**
 * A row condition of a structured query. Values are plain JSON scalars (String, Long, Double, Boolean, null); the
 * compiler converts them to the column's storage type and binds them as parameters.
 */
public sealed interface Filter {

    /** All of the parts hold. */
    record And(List<Filter> parts) implements Filter {
        public And {
            parts = List.copyOf(parts);
        }
    }

    /** At least one part holds. */
    record Or(List<Filter> parts) implements Filter {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    /** {@code column <operator> value}; a null value with EQ / NE means IS NULL / IS NOT NULL. */
    record Comparison(String column, Operator operator, Object value) implements Filter {
    }

    /** {@code column [NOT] IN (values)}. */
    record In(String column, List<Object> values, boolean negated) implements Filter {
        public In {
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** {@code column BETWEEN low AND high}, both ends included. */
    record Between(String column, Object low, Object high) implements Filter {
    }

    /** {@code column IS [NOT] NULL}. */
    record IsNull(String column, boolean negated) implements Filter {
    }

    /** SQL LIKE on the column's text, case-sensitive on every engine: {@code %} any run, {@code _} one character. */
    record Like(String column, String pattern, boolean negated) implements Filter {
    }

    enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }
}
