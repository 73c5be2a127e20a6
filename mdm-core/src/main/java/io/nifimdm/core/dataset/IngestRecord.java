package io.nifimdm.core.dataset;

import java.time.Instant;

/**
 * One row of the ingest log: which input (a FlowFile UUID, or a file's content hash from the CLI)
 * was loaded into which table, so a replay is recognised and not loaded twice.
 */
public record IngestRecord(String ingestId, String table, String mode, long rowCount, Instant ingestedAt) {
}
