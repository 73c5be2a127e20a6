package io.nifimdm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataGeneratorTest {

    @TempDir
    Path dir;

    private static byte[] generate(long rows, long seed) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataGenerator.write(out, rows, seed);
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        assertThat(generate(2_000, 7)).isEqualTo(generate(2_000, 7));
        assertThat(generate(2_000, 8)).isNotEqualTo(generate(2_000, 7));
    }

    @Test
    void everyRowParsesIntoTheDeclaredColumnsWithAboutTwoPercentMissing() throws Exception {
        Path csv = dir.resolve("data.csv");
        DataGenerator.writeCsv(csv, 5_000, 3);
        List<Object[]> rows = new ArrayList<>();
        long read = TypedCsvReader.read(csv, DataGenerator.COLUMNS, Long.MAX_VALUE, row -> rows.add(row.clone()));

        assertThat(read).isEqualTo(5_000);
        assertThat(new String(generate(1, 3), StandardCharsets.UTF_8))
                .startsWith("id,f1,f2,f3,f4,f5,i1,i2,cat_a,cat_b,ts,txt\n");
        for (int row = 0; row < rows.size(); row++) {
            assertThat(rows.get(row)[0]).isEqualTo(row + 1L);
        }
        for (int column = 1; column < DataGenerator.COLUMNS.size(); column++) {
            int c = column;
            long missing = rows.stream().filter(row -> row[c] == null).count();
            assertThat(missing).as(DataGenerator.COLUMNS.get(c).name()).isBetween(50L, 160L);
            rows.stream().filter(row -> row[c] != null).forEach(row ->
                    assertThat(row[c]).isInstanceOf(DataGenerator.COLUMNS.get(c).type().javaType()));
        }
        long quotedText = rows.stream().filter(row -> row[11] != null && ((String) row[11]).contains(",")).count();
        assertThat(quotedText).isBetween(1_900L, 2_400L);
        assertThat(rows.stream().filter(row -> row[8] != null).map(row -> row[8]).distinct().count()).isEqualTo(10);
        assertThat(rows.stream().filter(row -> row[9] != null).map(row -> row[9]).distinct().count()).isEqualTo(50);
    }
}
