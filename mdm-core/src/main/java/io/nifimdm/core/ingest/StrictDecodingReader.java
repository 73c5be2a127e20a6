package io.nifimdm.core.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** Decodes strictly and turns the first undecodable byte into a {@link CharsetMismatchException}. */
final class StrictDecodingReader extends Reader {

    private final Reader decoder;
    private final Charset charset;
    private final Charset retryCharset;
    private long charsRead;

    StrictDecodingReader(InputStream in, Charset charset, Charset retryCharset) {
        this.decoder = new InputStreamReader(in, charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        this.charset = charset;
        this.retryCharset = retryCharset;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        try {
            int n = decoder.read(buffer, offset, length);
            if (n > 0) {
                charsRead += n;
            }
            return n;
        } catch (CharacterCodingException e) {
            throw new CharsetMismatchException(charset, retryCharset, charsRead);
        }
    }

    @Override
    public void close() throws IOException {
        decoder.close();
    }
}
