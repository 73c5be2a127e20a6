package io.nifimdm.core.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static io.nifimdm.core.ingest.Content.concat;
import static io.nifimdm.core.ingest.Content.gzip;
import static io.nifimdm.core.ingest.Content.open;
import static io.nifimdm.core.ingest.Content.readAll;
import static io.nifimdm.core.ingest.Content.rows;
import static io.nifimdm.core.ingest.Content.utf8;
import static io.nifimdm.core.ingest.Content.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TabularReadersTest {

    @Test
    void spec17SingleRowCsv() {
        List<List<Object>> all = readAll(utf8("id,value\n1,100\n"));
        assertThat(all).containsExactly(List.of("id", "value"), List.of("1", "100"));
    }

    @Test
    void spec19QuotedCommasDoubledQuotesAndUnicode() {
        String csv = "id,name,comment,amount\n"
                + "1,\"Smith, John\",\"He said \"\"hi\"\"\",100\n"
                + "2,王小明,\"emoji 🎉, fine\",200\n"
                + "3,\"Ünïcödé\",\"a \"\"quoted\"\", list\",300\n"
                + "4,\"x\",plain,400\n";
        List<List<Object>> all = readAll(utf8(csv));
        assertThat(all).hasSize(5);
        assertThat(all.get(1)).containsExactly("1", "Smith, John", "He said \"hi\"", "100");
        assertThat(all.get(2)).containsExactly("2", "王小明", "emoji 🎉, fine", "200");
        assertThat(all.get(3).get(2)).isEqualTo("a \"quoted\", list");
        assertThat(all.get(4).get(3)).isEqualTo("400");
    }

    @Test
    void quotedFieldsMayHoldLineBreaksAndCrlfEndings() {
        String csv = "a,b\r\n\"line1\nline2\",x\r\n\"multi\r\nline\",y\r\n";
        List<List<Object>> all = readAll(utf8(csv));
        assertThat(all).containsExactly(List.of("a", "b"), List.of("line1\nline2", "x"),
                List.of("multi\r\nline", "y"));
    }

    @Test
    void unquotedEmptyIsMissingAndQuotedEmptyIsEmptyString() {
        List<List<Object>> all = readAll(utf8("a,b,c\n,\"\",x\n\"\",,\n"));
        assertThat(all.get(1)).containsExactly(null, "", "x");
        assertThat(all.get(2)).containsExactly("", null, null);
    }

    @ParameterizedTest
    @ValueSource(strings = {",", ";", "|", "\t"})
    void spec7DelimiterIsSniffed(String delimiter) {
        String csv = String.join(delimiter, "id", "name", "score") + "\n"
                + String.join(delimiter, "1", "\"a" + (delimiter.equals(",") ? ";" : ",") + "b\"", "3.5") + "\n"
                + String.join(delimiter, "2", "c", "4.5") + "\n";
        try (TabularReader reader = open(utf8(csv))) {
            assertThat(reader.columnNames()).containsExactly("id", "name", "score");
            assertThat(reader.description().delimiter()).isEqualTo(delimiter.charAt(0));
            assertThat(reader.description().format())
                    .isEqualTo(delimiter.equals("\t") ? InputFormat.TSV : InputFormat.CSV);
            assertThat(rows(reader)).hasSize(2);
        }
    }

    @Test
    void semicolonFileWhoseTextHasCommasIsSemicolon() {
        String csv = "name;comment;n\nx;hello, world;1\ny;no comma;2\nz;a, b, c;3\n";
        try (TabularReader reader = open(utf8(csv))) {
            assertThat(reader.description().delimiter()).isEqualTo(';');
            assertThat(rows(reader).get(0)).containsExactly("x", "hello, world", "1");
        }
    }

    @Test
    void tsvFormatForcesTab() {
        byte[] tsv = utf8("a\tb\n1,5\t2\n");
        List<List<Object>> all = readAll(tsv, ReadOptions.defaults().withFormat(InputFormat.TSV));
        assertThat(all.get(1)).containsExactly("1,5", "2");
    }

    @Test
    void explicitDelimiterWins() {
        List<List<Object>> all = readAll(utf8("a,b;c\n1,2;3\n"), ReadOptions.defaults().withDelimiter(';'));
        assertThat(all).containsExactly(List.of("a,b", "c"), List.of("1,2", "3"));
    }

    @Test
    void singleColumnCsv() {
        assertThat(readAll(utf8("value\n1\n2\n"))).containsExactly(List.of("value"), List.of("1"), List.of("2"));
    }

    @Test
    void gzipIsFoundByMagicBytes() {
        byte[] content = gzip(utf8("a,b\n1,2\n3,4\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().compression()).isEqualTo(Compression.GZIP);
            assertThat(rows(reader)).hasSize(2);
        }
    }

    @Test
    void zipReadsItsOnlyDataEntrySkippingDirectoriesAndMacMetadata() {
        byte[] content = zip("folder/", new byte[0], "__MACOSX/._train.csv", new byte[]{0, 5, 7},
                "folder/train.csv", utf8("a;b\n1;2\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().compression()).isEqualTo(Compression.ZIP);
            assertThat(reader.description().zipEntry()).isEqualTo("folder/train.csv");
            assertThat(rows(reader)).hasSize(1);
        }
    }

    @Test
    void zipWithTwoDataEntriesFailsAtTheEndOfTheFirst() {
        byte[] content = zip("train.csv", utf8("a\n1\n"), "test.csv", utf8("a\n2\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.next()).containsExactly("1");
            assertThatThrownBy(reader::next).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("more than one data file").hasMessageContaining("test.csv");
        }
    }

    @Test
    void gzipOfJsonLinesIsDetected() {
        byte[] content = gzip(utf8("{\"a\":1}\n{\"a\":2}\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().format()).isEqualTo(InputFormat.JSON_LINES);
            assertThat(rows(reader)).extracting(r -> r[0]).containsExactly(1L, 2L);
        }
    }

    @Test
    void damagedGzipIsBadInput() {
        byte[] good = gzip(utf8("a,b\n" + "1,2\n".repeat(10_000)));
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        assertThatThrownBy(() -> {
            try (TabularReader reader = open(truncated)) {
                rows(reader);
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining("damaged or truncated");
    }

    @Test
    void unsupportedCompressionAndOfficeFilesAreRefusedClearly() {
        assertThatThrownBy(() -> open(concat("BZh91AY&SY".getBytes(StandardCharsets.US_ASCII), new byte[20])))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("bzip2");
        assertThatThrownBy(() -> open(zip("[Content_Types].xml", utf8("<xml/>"), "xl/workbook.xml", utf8("<x/>"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("xlsx");
        assertThatThrownBy(() -> open(zip()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("zip archive is empty");
    }

    @Test
    void spec18EmptyContentIsAnError() {
        assertThatThrownBy(() -> open(new byte[0])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> open(gzip(new byte[0]))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> open(utf8("\n\n  \n"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no rows");
    }

    @Test
    void headerOnlyIsAnError() {
        assertThatThrownBy(() -> open(utf8("a,b,c\n"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("header (3 columns) but no data rows");
        assertThatThrownBy(() -> open(utf8("a,b,c"))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void headerlessContentGetsGeneratedNames() {
        List<List<Object>> all = readAll(utf8("1,2\n3,4\n"), ReadOptions.defaults().withHeader(false));
        assertThat(all).containsExactly(List.of("column_1", "column_2"), List.of("1", "2"), List.of("3", "4"));
    }

    @Test
    void raggedRowNamesItsLine() {
        String csv = "a,b,c\n1,2,3\n\"multi\nline\",5,6\n7,8\n";
        try (TabularReader reader = open(utf8(csv))) {
            reader.next();
            reader.next();
            assertThat(reader.position()).isEqualTo(3);
            assertThatThrownBy(reader::next).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Line 5 has 2 fields but the header has 3 columns");
        }
    }

    @Test
    void tooManyFieldsIsRaggedToo() {
        try (TabularReader reader = open(utf8("a,b\n1,2,3\n"))) {
            assertThatThrownBy(reader::next).hasMessageContaining("Line 2 has 3 fields");
        }
    }

    @Test
    void textAfterAClosingQuoteIsMalformed() {
        try (TabularReader reader = open(utf8("a,b\n1,2\n\"x\"y,3\n"))) {
            assertThatThrownBy(() -> rows(reader)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("Malformed");
        }
    }

    @Test
    void duplicateColumnNamesAreAnErrorOrRenamedOnRequest() {
        byte[] csv = utf8("a,b,A,a\n1,2,3,4\n");
        assertThatThrownBy(() -> open(csv)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'A' appears more than once");
        List<List<Object>> all = readAll(csv, ReadOptions.defaults().withRenameDuplicateColumns(true));
        assertThat(all.get(0)).containsExactly("a", "b", "A.1", "a.2");
    }

    @Test
    void emptyColumnNameIsAnError() {
        assertThatThrownBy(() -> open(utf8(",a,b\n0,1,2\n"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Column 1 has an empty name");
        assertThatThrownBy(() -> open(utf8("a,  ,b\n0,1,2\n"))).hasMessageContaining("Column 2 has an empty name");
    }

    @Test
    void columnNamesKeepSpacesQuotesAndReservedWords() {
        List<List<Object>> all = readAll(utf8("\"first name\",\"say \"\"hi\"\"\",select,größe\n1,2,3,4\n"));
        assertThat(all.get(0)).containsExactly("first name", "say \"hi\"", "select", "größe");
    }

    @Test
    void utf8BomIsSkipped() {
        byte[] content = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("id,name\n1,café\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.columnNames()).containsExactly("id", "name");
            assertThat(reader.description().charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThat(reader.next()).containsExactly("1", "café");
        }
    }

    @Test
    void utf16WithBomBothEndians() {
        String csv = "id,name\n1,日本\n2,€uro\n";
        byte[] le = concat(new byte[]{(byte) 0xFF, (byte) 0xFE}, csv.getBytes(StandardCharsets.UTF_16LE));
        byte[] be = concat(new byte[]{(byte) 0xFE, (byte) 0xFF}, csv.getBytes(StandardCharsets.UTF_16BE));
        for (byte[] content : List.of(le, be)) {
            List<List<Object>> all = readAll(content);
            assertThat(all).containsExactly(List.of("id", "name"), List.of("1", "日本"), List.of("2", "€uro"));
        }
    }

    @Test
    void utf16WithoutBomIsRecognised() {
        String csv = "id,name\n1,abc\n2,été\n";
        try (TabularReader reader = open(csv.getBytes(StandardCharsets.UTF_16LE))) {
            assertThat(reader.description().charset()).isEqualTo(StandardCharsets.UTF_16LE);
            assertThat(rows(reader).get(1)).containsExactly("2", "été");
        }
        assertThat(readAll(csv.getBytes(StandardCharsets.UTF_16BE)).get(2)).containsExactly("2", "été");
    }

    @Test
    void windows1252FallbackReadsAccentsAndEuro() {
        byte[] content = "name,price\ncafé,5€\nnaïve,“quoted”\n".getBytes(TextEncodings.WINDOWS_1252);
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().charset()).isEqualTo(TextEncodings.WINDOWS_1252);
            assertThat(rows(reader)).containsExactly(new Object[]{"café", "5€"}, new Object[]{"naïve", "“quoted”"});
        }
    }

    @Test
    void latin1WhenBytesAreUndefinedInWindows1252() {
        byte[] content = concat(utf8("a,b\nx,"), new byte[]{(byte) 0x81, (byte) 0xE9}, utf8("\n"));
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
            assertThat(reader.next()).containsExactly("x", "\u0081é");
        }
    }

    @Test
    void nonUtf8BytesAfterTheHeadAskForARetryInWindows1252() {
        StringBuilder sb = new StringBuilder("a,b\n");
        while (sb.length() < 70_000) {
            sb.append("1,ascii text\n");
        }
        byte[] content = concat(utf8(sb.toString()), new byte[]{'2', ',', (byte) 0xE9, (byte) 0x80, '\n'});
        try (TabularReader reader = open(content)) {
            assertThat(reader.description().charset()).isEqualTo(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> rows(reader)).isInstanceOfSatisfying(CharsetMismatchException.class,
                    e -> assertThat(e.retryCharset()).isEqualTo(TextEncodings.WINDOWS_1252));
        }
        try (TabularReader reader = open(content, ReadOptions.defaults().withCharset(TextEncodings.WINDOWS_1252))) {
            List<Object[]> rows = rows(reader);
            assertThat(rows.get(rows.size() - 1)).containsExactly("2", "é€");
        }
    }

    @Test
    void withADeclaredEncodingBadBytesAreReplacedNotFatal() {
        byte[] content = concat(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("a,b\n1,"),
                new byte[]{(byte) 0xE9}, utf8("\n"));
        assertThat(readAll(content).get(1)).containsExactly("1", "\uFFFD");
    }

    @Test
    void jsonAlsoReportsALateEncodingMismatch() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 70_000) {
            sb.append("{\"a\": \"ascii\"}\n");
        }
        byte[] content = concat(utf8(sb.toString()), utf8("{\"a\": \""), new byte[]{(byte) 0xE9}, utf8("\"}\n"));
        assertThatThrownBy(() -> readAll(content)).isInstanceOf(CharsetMismatchException.class);
        assertThat(readAll(content, ReadOptions.defaults().withCharset(TextEncodings.WINDOWS_1252)))
                .last().isEqualTo(List.of("é"));
    }

    @Test
    void binaryContentIsRefused() {
        byte[] content = new byte[]{'a', ',', 'b', '\n', 0, 1, 2, 3, (byte) 0xFF, 0, 0, 7};
        assertThatThrownBy(() -> open(content)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("binary");
    }

    @Test
    void jsonArrayOfRecords() {
        String json = """
                [ {"id": 1, "name": "a", "score": 1.5, "ok": true, "tags": ["x", "y"], "meta": {"k": 1}},
                  {"id": 2, "name": null, "extra": "late but within lookahead"},
                  {"name": "c", "id": 12345678901234567890} ]
                """;
        try (TabularReader reader = open(utf8(json))) {
            assertThat(reader.description().format()).isEqualTo(InputFormat.JSON);
            assertThat(reader.columnNames()).containsExactly("id", "name", "score", "ok", "tags", "meta", "extra");
            List<Object[]> rows = rows(reader);
            assertThat(rows.get(0)).containsExactly(1L, "a", 1.5, true, "[\"x\",\"y\"]", "{\"k\":1}", null);
            assertThat(rows.get(1)).containsExactly(2L, null, null, null, null, null, "late but within lookahead");
            assertThat(rows.get(2)[0]).isEqualTo("12345678901234567890");
            assertThat(reader.position()).isEqualTo(3);
        }
    }

    @Test
    void jsonLinesWithBlankLines() {
        String jsonl = "{\"a\": 1, \"b\": \"x\"}\n\n{\"b\": \"y\", \"a\": 2}\n";
        List<List<Object>> all = readAll(utf8(jsonl));
        assertThat(all).containsExactly(List.of("a", "b"), List.of(1L, "x"), List.of(2L, "y"));
    }

    @Test
    void jsonKeyFirstSeenAfterTheLookaheadIsReportedAndCanBeAdded() {
        byte[] jsonl = utf8("{\"a\":1}\n{\"a\":2}\n{\"a\":3,\"late\":\"v\"}\n");
        ReadOptions options = ReadOptions.defaults().withJsonColumnDiscoveryRecords(2);
        try (TabularReader reader = open(jsonl, options)) {
            reader.next();
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(UnexpectedColumnException.class, e -> {
                assertThat(e.column()).isEqualTo("late");
                assertThat(e.recordNumber()).isEqualTo(3);
            });
        }
        List<List<Object>> all = readAll(jsonl, options.withExtraColumns(List.of("late")));
        assertThat(all.get(0)).containsExactly("a", "late");
        assertThat(all.get(3)).containsExactly(3L, "v");
    }

    @Test
    void malformedJsonNamesTheRecord() {
        assertThatThrownBy(() -> readAll(utf8("[{\"a\":1},{\"a\":}]"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Malformed JSON").hasMessageContaining("record 2");
        assertThatThrownBy(() -> readAll(utf8("{\"a\":1}\n[1,2]\n"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("record 2 is not an object");
        assertThatThrownBy(() -> readAll(utf8("[]"))).hasMessageContaining("no records");
        assertThatThrownBy(() -> readAll(utf8("[{\"a\":1}"))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> readAll(utf8("[{\"\":1}]"))).hasMessageContaining("empty name");
    }

    @Test
    void spec11HundredRowsInEveryFormat() {
        StringBuilder csv = new StringBuilder("id,feature,label\n");
        StringBuilder tsv = new StringBuilder("id\tfeature\tlabel\n");
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(i * 0.5).append(',').append(i % 2).append('\n');
            tsv.append(i).append('\t').append(i * 0.5).append('\t').append(i % 2).append('\n');
            json.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"feature\":").append(i * 0.5)
                    .append(",\"label\":").append(i % 2).append('}');
        }
        json.append(']');
        for (byte[] content : List.of(utf8(csv.toString()), gzip(utf8(csv.toString())), utf8(tsv.toString()),
                utf8(json.toString()))) {
            try (TabularReader reader = open(content)) {
                assertThat(reader.columnNames()).containsExactly("id", "feature", "label");
                assertThat(rows(reader)).hasSize(100);
            }
        }
    }

    @Test
    void veryWideContent() {
        int columns = 1000;
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            sb.append(c == 0 ? "" : ",").append("col ").append(c);
        }
        sb.append('\n');
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : ",").append(r * columns + c);
            }
            sb.append('\n');
        }
        try (TabularReader reader = open(utf8(sb.toString()))) {
            assertThat(reader.columnNames()).hasSize(columns).endsWith("col 999");
            List<Object[]> rows = rows(reader);
            assertThat(rows).hasSize(50);
            assertThat(rows.get(49)[999]).isEqualTo(String.valueOf(49 * columns + 999));
        }
    }

    @Test
    void longContentStreams() {
        int total = 200_000;
        GeneratedCsv generated = new GeneratedCsv(total, 42);
        try (TabularReader reader = open(new ByteArrayInputStream(generated.bytes()))) {
            long count = 0;
            long sum = 0;
            Object[] row;
            while ((row = reader.next()) != null) {
                count++;
                sum += Long.parseLong((String) row[0]);
            }
            assertThat(count).isEqualTo(total);
            assertThat(sum).isEqualTo((long) total * (total + 1) / 2);
        }
    }
}
