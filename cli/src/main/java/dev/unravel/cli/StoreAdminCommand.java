package dev.unravel.cli;

import dev.unravel.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel store}: the embedded store's backups. */
@Command(name = "store",
        mixinStandardHelpOptions = true,
        description = {"Backs up the embedded store (scans, cases and their histories, analysts, tokens, the access "
            + "log, the batches received) without stopping the console, and restores a backup into a new folder. A "
            + "PostgreSQL store is backed up with PostgreSQL's own tools (pg_dump).", ""},
        subcommands = {StoreAdminCommand.Backup.class, StoreAdminCommand.Restore.class},
        footer = {"", "Examples:", "  unravel store backup --store unravel-store --out backups/unravel-2026-03-31.zip",
            "  unravel store restore backups/unravel-2026-03-31.zip --store unravel-store-restored"})
public final class StoreAdminCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Writes a consistent copy of the embedded store to a ZIP file without stopping the console: "
                + "like any command, it takes the store for the moment it needs, and waits while a scan is saving. "
                + "The file holds case files and personal data: keep it as the store is kept.", ""},
            footer = {"", "Example:", "  unravel store backup --out backups/unravel-$(date +%F).zip"})
    static final class Backup extends StoreCommand {

        @Option(names = "--out", paramLabel = "FILE.zip", required = true, description = "Where the backup goes "
                + "(replaced when it exists).")
        Path out;

        @Override
        void check() throws java.io.IOException {
            ScanCommand.checkWritable(out);
        }

        @Override
        int run(Store s, PrintWriter printed) throws java.io.IOException {
            long t0 = System.nanoTime();
            s.backup(out);
            printed.printf(Locale.ROOT, "Backed up the store at %s to %s (%,d bytes) in %.1f s. Restore it with "
                    + "'unravel store restore %s --store NEW-FOLDER'.%n", s.description(), out, Files.size(out),
                    (System.nanoTime() - t0) / 1e9, out);
            return 0;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = {"Puts a backup back as the embedded store in a folder that holds no store yet (never over "
                + "one), and opens it once to check it; a backup from an older version is brought up to date. "
                + "Stop the console, move the restored folder in place of the old one, and start it again.", ""},
            footer = {"", "Example:", "  unravel store restore backups/unravel-2026-03-31.zip --store unravel-store-new"})
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "BACKUP.zip", description = "A backup made by 'unravel store backup'.")
        Path backup;

        @Option(names = "--store", paramLabel = "DIR", required = true, description = "The new folder for the "
                + "restored store.")
        Path folder;

        @Override
        public Integer call() throws java.io.IOException {
            if (folder.toString().startsWith("jdbc:")) {
                throw new IllegalArgumentException("--store: restore makes an embedded store in a folder; a PostgreSQL "
                        + "store is restored with pg_restore");
            }
            Store.restore(backup, folder);
            PrintWriter out = spec.commandLine().getOut();
            try (Store s = Store.open(folder.toString())) {
                out.printf(Locale.ROOT, "Restored %s into %s: %,d cases, %,d scans, %,d analysts.%n", backup,
                        s.description(), s.cases(java.util.List.of()).size(), s.scans(Integer.MAX_VALUE).size(),
                        s.analysts().size());
            }
            out.flush();
            return 0;
        }
    }
}
