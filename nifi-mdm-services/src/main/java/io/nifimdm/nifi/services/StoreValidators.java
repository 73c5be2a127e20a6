package io.nifimdm.nifi.services;

import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;

/** Property validators of the dataset store services, with messages that say what to change. */
final class StoreValidators {

    /**
     * A directory that exists and is writable, or can be created (its nearest existing ancestor is a writable
     * directory). Nothing is created during validation.
     */
    static final Validator WRITABLE_DIRECTORY = (subject, input, context) -> {
        String value = evaluate(subject, input, context);
        String problem = writableDirectoryProblem(value);
        return result(subject, value, problem);
    };

    /** {@code jdbc:postgresql://host[:port]/database[?params]} without credentials. */
    static final Validator POSTGRES_URL = (subject, input, context) -> {
        String value = evaluate(subject, input, context);
        return result(subject, value, postgresUrlProblem(value));
    };

    /** Lower-case letters, digits and underscores, starting with a letter or underscore, not {@code pg_}. */
    static final Validator SCHEMA_PREFIX = (subject, input, context) -> {
        String value = evaluate(subject, input, context);
        return result(subject, value, schemaPrefixProblem(value));
    };

    static final int MAX_SCHEMA_PREFIX_LENGTH = 20;

    private static final Pattern SCHEMA_PREFIX_PATTERN = Pattern.compile("^[a-z_][a-z0-9_]*$");
    private static final String POSTGRES_URL_START = "jdbc:postgresql://";

    private StoreValidators() {
    }

    /** Null when {@code directory} is usable as a storage directory, otherwise what is wrong with it. */
    static String writableDirectoryProblem(String directory) {
        if (directory == null || directory.isBlank()) {
            return "a directory path is required";
        }
        Path path;
        try {
            path = Path.of(directory.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return "'" + directory + "' is not a valid path: " + e.getReason();
        }
        if (Files.exists(path)) {
            if (!Files.isDirectory(path)) {
                return "'" + path + "' exists but is a file, not a directory";
            }
            if (!Files.isWritable(path)) {
                return "NiFi cannot write to '" + path + "': give the user running NiFi write permission or choose"
                        + " another directory";
            }
            return null;
        }
        Path ancestor = path.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return "'" + path + "' cannot be created: none of its parent directories exists";
        }
        if (!Files.isDirectory(ancestor)) {
            return "'" + path + "' cannot be created because '" + ancestor + "' is a file, not a directory";
        }
        if (!Files.isWritable(ancestor)) {
            return "'" + path + "' does not exist and cannot be created: NiFi cannot write to '" + ancestor + "'";
        }
        return null;
    }

    /** Null when {@code url} is a usable PostgreSQL JDBC URL without credentials, otherwise what is wrong with it. */
    static String postgresUrlProblem(String url) {
        if (url == null || url.isBlank()) {
            return "a URL of the form jdbc:postgresql://host:5432/database is required";
        }
        String trimmed = url.trim();
        if (!trimmed.startsWith(POSTGRES_URL_START)) {
            return "the URL must start with " + POSTGRES_URL_START + " (for example"
                    + " jdbc:postgresql://db.example.com:5432/datasets)";
        }
        int authorityEnd = trimmed.indexOf('/', POSTGRES_URL_START.length());
        String authority = authorityEnd < 0 ? trimmed.substring(POSTGRES_URL_START.length())
                : trimmed.substring(POSTGRES_URL_START.length(), authorityEnd);
        if (authority.contains("@")) {
            return "the URL must not contain credentials (user@host): set Database User and Password instead";
        }
        if (authorityEnd < 0) {
            return "the URL names no database; expected jdbc:postgresql://host:port/database";
        }
        Properties parsed = org.postgresql.Driver.parseURL(trimmed, null);
        if (parsed == null) {
            return "the URL is not a valid PostgreSQL JDBC URL; expected jdbc:postgresql://host:port/database";
        }
        for (String key : parsed.stringPropertyNames()) {
            if (key.toLowerCase(Locale.ROOT).contains("password")) {
                return "the URL must not carry a password (parameter '" + key + "'): put it in the sensitive"
                        + " Password property, ideally as a sensitive parameter";
            }
        }
        String database = parsed.getProperty("PGDBNAME");
        if (database == null || database.isBlank()) {
            return "the URL names no database; expected jdbc:postgresql://host:port/database";
        }
        return null;
    }

    /** Null when {@code prefix} is a usable schema prefix, otherwise what is wrong with it. */
    static String schemaPrefixProblem(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "a prefix is required, so that dataset schemas cannot collide with other schemas such as public";
        }
        if (prefix.length() > MAX_SCHEMA_PREFIX_LENGTH) {
            return "the prefix can have at most " + MAX_SCHEMA_PREFIX_LENGTH + " characters, leaving room for the"
                    + " dataset name within PostgreSQL's 63-byte identifier limit";
        }
        if (!SCHEMA_PREFIX_PATTERN.matcher(prefix).matches()) {
            return "'" + prefix + "' may contain only lower-case letters a-z, digits and underscores, and must"
                    + " start with a letter or underscore";
        }
        if (prefix.startsWith("pg_")) {
            return "PostgreSQL reserves schema names starting with pg_; choose another prefix such as mdm_";
        }
        return null;
    }

    private static String evaluate(String subject, String input, ValidationContext context) {
        if (input != null && context.isExpressionLanguageSupported(subject) && context.isExpressionLanguagePresent(input)) {
            return context.newPropertyValue(input).evaluateAttributeExpressions().getValue();
        }
        return input;
    }

    private static ValidationResult result(String subject, String input, String problem) {
        return new ValidationResult.Builder()
                .subject(subject)
                .input(input)
                .valid(problem == null)
                .explanation(problem == null ? "valid" : problem)
                .build();
    }
}
