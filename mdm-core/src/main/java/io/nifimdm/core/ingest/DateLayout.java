package io.nifimdm.core.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The date layouts of spec 2.6, in the spec's order of preference: {@code %Y-%m-%d}, {@code %Y/%m/%d},
 * {@code %d-%m-%Y}, {@code %d/%m/%Y}, {@code %m-%d-%Y}, {@code %m/%d/%Y}. Any of them may be followed by a time
 * of day, {@code HH:MM:SS} with an optional fraction of up to 9 digits, separated by a space or ISO's {@code T}.
 * Months, days and hours may have one or two digits (as {@code strptime} accepts); years have four.
 * Time-zone suffixes ({@code Z}, {@code +02:00}) are not accepted: such values stay text rather than lose
 * their offset in a zone-less TIMESTAMP.
 *
 * <p>Parsing is hand-written (no regex, no {@code DateTimeFormatter}) because it runs once per value.
 */
public enum DateLayout {
    YMD_DASH("%Y-%m-%d"),
    YMD_SLASH("%Y/%m/%d"),
    DMY_DASH("%d-%m-%Y"),
    DMY_SLASH("%d/%m/%Y"),
    MDY_DASH("%m-%d-%Y"),
    MDY_SLASH("%m/%d/%Y");

    /** Bit set of every layout, for {@link #matching}. */
    public static final int ALL = (1 << values().length) - 1;
    /** Flag added to a {@link #matching} result when the value carries a time of day. */
    public static final int HAS_TIME = 1 << 16;

    private static final DateLayout[] VALUES = values();

    private final String pattern;

    DateLayout(String pattern) {
        this.pattern = pattern;
    }

    /** The layout in {@code strptime} notation, as MDM writes it. */
    public String pattern() {
        return pattern;
    }

    int bit() {
        return 1 << ordinal();
    }

    /** The preferred (lowest) layout of a bit set, or null for none. */
    public static DateLayout first(int mask) {
        int layouts = mask & ALL;
        return layouts == 0 ? null : VALUES[Integer.numberOfTrailingZeros(layouts)];
    }

    /**
     * Which layouts read {@code text} as a valid calendar date, as a bit set over {@link #bit()}, plus
     * {@link #HAS_TIME} when a valid time of day follows. 0 when no layout reads it.
     */
    public static int matching(String text) {
        int begin = Values.trimStart(text);
        int end = Values.trimEnd(text, begin);
        return matching(text, begin, end);
    }

    static int matching(CharSequence s, int begin, int end) {
        int len = end - begin;
        if (len < 8) {
            return 0;
        }
        int dateEnd = begin;
        while (dateEnd < end && s.charAt(dateEnd) != ' ' && s.charAt(dateEnd) != 'T') {
            dateEnd++;
        }
        int timeFlag = 0;
        if (dateEnd < end) {
            if (parseTimeNanos(s, dateEnd + 1, end) < 0) {
                return 0;
            }
            timeFlag = HAS_TIME;
        }
        int mask = 0;
        char c4 = begin + 4 < dateEnd ? s.charAt(begin + 4) : 0;
        if (c4 == '-' || c4 == '/') {
            int year = digits(s, begin, begin + 4);
            if (year < 0) {
                return 0;
            }
            int p = begin + 5;
            int sep2 = indexOf(s, c4, p, dateEnd);
            if (sep2 < 0) {
                return 0;
            }
            int month = shortNumber(s, p, sep2);
            int day = shortNumber(s, sep2 + 1, dateEnd);
            if (validDate(year, month, day)) {
                mask = c4 == '-' ? YMD_DASH.bit() : YMD_SLASH.bit();
            }
        } else {
            int sep1 = begin + 1 < dateEnd && !isDigit(s.charAt(begin + 1)) ? begin + 1 : begin + 2;
            if (sep1 >= dateEnd) {
                return 0;
            }
            char sep = s.charAt(sep1);
            if (sep != '-' && sep != '/') {
                return 0;
            }
            int sep2 = indexOf(s, sep, sep1 + 1, dateEnd);
            if (sep2 < 0 || dateEnd - sep2 != 5) {
                return 0;
            }
            int first = shortNumber(s, begin, sep1);
            int second = shortNumber(s, sep1 + 1, sep2);
            int year = digits(s, sep2 + 1, dateEnd);
            if (year < 0) {
                return 0;
            }
            if (validDate(year, second, first)) {
                mask |= sep == '-' ? DMY_DASH.bit() : DMY_SLASH.bit();
            }
            if (validDate(year, first, second)) {
                mask |= sep == '-' ? MDY_DASH.bit() : MDY_SLASH.bit();
            }
        }
        return mask == 0 ? 0 : mask | timeFlag;
    }

