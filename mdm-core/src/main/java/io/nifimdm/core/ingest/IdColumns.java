package io.nifimdm.core.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ID columns by name (spec 2.3, values ignored), case-insensitively: exactly {@code id}, {@code index},
 * {@code idx}, {@code key} or {@code pk}; or ending with {@code id}, {@code _idx}, {@code _key} or
 * {@code _pk}; or starting with {@code id_}. MDM's rule is kept as is, including its quirk that any name ending
 * in {@code id} matches ({@code paid}, {@code valid}, {@code uuid}); users can correct it with explicit ID
 * columns, which nifi-mdm honours.
 */
public final class IdColumns {

    private static final Set<String> EXACT = Set.of("id", "index", "idx", "key", "pk");

    private IdColumns() {
    }

    public static boolean isIdName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return EXACT.contains(n) || n.endsWith("id") || n.endsWith("_idx") || n.endsWith("_key")
                || n.endsWith("_pk") || n.startsWith("id_");
    }

    /** The ID-like names among {@code names}, in their order. */
    public static List<String> detect(List<String> names) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            if (isIdName(name)) {
                ids.add(name);
            }
        }
        return List.copyOf(ids);
    }
}
