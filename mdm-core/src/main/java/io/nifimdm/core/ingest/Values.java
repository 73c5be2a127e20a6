package io.nifimdm.core.ingest;

/**
 * Hand-written recognisers for the text forms of typed values. They run once per value on the hot path, so
 * they avoid regular expressions and allocation; {@link Double#parseDouble} is called only after the text is
 * known to be a plain or scientific decimal, because it would otherwise accept forms we do not want
 * ({@code 0x1p3}, {@code 1d}).
 *
 * <p>Rules (documented for users in the package description):
 * <ul>
 * <li>Surrounding spaces and tabs are ignored when reading a typed value; a text column keeps them.</li>
 * <li>Boolean: {@code true} / {@code false} in any case. Not {@code 0/1}, not {@code yes/no}.</li>
 * <li>Integer: optional sign and digits within the range of a long. A number with a leading zero
 * ({@code 007}, {@code -01}) is not an integer, so codes such as zip codes stay text.</li>
 * <li>Decimal: {@code [sign] digits [. digits] [e [sign] digits]} or {@code .5}; the same leading-zero rule
 * applies to the integer part ({@code 0.5} is fine, {@code 00.5} is not). A plain integer of more than
 * 17 digits that does not fit a long is not a decimal either (a double would lose digits). {@code NaN}, {@code inf},
 * {@code infinity} (any case, signed) are decimal values but never make a column decimal on their own.</li>
 * </ul>
 */
final class Values {

    /** Marker for "does not parse"; thrown rarely, so it carries no stack trace. */
    static final class NotParsable extends RuntimeException {
        static final NotParsable INSTANCE = new NotParsable();

        private NotParsable() {
            super(null, null, false, false);
        }
    }

    private Values() {
    }

