package io.nifimdm.core.export;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Page compression for Parquet without Hadoop: parquet-hadoop's own codec factory loads Hadoop codec classes, which
 * would put about 50 MB of Hadoop jars into the NAR. Snappy through snappy-java, gzip through java.util.zip and zstd
 * through zstd-jni, the libraries parquet itself depends on. Decompression is here too, for reading files back.
 */
final class ParquetCodecs implements CompressionCodecFactory {

    static final ParquetCodecs INSTANCE = new ParquetCodecs();
    private static final int ZSTD_LEVEL = 3;

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                byte[] input = bytes.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(input);
                    case SNAPPY -> BytesInput.from(Snappy.compress(input));
                    case ZSTD -> BytesInput.from(Zstd.compress(input, ZSTD_LEVEL));
                    case GZIP -> {
                        ByteArrayOutputStream buffer = new ByteArrayOutputStream(input.length / 2 + 64);
                        try (GZIPOutputStream gzip = new GZIPOutputStream(buffer)) {
                            gzip.write(input);
                        }
                        yield BytesInput.from(buffer.toByteArray());
                    }
                    default -> throw new IOException("Parquet codec " + codec + " is not available");
                };
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codec;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int decompressedSize) throws IOException {
                byte[] input = bytes.toByteArray();
                return switch (codec) {
                    case UNCOMPRESSED -> BytesInput.from(input);
                    case SNAPPY -> BytesInput.from(Snappy.uncompress(input));
                    case ZSTD -> BytesInput.from(Zstd.decompress(input, decompressedSize));
                    case GZIP -> {
                        try (InputStream gzip = new GZIPInputStream(new java.io.ByteArrayInputStream(input))) {
                            yield BytesInput.from(gzip.readAllBytes());
                        }
                    }
                    default -> throw new IOException("Parquet codec " + codec + " is not available");
                };
            }

            @Override
            public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int decompressedSize)
                    throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                byte[] out = decompress(BytesInput.from(in), decompressedSize).toByteArray();
                output.put(out);
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
