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
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            sb.append(date);
            return;
        }
        pad(sb, year, 4);
        sb.append('-');
        pad(sb, date.getMonthValue(), 2);
        sb.append('-');
        pad(sb, date.getDayOfMonth(), 2);
    }

    static void appendTimestamp(StringBuilder sb, LocalDateTime t) {
        appendDate(sb, t.toLocalDate());
        sb.append(' ');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            sb.append('.');
            pad(sb, micros, 6);
        }
    }

    private static void pad(StringBuilder sb, int value, int width) {
        int limit = 10;
        for (int i = 1; i < width; i++, limit *= 10) {
            if (value < limit) {
                sb.append('0');
            }
        }
        sb.append(value);
    }

    /** Parses {@code yyyy-MM-dd HH:mm:ss[.f...]} or the {@code T}-separated ISO form. */
    public static LocalDateTime parseTimestamp(String text) {
        String t = text.trim();
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
