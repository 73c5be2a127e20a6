package io.nifimdm.core.backend;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Reads the ISO text SQLite stores for dates ({@code yyyy-MM-dd}) and timestamps ({@code yyyy-MM-dd HH:mm:ss[.f]},
 * also with {@code T}) digit by digit. {@code LocalDateTime.parse} allocates a parse context and several maps per
 * call and was a third of an SQLite export's time. Anything else gives null, and {@link TemporalText} falls back to
 * java.time's parsing (which also reports malformed values), so both paths accept and return the same.
 */
final class IsoTemporalParser {

    private IsoTemporalParser() {
    }

    /** The date, or null when the text is not exactly {@code yyyy-MM-dd} with a valid date. */
    static LocalDate date(String text) {
        if (text.length() != 10 || !dateShape(text)) {
            return null;
        }
        try {
            return LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The timestamp, or null unless the text is {@code yyyy-MM-dd}, or {@code yyyy-MM-dd HH:mm:ss} (space or T)
     * with an optional fraction of 1 to 9 digits.
     */
    static LocalDateTime timestamp(String text) {
        int length = text.length();
        if (length == 10) {
            LocalDate date = date(text);
            return date == null ? null : date.atStartOfDay();
        }
        if (length < 19 || length == 20 || length > 29 || !dateShape(text)) {
            return null;
        }
        char separator = text.charAt(10);
        if ((separator != ' ' && separator != 'T') || text.charAt(13) != ':' || text.charAt(16) != ':'
                || !allDigits(text, 11, 2) || !allDigits(text, 14, 2) || !allDigits(text, 17, 2)) {
            return null;
        }
        int nanos = 0;
        if (length > 19) {
            if (text.charAt(19) != '.' || !allDigits(text, 20, length - 20)) {
                return null;
            }
            nanos = digits(text, 20, length - 20);
            for (int i = length - 20; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2),
                    digits(text, 11, 2), digits(text, 14, 2), digits(text, 17, 2), nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean dateShape(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-' && allDigits(text, 0, 4) && allDigits(text, 5, 2)
                && allDigits(text, 8, 2);
    }

    private static boolean allDigits(String text, int start, int count) {
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int digits(String text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
