package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Parquet through parquet-avro with the columns' real types: INTEGER as INT64, DECIMAL as DOUBLE, BOOLEAN, TEXT as
 * UTF-8 strings, DATE as the {@code date} logical type and TIMESTAMP as {@code local-timestamp-micros} (a timestamp
 * without time zone; {@code timestamp-micros} would read back as UTC instants). Every column is nullable. Rows are
 * streamed into row groups of the writer's default size, so memory stays bounded whatever the table's size.
 * No Hadoop classes run: the configuration is {@link PlainParquetConfiguration}, the data model Avro's generic one and
 * the codecs {@link ParquetCodecs}.
 */
final class ParquetTableWriter implements TableWriter {

    private final CompressionCodecName codec;

    ParquetTableWriter(ExportCompression compression) {
        this.codec = switch (compression) {
            case NONE -> CompressionCodecName.UNCOMPRESSED;
            case SNAPPY -> CompressionCodecName.SNAPPY;
            case GZIP -> CompressionCodecName.GZIP;
            case ZSTD -> CompressionCodecName.ZSTD;
            default -> throw new MdmException("Compression " + compression.id() + " is not supported for parquet");
        };
    }

    /**
     * The Avro schema of the result. Column names are kept as they are (Parquet allows any name), so the schema is
     * parsed without Avro's name validation, which would refuse names like {@code my col}.
     */
    static Schema schema(List<ResultColumn> columns) {
        StringBuilder json = new StringBuilder("{\"type\":\"record\",\"name\":\"row\",\"fields\":[");
        for (int i = 0; i < columns.size(); i++) {
            ResultColumn column = columns.get(i);
            String type = switch (column.type()) {
                case BOOLEAN -> "\"boolean\"";
                case INTEGER -> "\"long\"";
                case DECIMAL -> "\"double\"";
                case DATE -> "{\"type\":\"int\",\"logicalType\":\"date\"}";
                case TIMESTAMP -> "{\"type\":\"long\",\"logicalType\":\"local-timestamp-micros\"}";
                case TEXT -> "\"string\"";
            };
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(jsonString(column.name()))
                    .append(",\"type\":[\"null\",").append(type).append("],\"default\":null}");
        }
        json.append("]}");
        return new Schema.Parser().setValidate(false).setValidateDefaults(false).parse(json.toString());
    }

    private static String jsonString(String value) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public long write(RowCursor rows, OutputStream out) throws IOException {
        List<ResultColumn> columns = rows.columns();
        Schema schema = schema(columns);
        long count = 0;
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new StreamOutputFile(out))
                .withSchema(schema)
                .withDataModel(GenericData.get())
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(codec)
                .build()) {
            int width = columns.size();
            while (rows.next()) {
                GenericData.Record record = new GenericData.Record(schema);
                for (int i = 0; i < width; i++) {
                    record.put(i, avroValue(rows.value(i)));
                }
                writer.write(record);
                count++;
            }
        }
        return count;
    }

    private static Object avroValue(Object value) {
        return switch (value) {
            case null -> null;
            case LocalDate date -> (int) date.toEpochDay();
            case LocalDateTime timestamp -> {
                long seconds = timestamp.toEpochSecond(ZoneOffset.UTC);
                yield Math.addExact(Math.multiplyExact(seconds, 1_000_000L), timestamp.getNano() / 1_000);
            }
            default -> value;
        };
    }
}
