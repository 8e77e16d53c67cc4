package dev.unravel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code unravel} command: one subcommand per job. */
@Command(name = "unravel",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Finds fraudulent remote IT workers from the records and logs a company already has: HR and "
                + "applicant records, laptop shipments, sign-ins, endpoint, code-platform, network and email.",
            ""},
        subcommands = {DemoCommand.class, SimulateCommand.class, ScanCommand.class, CasesCommand.class,
            ServeCommand.class, AnalystsCommand.class, StoreAdminCommand.class,
            EvaluateCommand.class,
            TriageCommand.class,
            DetectorsCommand.class, IndicatorsCommand.class,
            IngestCommand.class, CollectCommand.class, InventoryCommand.class, SigmaCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Run 'unravel COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new Errors());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** This build's version, as reports and briefs name it. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"unravel " + version()};
        }
    }

    /** Turns expected failures into one line on stderr and a non-zero exit, without a stack trace. */
    static final class Errors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            String command = cl.getCommandSpec().qualifiedName();
            if (e instanceof IllegalArgumentException || e instanceof java.util.NoSuchElementException) {
                cl.getErr().println(command + ": " + e.getMessage());
                return 2;
            }
            if (e instanceof dev.unravel.store.StoreException) {
                cl.getErr().println(command + ": " + e.getMessage());
                return 1;
            }
            if (e instanceof java.io.IOException io) {
                cl.getErr().println(command + ": " + describe(io));
                return 1;
            }
            if (e instanceof java.io.UncheckedIOException u) {
                cl.getErr().println(command + ": " + (u.getMessage() == null ? describe(u.getCause()) : u.getMessage()));
                return 1;
            }
            throw new IllegalStateException(e);
        }

        static String describe(java.io.IOException e) {
            if (e instanceof java.nio.file.AccessDeniedException a) {
                return "cannot write to " + a.getFile() + ": permission denied"
                        + (a.getReason() == null ? "" : " (" + a.getReason() + ")");
            }
            if (e instanceof dev.unravel.sim.Simulator.OutputProblem) {
                return e.getMessage();
            }
            if (e instanceof java.nio.file.FileSystemException f) {
                return f.getFile() + (f.getReason() == null ? ": " + e.getClass().getSimpleName() : " " + f.getReason());
            }
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }
}
