package io.nifimdm.nifi.processors;

import java.util.Arrays;
import java.util.List;

/** Comma-separated property values: blank items dropped, items trimmed. */
final class ListProperty {

    private ListProperty() {
    }

    static List<String> split(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
