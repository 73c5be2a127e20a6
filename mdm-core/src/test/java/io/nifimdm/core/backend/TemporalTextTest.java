package io.nifimdm.core.backend;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalTextTest {

    @Test
    void formatsIsoTextWithMicrosecondsOnlyWhenPresent() {
        assertThat(TemporalText.date(LocalDate.of(5, 3, 9))).isEqualTo("0005-03-09");
        assertThat(TemporalText.date(LocalDate.of(2024, 12, 31))).isEqualTo("2024-12-31");
        assertThat(TemporalText.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
        assertThat(TemporalText.timestamp(LocalDateTime.of(2024, 1, 2, 13, 14, 15, 7_000)))
                .isEqualTo("2024-01-02 13:14:15.000007");
        assertThat(TemporalText.timestamp(LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_999)))
                .as("nanoseconds beyond the engines' microseconds are cut, not rounded into the next second")
                .isEqualTo("1999-12-31 23:59:59.999999");
    }

    @Test
    void writesIntoAnArrayAndLeavesYearsBeyondFourDigitsToTheIsoFormat() {
        char[] out = new char[TemporalText.TIMESTAMP_CHARS];
        int n = TemporalText.writeTimestamp(out, LocalDateTime.of(987, 11, 30, 0, 0, 9, 120_000_000));
        assertThat(new String(out, 0, n)).isEqualTo("0987-11-30 00:00:09.120000");
        n = TemporalText.writeDate(out, LocalDate.of(9999, 1, 1));
        assertThat(new String(out, 0, n)).isEqualTo("9999-01-01");
        assertThat(TemporalText.writeDate(out, LocalDate.of(10_000, 1, 1))).isNegative();
        assertThat(TemporalText.writeTimestamp(out, LocalDateTime.of(-1, 1, 1, 0, 0))).isNegative();
        assertThat(TemporalText.timestamp(LocalDateTime.of(12_345, 6, 7, 8, 9, 10, 11_000)))
                .isEqualTo("+12345-06-07 08:09:10.000011");
        assertThat(TemporalText.date(LocalDate.of(-44, 3, 15))).isEqualTo("-0044-03-15");
    }

    @Test
    void parsesBothSeparators() {
        LocalDateTime expected = LocalDateTime.of(2024, 1, 2, 3, 4, 5, 600_000_000);
        assertThat(TemporalText.parseTimestamp("2024-01-02 03:04:05.6")).isEqualTo(expected);
        assertThat(TemporalText.parseTimestamp("2024-01-02T03:04:05.600000")).isEqualTo(expected);
        assertThat(TemporalText.parseTimestamp("2024-01-02")).isEqualTo(LocalDate.of(2024, 1, 2).atStartOfDay());
    }
}
