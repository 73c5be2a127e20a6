package io.nifimdm.core.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvDoubleTextTest {

    private static String text(double value) {
        StringBuilder sb = new StringBuilder();
        CsvTableWriter.appendDouble(sb, value);
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.23456789012345, 0.1, -7.5, 3.0, 12345678.5, 1.0e7, 1.0e-4, 0.000123456789, 1.0e-300,
            -3.5e300, 9.007199254740993e15, 1.0e18, 4.9e-324, Double.MAX_VALUE, -0.0})
    void everyDoubleReadsBackExactly(double value) {
        assertThat(Double.parseDouble(text(value))).isEqualTo(value);
    }

    @org.junit.jupiter.api.Test
    void everydayMagnitudesArePlainAndIntegralValuesKeepTheirPoint() {
        assertThat(text(12345678.5)).isEqualTo("12345678.5");
        assertThat(text(1.0e7)).isEqualTo("10000000.0");
        assertThat(text(1.0e-4)).isEqualTo("0.0001");
        assertThat(text(3.0)).isEqualTo("3.0");
        assertThat(text(1.23456789012345)).isEqualTo("1.23456789012345");
        assertThat(text(1.0e-300)).isEqualTo("1.0E-300");
        assertThat(text(Double.NaN)).isEqualTo("NaN");
    }
}
