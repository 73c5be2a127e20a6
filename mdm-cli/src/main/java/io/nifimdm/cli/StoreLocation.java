package io.nifimdm.cli;

import io.nifimdm.core.TransientStoreException;
import io.nifimdm.core.backend.BackendKind;
import io.nifimdm.core.dataset.DatasetStore;
import io.nifimdm.core.dataset.DatasetStores;
import io.nifimdm.core.dataset.DuckDbSettings;
import io.nifimdm.core.dataset.PostgresSettings;
import io.nifimdm.core.dataset.SqliteSettings;
import io.nifimdm.core.dataset.StorageDirectoryInUseException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the datasets are, from {@code --store}: {@code sqlite:DIR} (the default, {@code ./mdm-datasets}),
 * {@code duckdb:DIR}, or a PostgreSQL URL ({@code postgresql://user@host:5432/db} or
 * {@code jdbc:postgresql://host:5432/db?user=u}). The layout is the NiFi services': a directory given to a
 * SQLiteDatasetStore service is the same {@code sqlite:DIR} here. PostgreSQL passwords come from the
 * {@value #PASSWORD_VARIABLE} environment variable only, never from the command line, where other users of the
 * machine can read them.
 */
final class StoreLocation {

    static final String DEFAULT = "sqlite:./mdm-datasets";
    static final String PASSWORD_VARIABLE = "MDM_PG_PASSWORD";

    private final BackendKind kind;
    private final Path directory;
    private final PostgresSettings postgres;

    private StoreLocation(BackendKind kind, Path directory, PostgresSettings postgres) {
        this.kind = kind;
        this.directory = directory;
        this.postgres = postgres;
    }

    static StoreLocation parse(String store, String pgUser, String schemaPrefix, CliIo io) {
        String spec = store == null || store.isBlank() ? DEFAULT : store.trim();
        String lower = spec.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sqlite:") || lower.startsWith("duckdb:")) {
            int colon = spec.indexOf(':');
            String dir = spec.substring(colon + 1);
            if (dir.isBlank()) {
                throw new CliException(ExitCodes.USAGE, "Invalid store '" + spec + "': name the storage directory,"
                        + " for example " + lower.substring(0, colon) + ":./mdm-datasets");
            }
            BackendKind kind = lower.startsWith("sqlite:") ? BackendKind.SQLITE : BackendKind.DUCKDB;
            return new StoreLocation(kind, Path.of(dir).toAbsolutePath().normalize(), null);
        }
        String url = lower.startsWith("jdbc:") ? spec.substring("jdbc:".length()) : spec;
        String urlLower = url.toLowerCase(Locale.ROOT);
        if (urlLower.startsWith("postgresql://") || urlLower.startsWith("postgres://")) {
            return new StoreLocation(BackendKind.POSTGRESQL, null, postgres(url, pgUser, schemaPrefix, io));
        }
        throw new CliException(ExitCodes.USAGE, "Invalid store '" + spec + "': expected sqlite:DIR, duckdb:DIR or a"
                + " PostgreSQL URL such as postgresql://user@host:5432/database");
    }

    private static PostgresSettings postgres(String url, String pgUser, String schemaPrefix, CliIo io) {
        String rest = url.substring(url.indexOf("://") + 3);
        String query = "";
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        String user = null;
        int at = rest.lastIndexOf('@', rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/'));
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (userInfo.contains(":")) {
                throw passwordInUrl();
            }
            user = decode(userInfo);
        }
        String sslMode = "prefer";
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            switch (name) {
                case "password" -> throw passwordInUrl();
                case "user" -> user = value;
                case "sslmode" -> sslMode = value;
                default -> kept.add(pair);
            }
        }
        if (pgUser != null && !pgUser.isBlank()) {
            if (user != null && !user.equals(pgUser)) {
                throw new CliException(ExitCodes.USAGE, "The store URL names user '" + user + "' and --pg-user names '"
                        + pgUser + "': give the user once");
            }
            user = pgUser;
        }
        if (rest.isEmpty() || rest.startsWith("/")) {
            throw new CliException(ExitCodes.USAGE, "Invalid PostgreSQL URL: name the host and database, as in"
                    + " postgresql://user@host:5432/database");
        }
        String jdbcUrl = "jdbc:postgresql://" + rest + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new PostgresSettings(jdbcUrl, user, io.env(PASSWORD_VARIABLE), schemaPrefix, sslMode, 4,
                Duration.ofSeconds(10), Duration.ZERO);
    }

    private static CliException passwordInUrl() {
        return new CliException(ExitCodes.USAGE, "Do not put the PostgreSQL password in the store URL, where other"
                + " users of the machine can read it: set the " + PASSWORD_VARIABLE + " environment variable instead");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    BackendKind kind() {
        return kind;
    }

    /** The storage directory of an embedded store, null for PostgreSQL. */
    Path directory() {
        return directory;
    }

    /** Where the store is, for messages (never with credentials). */
    String display() {
        return kind.isEmbedded() ? kind.id() + ":" + directory : postgres.jdbcUrl().replaceFirst("\\?.*$", "");
    }

    /** Opens the store, creating an embedded storage directory when missing. */
    DatasetStore open() {
        try {
            return switch (kind) {
                case SQLITE -> DatasetStores.sqlite(directory, SqliteSettings.defaults(), 4);
                case DUCKDB -> DatasetStores.duckdb(directory, DuckDbSettings.defaults(), 4);
                case POSTGRESQL -> DatasetStores.postgres(postgres);
            };
        } catch (TransientStoreException e) {
            throw new CliException(ExitCodes.STORE_UNAVAILABLE, e.getMessage(), e);
        } catch (StorageDirectoryInUseException e) {
            throw new CliException(ExitCodes.STORE_UNAVAILABLE, "Storage directory " + directory + " is held by"
                    + " another MDM dataset store: a running NiFi " + (kind == BackendKind.SQLITE
                    ? "SQLiteDatasetStore" : "DuckDBDatasetStore") + " service or another mdm command. Disable"
                    + " that service (or wait for the other command) and retry, or point --store at a copy of"
                    + " the directory", e);
        }
    }

    /**
     * Opens the store for a command that only reads: an embedded storage directory that does not exist means no
     * datasets (nothing is created for a look).
     */
    Optional<DatasetStore> openExisting() {
        if (kind.isEmbedded() && !Files.isDirectory(directory)) {
            return Optional.empty();
        }
        return Optional.of(open());
    }
}
