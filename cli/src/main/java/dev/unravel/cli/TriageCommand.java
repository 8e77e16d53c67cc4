package dev.unravel.cli;

import dev.unravel.engine.triage.TriageJson;
import dev.unravel.engine.triage.TriageRun;
import dev.unravel.engine.triage.TriageText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel triage}: is this extortion email real, what leaked, and who sent it. */
@Command(name = "triage",
        mixinStandardHelpOptions = true,
        description = {
            "Triages extortion email (.eml or mbox; forwarded emails attached to a report are followed): the "
                + "demand (wallets with checksum validation, amounts, threats and deadlines as weighted cues), the "
                + "archives offered as proof (opened in memory, never executed; bombs, traversal names, symlinks and "
                + "executables reported, not expanded), the files in them matched to the company's inventory, and a "
                + "verdict: confirmed leak, unconfirmed claim or not extortion.",
            "",
            "With --logs (HR records and logs, as for scan), the sender is tied to workers (personal address or a "
                + "look-alike, sending IP against sign-in IPs, display name, a wallet reused from another email) and "
                + "the leaked repositories to who cloned them; terminated workers come first.",
            ""},
        footer = {"", "Examples:",
            "  unravel inventory build --repo sim-out/repos --out inventory.jsonl.gz",
            "  unravel triage sim-out/email --inventory inventory.jsonl.gz --logs sim-out --json triage.json",
            "  unravel triage suspicious.eml"})
public final class TriageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "EMAIL", description = "Email files (.eml, mbox) or folders of them.")
    List<Path> emails;

    @Option(names = "--inventory", paramLabel = "FILE", description = "The company's file inventory "
            + "(unravel inventory build); without it a leak cannot be confirmed.")
    Path inventory;

    @Option(names = "--logs", paramLabel = "PATH", description = "HR records and logs to attribute the email with; "
            + "repeatable.")
    List<Path> logs = List.of();

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the triage as JSON (schema "
            + TriageJson.SCHEMA + ").")
    Path json;

    @Option(names = "--extract", paramLabel = "DIR", description = "Write the archives' readable entries into this "
            + "sandbox folder (never outside it; links, traversal and absolute names are refused). Default: nothing "
            + "is written.")
    Path extract;

    @Option(names = "--indicators", paramLabel = "FILE", description = "The team's lists of published indicators "
            + "(as unravel indicators check reads them): a demand's wallet on them is said, for counsel before any "
            + "payment (OFAC's SDN list names the scheme's wallets); repeatable.")
    List<Path> indicators = new java.util.ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        for (Path p : emails) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        if (inventory != null && !Files.isRegularFile(inventory)) {
            throw new IllegalArgumentException("--inventory " + inventory + ": no such file");
        }
        for (Path p : logs) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException("--logs " + p + ": no such file or folder");
            }
        }
        if (json != null) {
            ScanCommand.checkWritable(json);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null && !quiet;
        TriageRun.Result r = TriageRun.run(new TriageRun.Options(emails, inventory, logs, extract, indicators),
                (done, total, file) -> {
                    if (tty && (done == total || done % 20 == 0)) {
                        err.printf("\rtriage: reading logs %,d/%,d files", done, total);
                        err.flush();
                    }
                });
        if (tty && !logs.isEmpty()) {
            err.println();
        }
        TriageText.print(r, out);
        if (json != null) {
            TriageJson.write(r, json);
            out.println("Triage: " + json);
        }
        return 0;
    }
}
