package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports read twice: an HR folder that keeps each day's snapshot (the same rows, read again, are one
 * finding each), the same day of logs in two folders.
 */
class SnapshotScanTest {

    @TempDir
    Path dir;

    /**
     * A finding on every event of one type, for E1 on sign-ins and for the row's worker on hire rows:
     * what detectors that read rows, or add events up, make of each event they are given.
     */
    static final class Each implements Detector {
        private final String type;

        Each(String type) {
            this.type = type;
        }

        @Override
        public String id() {
            return "test.each";
        }

        @Override
        public String description() {
            return "a finding on each " + type;
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of(type);
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            boolean hire = e.type().equals("hr.hire");
            ctx.signal(id(), EntityRef.worker(hire ? e.user() : "E1")).stage(hire ? Stage.APPLY : Stage.ACCESS)
                    .strength(0.3).evidence(e).because("Test: " + e.type() + " at " + e.time() + ".").emit();
        }
    }

    private Report scan(String... snapshots) throws IOException {
        Path company = Files.createDirectories(dir.resolve("c" + snapshots.length));
        String dana = Records.employee("E1", "Dana", "Wu", "+15125550101", "1 Main St", "", "78701");
        String omar = Records.employee("E2", "Omar", "Reyes", "+15125550102", "2 Main St", "", "78701");
        for (String day : snapshots) {
            Path hr = Files.createDirectories(company.resolve("hr-" + day));
            // the last snapshot has Omar's address changed: a row that is new
            String omarThen = day.equals(snapshots[snapshots.length - 1]) && snapshots.length > 1
                    ? omar.replace("2 Main St", "9 Elm St") : omar;
            Files.writeString(hr.resolve("employees.csv"), Records.EMPLOYEES_HEADER + dana + omarThen);
        }
        return Scan.run(Scan.Options.of(List.of(company)).withDetectors(List.of(new Each("hr.hire")))
                .withQuarantine(company.resolve("q.ndjson")), Scan.Progress.NONE);
    }

    private static String signIn(String uuid, String at) {
        return Records.oktaSignIn(uuid, at);
    }

    @Test
    void aDayOfLogsInTwoFolders_isCountedOnce_andTheReportSaysSo() throws IOException {
        Path company = Files.createDirectories(dir.resolve("logs"));
        Files.createDirectories(company.resolve("hr"));
        Files.writeString(company.resolve("hr/employees.csv"), Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Dana", "Wu", "+15125550101", "1 Main St", "", "78701"));
        String day = signIn("u1", "2026-03-02T09:00:00.120Z") + signIn("u2", "2026-03-02T09:00:00.120Z")
                + signIn("u3", "2026-03-02T17:30:00Z");
        for (String copy : List.of("okta", "okta-export-again")) {
            Files.createDirectories(company.resolve(copy));
            Files.writeString(company.resolve(copy + "/2026-03-02.ndjson"), day);
        }
        Report r = Scan.run(Scan.Options.of(List.of(company)).withDetectors(List.of(new Each("user.session.start")))
                .withQuarantine(company.resolve("q.ndjson")), Scan.Progress.NONE);

        assertThat(r.ingest().events()).as("what the files hold").isEqualTo(7);
        assertThat(r.ingest().eventsRepeated()).isEqualTo(3);
        assertThat(signals(r, "E1")).as("three sign-ins, not six").isEqualTo(3);
        StringWriter text = new StringWriter();
        Summary.print(r, new PrintWriter(text), 5);
        assertThat(text.toString()).contains("3 log events were read twice");
    }

    @Test
    void exportsOfTwoDaysThatOverlapAtMidnight_countTheOverlapOnce() throws IOException {
        Path company = Files.createDirectories(dir.resolve("overlap"));
        Files.createDirectories(company.resolve("hr"));
        Files.createDirectories(company.resolve("okta"));
        Files.writeString(company.resolve("hr/employees.csv"), Records.EMPLOYEES_HEADER
                + Records.employee("E1", "Dana", "Wu", "+15125550101", "1 Main St", "", "78701"));
        // each day's pull starts five minutes before midnight, so as not to miss a late event
        Files.writeString(company.resolve("okta/2026-03-02.ndjson"), signIn("u1", "2026-03-02T09:00:00Z")
                + signIn("u2", "2026-03-02T23:58:00Z") + signIn("u3", "2026-03-03T00:02:00Z"));
        Files.writeString(company.resolve("okta/2026-03-03.ndjson"), signIn("u2", "2026-03-02T23:58:00Z")
                + signIn("u3", "2026-03-03T00:02:00Z") + signIn("u4", "2026-03-03T10:00:00Z"));
        Report r = Scan.run(Scan.Options.of(List.of(company)).withDetectors(List.of(new Each("user.session.start")))
                .withQuarantine(company.resolve("q.ndjson")), Scan.Progress.NONE);

        assertThat(r.ingest().eventsRepeated()).isEqualTo(2);
        assertThat(signals(r, "E1")).as("four sign-ins").isEqualTo(4);
        assertThat(r.ingest().lateEvents()).isZero();
    }

    private static long signals(Report r, String worker) {
        return r.workers().stream().filter(w -> w.workerId().equals(worker)).findFirst().orElseThrow().signals()
                .size();
    }

    @Test
    void rowsReadAgainUnchanged_areFoundOnce_aChangedRowIsRead_andTheReportSaysSo() throws IOException {
        Report one = scan("2026-03-10");
        Report three = scan("2026-03-10", "2026-03-11", "2026-03-12");

        assertThat(one.ingest().recordsRepeated()).isZero();
        assertThat(signals(one, "E1")).isEqualTo(1);
        assertThat(three.ingest().recordsRepeated()).as("Dana twice, Omar once").isEqualTo(3);
        assertThat(signals(three, "E1")).as("one finding, not one per snapshot").isEqualTo(1);
        assertThat(signals(three, "E2")).as("the row with the new address is read").isEqualTo(2);
        assertThat(three.workers().stream().filter(w -> w.workerId().equals("E1")).findFirst().orElseThrow().score())
                .isEqualTo(one.workers().stream().filter(w -> w.workerId().equals("E1")).findFirst().orElseThrow()
                        .score());

        StringWriter text = new StringWriter();
        Summary.print(three, new PrintWriter(text), 5);
        assertThat(text.toString()).contains("3 HR, applicant and asset rows were read again unchanged");
        StringWriter none = new StringWriter();
        Summary.print(one, new PrintWriter(none), 5);
        assertThat(none.toString()).doesNotContain("read again unchanged");
    }
}
