package io.nifimdm.core.export;

import io.nifimdm.core.MdmException;
import io.nifimdm.core.query.ResultColumn;
import io.nifimdm.core.query.RowCursor;
import io.nifimdm.core.backend.ColumnType;
import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Parquet in parquet-avro's format with the columns' real types: INTEGER as INT64, DECIMAL as DOUBLE, BOOLEAN, TEXT as
 * UTF-8 strings, DATE as the {@code date} logical type and TIMESTAMP as {@code local-timestamp-micros} (a timestamp
 * without time zone; {@code timestamp-micros} would read back as UTC instants). Every column is nullable. Rows are
 * streamed into row groups of the writer's default size, so memory stays bounded whatever the table's size.
 * No Hadoop classes run: the configuration is {@link PlainParquetConfiguration} and the codecs {@link ParquetCodecs}.
 * Rows go into Parquet through {@link RowWriteSupport}, which writes what {@code AvroParquetWriter} would.
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
        RowWriteSupport support = new RowWriteSupport(schema(columns), columns);
        long count = 0;
        try (ParquetWriter<RowCursor> writer = new Builder(new StreamOutputFile(out), support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(codec)
                .build()) {
            while (rows.next()) {
                writer.write(rows);
                count++;
            }
        }
        return count;
    }

    private static final class Builder extends ParquetWriter.Builder<RowCursor, Builder> {

        private final RowWriteSupport support;

        Builder(OutputFile file, RowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<RowCursor> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /**
     * Writes the cursor's current row straight into Parquet's record consumer. The file is the one
     * {@code AvroParquetWriter} writes for the same Avro schema (the Parquet schema comes from parquet-avro's
     * converter and the footer carries the Avro schema under parquet-avro's key and its model name), so
     * parquet-avro reads it back as before; but no {@code GenericRecord} is built per row and no union or logical
     * type is resolved per value, which was most of the writer's time.
     */
    private static final class RowWriteSupport extends WriteSupport<RowCursor> {

        /** Where parquet-avro keeps the Avro schema in the footer (AvroReadSupport's key, not public). */
        private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

        private final Schema avroSchema;
        private final ColumnType[] types;
        private final String[] names;
        private RecordConsumer consumer;

        RowWriteSupport(Schema avroSchema, List<ResultColumn> columns) {
            this.avroSchema = avroSchema;
            this.types = columns.stream().map(ResultColumn::type).toArray(ColumnType[]::new);
            this.names = columns.stream().map(ResultColumn::name).toArray(String[]::new);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            throw new UnsupportedOperationException("written with a ParquetConfiguration, without Hadoop");
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            MessageType parquetSchema = new AvroSchemaConverter(configuration).convert(avroSchema);
            return new WriteContext(parquetSchema, Map.of(AVRO_SCHEMA_KEY,
                    avroSchema.toString()));
        }

        @Override
        public String getName() {
            return "avro";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(RowCursor row) {
            consumer.startMessage();
            for (int i = 0; i < types.length; i++) {
                Object value = row.value(i);
                if (value == null) {
                    continue;
                }
                consumer.startField(names[i], i);
                switch (types[i]) {
                    case BOOLEAN -> consumer.addBoolean((Boolean) value);
                    case INTEGER -> consumer.addLong((Long) value);
                    case DECIMAL -> consumer.addDouble((Double) value);
                    case TEXT -> consumer.addBinary(Binary.fromString((String) value));
                    case DATE -> consumer.addInteger((int) ((LocalDate) value).toEpochDay());
                    case TIMESTAMP -> consumer.addLong(micros((LocalDateTime) value));
                }
                consumer.endField(names[i], i);
            }
            consumer.endMessage();
        }
    }

    private static long micros(LocalDateTime timestamp) {
        long seconds = timestamp.toEpochSecond(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), timestamp.getNano() / 1_000);
    }
}
