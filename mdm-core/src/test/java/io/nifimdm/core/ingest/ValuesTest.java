package io.nifimdm.core.ingest;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    private static long parseLong(String s) {
        return Values.parseLong(s, 0, s.length());
    }

    private static int decimalKind(String s) {
        return Values.decimalKind(s, 0, s.length());
    }

    @Test
    void integers() {
        assertThat(parseLong("0")).isZero();
        assertThat(parseLong("-17")).isEqualTo(-17);
        assertThat(parseLong("+17")).isEqualTo(17);
        assertThat(parseLong("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(parseLong("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        for (String bad : new String[]{"", "-", "+", "9223372036854775808", "-9223372036854775809", "1.0", "1e3",
                "007", "-01", "1_000", "١٢"}) {
            assertThatThrownBy(() -> parseLong(bad)).as(bad).isInstanceOf(Values.NotParsable.class);
        }
    }

    @Test
    void decimals() {
        for (String ok : new String[]{"1", "-1.5", "+.5", "5.", "0.001", "1e10", "1E-3", "-2.5e+7"}) {
            assertThat(decimalKind(ok)).as(ok).isEqualTo(1);
        }
        for (String special : new String[]{"NaN", "nan", "inf", "-inf", "+Infinity", "INF"}) {
            assertThat(decimalKind(special)).as(special).isEqualTo(2);
        }
        for (String bad : new String[]{"", ".", "-", "e5", "1e", "1.2.3", "0x1p3", "1d", "1f", "00.5", "1,5",
                "123456789012345678", "- 1", "-nan"}) {
            assertThat(decimalKind(bad)).as(bad).isZero();
        }
        assertThat(Values.parseDouble("x 1.25", 2, 6)).isEqualTo(1.25);
        for (String bad : new String[]{"", ".", "-", "00.5", "1.2.3", "1,5", "+-1", "1e", "0x10", "12a"}) {
            assertThatThrownBy(() -> Values.parseDouble(bad, 0, bad.length())).as(bad)
                    .isInstanceOf(Values.NotParsable.class);
        }
        assertThat(Values.parseDouble("5.", 0, 2)).isEqualTo(5.0);
        assertThat(Values.parseDouble("-.5", 0, 3)).isEqualTo(-0.5);
        assertThat(Values.parseDouble("0.0000000000000000000000012", 0, 27)).isEqualTo(1.2e-24);
    }

    @Test
    void decimalFastPathEqualsJavaParsing() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 200_000; i++) {
            String text = switch (i % 4) {
                case 0 -> String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian() * 1000);
                case 1 -> Double.toString(random.nextDouble());
                case 2 -> Long.toString(random.nextLong() >> random.nextInt(64)) + "." + random.nextInt(1000);
                default -> "-0.000" + random.nextInt(1_000_000);
            };
            assertThat(Values.parseDouble(text, 0, text.length())).as(text).isEqualTo(Double.parseDouble(text));
        }
        assertThat(Values.parseDouble("-0.0", 0, 4)).isEqualTo(-0.0);
        assertThat(Values.parseDouble("0.1", 0, 3)).isEqualTo(0.1);
        assertThat(Values.parseDouble("123456789012345.6", 0, 17)).isEqualTo(123456789012345.6);
    }

    @Test
    void booleans() {
        assertThat(Values.parseBoolean("TRUE", 0, 4)).isTrue();
        assertThat(Values.parseBoolean("False", 0, 5)).isFalse();
        assertThat(Values.parseBoolean("t", 0, 1)).isNull();
        assertThat(Values.parseBoolean("yes", 0, 3)).isNull();
    }

    @Test
    void dateLayoutsAndTimes() {
        assertThat(DateLayout.first(DateLayout.matching("2024-02-29"))).isEqualTo(DateLayout.YMD_DASH);
        assertThat(DateLayout.matching("2024-02-30")).isZero();
        assertThat(DateLayout.matching("1/2/2024") & DateLayout.ALL)
                .isEqualTo(DateLayout.DMY_SLASH.bit() | DateLayout.MDY_SLASH.bit());
        assertThat(DateLayout.matching("2024-01-01 7:05:09") & DateLayout.HAS_TIME).isNotZero();
        assertThat(DateLayout.matching("2024-01-01 07:5:09")).isZero();
        assertThat(DateLayout.matching("2024-01-01T07:05:09.1234567891")).isZero();
        assertThat(DateLayout.matching("20240101")).isZero();
        assertThat(DateLayout.matching("12345.678")).isZero();
        assertThat(DateLayout.YMD_DASH.parse("2024-01-02T03:04:05.000001", 0, 26))
                .isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 1000));
        assertThat(DateLayout.MDY_DASH.parse("12-31-1999", 0, 10)).isEqualTo(LocalDate.of(1999, 12, 31));
        assertThat(DateLayout.MDY_DASH.parse("31-12-1999", 0, 10)).isNull();
        assertThat(DateLayout.DMY_SLASH.pattern()).isEqualTo("%d/%m/%Y");
    }
}
