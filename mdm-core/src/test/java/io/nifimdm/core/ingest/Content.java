package io.nifimdm.core.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds test content in memory and reads it back whole. */
final class Content {

    private Content() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encoded(String text, Charset charset) {
        return text.getBytes(charset);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(data);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip of (name, bytes) pairs; a name ending in / is a directory. */
    static byte[] zip(Object... namesAndBytes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (int i = 0; i < namesAndBytes.length; i += 2) {
                    zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                    zip.write((byte[]) namesAndBytes[i + 1]);
                    zip.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TabularReader open(byte[] bytes) {
        return TabularReaders.open(new ByteArrayInputStream(bytes), ReadOptions.defaults());
    }

    static TabularReader open(byte[] bytes, ReadOptions options) {
        return TabularReaders.open(new ByteArrayInputStream(bytes), options);
    }

    static TabularReader open(InputStream in) {
        return TabularReaders.open(in, ReadOptions.defaults());
    }

    static List<Object[]> rows(TabularReader reader) {
        List<Object[]> rows = new ArrayList<>();
        Object[] row;
        while ((row = reader.next()) != null) {
            rows.add(row);
        }
        return rows;
    }

    /** Reads everything; the column names are returned as the first "row". */
    static List<List<Object>> readAll(byte[] bytes) {
        return readAll(bytes, ReadOptions.defaults());
    }

    static List<List<Object>> readAll(byte[] bytes, ReadOptions options) {
        try (TabularReader reader = open(bytes, options)) {
            List<List<Object>> all = new ArrayList<>();
            all.add(new ArrayList<>(reader.columnNames()));
            for (Object[] row : rows(reader)) {
                all.add(java.util.Arrays.asList(row));
            }
            return all;
        }
    }
}
