/**
 * The input side of registration: tabular content in, typed rows and detected metadata out. Pure logic, no
 * dataset store; the only engine touched is a private in-memory DuckDB that decodes Parquet.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * InferenceOptions inference = InferenceOptions.defaults().withForcedTypes(userStorageTypes);
 * ReadOptions read = ReadOptions.defaults();                  // AUTO: format, compression, charset, delimiter
 * while (true) {                                               // one transaction per attempt
 *     try (TabularReader reader = TabularReaders.open(content.get(), read)) {
 *         InferredSchema schema = TypeInference.infer(reader, inference);   // consumes the sample rows
 *         RowConverter converter = schema.converter();
 *         createTable(schema.columnDefs());
 *         Object[] raw = null;
 *         try {
 *             for (Object[] s : schema.sampleRows()) { raw = s; sink.add(converter.convert(raw)); }
 *             while ((raw = reader.next()) != null) sink.add(converter.convert(raw));
 *         } catch (ValueTypeMismatchException e) {             // the sample guessed too narrow
 *             rollback();                                      // e.forced(): the user's type does not fit
 *             inference = inference.withForcedTypes(converter.widenToFit(raw, reader));  // all at once
 *             continue;                                        // widenToFit throws for a forced column
 *         }
 *         commit();
 *         break;
 *     } catch (UnexpectedColumnException e) {                  // JSON key first seen late: add it, retry
 *         rollback();
 *         read = read.withExtraColumns(append(read.extraColumns(), e.column()));
 *     } catch (CharsetMismatchException e) {                   // not UTF-8 after all: reload as windows-1252
 *         rollback();
 *         read = read.withCharset(e.retryCharset());
 *     }                                                        // other InvalidInputException: failure
 * }
 * }</pre>
 * Then, per column: {@link io.nifimdm.core.ingest.IdColumns#isIdName}, {@link io.nifimdm.core.ingest.SemanticTypes#detect};
 * per table: {@link io.nifimdm.core.ingest.TableNames#fromFileName},
 * {@link io.nifimdm.core.ingest.KaggleTargets#fromSubmissionHeader},
 * {@link io.nifimdm.core.ingest.ProblemTypeInference#infer} on the target's first converted values.
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li>Compression and format come from the bytes, never the file name.</li>
 * <li>CSV: an unquoted empty field is missing (null), a quoted {@code ""} is an empty string; blank lines are
 * skipped; a row with a different field count than the header is an error naming its line; empty content,
 * header-only content, empty column names and duplicate column names (ignoring case) are errors
 * (issue 3), duplicates can instead be renamed {@code x.1} on request.</li>
 * <li>Typed columns read {@code ""} and blank text as missing; text columns keep it.</li>
 * <li>Numbers with leading zeros ({@code 007}) and integers too long for a long stay text; NaN/inf are
 * decimals only next to real numbers.</li>
 * <li>Dates: one layout per column; ambiguous day/month follows the spec order (day first).</li>
 * </ul>
 */
package io.nifimdm.core.ingest;
