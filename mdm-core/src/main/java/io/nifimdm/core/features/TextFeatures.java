package io.nifimdm.core.features;

import io.nifimdm.core.backend.ColumnType;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text family of spec 3.3 on one value (null counts as the empty string). Characters are Unicode code points, as
 * Python counts them; words are maximal runs of non-whitespace; "special" is anything but ASCII letters, ASCII digits and
 * whitespace; {@code x_is_upper}/{@code x_is_lower} follow Python's {@code str.isupper/islower} (at least one cased
 * character, none of the other case); {@code x_avg_word_length} is the mean word length (0 without words).
 */
final class TextFeatures {

    static final List<String> SUFFIXES = List.of("length", "word_count", "avg_word_length", "n_uppercase",
            "n_lowercase", "n_digits", "n_spaces", "n_special", "has_digits", "has_special", "is_upper", "is_lower",
            "unique_word_count", "unique_word_ratio", "n_urls", "n_emails", "n_hashtags", "n_mentions");

    static final List<ColumnType> TYPES = List.of(ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DECIMAL,
            ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER,
            ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.BOOLEAN, ColumnType.INTEGER,
            ColumnType.DECIMAL, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.INTEGER);

    private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private TextFeatures() {
    }

    /** Writes the {@link #SUFFIXES} values for {@code text} into {@code out} from {@code offset}. */
    static void compute(String text, Object[] out, int offset) {
        String s = text == null ? "" : text;
        long length = 0;
        long upper = 0;
        long lower = 0;
        long digits = 0;
        long spaces = 0;
        long special = 0;
        boolean anyCasedUpper = false;
        boolean anyCasedLower = false;
        long words = 0;
        long wordChars = 0;
        boolean inWord = false;
        boolean wordAscii = true;
        WordSpans spans = null;
        WordSpans reusable = SPANS.get();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            length++;
            boolean whitespace = cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || Character.isWhitespace(cp);
            if (cp >= 'A' && cp <= 'Z') {
                upper++;
            } else if (cp >= 'a' && cp <= 'z') {
                lower++;
            } else if (cp >= '0' && cp <= '9') {
                digits++;
            } else if (whitespace) {
                spaces++;
            } else {
                special++;
            }
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                anyCasedUpper = true;
            } else if (Character.isLowerCase(cp)) {
                anyCasedLower = true;
            }
            if (whitespace) {
                if (inWord) {
                    spans.end(i - Character.charCount(cp), wordAscii);
                }
                inWord = false;
            } else {
                if (!inWord) {
                    words++;
                    inWord = true;
                    wordAscii = true;
                    if (spans == null) {
                        spans = reusable;
                        spans.clear();
                    }
                    spans.start(i - Character.charCount(cp));
                }
                wordAscii &= cp < 0x80;
                wordChars++;
            }
        }
        if (inWord) {
            spans.end(s.length(), wordAscii);
        }
        long uniqueWords = spans == null ? 0 : spans.distinctIgnoringCase(s);
        int o = offset;
        out[o++] = length;
        out[o++] = words;
        out[o++] = words == 0 ? 0.0 : (double) wordChars / words;
        out[o++] = upper;
        out[o++] = lower;
        out[o++] = digits;
        out[o++] = spaces;
        out[o++] = special;
        out[o++] = digits > 0;
        out[o++] = special > 0;
        out[o++] = anyCasedUpper && !anyCasedLower;
        out[o++] = anyCasedLower && !anyCasedUpper;
        out[o++] = uniqueWords;
        out[o++] = (double) uniqueWords / Math.max(1, words);
        out[o++] = s.contains("http") || s.contains("www.") ? count(URL, s) : 0L;
        boolean at = s.indexOf('@') >= 0;
        out[o++] = at && s.indexOf('.', s.indexOf('@')) >= 0 ? count(EMAIL, s) : 0L;
        out[o++] = s.indexOf('#') >= 0 ? prefixed(s, '#') : 0L;
        out[o] = at ? prefixed(s, '@') : 0L;
    }

    /**
     * The words of one text as spans, counted distinct after {@code toLowerCase(Locale.ROOT)}: texts hold a few words,
     * so comparing each with the earlier ones beats hashing a lower-cased copy of every word; ASCII words compare in
     * place, any other pair through the lower-cased strings (case mapping can change a non-ASCII word's length).
     */
    /** One span buffer per thread (the Java pass's workers, DuckDB's threads), reused from text to text. */
    private static final ThreadLocal<WordSpans> SPANS = ThreadLocal.withInitial(WordSpans::new);

    private static final class WordSpans {

        /** Beyond this many words the pairwise comparison costs more than hashing. */
        private static final int PAIRWISE_LIMIT = 32;

        private int[] bounds = new int[16];
        private boolean[] ascii = new boolean[8];
        private int count;

        /** Empties the buffer; one that grew for a very long text shrinks back, so a thread keeps no large arrays. */
        void clear() {
            count = 0;
            if (bounds.length > 4_096) {
                bounds = new int[16];
                ascii = new boolean[8];
            }
        }

        void start(int at) {
            if (2 * count + 2 > bounds.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                ascii = java.util.Arrays.copyOf(ascii, ascii.length * 2);
            }
            bounds[2 * count] = at;
        }

        void end(int at, boolean asciiOnly) {
            bounds[2 * count + 1] = at;
            ascii[count++] = asciiOnly;
        }

        long distinctIgnoringCase(String s) {
            if (count > PAIRWISE_LIMIT) {
                Set<String> distinct = new HashSet<>();
                for (int w = 0; w < count; w++) {
                    distinct.add(lower(s, w));
                }
                return distinct.size();
            }
            long distinct = 0;
            for (int w = 0; w < count; w++) {
                boolean seen = false;
                for (int earlier = 0; earlier < w && !seen; earlier++) {
                    seen = sameIgnoringCase(s, earlier, w);
                }
                if (!seen) {
                    distinct++;
                }
            }
            return distinct;
        }

        private boolean sameIgnoringCase(String s, int a, int b) {
            int length = bounds[2 * a + 1] - bounds[2 * a];
            if (ascii[a] && ascii[b]) {
                return length == bounds[2 * b + 1] - bounds[2 * b]
                        && s.regionMatches(true, bounds[2 * a], s, bounds[2 * b], length);
            }
            return lower(s, a).equals(lower(s, b));
        }

        private String lower(String s, int w) {
            return s.substring(bounds[2 * w], bounds[2 * w + 1]).toLowerCase(Locale.ROOT);
        }
    }

    /** Occurrences of {@code marker} followed by at least one word character (letter, digit or '_'): #tag, @name. */
    private static long prefixed(String s, char marker) {
        long n = 0;
        int from = 0;
        while ((from = s.indexOf(marker, from)) >= 0) {
            from++;
            if (from < s.length()) {
                int cp = s.codePointAt(from);
                if (Character.isLetterOrDigit(cp) || cp == '_') {
                    n++;
                }
            }
        }
        return n;
    }

    private static long count(Pattern pattern, String s) {
        Matcher matcher = pattern.matcher(s);
        long n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
