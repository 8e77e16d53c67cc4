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
     * Runs each {@code unravel collect} command of {@code commands} into {@code spool}, now and every
     * {@code every}; what each prints is said, a failure too, and the next time tries again.
     * {@code brought} hears of each run that wrote records.
     */
    void collectEvery(List<List<String>> commands, Path spool, Duration every, Runnable brought) {
        thread.scheduleWithFixedDelay(() -> {
            for (List<String> command : commands) {
                if (collectOnce(command, spool)) {
                    brought.run();
                }
            }
        }, 0, every.toSeconds(), TimeUnit.SECONDS);
    }

    /** One {@code unravel collect} command into {@code spool}; true when it wrote records. */
    boolean collectOnce(List<String> command, Path spool) {
        try {
            CollectCommand.Outcome done = CollectCommand.parse(command, spool).run(note -> say("Collect " + note));
            done.lines().forEach(line -> say("Collect " + line.strip()));
            return done.result().records() > 0;
        } catch (IOException | RuntimeException e) {
            say("Collecting " + command.get(0) + " failed, to be tried again: " + e.getMessage());
            return false;
        }
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
                for (var notice : watch.check(store.ingestSources(), OffsetDateTime.now(ZoneOffset.UTC), consoleUrl)) {
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
