package io.nifimdm.core.features;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The distinct-word count against the definition: the set of words lower-cased with {@code Locale.ROOT}. */
class TextFeaturesTest {

    private static final int UNIQUE_WORD_COUNT = TextFeatures.SUFFIXES.indexOf("unique_word_count");

    private static long distinctWords(String text) {
        Set<String> words = new HashSet<>();
        StringBuilder word = new StringBuilder();
        for (int cp : (text + " ").codePoints().toArray()) {
            if (Character.isWhitespace(cp)) {
                if (!word.isEmpty()) {
                    words.add(word.toString().toLowerCase(Locale.ROOT));
                }
                word.setLength(0);
            } else {
                word.appendCodePoint(cp);
            }
        }
        return words.size();
    }

    private static long computed(String text) {
        Object[] out = new Object[TextFeatures.SUFFIXES.size()];
        TextFeatures.compute(text, out, 0);
        return (Long) out[UNIQUE_WORD_COUNT];
    }

    @Test
    void caseVariantsCountOnceWhateverTheScript() {
        assertThat(computed("Data data DATA dAtA")).isEqualTo(1);
        assertThat(computed("café CAFÉ Café cafe")).isEqualTo(2);
        // the Kelvin sign lower-cases to an ASCII k, the dotted capital I to two chars
        assertThat(computed("\u212A k K")).isEqualTo(1);
        assertThat(computed("\u0130 i\u0307 I i")).isEqualTo(2);
        assertThat(computed("ab abc a b ab")).isEqualTo(4);
        assertThat(computed("")).isZero();
        assertThat(computed(null)).isZero();
        assertThat(computed("  \t\n ")).isZero();
    }

    @Test
    void randomTextsShortAndLongAgreeWithTheSetOfLowerCasedWords() {
        String[] pieces = {"a", "A", "b", "B", "ab", "AB", "é", "É", "\u212A", "k", "K", "\u0130", "i", "I", "ß", "SS",
            "😀", "日本", "x1", "X1"};
        String[] gaps = {" ", "  ", "\t", "\n", "\u00A0", "\u2003", "\u001F"};
        SplittableRandom random = new SplittableRandom(7);
        for (int t = 0; t < 5_000; t++) {
            StringBuilder text = new StringBuilder();
            int words = t % 50 == 0 ? random.nextInt(30, 120) : random.nextInt(0, 12);
            for (int w = 0; w < words; w++) {
                if (w > 0 || random.nextBoolean()) {
                    text.append(gaps[random.nextInt(gaps.length)]);
                }
                int parts = random.nextInt(1, 4);
                for (int p = 0; p < parts; p++) {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            String s = text.toString();
            assertThat(computed(s)).as("%s", s).isEqualTo(distinctWords(s));
        }
    }
}
