package io.nifimdm.cli;

import java.util.Arrays;
import java.util.List;

/** Comma-separated option values, read the way the processors read their list properties. */
final class CommaList {

    private CommaList() {
    }

    /** Items trimmed, blank items dropped; null or blank gives an empty list. */
    static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * MDM's {@code update --id-columns} rule (spec 9 case 25): blank items are dropped, but a value made only of
     * commas is a mistake rather than a request to clear the list.
     */
    static List<String> splitStrict(String value, String what) {
        List<String> items = split(value);
        if (items.isEmpty() && value != null && value.contains(",")) {
            throw CliException.failed("Invalid " + what + " format: '" + value + "' names no column");
        }
        return items;
    }
}