    /** Parses a value known to match this layout without a time; null when it does not. */
    LocalDate parseDate(CharSequence s, int begin, int end) {
        long packed = parseDatePacked(s, begin, end);
        return packed < 0 ? null : LocalDate.of((int) (packed >> 16), (int) (packed >> 8) & 0xFF, (int) packed & 0xFF);
    }

    /**
     * Parses a date with or without a time under this layout. Returns a {@link LocalDate} for a date alone, a
     * {@link LocalDateTime} when a time follows, or null when the text does not fit this layout.
     */
    Object parse(CharSequence s, int begin, int end) {
        int dateEnd = begin;
        while (dateEnd < end && s.charAt(dateEnd) != ' ' && s.charAt(dateEnd) != 'T') {
            dateEnd++;
        }
        long packed = parseDatePacked(s, begin, dateEnd);
        if (packed < 0) {
            return null;
        }
        int year = (int) (packed >> 16);
        int month = (int) (packed >> 8) & 0xFF;
        int day = (int) packed & 0xFF;
        if (dateEnd == end) {
            return LocalDate.of(year, month, day);
        }
        long nanos = parseTimeNanos(s, dateEnd + 1, end);
        if (nanos < 0) {
            return null;
        }
        long seconds = nanos / 1_000_000_000L;
        return LocalDateTime.of(year, month, day, (int) (seconds / 3600), (int) (seconds / 60 % 60),
                (int) (seconds % 60), (int) (nanos % 1_000_000_000L));
    }

    private long parseDatePacked(CharSequence s, int begin, int end) {
        char sep = switch (this) {
            case YMD_DASH, DMY_DASH, MDY_DASH -> '-';
            default -> '/';
        };
        int year;
        int month;
        int day;
        if (this == YMD_DASH || this == YMD_SLASH) {
            if (end - begin < 8 || s.charAt(begin + 4) != sep) {
                return -1;
            }
            year = digits(s, begin, begin + 4);
            int sep2 = indexOf(s, sep, begin + 5, end);
            if (year < 0 || sep2 < 0) {
                return -1;
            }
            month = shortNumber(s, begin + 5, sep2);
            day = shortNumber(s, sep2 + 1, end);
        } else {
            int sep1 = indexOf(s, sep, begin, Math.min(end, begin + 3));
            int sep2 = sep1 < 0 ? -1 : indexOf(s, sep, sep1 + 1, end);
            if (sep2 < 0 || end - sep2 != 5) {
                return -1;
            }
            int first = shortNumber(s, begin, sep1);
            int second = shortNumber(s, sep1 + 1, sep2);
            year = digits(s, sep2 + 1, end);
            if (this == DMY_DASH || this == DMY_SLASH) {
                day = first;
                month = second;
            } else {
                month = first;
                day = second;
            }
        }
        if (!validDate(year, month, day)) {
            return -1;
        }
        return ((long) year << 16) | ((long) month << 8) | day;
    }

    /** Nanoseconds of the day for {@code H:MM:SS[.fraction]}, or -1. */
    private static long parseTimeNanos(CharSequence s, int begin, int end) {
        int c1 = indexOf(s, ':', begin, end);
        if (c1 < 0) {
            return -1;
        }
        int c2 = indexOf(s, ':', c1 + 1, end);
        if (c2 < 0 || c2 - c1 != 3) {
            return -1;
        }
        int hour = shortNumber(s, begin, c1);
        int minute = digits(s, c1 + 1, c2);
        int secEnd = c2 + 1;
        while (secEnd < end && s.charAt(secEnd) != '.') {
            secEnd++;
        }
        if (secEnd - (c2 + 1) != 2) {
            return -1;
        }
        int second = digits(s, c2 + 1, secEnd);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return -1;
        }
        long nanos = 0;
        if (secEnd < end) {
            int fractionDigits = end - secEnd - 1;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return -1;
            }
            int fraction = digits(s, secEnd + 1, end);
            if (fraction < 0) {
                return -1;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        return ((hour * 60L + minute) * 60 + second) * 1_000_000_000L + nanos;
    }

    private static boolean validDate(int year, int month, int day) {
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int length = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= length;
    }

    /** One or two digits, else -1. */
    private static int shortNumber(CharSequence s, int begin, int end) {
        int len = end - begin;
        return len < 1 || len > 2 ? -1 : digits(s, begin, end);
    }

    /** Decimal digits only (at most 9), else -1. */
    private static int digits(CharSequence s, int begin, int end) {
        if (begin >= end || end - begin > 9) {
            return -1;
        }
        int value = 0;
        for (int i = begin; i < end; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int indexOf(CharSequence s, char c, int begin, int end) {
        for (int i = begin; i < end; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
