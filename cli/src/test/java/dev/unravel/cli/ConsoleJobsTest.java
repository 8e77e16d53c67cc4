package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.server.Passwords;
import dev.unravel.server.Spool;
import dev.unravel.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's own jobs, on their one thread. */
class ConsoleJobsTest {

    @TempDir
    Path dir;

    @Test
    void oldLogsAreDeletedAtOnce_aScanAskedForRuns_andEachLineSaysWhen() throws Exception {
        Path old = Files.createDirectories(dir.resolve("spool/okta/2020-01-01"));
        Files.writeString(old.resolve("a.ndjson"), "{}\n");
        StringWriter log = new StringWriter();
        try (Store store = Store.open(dir.resolve("store").toString());
                ConsoleJobs jobs = new ConsoleJobs(new PrintWriter(log, true))) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
            jobs.keepDays(spool, 30);
            SpoolScans scans = new SpoolScans(store, spool.folder(), List.of(), 0, null, Clock.systemUTC());
            assertThat(jobs.scanNow(scans).request("dana")).startsWith("A scan will run next");
            for (int i = 0; i < 100 && !log.toString().contains("nothing to read yet"); i++) {
                Thread.sleep(50);
            }
        }
        assertThat(old).doesNotExist();
        assertThat(log.toString()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ Deleted 1 day folder "
                + "of logs older than 30 days from the spool\\.$")
                .contains("Z Scan asked for by dana.", "Scheduled scan: nothing to read yet in ");
    }
}
