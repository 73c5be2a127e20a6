package io.nifimdm.core.ingest;

import java.nio.charset.Charset;

/**
 * The encoding detected from the head of the content (UTF-8, without a byte-order mark) does not hold for a
 * later part of it. Rather than replacing those bytes and losing characters, reading stops: roll back and
 * reopen with {@link ReadOptions#withCharset} set to {@link #retryCharset()} (windows-1252), which decodes
 * every byte.
 */
public class CharsetMismatchException extends InvalidInputException {

    private final transient Charset retryCharset;

    public CharsetMismatchException(Charset detected, Charset retryCharset, long charsRead) {
        super("The content looked like " + detected.name() + " in its first 64 KiB but has bytes that are not "
                + detected.name() + " after about " + charsRead + " characters; read it as " + retryCharset.name()
                + " (set the character set explicitly to choose another)");
        this.retryCharset = retryCharset;
    }

    public Charset retryCharset() {
        return retryCharset;
    }
}
