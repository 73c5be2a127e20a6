package io.nifimdm.core.register;

import io.nifimdm.core.ingest.InputFormat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Content for registration tests. */
final class Csv {

    private Csv() {
    }

    static TableInput of(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8));
    }

    static TableInput bytes(byte[] content) {
        return ContentInput.of(() -> new ByteArrayInputStream(content), InputFormat.AUTO);
    }
}
