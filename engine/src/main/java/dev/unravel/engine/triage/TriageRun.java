package dev.unravel.engine.triage;

import dev.unravel.core.Event;
import dev.unravel.detect.extort.AccessIndex;
import dev.unravel.detect.extort.Attribution;
import dev.unravel.detect.extort.SenderTie;
import dev.unravel.detect.extort.SenderTies;
import dev.unravel.detect.extort.Suspect;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.run.FileOrder;
import dev.unravel.engine.run.MergedFiles;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.source.Inputs;
import dev.unravel.triage.EmailTriage;
import dev.unravel.triage.MessageTriage;
import dev.unravel.triage.archive.ArchiveLimits;
import dev.unravel.triage.demand.CryptoAddress;
import dev.unravel.triage.inventory.Inventory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code unravel triage}: each email triaged on its own ({@link EmailTriage}: verdict, demand,
 * archives, leak), then, when the company's records and logs are given, attributed to people: the
 * sender tied to workers, the leaked repositories to those who took them. Wallets shared between
 * emails carry a tie from one email to the other.
 *
 * <p>The logs are read in one pass, files in parallel as a scan reads them, for who is who (HR
 * records) and who did what (sign-in addresses, repository clones); no detector runs, so a triage
 * over a month of logs takes the time of reading them.
 */
public final class TriageRun {

    /**
     * @param emails    .eml or mbox files, or folders of them
     * @param inventory the company's file inventory, or null
     * @param logs      HR records and logs to attribute with, may be empty
     * @param extractTo a sandbox folder for archive contents, or null to write nothing
     * @param indicators the team's lists of published indicators, whose wallets a demand is compared with
     */
    public record Options(List<Path> emails, Path inventory, List<Path> logs, Path extractTo, List<Path> indicators) {

        public Options {
            indicators = indicators == null ? List.of() : List.copyOf(indicators);
        }

        /** Options without indicator lists. */
        public Options(List<Path> emails, Path inventory, List<Path> logs, Path extractTo) {
            this(emails, inventory, logs, extractTo, List.of());
        }
    }

    /** Reports each log file read, for progress. */
    public interface Progress {
        Progress NONE = (done, total, file) -> {
        };

        void logFileDone(int done, int total, FileSummary file);
    }

    /** One email (or attached email) with its suspects. */
    public record Triaged(MessageTriage triage, List<Suspect> suspects) {
    }

    /** Everything a triage found. */
    public record Result(List<Triaged> emails, List<dev.unravel.ingest.format.email.EmailFiles.Failure> failures,
            Inventory inventory, Path inventoryFile, LogsRead logs, java.util.Map<String, String> listedWallets) {

        public Result {
            listedWallets = listedWallets == null ? java.util.Map.of() : java.util.Map.copyOf(listedWallets);
        }

        /** Where the indicator lists name {@code wallet} ("OFAC SDN list (…), sdn.csv line 4"), or null. */
        public String listed(String wallet) {
            String key = dev.unravel.detect.intel.IndicatorLists.wallet(wallet);
            return key == null ? null : listedWallets.get(key);
        }
    }

    /** What the logs held: files, events, workers known. */
    public record LogsRead(int files, long events, int workers, long quarantined, long accessDropped) {
    }

    private TriageRun() {
    }