    static int trimStart(CharSequence s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static int trimEnd(CharSequence s, int begin) {
        int e = s.length();
        while (e > begin && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
            e--;
        }
        return e;
    }

    /** TRUE, FALSE or null when the text is not a boolean. */
    static Boolean parseBoolean(CharSequence s, int begin, int end) {
        int len = end - begin;
        if (len == 4 && regionEqualsIgnoreCase(s, begin, "true")) {
            return Boolean.TRUE;
        }
        if (len == 5 && regionEqualsIgnoreCase(s, begin, "false")) {
            return Boolean.FALSE;
        }
        return null;
    }

    static boolean isInteger(CharSequence s, int begin, int end) {
        try {
            parseLong(s, begin, end);
            return true;
        } catch (NotParsable e) {
            return false;
        }
    }

    /** Parses an integer under the rules above; throws {@link NotParsable}. */
    static long parseLong(CharSequence s, int begin, int end) {
        int i = begin;
        boolean negative = false;
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 19 || (digits > 1 && s.charAt(i) == '0')) {
            throw NotParsable.INSTANCE;
        }
        // accumulate negatively so Long.MIN_VALUE fits
        long result = 0;
        for (; i < end; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw NotParsable.INSTANCE;
            }
            if (result < Long.MIN_VALUE / 10) {
                throw NotParsable.INSTANCE;
            }
            result *= 10;
            if (result < Long.MIN_VALUE + d) {
                throw NotParsable.INSTANCE;
            }
            result -= d;
        }
        if (!negative) {
            if (result == Long.MIN_VALUE) {
                throw NotParsable.INSTANCE;
            }
            return -result;
        }
        return result;
    }

    /** 0 when not a decimal, 1 for a finite decimal, 2 for NaN or an infinity. */
    static int decimalKind(CharSequence s, int begin, int end) {
        int i = begin;
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        if (i >= end) {
            return 0;
        }
        char first = s.charAt(i);
        if (first == 'n' || first == 'N' || first == 'i' || first == 'I') {
            int len = end - i;
            boolean special = (len == 3 && (regionEqualsIgnoreCase(s, i, "nan") || regionEqualsIgnoreCase(s, i, "inf")))
                    || (len == 8 && regionEqualsIgnoreCase(s, i, "infinity"));
            return special && !(regionEqualsIgnoreCase(s, i, "nan") && i != begin) ? 2 : 0;
        }
        int intStart = i;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && s.charAt(intStart) == '0') {
            return 0;
        }
        int fracDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            i++;
            int fracStart = i;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
            }
            fracDigits = i - fracStart;
        }
        if (intDigits + fracDigits == 0) {
            return 0;
        }
        boolean hasExponent = i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E');
        if (!hasExponent && i == end && fracDigits == 0 && s.charAt(end - 1) != '.' && intDigits > 17) {
            return 0; // an integer too long for a double to hold exactly: keep its digits as text
        }
        if (hasExponent) {
            i++;
            if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int expStart = i;
            while (i < end && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == expStart) {
                return 0;
            }
        }
        return i == end ? 1 : 0;
    }

    /** Parses a decimal under the rules above; throws {@link NotParsable}. */
    static double parseDouble(String s, int begin, int end) {
        double fast = fastPathDouble(s, begin, end);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        int kind = decimalKind(s, begin, end);
        if (kind == 0) {
            throw NotParsable.INSTANCE;
        }
        if (kind == 2) {
            boolean negative = s.charAt(begin) == '-';
            char c = s.charAt(negative || s.charAt(begin) == '+' ? begin + 1 : begin);
            if (c == 'n' || c == 'N') {
                return Double.NaN;
            }
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(begin == 0 && end == s.length() ? s : s.substring(begin, end));
    }

    /**
     * For columns the user forced numeric: the value with leading zeros of its integer part removed
     * ({@code 007} is 7, {@code -00.5} is -0.5), as Long or Double by {@code type}; null when still not a number.
     */
    static Object parseNumberIgnoringLeadingZeros(String s, int begin, int end, io.nifimdm.core.backend.ColumnType type) {
        int i = begin;
        StringBuilder sb = new StringBuilder(end - begin);
        if (i < end && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            sb.append(s.charAt(i++));
        }
        while (i < end - 1 && s.charAt(i) == '0' && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '9') {
            i++;
        }
        sb.append(s, i, end);
        String cleaned = sb.toString();
        try {
            return type == io.nifimdm.core.backend.ColumnType.INTEGER ? (Object) parseLong(cleaned, 0, cleaned.length())
                    : (Object) parseDouble(cleaned, 0, cleaned.length());
        } catch (NotParsable e) {
            return null;
        }
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Clinger's fast path, which also validates: for a plain decimal ({@code [sign] digits [. digits]}, no
     * exponent, leading-zero rule kept) with at most 15 significant digits, the digits form an exact double and
     * so does the power of ten (up to 1e22), so one IEEE division gives the correctly rounded result, the same
     * double {@link Double#parseDouble} returns. NaN when the fast path does not apply or the text is not such a
     * decimal; the caller then validates and parses the slow way.
     */
    private static double fastPathDouble(String s, int begin, int end) {
        int i = begin;
        boolean negative = false;
        if (i >= end) {
            return Double.NaN;
        }
        char c = s.charAt(i);
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        int intStart = i;
        long mantissa = 0;
        int significant = 0;
        while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
            if (mantissa != 0 || c != '0') {
                significant++;
            }
            mantissa = mantissa * 10 + (c - '0');
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits > 1 && s.charAt(intStart) == '0') {
            return Double.NaN;
        }
        int fractionDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            i++;
            while (i < end && (c = s.charAt(i)) >= '0' && c <= '9') {
                if (mantissa != 0 || c != '0') {
                    significant++;
                }
                mantissa = mantissa * 10 + (c - '0');
                fractionDigits++;
                i++;
            }
        }
        if (i != end || intDigits + fractionDigits == 0 || significant > 15 || fractionDigits > 22) {
            return Double.NaN;
        }
        double value = (double) mantissa / POWERS_OF_TEN[fractionDigits];
        return negative ? -value : value;
    }

    private static boolean regionEqualsIgnoreCase(CharSequence s, int begin, String lowerWord) {
        if (s.length() - begin < lowerWord.length()) {
            return false;
        }
        for (int k = 0; k < lowerWord.length(); k++) {
            char c = s.charAt(begin + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
