package dev.unravel.cli;

import dev.unravel.triage.inventory.Inventory;
import dev.unravel.triage.inventory.InventoryBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel inventory}: the company's own files as paths and hashes, to recognise a leak. */
@Command(name = "inventory",
        mixinStandardHelpOptions = true,
        description = {"Indexes the company's own files — git repositories and plain folders — as paths, sizes and "
                + "git blob ids, so that an extortion email's proof archive can be matched against them later. "
                + "The inventory holds no file contents.", ""},
        subcommands = {InventoryCommand.Build.class, InventoryCommand.Show.class})
public final class InventoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build",
            mixinStandardHelpOptions = true,
            description = {"Builds an inventory: every file of HEAD and of each local branch of the git repositories "
                    + "(blob ids read from the trees, contents never read), and every regular file of the folders "
                    + "(hashed as git would). A --repo that is not a repository but holds repositories indexes each "
                    + "of them. Written as gzip-compressed JSON lines.", ""},
            footer = {"", "Examples:",
                "  unravel inventory build --repo /srv/git --out inventory.jsonl.gz",
                "  unravel simulate --out sim-out && unravel inventory build --repo sim-out/repos --out inv.jsonl.gz",
                "  unravel inventory build --repo ~/src/payments-api --dir /shares/finance --out inv.jsonl.gz"})
    static final class Build implements Callable<Integer> {
        /** Progress goes to stderr no more often than this, and not at all for a quick run. */
        private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

        @Spec
        CommandSpec spec;

        @Option(names = "--repo", paramLabel = "PATH", arity = "1..*",
                description = "A git work tree or bare repository, or a folder whose sub-folders are repositories.")
        List<Path> repos = List.of();

        @Option(names = "--dir", paramLabel = "PATH", arity = "1..*",
                description = "A plain folder, indexed as one project named after it (.git folders and symbolic "
                        + "links are skipped).")
        List<Path> dirs = List.of();

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Where to write the inventory (e.g. inventory.jsonl.gz).")
        Path out;

        @Option(names = "--quiet", description = "Print nothing but errors.")
        boolean quiet;

        @Override
        public Integer call() throws IOException {
            if (repos.isEmpty() && dirs.isEmpty()) {
                throw new IllegalArgumentException("give at least one --repo or --dir to index");
            }
            PrintWriter err = spec.commandLine().getErr();
            boolean terminal = System.console() != null;
            long started = System.nanoTime();
            long[] lastShown = {started};
            boolean[] shown = {false};
            InventoryBuilder builder = new InventoryBuilder().progress(files -> {
                long now = System.nanoTime();
                if (!quiet && now - lastShown[0] >= PROGRESS_EVERY_NANOS) {
                    lastShown[0] = now;
                    shown[0] = true;
                    err.printf(Locale.ROOT, terminal ? "\rIndexing: %,d files" : "Indexing: %,d files%n", files);
                    err.flush();
                }
            });
            for (Path repo : repos) {
                builder.addRepository(repo);
            }
            for (Path dir : dirs) {
                builder.addDirectory(dir);
            }
            Inventory inventory = builder.build();
            if (shown[0] && terminal) {
                err.println();
            }
            inventory.save(out);
            if (!quiet) {
                PrintWriter o = spec.commandLine().getOut();
                printSources(o, inventory);
                o.printf(Locale.ROOT, "Wrote %s: %,d files in %d projects (%.1f s)%n", out.toAbsolutePath(),
                        inventory.size(), inventory.projects().size(), (System.nanoTime() - started) / 1e9);
            }
            return 0;
        }
    }

    @Command(name = "show",
            mixinStandardHelpOptions = true,
            description = {"Prints an inventory's sources and file counts.", ""},
            footer = {"", "Example:", "  unravel inventory show inventory.jsonl.gz"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "An inventory written by 'unravel inventory build'.")
        Path file;

        @Override
        public Integer call() throws IOException {
            Inventory inventory = Inventory.load(file);
            PrintWriter o = spec.commandLine().getOut();
            o.printf(Locale.ROOT, "%s (%s, built %s): %,d files in %d projects%n", file, Inventory.SCHEMA,
                    inventory.created(), inventory.size(), inventory.projects().size());
            printSources(o, inventory);
            return 0;
        }
    }

    /** One line per source: project, files, kind, where it was read and at which commit. */
    static void printSources(PrintWriter o, Inventory inventory) {
        int width = inventory.sources().stream().mapToInt(s -> s.project().length()).max().orElse(0);
        for (Inventory.Source s : inventory.sources()) {
            o.printf(Locale.ROOT, "  %-" + Math.max(width, 1) + "s %,9d files  %-3s %s%s%n", s.project(), s.files(),
                    s.kind(), s.path(), s.commit() == null ? "" : " @ " + s.commit().substring(0, 12));
        }
    }
}