    public static Result run(Options options, Progress progress) throws IOException {
        Inventory inventory = options.inventory() == null ? null : Inventory.load(options.inventory());
        EmailTriage triage = new EmailTriage(inventory, ArchiveLimits.defaults(), options.extractTo());
        List<MessageTriage> messages = new ArrayList<>();
        List<dev.unravel.ingest.format.email.EmailFiles.Failure> failures = new ArrayList<>();
        List<Path> emailFiles = Inputs.expand(options.emails());
        if (emailFiles.isEmpty()) {
            throw new IllegalArgumentException("no email files found in " + options.emails());
        }
        for (Path f : emailFiles) {
            // One unreadable file (permissions, a vanished file) is a failure listed with the
            // others, never the end of the triage of the rest.
            EmailTriage.Result r;
            try {
                r = triage.triage(f);
            } catch (IOException | java.io.UncheckedIOException e) {
                failures.add(new dev.unravel.ingest.format.email.EmailFiles.Failure(f.toString(), 0,
                        "could not be read: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
                continue;
            }
            messages.addAll(r.messages());
            failures.addAll(r.failures());
        }

        LogsRead logs = null;
        List<Triaged> out = new ArrayList<>();
        if (options.logs().isEmpty()) {
            for (MessageTriage m : messages) {
                out.add(new Triaged(m, List.of()));
            }
        } else {
            Roster roster = new Roster(Pii.fromEnvironment());
            AccessIndex access = new AccessIndex();
            logs = readLogs(options.logs(), roster, access, progress);
            SenderTies ties = new SenderTies(roster);
            List<List<SenderTie>> perEmail = new ArrayList<>();
            for (MessageTriage m : messages) {
                perEmail.add(new ArrayList<>(ties.of(m.sender(), access)));
            }
            shareWalletTies(messages, perEmail);
            for (int i = 0; i < messages.size(); i++) {
                MessageTriage m = messages.get(i);
                List<Suspect> suspects = m.demand().extortion() || !m.leakedProjects().isEmpty()
                        ? Attribution.rank(m.sender(), m.leakedProjects(), perEmail.get(i), access, roster)
                        : List.of();
                out.add(new Triaged(m, suspects));
            }
        }
        java.util.Map<String, String> listed = new java.util.HashMap<>();
        for (var ind : dev.unravel.detect.intel.IndicatorLists.read(options.indicators(), "--indicators").indicators()) {
            if (ind.type().equals("wallet")) {
                listed.putIfAbsent(ind.key(), ind.listed());
            }
        }
        return new Result(out, failures, inventory, options.inventory(), logs, listed);
    }

    /**
     * A wallet reused across emails links them: the direct ties of one (personal address, sending
     * address) become wallet ties of the other, at a lower strength.
     */
    static void shareWalletTies(List<MessageTriage> messages, List<List<SenderTie>> ties) {
        Map<String, Set<Integer>> byWallet = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            for (CryptoAddress a : messages.get(i).demand().addresses()) {
                if (a.checksumValid()) {
                    byWallet.computeIfAbsent(a.address(), k -> new LinkedHashSet<>()).add(i);
                }
            }
        }
        List<List<SenderTie>> added = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            added.add(new ArrayList<>());
        }
        for (Map.Entry<String, Set<Integer>> w : byWallet.entrySet()) {
            for (int from : w.getValue()) {
                for (int to : w.getValue()) {
                    if (from == to) {
                        continue;
                    }
                    for (SenderTie t : ties.get(from)) {
                        if (t.kind() == SenderTie.Kind.PERSONAL_EMAIL || t.kind() == SenderTie.Kind.LOOKALIKE_EMAIL
                                || t.kind() == SenderTie.Kind.SENDER_IP) {
                            added.get(to).add(new SenderTie(t.workerId(), SenderTie.Kind.WALLET,
                                    Math.min(0.6, t.strength()), "the wallet " + w.getKey() + " is also in "
                                    + where(messages.get(from)) + ", which was " + t.detail(), t.evidence()));
                        }
                    }
                }
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            ties.get(i).addAll(added.get(i));
        }
    }

    private static String where(MessageTriage m) {
        return "the email " + (m.sender().messageId() != null ? m.sender().messageId() : m.file() + " #" + m.record());
    }

    private static LogsRead readLogs(List<Path> paths, Roster roster, AccessIndex access, Progress progress)
            throws IOException {
        List<Path> files = Inputs.expand(paths);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files found in --logs " + paths);
        }
        long[] events = {0};
        long[] quarantined = {0};
        int[] done = {0};
        java.time.Instant clock = java.time.Instant.now();
        dev.unravel.engine.run.Repeats repeats = new dev.unravel.engine.run.Repeats();
        // Who worked from where, from the logs in time order (as a scan orders them), each copy once.
        dev.unravel.engine.run.EventOrder order = new dev.unravel.engine.run.EventOrder(10_000, (e, note) -> {
            if (!repeats.released(e)) {
                events[0]++;
                access.observe(e, roster);
            }
        });
        // The scan's reader: each day's files parsed side by side, events handed over on this thread
        // (the roster is not thread-safe), records before logs so accounts resolve; as a scan reads
        // them, a log event stamped past the clock is left out and a copy counts once.
        try {
            new MergedFiles<FileSummary>().run(FileOrder.groups(files, dev.unravel.engine.Scan.FIRST_EVENTS),
                    (file, sink) -> dev.unravel.engine.Scan.notAhead(new Ingest(null, Limits.DEFAULT, Quarantine.NONE,
                            sink, 3), clock, "this triage's clock").run(List.of(file)),
                    new MergedFiles.Sink<>() {
                        @Override
                        public void event(Event e) {
                            boolean record = dev.unravel.engine.Scan.isRecord(e.type());
                            if (repeats.arriving(e, record)) {
                                return;
                            }
                            roster.observe(e);
                            if (record) {
                                events[0]++;
                                access.observe(e, roster);
                            } else {
                                order.accept(roster.named(e)); // Falcon's ids as the computer and account, as a scan does
                            }
                        }

                        @Override
                        public void fileDone(int index, Path file, List<FileSummary> got, Throwable failure) {
                            if (failure instanceof Error error) {
                                throw error;
                            }
                            done[0]++;
                            if (failure != null) {
                                progress.logFileDone(done[0], files.size(), new FileSummary(file.toString(),
                                        "unreadable", 0, null, 0, 0, 0, 0, List.of(), "could not be read: " + failure));
                                return;
                            }
                            for (FileSummary s : got) {
                                quarantined[0] += s.quarantined();
                                progress.logFileDone(done[0], files.size(), s);
                            }
                        }
                    });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("triage interrupted");
        }
        order.flush();
        return new LogsRead(files.size(), events[0], roster.size(), quarantined[0], access.dropped());
    }
}
