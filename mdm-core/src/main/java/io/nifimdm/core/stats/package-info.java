/**
 * Column statistics and data-quality figures of a table, computed in one streaming pass with
 * memory bounded by {@link io.nifimdm.core.stats.StatisticsOptions} rather than by the table's size.
 *
 * <p>At registration, feed the rows as they are loaded:
 * <pre>{@code
 * TableStatisticsAccumulator statistics = new TableStatisticsAccumulator(columns);
 * for (Object[] row : rows) {            // values typed as ColumnType documents
 *     sink.add(row);                      // the bulk load
 *     statistics.add(row);                // same row; the array may be reused afterwards
 * }
 * TableStatistics result = statistics.finish();
 * dataset.metadata().putStatistics(connection, table, result.toJsonByColumn());
 * }</pre>
 * For a table already stored (append mode, where the statistics must cover every row), stream it
 * back: {@link io.nifimdm.core.stats.StatisticsCalculator#ofTable}. Stored documents read back with
 * {@link io.nifimdm.core.stats.TableStatistics#fromJsonByColumn}.
 *
 * <p>Exact counts, min/max, mean and standard deviation; distinct counts, quartiles, top values
 * and duplicate rows are exact up to thresholds and estimated beyond them, with the error bound
 * documented on {@link io.nifimdm.core.stats.TableStatisticsAccumulator} and an {@code approximate}
 * flag in the result. The sketches (HyperLogLog, reservoir sample, Misra-Gries) are written here:
 * the managed datasketches-java 8.0.0 depends on datasketches-memory 6.0.0, compiled with Java 21
 * preview features, which no other Java version loads.
 */
package io.nifimdm.core.stats;
