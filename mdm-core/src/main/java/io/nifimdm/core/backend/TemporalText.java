package io.nifimdm.core.backend;

import io.nifimdm.core.MdmException;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 text of dates and timestamps as SQLite stores them and PostgreSQL's COPY reads them:
 * {@code yyyy-MM-dd} and {@code yyyy-MM-dd HH:mm:ss[.ffffff]}. Timestamps keep microseconds, the precision
 * DuckDB and PostgreSQL store, so a value reads back the same on every engine. Hand-rolled because the bulk
 * paths format millions of values and DateTimeFormatter allocates per call.
 */
public final class TemporalText {

    private TemporalText() {
    }

    public static String date(LocalDate date) {
        StringBuilder sb = new StringBuilder(10);
        appendDate(sb, date);
        return sb.toString();
    }

    public static String timestamp(LocalDateTime timestamp) {
        StringBuilder sb = new StringBuilder(26);
        appendTimestamp(sb, timestamp);
        return sb.toString();
    }

    static void appendDate(StringBuilder sb, LocalDate date) {
        char[] buffer = new char[10];
        int length = writeDate(buffer, date);
        if (length < 0) {
            sb.append(date);
        } else {
            sb.append(buffer, 0, length);
        }
    }

    static void appendTimestamp(StringBuilder sb, LocalDateTime t) {
        char[] buffer = new char[TIMESTAMP_CHARS];
        int length = writeTimestamp(buffer, t);
        if (length < 0) {
            sb.append(t.toLocalDate()).append(' ');
            length = writeTime(buffer, 0, t);
            sb.append(buffer, 0, length);
        } else {
            sb.append(buffer, 0, length);
        }
    }

    /** Longest text {@link #writeTimestamp} writes. */
    static final int TIMESTAMP_CHARS = 26;

    /**
     * Writes {@code yyyy-MM-dd} into {@code out} (at least 10 chars) and returns its length, or -1 for a year
     * outside 0..9999, which {@link LocalDate#toString()} writes with a sign or more digits.
     */
    static int writeDate(char[] out, LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return -1;
        }
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        return 10;
    }

    /**
     * Writes {@code yyyy-MM-dd HH:mm:ss[.ffffff]} into {@code out} (at least {@link #TIMESTAMP_CHARS} chars) and
     * returns its length, or -1 when the year is outside 0..9999 (see {@link #writeDate}). Character arithmetic
     * into an array: the bulk paths format a timestamp per row.
     */
    static int writeTimestamp(char[] out, LocalDateTime t) {
        if (writeDate(out, t.toLocalDate()) < 0) {
            return -1;
        }
        out[10] = ' ';
        return writeTime(out, 11, t);
    }

    /** Writes {@code HH:mm:ss[.ffffff]} at {@code at}; returns the index after it. */
    private static int writeTime(char[] out, int at, LocalDateTime t) {
        int p = at;
        digits(out, p, t.getHour(), 2);
        out[p + 2] = ':';
        digits(out, p + 3, t.getMinute(), 2);
        out[p + 5] = ':';
        digits(out, p + 6, t.getSecond(), 2);
        p += 8;
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            out[p] = '.';
            digits(out, p + 1, micros, 6);
            p += 7;
        }
        return p;
    }

    /** {@code value} as exactly {@code width} decimal digits, zero-padded (value below 10^width). */
    private static void digits(char[] out, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** Parses {@code yyyy-MM-dd} (surrounding blanks ignored); java.time's exception for anything else. */
    public static LocalDate parseDate(String text) {
        String t = text.trim();
        LocalDate canonical = IsoTemporalParser.date(t);
        return canonical != null ? canonical : LocalDate.parse(t);
    }

    /** Parses {@code yyyy-MM-dd HH:mm:ss[.f...]} or the {@code T}-separated ISO form. */
    public static LocalDateTime parseTimestamp(String text) {
        String t = text.trim();
        LocalDateTime canonical = IsoTemporalParser.timestamp(t);
        if (canonical != null) {
            return canonical;
        }
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay();
            }
            if (t.length() > 10 && t.charAt(10) == ' ') {
                t = t.substring(0, 10) + 'T' + t.substring(11);
            }
            return LocalDateTime.parse(t);
        } catch (DateTimeParseException e) {
            throw new MdmException("Cannot read '" + text + "' as a timestamp (expected yyyy-MM-dd HH:mm:ss)", e);
        }
    }
}
