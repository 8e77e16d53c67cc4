package dev.unravel.cli;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.server.CaseBrief;
import dev.unravel.server.CaseJson;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseChange;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.HistoryEntry;
import dev.unravel.store.StoredCases.ScanSummary;
import dev.unravel.store.StoredCases.ScoreSeen;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel cases}: the cases scans opened, for analysts to work and decide. */
@Command(name = "cases",
        mixinStandardHelpOptions = true,
        description = {
            "The cases scans opened (one per worker or applicant scored at the opening level, 'high' unless "
                + "'unravel scan --cases-at' says otherwise) and those analysts opened by hand: list them, show one "
                + "with its signals and history, change its status, assignee or disposition and add notes, export it "
                + "as evidence, forget the people who were cleared. A scan of new evidence adds the new signals to the "
                + "case; a closed case reopens only for signals it has not seen.",
            ""},
        subcommands = {CasesCommand.ListCases.class, CasesCommand.Show.class, CasesCommand.Brief.class,
            CasesCommand.Update.class, CasesCommand.Share.class, CasesCommand.Unshare.class, CasesCommand.Scans.class, CasesCommand.Prune.class, CasesCommand.Import.class,
            CasesCommand.Checks.class, CasesCommand.Step.class, CasesCommand.Open.class, CasesCommand.Export.class,
            CasesCommand.Stats.class, CasesCommand.Forget.class},
        footer = {"", "Examples:", "  unravel cases list", "  unravel cases show 3",
            "  unravel cases update 3 --status investigating --assignee dana --note \"Asked HR for the I-9.\"",
            "  unravel cases update 3 --status closed --disposition fraud --note \"Laptop recovered from a farm.\"",
            "  unravel cases brief 3 --out case-3.html",
            "  unravel cases export 3 --out case-3-evidence.zip",
            "  unravel cases stats",
            "  unravel cases forget 7 --reason \"Retention: cleared 180 days ago (policy HR-12).\"",
            "  unravel cases open E100501 --reason \"HR: camera never on in 1:1s; manager says the work reads like two people.\"",
            "  unravel cases checks > checks.yaml   (then --load it, edited)",
            "  unravel cases share 3 hr.pat",
            "  unravel cases import flink-report.json --store jdbc:postgresql://db.example.com/unravel?user=unravel",
            "  unravel cases list --store jdbc:postgresql://db.example.com/unravel?user=unravel"})
