package io.nifimdm.core.backend;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IsoTemporalParserTest {

    @Test
    void readsEveryIsoFormTheGeneralParserReadsToTheSameValue() {
        for (String text : List.of("2024-02-29 23:59:59", "2024-02-29T23:59:59", "1999-01-01 00:00:00.5",
                "2024-06-30 12:34:56.123456", "2024-06-30 12:34:56.123456789", "0001-01-01 00:00:00.000001",
                "2024-06-30")) {
            LocalDateTime general = text.length() == 10 ? LocalDate.parse(text).atStartOfDay()
                    : LocalDateTime.parse(text.replace(' ', 'T'));
            assertThat(IsoTemporalParser.timestamp(text)).as(text).isEqualTo(general);
        }
        assertThat(IsoTemporalParser.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        LocalDateTime written = LocalDateTime.of(2023, 12, 31, 7, 8, 9, 10_000);
        assertThat(IsoTemporalParser.timestamp(TemporalText.timestamp(written))).isEqualTo(written);
    }

    @Test
    void anythingElseIsLeftToTheGeneralParser() {
        for (String text : List.of("2024-1-01 10:00:00", "2023-02-29 10:00:00", "2024-01-01 24:00:00",
                "2024-01-01T10:00", " 2024-01-01 10:00:00", "2024-01-01 10:00:00.", "2024-01-01 10:00:00,5",
                "2024-01-01 10:00:00.1234567890", "2024/01/01 10:00:00", "2024-01-01 10:00:00Z", "")) {
            assertThat(IsoTemporalParser.timestamp(text)).as(text).isNull();
        }
        for (String text : List.of("2024-13-01", "2024-01-1", "2024-01-01 ", "20240101", "2024-01-0x")) {
            assertThat(IsoTemporalParser.date(text)).as(text).isNull();
        }
    }
}
