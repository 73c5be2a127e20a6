package io.nifimdm.core.ingest;

/** A source of raw rows read one at a time; null after the last. */
@FunctionalInterface
public interface RawRows {

    Object[] next();
}
