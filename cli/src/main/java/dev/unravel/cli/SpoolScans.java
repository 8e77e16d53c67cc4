package dev.unravel.cli;

import dev.unravel.engine.Scan;
import dev.unravel.engine.ScanConfigFile;
import dev.unravel.engine.report.Report;
import dev.unravel.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The scans {@code unravel serve --scan-every} runs inside the console's process: over the spool's
 * last days of logs received (and any other folders named, such as the HR exports), saved to the
 * console's own store (the embedded database serves one process, so they cannot come from cron
 * while the console holds it), with the same case rules and webhook as {@code unravel scan}. A scan
 * is passed over when no batch has come since the last one, and nothing was collected.
 */
final class SpoolScans {

    private final Store store;
    private final Path spool;
    private final List<Path> also;
    private final int days;
    private final Path config;
    private final ReportCases.Policy policy;
    private final Clock clock;
    private long lastBatch = -1;
    /** Logs collected from an API since the last scan ({@code serve --collect}): they come as no batch. */
    private volatile boolean collected;
    private int keepScans;
    private List<Path> mappings = List.of();

    /**
     * @param days how many days of the spool a scan reads (by the day folders, counting today); 0: all
     */
    SpoolScans(Store store, Path spool, List<Path> also, int days, Path config, Clock clock) throws IOException {
        if (days < 0) {
            throw new IllegalArgumentException("--scan-days must be 0 (all) or more");
        }
        for (Path p : also) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(p + ": no such file or folder");
            }
        }
        this.store = store;
        this.spool = spool;
        this.also = List.copyOf(also);
        this.days = days;
        this.config = config;
        // a bad configuration fails at start, not at 3 a.m.
        this.policy = ReportCases.Policy.of(null, null, ScanConfigFile.cases(config));
        ScanConfigFile.load(config, List.of(), List.of());
        this.clock = clock;
    }

    /** Records collected into the spool from an API: the next scheduled scan is not passed over. */
    void collected() {
        collected = true;
    }

    /** Column-mapping files for HRIS exports among the paths read besides the spool ({@code serve --mapping}). */
    SpoolScans mappings(List<Path> files) {
        this.mappings = List.copyOf(files);
        return this;
    }

    /** After each scan, keep the last {@code n} scans whole and prune the older ones ({@link Store#pruneScans}); 0: all. */
    SpoolScans keepScans(int n) {
        this.keepScans = n;
        return this;
    }

    /**
     * One scheduled scan: scans and saves when batches came since the last one, or always when
     * {@code asked} (an analyst asked for it: the exports read in place may have changed); returns
     * false when it passed over. Never throws: a failing scan is told and the next one tried at its
     * time.
     */
    boolean runOnce(PrintWriter out, boolean asked) {
        boolean fresh = collected;
        collected = false;
        try {
            long latest = store.ingestBatches(null, 1).stream().mapToLong(Store.IngestBatch::id).findFirst().orElse(0);
            if (latest == lastBatch && !asked && !fresh) {
                out.println(now() + " Scheduled scan: no logs received since the last one; passed over.");
                out.flush();
                return false;
            }
            List<Path> inputs = inputs();
            if (inputs.isEmpty()) {
                out.println(now() + " Scheduled scan: nothing to read yet in " + spool + ".");
                out.flush();
                lastBatch = latest;
                return false;
            }
            ScanCommand scan = new ScanCommand();
            scan.inputs = inputs;
            scan.config = config;
            scan.mappings = new ArrayList<>(mappings);
            scan.report = spool.resolve(".reports").resolve("last-scan.json");
            scan.quarantine = spool.resolve(".reports").resolve("last-scan-quarantine.ndjson");
            Files.createDirectories(scan.report.getParent());
            Scan.Options options = scan.options();
            out.println(now() + " Scheduled scan of " + inputs.size() + (inputs.size() == 1 ? " folder" : " folders") + " ("
                    + (days == 0 ? "every day of the spool" : "the spool's last " + days + " days") + ")…");
            Report r = ScanCommand.run(options, out, out, true);
            ScanCommand.writeReports(r, scan.report, null, out);
            policy.save(store, r, out);
            lastBatch = latest;
            if (keepScans > 0) {
                var pruned = store.pruneScans(keepScans);
                if (pruned.reports() > 0) {
                    out.println("Pruned the reports of " + pruned.reports() + " older "
                            + (pruned.reports() == 1 ? "scan" : "scans") + " (keeping the last " + keepScans + ").");
                }
            }
            out.flush();
            return true;
        } catch (IOException | RuntimeException e) {
            collected |= fresh; // what was collected is still to be scanned
            out.println(now() + " Scheduled scan failed, to be tried again at the next: " + e.getMessage());
            out.flush();
            return false;
        }
    }

    /** When, for the console's log: to the second, in UTC. */
    private String now() {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS));
    }

    /** The spool's day folders within the window, each source's in date order, then the other paths. */
    List<Path> inputs() throws IOException {
        List<Path> inputs = new ArrayList<>();
        LocalDate from = days == 0 ? LocalDate.MIN : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(days - 1L);
        if (Files.isDirectory(spool)) {
            try (Stream<Path> sources = Files.list(spool)) {
                for (Path source : sources.filter(Files::isDirectory)
                        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                    try (Stream<Path> dayFolders = Files.list(source)) {
                        dayFolders.filter(Files::isDirectory).filter(d -> within(d, from)).sorted()
                                .forEach(inputs::add);
                    }
                }
            }
        }
        inputs.addAll(also);
        return inputs;
    }

    private static boolean within(Path dayFolder, LocalDate from) {
        try {
            return !LocalDate.parse(dayFolder.getFileName().toString()).isBefore(from);
        } catch (DateTimeParseException e) {
            return false; // not a folder the spool made
        }
    }

    /** {@code 15m}, {@code 1h}, {@code 1d}: how often to scan. */
    static java.time.Duration every(String text) {
        return duration("--scan-every", text);
    }

    /** {@code 15m}, {@code 1h}, {@code 1d} given to {@code option}: a minute or more. */
    static java.time.Duration duration(String option, String text) {
        java.time.Duration d = dev.unravel.core.Durations.parse(option, text);
        if (d.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException(option + " must be a minute or more: '" + text + "'");
        }
        return d;
    }
}
