package io.nifimdm.core.ingest;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the field delimiter among {@code ,} {@code ;} {@code |} and tab from the first records of the content,
 * parsed with quotes respected (a comma inside a quoted field does not count).
 *
 * <p>A candidate is consistent when it splits every sampled record into the same number of fields, more than
 * one. The consistent candidate with the most fields wins (a {@code ;} file whose text has commas in some rows
 * is inconsistent for {@code ,}); ties go to the order above. With no consistent candidate, the one whose
 * field count matches the header in the most records wins, and comma when nothing splits at all.
 */
final class DelimiterSniffer {

    static final char[] CANDIDATES = {',', '\t', ';', '|'};
    private static final int MAX_RECORDS = 50;

    private DelimiterSniffer() {
    }

    /**
     * @param head      the first characters of the content
     * @param truncated whether content continues after {@code head}; the last, possibly cut, record is dropped
     */
    static char sniff(String head, boolean truncated) {
        char best = ',';
        int bestFields = 1;
        boolean bestConsistent = false;
        int bestMatching = -1;
        for (char candidate : CANDIDATES) {
            List<Integer> counts = fieldCounts(head, truncated, candidate);
            if (counts.isEmpty()) {
                continue;
            }
            int header = counts.get(0);
            int matching = 0;
            for (int count : counts) {
                if (count == header) {
                    matching++;
                }
            }
            boolean consistent = header > 1 && matching == counts.size();
            if (consistent) {
                if (!bestConsistent || header > bestFields) {
                    best = candidate;
                    bestFields = header;
                    bestConsistent = true;
                }
            } else if (!bestConsistent && header > 1 && matching > bestMatching) {
                best = candidate;
                bestFields = header;
                bestMatching = matching;
            }
        }
        return best;
    }

    private static List<Integer> fieldCounts(String head, boolean truncated, char delimiter) {
        List<Integer> counts = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter)
                .allowExtraFields(true).allowMissingFields(true).allowExtraCharsAfterClosingQuote(true)
                .ofCsvRecord(head)) {
            for (CsvRecord rec : reader) {
                counts.add(rec.getFieldCount());
                if (counts.size() > MAX_RECORDS) {
                    break;
                }
            }
        } catch (RuntimeException | java.io.IOException e) {
            // an unparsable head for this candidate: judge it on the records read so far
        }
        if (truncated && counts.size() > 1) {
            counts.remove(counts.size() - 1);
        }
        return counts;
    }
}
