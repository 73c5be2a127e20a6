package io.nifimdm.core.export;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class IntegralDecimalPointTest {

    /** Columns: text, decimal, integer, decimal. */
    private static final boolean[] DECIMALS = {false, true, false, true};

    private static final String INPUT = """
            name,x,n,y
            plain,3,4,-0
            "quoted, 5",12,7,1.5
            "multi
            line 9",-42,-42,
            "say \"\"9\"\"",1e+15,0,NaN
            ,-,,-Infinity
            9,123456789012345,9,0
            """;

    private static final String EXPECTED = """
            name,x,n,y
            plain,3.0,4,-0.0
            "quoted, 5",12.0,7,1.5
            "multi
            line 9",-42.0,-42,
            "say \"\"9\"\"",1e+15,0,NaN
            ,-,,-Infinity
            9,123456789012345.0,9,0.0
            """;

    @Test
    void integralDecimalsGetAPointAndNothingElseChanges() throws IOException {
        assertThat(filter(INPUT, ',', true, Integer.MAX_VALUE)).isEqualTo(EXPECTED);
    }

    @Test
    void chunkBoundariesAnywhereGiveTheSameText() throws IOException {
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            assertThat(filter(INPUT, ',', true, chunk)).as("chunks of %d bytes", chunk).isEqualTo(EXPECTED);
        }
    }

    @Test
    void headerNamesThatLookLikeNumbersStayAndOtherDelimitersWork() throws IOException {
        String input = "a;1;c;2\nx;5;6;7\n";
        assertThat(filter(input, ';', true, 5)).isEqualTo("a;1;c;2\nx;5.0;6;7.0\n");
        assertThat(filter(input, ';', false, 5)).isEqualTo("a;1.0;c;2.0\nx;5.0;6;7.0\n");
    }

    @Test
    void aLastRecordWithoutNewlineIsCompleted() throws IOException {
        assertThat(filter("t,8,1,9", ',', false, 3)).isEqualTo("t,8.0,1,9.0");
    }

    private static String filter(String text, char delimiter, boolean header, int chunk) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IntegralDecimalPoint filter = new IntegralDecimalPoint(out, DECIMALS, delimiter, header);
        for (int i = 0; i < bytes.length; i += chunk) {
            filter.write(bytes, i, Math.min(chunk, bytes.length - i));
        }
        filter.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
