package dev.unravel.cli;

import dev.unravel.core.Count;
import dev.unravel.server.CaseNotice;
import dev.unravel.server.ScanNow;
import dev.unravel.server.SilentSources;
import dev.unravel.server.Spool;
import dev.unravel.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code unravel serve} does besides answering requests: scheduled scans and the scans analysts
 * ask for, deleting old logs from the spool, telling the team of silent sources. All run on one
 * thread, so that one thing happens at a time (the clean-up never deletes what a scan is reading).
 * A job that fails says so and is tried again at its next time; it never stops the console.
 */
final class ConsoleJobs implements AutoCloseable {

    private final PrintWriter out;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "unravel-console-jobs");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean scanWaiting = new AtomicBoolean();

    ConsoleJobs(PrintWriter out) {
        this.out = out;
    }

    /** A line of the console's output about its jobs, starting with the time (UTC, to the second). */
    void say(String line) {
        out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        out.flush();
    }

    /** Scans every {@code every}, the first time after one period. */
    void scanEvery(SpoolScans scans, Duration every) {
        thread.scheduleWithFixedDelay(() -> scans.runOnce(out, false), every.toSeconds(), every.toSeconds(),
                TimeUnit.SECONDS);
    }

    /**
     * Runs each collection of {@code planned} into {@code spool}, now and every {@code every}; what
     * each brings is kept as a batch of its source, each run recorded in the store, what each prints
     * said, a failure too, and the next time tries again. {@code brought} hears of each run that
     * wrote records.
     */
    void collectEvery(List<CollectCommand.Planned> planned, Spool spool, Store store, Duration every,
            Runnable brought) {
        thread.scheduleWithFixedDelay(() -> {
            for (CollectCommand.Planned p : planned) {
                if (collectOnce(p, spool, store)) {
                    brought.run();
                }
            }
        }, 0, every.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * One collection into {@code spool}; true when it wrote records. The file it wrote is kept as a
     * batch of its source, and the run (what it brought, or why it failed) recorded in the store: the
     * Sources page shows both, and the silent-source checks name a failing collection's reason.
     */
    boolean collectOnce(CollectCommand.Planned planned, Spool spool, Store store) {
        String source = planned.words().get(0);
        long records = 0;
        String error = null;
        List<Path> files = List.of();
        try {
            CollectCommand.Outcome done = CollectCommand.parse(planned.words(), spool.folder())
                    .run(note -> say("Collect " + note));
            done.lines().forEach(line -> say("Collect " + line.strip()));
            records = done.records();
            files = done.files();
        } catch (IOException | RuntimeException e) {
            error = e.getMessage() == null ? e.toString() : e.getMessage();
            say("Collecting " + source + " failed, to be tried again: " + error);
            if (e instanceof CollectCommand.Stopped stopped) {
                files = stopped.files(); // in place before it stopped: the scans read them, so they are batches too
            }
        }
        for (Path file : files) {
            try {
                spool.keepCollected(planned.source(), file);
            } catch (IOException | RuntimeException e) {
                // the collection worked and the scans read the file; only its line on the Sources page is missing
                say("Collected " + file + ", but keeping it as a batch of " + planned.source() + " failed: "
                        + e.getMessage());
            }
        }
        try {
            store.addCollectRun(planned.name(), planned.source(), planned.what(), records, error);
        } catch (RuntimeException e) {
            say("Recording the collection of " + source + " in the store failed: " + e.getMessage());
        }
        return records > 0;
    }

    /** How analysts ask for a scan at once: it runs next, after any job under way; at most one waits. */
    ScanNow scanNow(SpoolScans scans) {
        return analyst -> {
            if (!scanWaiting.compareAndSet(false, true)) {
                return "A scan asked for is already waiting to run.";
            }
            thread.execute(() -> {
                scanWaiting.set(false);
                say("Scan asked for by " + analyst + ".");
                scans.runOnce(out, true);
            });
            return "A scan will run next, after any scan under way; it is listed among the scans when saved.";
        };
    }

    /** Deletes the spool's logs older than {@code days} days, now and every 6 hours. */
    void keepDays(Spool spool, Store store, int days, int recordDays) {
        thread.scheduleWithFixedDelay(() -> keepDaysOnce(spool, store, days, recordDays), 0, 6, TimeUnit.HOURS);
    }

    /**
     * Deletes the spool's day folders older than {@code days} and, when {@code recordDays} is
     * positive, the records of batches whose files went {@code recordDays} ago and the access log's
     * entries of batches taken {@code days + recordDays} ago.
     */
    void keepDaysOnce(Spool spool, Store store, int days, int recordDays) {
        try {
            int removed = spool.removeOlderThan(days);
            if (removed > 0) {
                say("Deleted " + removed + " day " + (removed == 1 ? "folder" : "folders") + " of logs older than "
                        + days + " days from the spool.");
            }
        } catch (IOException | RuntimeException e) {
            say("Deleting old logs from the spool failed, to be tried again: " + e.getMessage());
        }
        if (recordDays <= 0) {
            return;
        }
        try {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Store.IngestPruned pruned = store.pruneIngestRecords(now.minusDays(recordDays),
                    now.minusDays((long) days + recordDays));
            if (pruned.batches() > 0 || pruned.accessEntries() > 0) {
                say("Deleted the records of " + Count.of(pruned.batches(), "batch", "batches") + " deleted from the spool "
                        + "more than " + Count.of(recordDays, "day", "days") + " ago, and " + Count.of(
                                pruned.accessEntries(), "access log entry", "access log entries") + " of batches taken.");
            }
        } catch (RuntimeException e) {
            say("Deleting old batch records failed, to be tried again: " + e.getMessage());
        }
    }

    /** Every 15 minutes, tells {@code webhook} of the sources {@code watch} finds silent, or sending again. */
    void watchSilence(Store store, SilentSources watch, URI webhook, String consoleUrl) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                for (var notice : watch.check(store.ingestSources(), store.collectSources(),
                        OffsetDateTime.now(ZoneOffset.UTC), consoleUrl)) {
                    say((String) notice.get("text"));
                    say(CaseNotice.post(webhook, notice, "source " + notice.get("source") + " " + notice.get("state")));
                }
            } catch (RuntimeException e) {
                say("Checking for silent sources failed, to be tried again: " + e.getMessage());
            }
        }, 1, 15, TimeUnit.MINUTES);
    }

    /** Stops taking jobs; one under way (a scan saving its transaction) gets 10 seconds to finish. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
