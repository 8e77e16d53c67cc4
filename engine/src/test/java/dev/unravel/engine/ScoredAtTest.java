package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.engine.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When scores are computed: at the last log event, whatever dates the records hold. */
class ScoredAtTest {

    @TempDir
    Path dir;

    /** A weak signal (it fades with time) on Dana's first sign-in, and a hire signal on every hire record. */
    static final class WeakAndHire implements Detector {
        boolean signedIn;

        @Override
        public String id() {
            return "test.weak";
        }

        @Override
        public String description() {
            return "a weak signal on the first sign-in, one on each hire";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("user.session.start", "hr.hire");
        }

        @Override
        public void onEvent(Event e, DetectorContext ctx) {
            if (e.type().equals("hr.hire")) {
                ctx.signal(id(), EntityRef.worker(e.user())).stage(Stage.APPLY).strength(0.3).evidence(e)
                        .because("Test: hired.").emit();
            } else if (!signedIn) {
                signedIn = true;
                ctx.signal(id(), EntityRef.worker("E1")).stage(Stage.ACCESS).strength(0.3).evidence(e)
                        .because("Test: signed in.").emit();
            }
        }
    }

    private static String signIn(String at) {
        return Records.oktaSignIn("u-" + at, at);
    }

    private Report scan(Path company) throws IOException {
        return Scan.run(Scan.Options.of(List.of(company)).withDetectors(List.of(new WeakAndHire()))
                .withQuarantine(company.resolve("q.ndjson")), Scan.Progress.NONE);
    }

    private Path company(String name, boolean withFutureHire) throws IOException {
        return company(name, withFutureHire, "");
    }

    private Path company(String name, boolean withFutureHire, String moreSignIns) throws IOException {
        Path c = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(c.resolve("hr"));
        Files.createDirectories(c.resolve("okta"));
        String employees = Records.EMPLOYEES_HEADER + Records.employee("E1", "Dana", "Wu", "+15125550101",
                "1 Main St", "", "78701");
        if (withFutureHire) {
            employees += Records.employee("E2", "Omar", "Reyes", "+15125550102", "2 Main St", "", "78701")
                    .replace(",2026-01-05,", ",2099-09-01,"); // ahead of any clock this test runs on
        }
        Files.writeString(c.resolve("hr/employees.csv"), employees);
        Files.writeString(c.resolve("okta/2026-03-02.ndjson"), signIn("2026-03-02T09:00:00Z")
                + signIn("2026-03-20T17:30:00Z") + moreSignIns);
        return c;
    }

    @Test
    void aHireDatedAheadOfTheLogs_neitherMovesTheScoringTimeNorFadesOthersSignals_andItsOwnSignalCounts()
            throws IOException {
        Report plain = scan(company("plain", false));
        Report ahead = scan(company("ahead", true));

        assertThat(ahead.period().asOf()).as("the last log event").isEqualTo("2026-03-20T17:30:00Z")
                .isEqualTo(plain.period().asOf());
        Report.WorkerEntry dana = worker(ahead, "E1");
        assertThat(dana.score()).as("faded to the last sign-in only, not to September").isPositive()
                .isEqualTo(worker(plain, "E1").score());
        assertThat(worker(ahead, "E2").score()).as("the signal on the hire dated ahead counts").isPositive();
    }

    @Test
    void aLogEventStampedYearsAhead_isQuarantinedWithItsTime_andMovesNothing() throws IOException {
        Report plain = scan(company("plain", false));
        Report wrongClock = scan(company("clock", true, signIn("2099-01-01T00:00:00Z")));

        assertThat(wrongClock.ingest().quarantined()).isEqualTo(1);
        assertThat(wrongClock.ingest().problems()).anySatisfy(p -> assertThat(p.toString())
                .contains("okta", "stamped 2099-01-01T00:00:00Z", "a day past this scan's clock"));
        assertThat(wrongClock.period().to()).isEqualTo("2026-03-20T17:30:00Z");
        assertThat(wrongClock.period().asOf()).isEqualTo("2026-03-20T17:30:00Z");
        assertThat(worker(wrongClock, "E1").score()).isEqualTo(worker(plain, "E1").score());
        assertThat(worker(wrongClock, "E2").score()).as("a record dated as far ahead is read").isPositive();
    }

    private static Report.WorkerEntry worker(Report r, String id) {
        return r.workers().stream().filter(w -> w.workerId().equals(id)).findFirst().orElseThrow(
                () -> new AssertionError(id + " is not in the report: " + r.workers()));
    }
}
