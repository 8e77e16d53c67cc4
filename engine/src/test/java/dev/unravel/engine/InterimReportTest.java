package dev.unravel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.detect.roster.Pii;
import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.ingest.Quarantine;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports as things stand ({@link Scan#interim}): a scan asked for one at the end of every day ends
 * with the report of a scan never asked, and the reports along the way score the workers as the days
 * come. Every built-in detector runs over a simulated company with the whole scheme, so a detector
 * whose {@code finish} changes its state fails the first part.
 */
class InterimReportTest {

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() throws IOException {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(60, 14, 11, 5, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE).run();
    }

    static Scan.Options options() {
        return Scan.Options.of(List.of(sim)).withPii(Pii.withKey("interim-report-test-key"));
    }

    /** The scan fed event by event in time order, with a report asked at each new day; the day's reports by date. */
    static Report scanAsking(Map<LocalDate, Report> interim) throws IOException {
        Scan scan = Scan.open(options(), null);
        LocalDate[] day = {null};
        try (Quarantine quarantine = new Quarantine(null)) {
            Scan.read(List.of(sim), 10_000, quarantine, scan.prepares() ? scan::prepare : null, (e, prepared) -> {
                if (e.time().getEpochSecond() > 0 && !Scan.isRecord(e.type())) {
                    LocalDate d = LocalDate.ofInstant(e.time(), ZoneOffset.UTC);
                    if (day[0] != null && d.isAfter(day[0])) {
                        interim.put(day[0], scan.interim(List.of(), 0, null));
                    }
                    if (day[0] == null || d.isAfter(day[0])) {
                        day[0] = d;
                    }
                }
                scan.accept(e, prepared);
            }, (file, why) -> {
            });
            return scan.finish(List.of(), quarantine.count(), null);
        }
    }

    @Test
    void reportsAlongTheWayLeaveTheScanAsItWas() throws IOException {
        Report plain = Scan.run(options(), Scan.Progress.NONE);
        Map<LocalDate, Report> interim = new LinkedHashMap<>();
        Report asked = scanAsking(interim);

        assertThat(interim).as("a report at the end of each day but the last").hasSizeGreaterThanOrEqualTo(10);
        assertThat(json(asked.workers())).as("every worker, score, level and signal").isEqualTo(json(plain.workers()));
        assertThat(json(asked.applicants())).isEqualTo(json(plain.applicants()));
        assertThat(json(asked.clusters())).isEqualTo(json(plain.clusters()));
        assertThat(signalCounts(asked)).as("each detector's signals, counted once").isEqualTo(signalCounts(plain));
        assertThat(plain.workers()).as("the company's fraudulent workers are found").anyMatch(w -> w.score() > 0.5);
    }

    @Test
    void reportsAlongTheWayScoreAsTheDaysCome() throws IOException {
        Map<LocalDate, Report> interim = new LinkedHashMap<>();
        Report last = scanAsking(interim);
        List<LocalDate> days = new ArrayList<>(interim.keySet());
        Report first = interim.get(days.get(0));
        Report before = interim.get(days.get(days.size() - 1));

        long flaggedAtEnd = last.workers().stream().filter(w -> w.score() > 0.5).count();
        long flaggedFirstDay = first.workers().stream().filter(w -> w.score() > 0.5).count();
        long flaggedDayBefore = before.workers().stream().filter(w -> w.score() > 0.5).count();
        assertThat(flaggedAtEnd).isPositive();
        assertThat(flaggedDayBefore).as("found before the input ends").isPositive();
        assertThat(flaggedFirstDay).as("fewer found after one day than at the end").isLessThan(flaggedAtEnd);
        assertThat(first.period().to()).as("a day's report covers the activity up to that day")
                .isLessThan(last.period().to());
        // Signals only grow: a report never loses a signal an earlier one had.
        for (int i = 1; i < days.size(); i++) {
            Map<String, Long> earlier = signalCounts(interim.get(days.get(i - 1)));
            Map<String, Long> later = signalCounts(interim.get(days.get(i)));
            LocalDate day = days.get(i);
            earlier.forEach((detector, n) -> assertThat(later.getOrDefault(detector, 0L))
                    .as("%s's signals on %s", detector, day).isGreaterThanOrEqualTo(n));
        }
    }

    /**
     * Scored daily: the same report, and each worker it flags says the end of the day a daily run
     * would first have flagged them — never before their first signal's day, never after the logs.
     */
    @Test
    void scoredDaily_theReportSaysWhenADailyRunWouldHaveFlaggedEach() throws IOException {
        Report plain = Scan.run(options(), Scan.Progress.NONE);
        Report daily = Scan.runDaily(options(), Scan.Progress.NONE);

        assertThat(json(daily.workers().stream().map(InterimReportTest::withoutDaily).toList()))
                .as("the same workers, scores and signals").isEqualTo(json(plain.workers()));
        assertThat(plain.workers()).allSatisfy(w -> assertThat(w.firstFlaggedDaily()).isNull());
        List<Report.WorkerEntry> flagged = daily.workers().stream()
                .filter(w -> w.level().equals("high") || w.level().equals("critical")).toList();
        assertThat(flagged).isNotEmpty();
        java.time.Instant end = java.time.Instant.parse(daily.period().to());
        for (Report.WorkerEntry w : flagged) {
            assertThat(w.firstFlaggedDaily()).as("%s, flagged", w.workerId()).isNotNull();
            java.time.Instant at = java.time.Instant.parse(w.firstFlaggedDaily());
            assertThat(at.getEpochSecond() % 86_400).as("the end of a day").isZero();
            assertThat(at).as("%s: at most the end of the logs' last day", w.workerId())
                    .isBeforeOrEqualTo(end.plus(java.time.Duration.ofDays(1)));
            java.time.Instant firstSignal = w.signals().stream().map(x -> java.time.Instant.parse(x.time()))
                    .filter(t -> t.getEpochSecond() > 0).min(java.util.Comparator.naturalOrder()).orElseThrow();
            assertThat(at).as("%s: after the day of their first signal", w.workerId()).isAfter(firstSignal);
        }
    }

    static Report.WorkerEntry withoutDaily(Report.WorkerEntry w) {
        return new Report.WorkerEntry(w.rank(), w.workerId(), w.name(), w.department(), w.title(), w.declaredCountry(),
                w.declaredTimeZone(), w.hireDate(), w.terminationDate(), w.score(), w.level(), w.ownScore(),
                w.clusterAdd(), w.stages(), w.families(), w.firstFlaggedAt(), w.cluster(), w.activity(),
                w.contributions(), w.signalsTotal(), w.signals());
    }

    /** As the report writes it (records holding arrays compare by identity). */
    static JsonNode json(Object part) {
        return ReportJson.mapper().valueToTree(part);
    }

    static Map<String, Long> signalCounts(Report r) {
        Map<String, Long> m = new LinkedHashMap<>();
        r.detectors().forEach(d -> m.put(d.id(), d.signals()));
        return m;
    }
}
