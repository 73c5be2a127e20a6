package io.nifimdm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The {@code mdm} command: options every subcommand shares, and the list of subcommands. */
@Command(name = "mdm",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = MdmCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        header = "ML dataset management: MDM's commands over the nifi-mdm dataset stores.",
        description = "Datasets live in a store shared with the NiFi dataset store services: a dataset registered by a NiFi flow is listed here, and one registered here is read by the processors.",
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0   done",
                "  1   failed: bad name, value, filter or input file (the message says what)",
                "  2   usage: unknown command or option, missing or mistyped argument",
                "  3   the dataset does not exist in the store",
                "  4   store unavailable: PostgreSQL unreachable, or the storage directory",
                "      is held by a running NiFi dataset store service or another mdm command",
                "  70  internal error (run with --debug for the stack trace)"},
        subcommands = {
                RegisterCommand.class,
                ListCommand.class,
                InfoCommand.class,
                StatsCommand.class,
                SearchCommand.class,
                UpdateCommand.class,
                RemoveCommand.class,
                FeaturesCommand.class,
                QueryCommand.class,
                ExportCommand.class,
                CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class})
final class MdmCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", paramLabel = "STORE", scope = ScopeType.INHERIT, order = 100,
            description = "Where the datasets are: sqlite:DIR (default sqlite:./mdm-datasets), duckdb:DIR, or a PostgreSQL URL postgresql://user@host:5432/db (password from the MDM_PG_PASSWORD environment variable). Default from MDM_STORE when set.")
    String store;

    @Option(names = "--pg-user", paramLabel = "USER", scope = ScopeType.INHERIT, order = 101,
            description = "PostgreSQL user, when the URL does not name one.")
    String pgUser;

    @Option(names = "--schema-prefix", paramLabel = "PREFIX", scope = ScopeType.INHERIT, order = 102,
            defaultValue = "mdm_",
            description = "PostgreSQL schema prefix of the datasets (default: ${DEFAULT-VALUE}), as set on the NiFi service.")
    String schemaPrefix;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, order = 103,
            defaultValue = "table",
            description = "Output: table (for people, default), json or csv (for scripts).")
    OutputFormat format;

    @Option(names = "--debug", scope = ScopeType.INHERIT, order = 104,
            description = "Show stack traces and debug logging on errors.")
    boolean debug;

    /** Set by {@link Main} before parsing. */
    CliIo io;

    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCodes.USAGE;
    }

    StoreLocation location() {
        String chosen = store != null ? store : io.env("MDM_STORE");
        return StoreLocation.parse(chosen, pgUser, schemaPrefix, io);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MdmCommand.class.getPackage().getImplementationVersion();
            return new String[]{"mdm " + (version == null ? "(development build)" : version)
                    + " (nifi-mdm command line), Java " + System.getProperty("java.version")};
        }
    }
}