public final class CasesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'", Locale.ROOT);

    static String at(OffsetDateTime t) {
        return t == null ? "" : MINUTE.format(t);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Lists cases, the highest score first: by default those not closed.", ""},
            footer = {"", "Examples:", "  unravel cases list", "  unravel cases list --status closed",
                "  unravel cases list --all", "  unravel cases list --all --find watson",
                "  unravel cases list --urgent",
                "  unravel cases list --json | jq '.[] | select(.level == \"critical\")'"})
    static final class ListCases extends StoreCommand {

        @Option(names = "--status", paramLabel = "STATUS", split = ",", description = "Only cases with these "
                + "statuses (open, investigating, escalated, closed).")
        List<String> statuses = new ArrayList<>();

        @Option(names = "--all", description = "Closed cases too.")
        boolean all;

        @Option(names = "--json", description = "The cases as a JSON array (the keys of 'cases show --json' without "
                + "signals, scores and history), for scripts.")
        boolean json;

        @Option(names = "--find", paramLabel = "TEXT", description = "Only the case with this number, or those "
                + "whose person's name, id or assignee holds TEXT (any case), as the console's search box.")
        String find;

        @Option(names = "--urgent", description = "Only the cases with a step that cannot wait (\"URGENT STEPS FOR\").")
        boolean urgentOnly;

        private final Set<CaseStatus> wanted = EnumSet.noneOf(CaseStatus.class);

        @Override
        void check() {
            statuses.forEach(s -> wanted.add(CaseStatus.parse(s)));
            if (wanted.isEmpty() && !all) {
                wanted.addAll(EnumSet.of(CaseStatus.OPEN, CaseStatus.INVESTIGATING, CaseStatus.ESCALATED));
            }
        }

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            List<CaseSummary> cases = s.cases(wanted).stream().filter(c -> c.matches(find)).toList();
            Map<Long, List<dev.unravel.store.StoredCases.FindingKind>> kinds = s.findingKinds(
                    cases.stream().map(CaseSummary::id).toList());
            dev.unravel.engine.report.NextChecks checks = dev.unravel.server.CaseChecks.in(s);
            if (urgentOnly) {
                cases = cases.stream().filter(c -> !CaseBrief.urgentTeams(c, kinds.get(c.id()), checks).isEmpty())
                        .toList();
            }
            if (json) {
                out.println(dev.unravel.engine.report.ReportJson.mapper().writeValueAsString(
                        cases.stream().map(c -> CaseJson.listed(c, CaseBrief.urgentTeams(c, kinds.get(c.id()), checks)))
                                .toList()));
                return 0;
            }
            if (cases.isEmpty()) {
                out.println((urgentOnly ? "No cases with urgent steps" : all ? "No cases"
                        : statuses.isEmpty() ? "No active cases"
                        : "No cases " + wanted.stream().map(CaseStatus::id).collect(
                                java.util.stream.Collectors.joining(" or ")))
                        + (find == null || find.isBlank() ? "" : " matching '" + find.strip() + "'") + " in "
                        + s.description() + ".");
                return 0;
            }
            out.printf("%5s  %-9s %-14s %-28s %5s %-8s %7s  %-14s %-17s %-20s %s%n", "CASE", "KIND", "STATUS", "NAME",
                    "SCORE", "LEVEL", "SIGNALS", "ASSIGNEE", "UPDATED", "URGENT STEPS FOR", "STAGES");
            for (CaseSummary c : cases) {
                String status = c.disposition() == null ? c.status().id()
                        : c.status().id() + " " + c.disposition().id();
                List<String> urgent = CaseBrief.urgentTeams(c, kinds.get(c.id()), checks);
                out.printf(Locale.ROOT, "%5d  %-9s %-14s %-28s %5.2f %-8s %7d  %-14s %-17s %-20s %s%n", c.id(),
                        c.kind(),
                        status, clip(name(c), 28), c.score(), c.level(), c.signals(),
                        clip(c.assignee() == null ? "-" : c.assignee(), 14), at(c.updatedAt()),
                        urgent.isEmpty() ? "-" : String.join(", ", urgent), String.join(", ", c.stages()));
            }
            out.println(dev.unravel.core.Count.of(cases.size(), "case", "cases") + " in " + s.description()
                    + ". Show one: unravel cases show " + cases.get(0).id());
            return 0;
        }
    }

    /** The case, or an error naming the store it is not in. */
    static CaseFile caseFile(Store s, long id) {
        return s.caseFile(id).orElseThrow(() -> new NoSuchElementException("no case " + id + " in " + s.description()));
    }

    static String name(CaseSummary c) {
        return c.forgotten() ? "a forgotten " + c.kind() : c.name() == null ? c.personId() : c.name() + " ("
                + c.personId() + ")";
    }

    static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows a case: who, its status, the person's score in every saved scan, every signal "
                + "with its evidence, and its history.", ""},
            footer = {"", "Examples:", "  unravel cases show 3", "  unravel cases show 3 --json > case-3.json"})
    static final class Show extends StoreCommand {

        @Parameters(paramLabel = "CASE", description = "The case number ('unravel cases list' shows them).")
        long id;

        @Option(names = "--json", description = "The whole case as one JSON object (snake_case keys, times in UTC), "
                + "for a briefing or another tool.")
        boolean json;

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            CaseFile f = caseFile(s, id);
            if (json) {
                out.println(dev.unravel.engine.report.ReportJson.mapper().writeValueAsString(CaseJson.of(f,
                        dev.unravel.server.CaseChecks.of(s, id))));
                return 0;
            }
            CaseSummary c = f.summary();
            out.printf("Case %d: %s%n", c.id(), c.forgotten() ? name(c) : c.kind() + " " + name(c));
            out.printf(Locale.ROOT, "Status:   %s%s%s%n", c.status().id(),
                    c.disposition() == null ? "" : " (" + c.disposition().id() + ", " + at(c.closedAt()) + ")",
                    c.assignee() == null ? ", unassigned" : ", assigned to " + c.assignee());
            out.printf(Locale.ROOT, "Score:    %.2f %s, in %s%n", c.score(), c.level(),
                    c.stages().isEmpty() ? "no stage" : String.join(", ", c.stages()));
            out.printf("Opened:   %s by %s; last scan %d%n", at(c.openedAt()), c.openedHow(), c.lastScan());
            if (f.hireDate() != null) {
                out.println("Employed: hired " + f.hireDate() + (f.terminationDate() == null ? ""
                        : ", terminated " + f.terminationDate()));
            }
            List<Store.CaseViewer> viewers = s.caseViewers(id);
            out.println("Shared:   " + (viewers.isEmpty() ? "with no viewer (only analysts read it)" : "with "
                    + String.join(", ", viewers.stream().map(v -> v.viewer() + " (by " + v.sharedBy() + ", "
                            + at(v.sharedAt()) + ")").toList())));
            for (String tie : CaseBrief.tieLines(f)) {
                out.println("Tied:     " + tie);
            }
            String story = CaseBrief.story(f);
            if (story != null) {
                out.println("Timeline: " + story);
            }
            out.println();
            out.println("Score in each saved scan:");
            for (ScoreSeen seen : f.scores()) {
                out.printf(Locale.ROOT, "  scan %-4d %s  %.2f %-8s %d signals%n", seen.scan(), at(seen.savedAt()),
                        seen.score(), seen.level(), seen.signals());
            }
            out.println();
            out.println("Signals (" + f.signals().size() + "):");
            for (Assessment.Finding g : f.signals()) {
                out.printf(Locale.ROOT, "  %s  %-8s %.2f  %s%s%n", g.time(), g.stage(), g.strength(), g.detector(),
                        g.technique() == null ? "" : " (" + g.technique() + ")");
                out.println("      " + g.explanation());
                if (g.via() != null) {
                    out.println("      tied through: " + g.via());
                }
                int shown = Math.min(3, g.evidence().size());
                out.println("      evidence: " + String.join(", ", g.evidence().subList(0, shown))
                        + (g.evidence().size() > shown ? " and " + (g.evidence().size() - shown) + " more" : ""));
            }
            if (!f.signals().isEmpty()) {
                out.println("  (the record behind any evidence: unravel ingest show FILE#RECORD)");
            }
            List<dev.unravel.engine.report.NextChecks.Check> checks = CaseBrief.checks(f,
                    dev.unravel.server.CaseChecks.in(s));
            if (!checks.isEmpty()) {
                Map<String, Store.StepDone> done = s.stepsDone(id);
                out.println();
                out.println("What to check next (unravel cases step " + id + " N marks step N done):");
                int n = 0;
                for (dev.unravel.engine.report.NextChecks.Check k : checks) {
                    Store.StepDone d = done.get(k.key());
                    out.println(String.format(Locale.ROOT, "%3d. ", ++n) + k.who() + (k.urgent() ? " (urgent)" : "")
                            + ": " + k.what() + (k.findings().isEmpty() ? "" : " [" + String.join(", ", k.findings())
                                    + "]") + (d == null ? "" : " -- done, " + d.by() + ", " + at(d.at())));
                }
            }
            out.println();
            out.println("History:");
            for (HistoryEntry h : f.history()) {
                out.printf("  %s  %-10s %-9s %s%n", at(h.at()), clip(h.actor(), 10), h.action(), h.detail());
            }
            return 0;
        }
    }

    @Command(name = "brief", mixinStandardHelpOptions = true,
            description = {"Writes a case as one printable HTML page for the people you brief (HR, legal, "
                + "management): who, the decision so far, what each record shows stage by stage with where the "
                + "record is, the score in each scan, and the case's history.", ""},
            footer = {"", "Example:", "  unravel cases brief 3 --out case-3.html"})
    static final class Brief extends StoreCommand {

        @Parameters(paramLabel = "CASE", description = "The case number.")
        long id;

        @Option(names = "--out", paramLabel = "FILE.html", description = "Where the brief goes. Default: "
                + "case-CASE.html.")
        java.nio.file.Path file;

        @Option(names = "--by", paramLabel = "NAME", description = "Who prepares it. Default: $UNRAVEL_ANALYST, "
                + "else your login.")
        String by = ReportCases.actor();

        @Option(names = "--records", description = "Add the records behind the findings as an appendix, read again "
                + "from their files (as 'unravel ingest show' prints them; identity and bank numbers masked), so "
                + "that the reader can check each finding without the files; at most "
                + dev.unravel.server.CaseBrief.RECORDS_AT_MOST + ".")
        boolean records;

        @Option(names = "--mapping", paramLabel = "FILE", description = "With --records: the column-mapping files "
                + "the scan read with (repeatable).")
        List<java.nio.file.Path> mapping;

        @Override
        void check() throws java.io.IOException {
            file = file == null ? java.nio.file.Path.of("case-" + id + ".html") : file;
            ScanCommand.checkWritable(file);
            if (mapping != null && !mapping.isEmpty() && !records) {
                throw new IllegalArgumentException("--mapping reads the records of --records: give --records too");
            }
        }

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            CaseFile f = caseFile(s, id);
            if (!records) {
                java.nio.file.Files.writeString(file, dev.unravel.server.CaseBrief.render(f, s.description(), by,
                        Main.version(), dev.unravel.server.CaseChecks.of(s, id)));
                out.println("Brief of case " + id + ": " + file);
                return 0;
            }
            dev.unravel.server.CaseBrief.WithRecords brief = dev.unravel.server.CaseBrief.withRecords(f, s, by,
                    Main.version(), IngestCommand.mappings(mapping).readers(), Long.MAX_VALUE);
            java.nio.file.Files.writeString(file, brief.html());
            out.println("Brief of case " + id + ": " + file + " (with " + brief.shown() + " of " + brief.named()
                    + " records" + (brief.shown() < brief.named() ? "; the others say why not" : "") + ")");
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Writes a case as one ZIP to hand on (to counsel, an investigator, law enforcement) before "
                + "the logs age out: the brief with the records behind the findings, the case as JSON, who opened or "
                + "changed it (the access log's entries about it), a copy of every file the findings cite with its "
                + "SHA-256 now and as the case's latest scan read it (manifest.json), and SHA256SUMS over all of it "
                + "(sha256sum -c SHA256SUMS). The export goes into the case's history with the package's SHA-256.",
                ""},
            footer = {"", "Examples:", "  unravel cases export 3", "  unravel cases export 3 --out /secure/case-3.zip",
                "  unravel cases export 3 --no-files      (the brief, the case and the manifest; the files listed)"})
    static final class Export extends StoreCommand {

        @Parameters(paramLabel = "CASE", description = "The case number.")
        long id;

        @Option(names = "--out", paramLabel = "FILE.zip", description = "Where the package goes. Default: "
                + "case-CASE-evidence.zip.")
        java.nio.file.Path file;

        @Option(names = "--by", paramLabel = "NAME", description = "Who exports it. Default: $UNRAVEL_ANALYST, else "
                + "your login.")
        String by = ReportCases.actor();

        @Option(names = "--no-files", description = "List the cited files in the manifest without copying them.")
        boolean noFiles;

        @Option(names = "--mapping", paramLabel = "FILE", description = "The column-mapping files the scan read with "
                + "(repeatable), to show the records of files only a mapping recognises.")
        List<java.nio.file.Path> mapping;

        @Override
        void check() throws java.io.IOException {
            file = file == null ? java.nio.file.Path.of("case-" + id + "-evidence.zip") : file;
            ScanCommand.checkWritable(file);
        }

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            CaseFile f = caseFile(s, id);
            java.nio.file.Path dir = file.toAbsolutePath().getParent();
            java.nio.file.Path part = java.nio.file.Files.createTempFile(dir, "." + file.getFileName(), ".part");
            dev.unravel.server.EvidencePackage.Written w;
            try {
                try (java.io.OutputStream o = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(part))) {
                    w = dev.unravel.server.EvidencePackage.write(f, s, by, Main.version(),
                            IngestCommand.mappings(mapping).readers(), Long.MAX_VALUE, !noFiles, o);
                }
                java.nio.file.Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(part);
            }
            out.println("Evidence package of case " + id + ": " + file + " — " + w.describe() + ".");
            if (w.changed() > 0) {
                out.println("  " + w.changed() + " cited " + (w.changed() == 1 ? "file has" : "files have") + " CHANGED "
                        + "since the scan read " + (w.changed() == 1 ? "it" : "them") + ": manifest.json names them.");
            }
            out.println("  In the case's history; check the copy with: unzip -d case-" + id + " " + file
                    + " && (cd case-" + id + " && sha256sum -c SHA256SUMS)");
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true,
            description = {"How the cases went, for whoever runs the program: cases by status and decision, opened (by "
                + "scans, by hand) and decided each month, days to a decision, how early the evidence came for the "
                + "workers found to be part of the scheme, and how the cases each detector took part in were decided "
                + "(a detector whose cases end benign again and again wants a setting changed).", ""},
            footer = {"", "Examples:", "  unravel cases stats", "  unravel cases stats --json > outcomes.json"})
    static final class Stats extends StoreCommand {

        @Option(names = "--json", description = "The figures as one JSON object (snake_case keys, days as decimals).")
        boolean json;

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            dev.unravel.server.CaseStats.Stats st = dev.unravel.server.CaseStats.of(s);
            if (json) {
                out.println(ReportJson.mapper().writeValueAsString(st));
                return 0;
            }
            out.printf(Locale.ROOT, "%s in %s (%d opened by hand).%n", dev.unravel.core.Count.of(st.cases(), "case",
                    "cases"), s.description(), st.openedByHand());
            out.println("By status:   " + dev.unravel.server.CaseStats.counts(st.byStatus()));
            out.println("Decided:     " + dev.unravel.server.CaseStats.counts(st.byDisposition()));
            out.println("To decide:   " + days(st.toDecision()) + st.toDecisionBy().entrySet().stream()
                    .filter(e -> e.getValue().n() > 0).map(e -> "; " + e.getKey() + " " + days(e.getValue()))
                    .collect(java.util.stream.Collectors.joining()));
            dev.unravel.server.CaseStats.Early early = st.early();
            if (early.fraudWorkers() > 0) {
                out.println("Fraud:       " + dev.unravel.core.Count.of(early.fraudWorkers(), "worker", "workers")
                        + " decided fraud." + (early.withHireDate() == 0 ? "" : " First finding from the hire date: "
                        + days(early.hireToFirstFinding()) + "; " + early.beforeStart() + " of " + early.withHireDate()
                        + " before the start date.") + (early.firstFindingToCase().n() == 0 ? ""
                        : " From the first finding to the case: " + days(early.firstFindingToCase()) + "."));
            }
            if (!st.months().isEmpty()) {
                out.println();
                out.println("MONTH    OPENED BY SCANS  BY HAND  CLOSED FRAUD  BENIGN  INCONCLUSIVE");
                for (dev.unravel.server.CaseStats.Month m : st.months()) {
                    out.printf(Locale.ROOT, "%-7s  %15d  %7d  %12d  %6d  %12d%n", m.month(), m.openedByScan(),
                            m.openedByHand(), m.fraud(), m.benign(), m.inconclusive());
                }
            }
            if (!st.detectors().isEmpty()) {
                out.println();
                out.println("DETECTOR                                  STAGE    CASES  ACTIVE  FRAUD  BENIGN  INCONCL.  "
                        + "FRAUD OF DECIDED");
                for (dev.unravel.server.CaseStats.DetectorOutcome d : st.detectors()) {
                    out.printf(Locale.ROOT, "%-40s  %-7s  %5d  %6d  %5d  %6d  %8d  %s%n", clip(d.detector(), 40),
                            d.stage() == null ? "-" : d.stage(), d.cases(), d.active(), d.fraud(), d.benign(),
                            d.inconclusive(), d.fraudShare() == null ? "-" : String.format(Locale.ROOT, "%.0f %%",
                                    100 * d.fraudShare()));
                }
            }
            return 0;
        }

        private static String days(dev.unravel.server.CaseStats.Days d) {
            return dev.unravel.server.CaseStats.words(d);
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = {"Forgets the person of a case closed benign or inconclusive, as a retention policy or a "
                + "request asks for people who were cleared: the case's findings, history, ties, steps and viewers go, "
                + "with the person's score in every saved scan and their entry in every kept report. The case stays as "
                + "a numbered record that a person was forgotten, when, by whom and why. A case decided fraud is "
                + "evidence and is not forgotten. The logs are the company's and are not touched: scanning them again "
                + "finds what they hold again. With --closed-before, every such case closed longer ago than that: the "
                + "retention policy, run on a schedule.", ""},
            footer = {"", "Examples:", "  unravel cases forget 7 --reason \"Request from the worker (ticket HR-88).\"",
                "  unravel cases forget --closed-before 180d --dry-run",
                "  unravel cases forget --closed-before 180d --reason \"Retention policy HR-12: cleared 180 days ago.\""})
    static final class Forget extends StoreCommand {

        @Parameters(paramLabel = "CASE", arity = "0..1", description = "The case number.")
        Long id;

        @Option(names = "--closed-before", paramLabel = "AGE", description = "Instead of one case: every case closed "
                + "benign or inconclusive longer ago than this (180d, 26w; a day or more).")
        String closedBefore;

        @Option(names = "--dry-run", description = "With --closed-before: list the cases, forget nothing.")
        boolean dryRun;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (the policy, the request): the one line "
                + "each case keeps. Needed unless --dry-run.")
        String reason;

        @Option(names = "--by", paramLabel = "NAME", description = "Who forgets. Default: $UNRAVEL_ANALYST, else your "
                + "login.")
        String by = ReportCases.actor();

        private java.time.Duration age;

        @Override
        void check() {
            if ((id == null) == (closedBefore == null)) {
                throw new IllegalArgumentException("give a case number or --closed-before AGE, not " + (id == null
                        ? "neither" : "both"));
            }
            if (closedBefore != null) {
                age = dev.unravel.core.Durations.parse("--closed-before", closedBefore);
                if (age.compareTo(java.time.Duration.ofDays(1)) < 0) {
                    throw new IllegalArgumentException("--closed-before must be a day or more: '" + closedBefore + "'");
                }
            } else if (dryRun) {
                throw new IllegalArgumentException("--dry-run lists the cases --closed-before would forget");
            }
            if (!dryRun && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("--reason is needed: it is the one line each case keeps");
            }
        }

        @Override
        int run(Store s, PrintWriter out) {
            if (id != null) {
                out.println(forget(s, id));
                return 0;
            }
            OffsetDateTime before = OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(age);
            List<CaseSummary> due = s.cases(EnumSet.of(CaseStatus.CLOSED)).stream()
                    .filter(c -> !c.forgotten() && c.disposition() != null && c.disposition() != Disposition.FRAUD
                            && c.closedAt() != null && c.closedAt().isBefore(before))
                    .sorted(java.util.Comparator.comparingLong(CaseSummary::id)).toList();
            if (due.isEmpty()) {
                out.println("No case closed benign or inconclusive before " + at(before) + " is left to forget.");
                return 0;
            }
            for (CaseSummary c : due) {
                out.println(dryRun ? String.format(Locale.ROOT, "Would forget case %d, %s (%s, closed %s).", c.id(),
                        name(c), c.disposition().id(), at(c.closedAt())) : forget(s, c.id()));
            }
            out.println((dryRun ? "Would forget " : "Forgot ") + dev.unravel.core.Count.of(due.size(), "person",
                    "people") + " of the cases closed benign or inconclusive before " + at(before) + ".");
            return 0;
        }

        private String forget(Store s, long caseId) {
            dev.unravel.store.StoredCases.Forgotten f = s.forget(caseId, reason, by,
                    dev.unravel.server.ReportRecords::without);
            return "Case " + caseId + ": the person is forgotten — " + dev.unravel.core.Count.of(f.findings(),
                    "finding", "findings") + ", " + dev.unravel.core.Count.of(f.historyLines(), "history line",
                    "history lines") + ", their score in " + dev.unravel.core.Count.of(f.scores(), "saved scan",
                    "saved scans") + " and their entry in " + dev.unravel.core.Count.of(f.reports(), "kept report",
                    "kept reports") + (f.ties() == 0 ? "" : "; other cases' ties name them no more ("
                    + dev.unravel.core.Count.of(f.ties(), "tie", "ties") + ")") + ". The case keeps who forgot them, "
                    + "when and why.";
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Changes a case's status, assignee or disposition, or adds a note; each change goes into "
                + "the case's history under your name ($UNRAVEL_ANALYST, else your login). Closing needs a "
                + "disposition; setting an open status on a closed case reopens it.", ""},
            footer = {"", "Examples:",
                "  unravel cases update 3 --status investigating --assignee dana",
                "  unravel cases update 3 --note \"HR confirms the laptop shipped to a different address.\"",
                "  unravel cases update 3 --status escalated --note \"Handed to legal.\"",
                "  unravel cases update 3 --status closed --disposition benign --note \"Travelling; manager confirms.\""})
    static final class Update extends StoreCommand {

        @Parameters(paramLabel = "CASE", description = "The case number.")
        long id;

        @Option(names = "--status", paramLabel = "STATUS", description = "open, investigating, escalated or closed.")
        String status;

        @Option(names = "--disposition", paramLabel = "D", description = "With --status closed: fraud, benign or "
                + "inconclusive.")
        String disposition;

        @Option(names = "--assignee", paramLabel = "NAME", description = "Who works the case (\"\" unassigns).")
        String assignee;

        @Option(names = "--note", paramLabel = "TEXT", description = "A note for the case's history.")
        String note;

        @Option(names = "--by", paramLabel = "NAME", description = "Who makes the change. Default: $UNRAVEL_ANALYST, "
                + "else your login.")
        String by = ReportCases.actor();

        private CaseChange change;

        @Override
        void check() {
            change = new CaseChange(status == null ? null : CaseStatus.parse(status),
                    disposition == null ? null : Disposition.parse(disposition), assignee, note);
        }

        @Override
        int run(Store s, PrintWriter out) {
            CaseSummary c = s.update(id, change, by);
            out.printf(Locale.ROOT, "Case %d (%s): %s%s%s.%n", c.id(), name(c), c.status().id(),
                    c.disposition() == null ? "" : " (" + c.disposition().id() + ")",
                    c.assignee() == null ? ", unassigned" : ", assigned to " + c.assignee());
            return 0;
        }
    }

    @Command(name = "open", mixinStandardHelpOptions = true,
            description = {"Opens a case by hand: on a tip (HR, a manager, a recruiter), or for someone the scans score "
                + "below the opening level. The case starts from the last saved scan that assessed the person, with "
                + "that scan's score, findings and ties, and a history line under your name ($UNRAVEL_ANALYST, else "
                + "your login) giving the reason; later scans keep it up to date as any other case. A person who has a "
                + "case already keeps it (add the tip as a note).", ""},
            footer = {"", "Examples:",
                "  unravel cases open E100501 --reason \"HR: the new hire's camera is never on; asked for an in-person "
                    + "I-9 check.\"",
                "  unravel cases open \"Ryan Evans\" --reason \"Manager: commits at 3 a.m. his time every day.\"",
                "  unravel cases open E100501 --name \"Ryan Evans\" --reason \"HR: no findings yet; watch him.\"",
                "  unravel cases open A20417 --kind applicant --reason \"Recruiter: a different person on the second "
                    + "interview.\"",
                "  unravel cases open E100501 --reason \"Manager's tip.\" --notify https://hooks.slack.com/services/T0/B0/X"})
    static final class Open extends StoreCommand {

        @Parameters(paramLabel = "PERSON", description = "The worker or applicant id, or the name as HR records it (any "
                + "case).")
        String who;

        @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, for the case's history "
                + "(a tip, what was noticed).")
        String reason;

        @Option(names = "--kind", paramLabel = "KIND", description = "worker or applicant, when an id or a name could be "
                + "either.")
        String kind;

        @Option(names = "--name", paramLabel = "NAME", description = "For someone no saved report lists (a report lists "
                + "only the people with findings): their name, and PERSON is taken as their id; the case opens on the "
                + "tip alone, with no findings, and scans add what they find.")
        String name;

        @Option(names = "--by", paramLabel = "NAME", description = "Who opens it. Default: $UNRAVEL_ANALYST, else your "
                + "login.")
        String by = ReportCases.actor();

        @Option(names = "--notify", paramLabel = "URL", description = "A webhook told of the case, as scans tell of "
                + "the cases they open. Default: the configuration's cases.notify.")
        String notify;

        @Option(names = "--config", paramLabel = "FILE", description = "Scan configuration (YAML) whose cases: "
                + "section (notify, console_url) applies, as for unravel scan.")
        Path config;

        private ReportCases.Policy policy;

        @Override
        void check() throws IOException {
            if (config != null && !Files.isRegularFile(config)) {
                throw new IllegalArgumentException(config + ": no such file");
            }
            policy = ReportCases.Policy.of(null, notify, dev.unravel.engine.ScanConfigFile.cases(config));
        }

        @Override
        int run(Store s, PrintWriter out) {
            CaseSummary c;
            try {
                c = dev.unravel.server.CaseOpening.open(s, who, kind, name, reason, by);
            } catch (dev.unravel.server.CaseOpening.Refused e) {
                spec.commandLine().getErr().println("cases open: " + e.getMessage() + (e.existingCase() == null ? ""
                        : " (unravel cases update " + e.existingCase() + " --note …)"));
                return 1;
            }
            out.printf(Locale.ROOT, "Opened case %d for %s, %s %s: %s %.2f, %s, from scan %d.%n", c.id(), name(c),
                    c.kind().equals("applicant") ? "an" : "a", c.kind(), c.level(), c.score(),
                    c.signals() == 0 ? "no findings yet" : dev.unravel.core.Count.of(c.signals(), "finding", "findings"),
                    c.openedScan());
            out.println("  unravel cases show " + c.id());
            if (policy.webhook() != null) {
                out.println(dev.unravel.server.CaseNotice.post(policy.webhook(), dev.unravel.server.CaseNotice
                        .openedByHand(c, reason, policy.consoleUrl()), "case " + c.id()));
            }
            return 0;
        }
    }

    @Command(name = "share", mixinStandardHelpOptions = true,
            description = {"Shares a case with viewers (HR, legal, a manager being briefed): a viewer reads in the "
                + "console only the cases shared with them, with their briefs and records. Each sharing goes into the "
                + "case's history under your name ($UNRAVEL_ANALYST, else your login).", ""},
            footer = {"", "Examples:", "  unravel analysts add hr.pat --role viewer", "  unravel cases share 3 hr.pat",
                "  unravel cases share 3 hr.pat legal.kim --by dana"})
    static final class Share extends Sharing {
        Share() {
            super(true);
        }
    }

    @Command(name = "unshare", mixinStandardHelpOptions = true,
            description = {"Stops sharing a case with viewers: from their next request they no longer read it. "
                + "Written in the case's history.", ""},
            footer = {"", "Example:", "  unravel cases unshare 3 hr.pat"})
    static final class Unshare extends Sharing {
        Unshare() {
            super(false);
        }
    }

    abstract static class Sharing extends StoreCommand {

        private final boolean share;

        Sharing(boolean share) {
            this.share = share;
        }

        @Parameters(index = "0", paramLabel = "CASE", description = "The case number.")
        long id;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "VIEWER", description = "Who (a name "
                + "'unravel analysts list' shows as a viewer).")
        List<String> viewers;

        @Option(names = "--by", paramLabel = "NAME", description = "Who shares it. Default: $UNRAVEL_ANALYST, "
                + "else your login.")
        String by = ReportCases.actor();

        @Override
        int run(Store s, PrintWriter out) {
            for (String v : viewers) {
                boolean changed = share ? s.shareCase(id, v, by) : s.unshareCase(id, v, by);
                out.println("Case " + id + (share ? changed ? " is now shared with " : " was shared with already: "
                        : changed ? " is no longer shared with " : " was not shared with ") + v + ".");
            }
            List<Store.CaseViewer> now = s.caseViewers(id);
            out.println(now.isEmpty() ? "Only analysts read it." : "Viewers who read it: " + String.join(", ",
                    now.stream().map(Store.CaseViewer::viewer).toList()) + ".");
            return 0;
        }
    }

    @Command(name = "step", mixinStandardHelpOptions = true,
            description = {"Marks step N of a case's \"What to check next\" done, as 'cases show' numbers them, or "
                + "takes the mark back (--undo); in the case's history under your name ($UNRAVEL_ANALYST, else your "
                + "login).", ""},
            footer = {"", "Examples:", "  unravel cases step 3 2", "  unravel cases step 3 2 --undo"})
    static final class Step extends StoreCommand {

        @Parameters(index = "0", paramLabel = "CASE", description = "The case number.")
        long id;

        @Parameters(index = "1", paramLabel = "N", description = "The step's number in 'unravel cases show CASE'.")
        int n;

        @Option(names = "--undo", description = "Take the mark back.")
        boolean undo;

        @Option(names = "--by", paramLabel = "NAME", description = "Who marks it. Default: $UNRAVEL_ANALYST, else your "
                + "login.")
        String by = ReportCases.actor();

        @Override
        int run(Store s, PrintWriter out) {
            CaseFile f = caseFile(s, id);
            List<dev.unravel.engine.report.NextChecks.Check> checks = CaseBrief.checks(f,
                    dev.unravel.server.CaseChecks.in(s));
            if (n < 1 || n > checks.size()) {
                throw new IllegalArgumentException("case " + id + " has " + dev.unravel.core.Count.of(checks.size(),
                        "step", "steps") + " to check next (unravel cases show " + id + "), no step " + n);
            }
            dev.unravel.engine.report.NextChecks.Check k = checks.get(n - 1);
            boolean changed = undo ? s.unmarkStep(id, k.key(), k.label(), by) : s.markStep(id, k.key(), k.label(), by);
            out.println("Case " + id + ", step " + n + " (" + k.label() + "): " + (undo ? changed ? "no longer marked done."
                    : "was not marked done." : changed ? "marked done by " + by + "." : "was marked done already."));
            return 0;
        }
    }

    @Command(name = "checks", mixinStandardHelpOptions = true,
            description = {"Prints the steps the cases list under \"What to check next\" (for each detector id, or a "
                + "stage as stage.NAME, who does what: HR, IT, Security, Payroll, Legal or Manager), or loads the "
                + "team's own into the store, so that every case page, brief, case list and case JSON of this store "
                + "shows them. Start from what it prints: save it, edit it, load it.", ""},
            footer = {"", "Examples:", "  unravel cases checks > checks.yaml",
                "  unravel cases checks --load checks.yaml", "  unravel cases checks --reset"})
    static final class Checks extends StoreCommand {

        @Option(names = "--load", paramLabel = "FILE.yaml", description = "Check this file and keep it as the team's "
                + "steps; the console shows them at its next request.")
        java.nio.file.Path load;

        @Option(names = "--reset", description = "Put back the steps Unravel ships with.")
        boolean reset;

        @Option(names = "--by", paramLabel = "NAME", description = "Who makes the change. Default: $UNRAVEL_ANALYST, "
                + "else your login.")
        String by = ReportCases.actor();

        @Override
        void check() {
            if (load != null && reset) {
                throw new IllegalArgumentException("--load or --reset, not both");
            }
        }

        @Override
        int run(Store s, PrintWriter out) throws java.io.IOException {
            java.io.PrintWriter err = spec.commandLine().getErr();
            if (reset) {
                if (s.teamChecks().isEmpty()) {
                    out.println("The cases in " + s.description() + " already show Unravel's own steps.");
                    return 0;
                }
                s.putTeamChecks(null, by);
                out.println("The cases in " + s.description() + " show Unravel's own steps again.");
                return 0;
            }
            if (load != null) {
                String yaml;
                try {
                    yaml = java.nio.file.Files.readString(load);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IllegalArgumentException("no file " + load);
                }
                dev.unravel.engine.report.NextChecks team = dev.unravel.engine.report.NextChecks.parse(yaml,
                        load.toString());
                s.putTeamChecks(yaml, by);
                out.println("Loaded the team's steps from " + load + " into " + s.description() + " ("
                        + dev.unravel.core.Count.of(team.keys().size(), "entry", "entries") + "). The cases show them "
                        + "from now on; the console at its next request.");
                List<String> own = new ArrayList<>();
                for (dev.unravel.detect.Detector d : dev.unravel.detect.Detectors.builtIn(
                        dev.unravel.detect.DetectConfig.DEFAULT)) {
                    if (!d.id().equals("sigma") && !team.keys().contains(d.id())) {
                        own.add(d.id());
                    }
                }
                List<String> stages = new ArrayList<>();
                for (dev.unravel.core.Stage st : dev.unravel.core.Stage.values()) {
                    if (!team.keys().contains("stage." + st.id())) {
                        stages.add("stage." + st.id());
                    }
                }
                if (!own.isEmpty()) {
                    err.println("Without an entry of their own (their findings take their stage's step, if there is "
                            + "one): " + String.join(", ", own));
                }
                if (!stages.isEmpty()) {
                    err.println("Without a stage's step (Sigma findings and detectors without an entry of their own "
                            + "there get none): " + String.join(", ", stages));
                }
                return 0;
            }
            java.util.Optional<Store.TeamChecks> team = s.teamChecks();
            if (team.isPresent()) {
                // on standard error, so that what is saved from standard output loads as it is
                err.println("The team's steps, loaded into " + s.description() + " by " + team.get().loadedBy() + " on "
                        + at(team.get().loadedAt()) + "; 'unravel cases checks --reset' puts back Unravel's own.");
                out.print(team.get().yaml());
                return 0;
            }
            try (java.io.InputStream in = dev.unravel.engine.report.NextChecks.class.getResourceAsStream(
                    dev.unravel.engine.report.NextChecks.RESOURCE)) {
                out.print(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    @Command(name = "scans", mixinStandardHelpOptions = true,
            description = {"Lists the saved scans, newest first, with what each did to the cases.", ""},
            footer = {"", "Example:", "  unravel cases scans --limit 5"})
    static final class Scans extends StoreCommand {

        @Option(names = "--limit", paramLabel = "N", description = "At most this many. Default: ${DEFAULT-VALUE}.")
        int limit = 20;

        @Override
        void check() {
            atLeastOne(limit, "--limit");
        }

        @Override
        int run(Store s, PrintWriter out) {
            List<ScanSummary> scans = s.scans(limit);
            if (scans.isEmpty()) {
                out.println("No scans saved in " + s.description() + ".");
                return 0;
            }
            out.printf("%5s  %-17s %-10s %12s %7s %6s %8s %9s  %s%n", "SCAN", "SAVED", "BY", "EVENTS", "PEOPLE",
                    "OPENED", "UPDATED", "REOPENED", "INPUTS");
            for (ScanSummary x : scans) {
                out.printf(Locale.ROOT, "%5d  %-17s %-10s %,12d %7d %6d %8d %9d  %s%s%n", x.id(), at(x.savedAt()),
                        clip(x.savedBy(), 10), x.events(), x.people(), x.opened(), x.updated(), x.reopened(),
                        String.join(" ", x.inputs()), x.report() ? "" : "  (report pruned)");
            }
            return 0;
        }
    }

    @Command(name = "prune", mixinStandardHelpOptions = true,
            description = {"Keeps the last N saved scans whole and prunes the older ones: their reports, and the "
                + "scores of people who have no case. The scans stay listed, and every case keeps its person's score "
                + "in every scan and its whole history. For stores that scheduled scans fill ('unravel serve "
                + "--scan-every' prunes with --keep-scans on its own).", ""},
            footer = {"", "Example:", "  unravel cases prune --keep-scans 30"})
    static final class Prune extends StoreCommand {

        @Option(names = "--keep-scans", paramLabel = "N", required = true, description = "How many of the last scans "
                + "keep their reports.")
        int keep;

        @Override
        void check() {
            atLeastOne(keep, "--keep-scans");
        }

        @Override
        int run(Store s, PrintWriter out) {
            var pruned = s.pruneScans(keep);
            out.printf(Locale.ROOT, "Pruned %s and %s from the scans before the last %d.%n",
                    dev.unravel.core.Count.of(pruned.reports(), "report", "reports"),
                    dev.unravel.core.Count.of(pruned.assessments(), "score of a person with no case",
                            "scores of people with no case"), keep);
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Saves a scan report written elsewhere to the store, opening, updating and reopening cases "
                + "as 'unravel scan' does, and tells the webhook of the cases it opens or reopens: the report of "
                + "the Flink job (flink/target/unravel-flink.jar), or of 'unravel scan --no-store' run where the "
                + "store is out of reach. The same report saved twice opens and updates nothing the second time.",
                ""},
            footer = {"", "Example:", "  unravel cases import /shared/out/report.json --cases-at medium \\",
                "      --store jdbc:postgresql://db.example.com/unravel?user=unravel"})
    static final class Import extends StoreCommand {

        @Parameters(paramLabel = "REPORT.json", description = "A scan report (schema " + Report.SCHEMA + ").")
        Path file;

        @Option(names = "--config", paramLabel = "FILE", description = "Scan configuration (YAML) whose cases: "
                + "section (open_at, notify, console_url) applies, as for unravel scan.")
        Path config;

        @picocli.CommandLine.Mixin
        CaseOptions cases;

        private Report report;
        private ReportCases.Policy policy;

        @Override
        void check() throws IOException {
            if (config != null && !Files.isRegularFile(config)) {
                throw new IllegalArgumentException(config + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": no such file");
            }
            policy = cases.policy(config);
            report = ReportJson.read(file);
        }

        @Override
        int run(Store s, PrintWriter out) throws IOException {
            out.printf(Locale.ROOT, "%s: the scan of %s (%s to %s), %d people scored.%n", file,
                    String.join(" ", report.inputs()), report.period().from(), report.period().to(),
                    report.workersScanned());
            policy.save(s, report, out);
            return 0;
        }
    }
}
