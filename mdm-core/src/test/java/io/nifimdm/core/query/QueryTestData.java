package io.nifimdm.core.query;

import io.nifimdm.core.dataset.Dataset;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.ingest.InputFormat;
import io.nifimdm.core.register.ContentInput;
import io.nifimdm.core.register.DatasetRegistrar;
import io.nifimdm.core.register.RegistrationMode;
import io.nifimdm.core.register.RegistrationRequest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A deterministic messy table for query and export tests: a column name with a space, a reserved word, unicode,
 * text with commas and quotes, nulls beside empty strings, every storage type. {@link #rows} holds the expected typed
 * values in insertion order: {@code id, "my col", select, f1, cat, flag, d, ts}.
 */
public final class QueryTestData {

    public static final List<String> COLUMNS = List.of("id", "my col", "select", "f1", "cat", "flag", "d", "ts");
    private static final String[] TEXTS = {"alpha", "Beta", "gamma", "Zoë 東京", "a b", "x,y", "say \"hi\"", "",
            null, "alphabet", "ALPHA"};
    private static final String[] CATS = {"a", "b", "c", "d", null};

    public final List<Object[]> rows = new ArrayList<>();
    public final byte[] csv;

    public QueryTestData(int count, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("id,\"my col\",select,f1,cat,flag,d,ts\n");
        for (int i = 1; i <= count; i++) {
            String myCol = TEXTS[random.nextInt(TEXTS.length)];
            Long select = random.nextInt(10) == 0 ? null : (long) random.nextInt(10);
            Double f1 = i == 3 ? Double.valueOf(1.23456789012345) : random.nextInt(12) == 0 ? null
                    : Double.valueOf(Math.round(random.nextGaussian() * 1e9) / 1e6);
            String cat = CATS[random.nextInt(CATS.length)];
            Boolean flag = random.nextInt(7) == 0 ? null : random.nextBoolean();
            LocalDate d = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(400));
            LocalDateTime ts = LocalDateTime.of(2023, 6, 1, 0, 0).plusSeconds(random.nextInt(50_000_000));
            rows.add(new Object[]{(long) i, myCol, select, f1, cat, flag, d, ts});
            text.append(i).append(',').append(csvText(myCol)).append(',').append(select == null ? "" : select)
                    .append(',').append(f1 == null ? "" : Double.toString(f1)).append(',')
                    .append(cat == null ? "" : cat).append(',').append(flag == null ? "" : flag).append(',')
                    .append(d).append(',').append(io.nifimdm.core.backend.TemporalText.timestamp(ts)).append('\n');
        }
        csv = text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvText(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /** Registers the rows as table {@code table} of a new dataset through the real ingest path. */
    public Dataset register(DatasetStore store, String dataset, String table) {
        DatasetRegistrar.standard(store).register(RegistrationRequest.of(dataset, table, RegistrationMode.CREATE),
                ContentInput.of(() -> new ByteArrayInputStream(csv), InputFormat.AUTO));
        return store.open(dataset);
    }

    /** Every row of a cursor, closing it. */
    public static List<List<Object>> drain(RowCursor cursor) {
        try (cursor) {
            List<List<Object>> result = new ArrayList<>();
            while (cursor.next()) {
                Object[] row = new Object[cursor.columns().size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = cursor.value(i);
                }
                result.add(Arrays.asList(row));
            }
            return result;
        }
    }
}
