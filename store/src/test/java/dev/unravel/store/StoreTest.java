package dev.unravel.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.store.StoredCases.CaseChange;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.HistoryEntry;
import dev.unravel.store.StoredCases.SavedScan;
import dev.unravel.store.StoredCases.ScanInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The store on both databases it runs on: scans saved, cases opened, updated, decided and reopened. */
class StoreTest {

    static final Finding VPN = finding("access.vpn-sign-in", "2026-03-03T01:00:00Z", "w-1");
    static final Finding KVM = finding("control.ip-kvm", "2026-03-04T02:00:00Z", "NWL-MBP-10513");
    static final Finding REPOS = finding("steal.repo-harvest", "2026-03-05T03:00:00Z", "w-1");

    @TempDir
    Path tmp;

    final List<String> made = new ArrayList<>();

    /** A clock that moves a minute each time it is read, so that history is in order. */
    final Clock clock = new Clock() {
        Instant t = Instant.parse("2026-04-01T09:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            t = t.plus(Duration.ofMinutes(1));
            return t;
        }
    };

    static Finding finding(String detector, String time, String subject) {
        return new Finding(time, detector, "access", "T1133", 0.6, subject, "Something " + detector + " saw.",
                List.of("okta/day1.json#12", "okta/day1.json#13"), subject.startsWith("NWL") ? null
                        : "NWL-MBP-10513 (per osquery)");
    }

    static Assessment worker(String id, double score, String level, Finding... signals) {
        return new Assessment(id, "worker", "Worker " + id, score, level, List.of("access", "control"),
                List.of(signals));
    }

    static ScanInfo scan(String... inputs) {
        return new ScanInfo("2026-04-01T08:59:00Z", "0.1.0", List.of(inputs), "2026-03-02T00:00:00Z",
                "2026-03-31T23:59:00Z", 1200, 1100, 3, "{\"schema\":\"unravel.report/1\"}");
    }

    static List<Integer> counts(SavedScan s) {
        return List.of(s.people(), s.opened(), s.updated(), s.reopened(), s.active());
    }

    Store open(String kind) throws Exception {
        String location = Databases.fresh(kind, tmp);
        made.add(location);
        return Store.open(location, clock);
    }

    @AfterEach
    void dropSchemas() throws Exception {
        for (String m : made) {
            Databases.drop(m);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aScanOpensCases_aSecondScanOfTheSameDataChangesNothing_newEvidenceUpdates(String kind) throws Exception {
        try (Store store = open(kind)) {
            List<Assessment> first = List.of(worker("w-1", 0.82, "high", VPN, KVM), worker("w-2", 0.3, "low", VPN),
                    new Assessment("a-9", "applicant", "Applicant a-9", 0.95, "critical", List.of("apply"),
                            List.of(finding("apply.shared-phone", "2026-02-01T00:00:00Z", "a-9"))));
            SavedScan saved = store.save(scan("exports/"), first, CaseRules.defaults(), "analyst");
            assertThat(counts(saved)).containsExactly(3, 2, 0, 0, 2);
            assertThat(saved.raised()).extracting(r -> r.action() + " " + r.kind() + " " + r.personId() + " "
                    + r.level()).containsExactlyInAnyOrder("opened worker w-1 high", "opened applicant a-9 critical");

            List<CaseSummary> cases = store.cases(List.of());
            assertThat(cases).extracting(CaseSummary::personId).containsExactly("a-9", "w-1"); // highest score first
            CaseSummary w1 = cases.get(1);
            assertThat(w1.status()).isEqualTo(CaseStatus.OPEN);
            assertThat(w1.signals()).isEqualTo(2);
            assertThat(w1.stages()).containsExactly("access", "control");
            assertThat(w1.openedScan()).isEqualTo(saved.id());

            SavedScan again = store.save(scan("exports/"), first, CaseRules.defaults(), "analyst");
            assertThat(counts(again)).containsExactly(3, 0, 0, 0, 2);
            assertThat(again.raised()).isEmpty();

            SavedScan more = store.save(scan("exports/", "github/"), List.of(worker("w-1", 0.93, "critical", VPN,
                    KVM, REPOS)), CaseRules.defaults(), "analyst");
            assertThat(more.updated()).isEqualTo(1);

            CaseFile file = store.caseFile(w1.id()).orElseThrow();
            assertThat(file.summary().level()).isEqualTo("critical");
            assertThat(file.signals()).containsExactly(VPN, KVM, REPOS); // as saved, oldest first
            Map<Long, List<StoredCases.FindingKind>> kinds = store.findingKinds(List.of(w1.id(), cases.get(0).id(), 999L));
            assertThat(kinds.get(w1.id())).as("each kind once, for the case list's urgent steps").containsExactly(
                    new StoredCases.FindingKind("access.vpn-sign-in", "access"),
                    new StoredCases.FindingKind("control.ip-kvm", "access"),
                    new StoredCases.FindingKind("steal.repo-harvest", "access"));
            assertThat(kinds.get(cases.get(0).id())).extracting(StoredCases.FindingKind::detector)
                    .containsExactly("apply.shared-phone");
            assertThat(kinds).doesNotContainKey(999L);
            assertThat(store.findingKinds(List.of())).isEmpty();
            assertThat(file.history()).extracting(HistoryEntry::action).containsExactly("opened", "signals",
                    "rescored");
            assertThat(file.history().get(0).detail()).isEqualTo("Opened at high 0.82: 2 signals from 2 detectors in "
                    + "2 stages (access, control). (scan " + saved.id() + ")");
            assertThat(file.history()).extracting(HistoryEntry::actor).containsOnly(Store.SCANNER);
            assertThat(file.history()).extracting(HistoryEntry::at).isSorted();
            assertThat(file.scores()).extracting(s -> s.score()).containsExactly(0.82, 0.82, 0.93);
            assertThat(store.scans(10)).extracting(s -> s.inputs().size()).containsExactly(2, 1, 1); // newest first
            assertThat(store.report(saved.id())).contains("{\"schema\":\"unravel.report/1\"}");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCaseOpenedByHand_startsFromTheScan_keepsWhoAndWhy_andLaterScansUpdateIt(String kind) throws Exception {
        try (Store store = open(kind)) {
            Assessment low = worker("w-2", 0.3, "medium", VPN);
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", KVM), worker("w-2", 0.1, "low")),
                    CaseRules.defaults(), "ci");
            long second = store.save(scan("b/"), List.of(low, new Assessment("a-2", "applicant", "WORKER W-2", 0.2,
                    "low", List.of(), List.of())), CaseRules.defaults(), "ci").id();

            assertThat(store.assessed("w-2", null)).as("the latest scan that assessed them")
                    .containsExactly(new StoredCases.Assessed("worker", "w-2", "Worker w-2", second, 0.3, "medium"));
            assertThat(store.assessed("  worker W-2 ", null)).as("by name, without regard to case")
                    .extracting(StoredCases.Assessed::personId).containsExactly("a-2", "w-2");
            assertThat(store.assessed("worker w-2", "applicant")).extracting(StoredCases.Assessed::personId)
                    .containsExactly("a-2");
            assertThat(store.assessed("w-9", null)).isEmpty();
            assertThat(store.assessed(" ", null)).isEmpty();

            StoredCases.Opened opened = store.openCase(second, low, "HR: camera never on", "dana");
            assertThat(opened.existed()).isFalse();
            CaseSummary c = opened.summary();
            assertThat(c.openedBy()).isEqualTo("dana");
            assertThat(c.openedHow()).isEqualTo("dana (by hand, from scan " + second + ")");
            assertThat(c.level()).isEqualTo("medium");
            CaseFile file = store.caseFile(c.id()).orElseThrow();
            assertThat(file.signals()).containsExactly(VPN);
            assertThat(file.history()).singleElement().satisfies(h -> {
                assertThat(h.actor()).isEqualTo("dana");
                assertThat(h.detail()).isEqualTo("Opened by hand: HR: camera never on. The scan had them at medium "
                        + "0.30: 1 signal from 1 detector in 2 stages (access, control). (scan " + second + ")");
            });
            assertThat(store.cases(List.of()).stream().filter(k -> k.personId().equals("w-1")).findFirst()
                    .orElseThrow().openedBy()).as("a scan's case").isNull();

            StoredCases.Opened again = store.openCase(second, low, "again", "lee");
            assertThat(again.existed()).isTrue();
            assertThat(again.summary().id()).isEqualTo(c.id());
            assertThat(store.caseFile(c.id()).orElseThrow().history()).as("nothing written").hasSize(1);
            assertThatThrownBy(() -> store.openCase(second, worker("w-5", 0.1, "low"), " ", "dana"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("say why");

            // a scan below the opening level still adds what is new, as for any open case
            store.save(scan("c/"), List.of(worker("w-2", 0.45, "medium", VPN, REPOS)), CaseRules.defaults(), "ci");
            CaseFile later = store.caseFile(c.id()).orElseThrow();
            assertThat(later.signals()).containsExactly(VPN, REPOS);
            assertThat(later.summary().openedBy()).isEqualTo("dana");
            assertThat(later.history()).extracting(HistoryEntry::action).containsExactly("opened", "signals",
                    "rescored");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClearedPersonIsForgotten_theirFindingsScoresAndReportEntriesGo_theCaseStaysAsTheRecord(String kind)
            throws Exception {
        try (Store store = open(kind)) {
            ScanInfo withReport = new ScanInfo("2026-04-01T08:59:00Z", "0.1.0", List.of("a/"), null, null, 1, 1, 0,
                    "{\"workers\":[\"w-1\",\"w-2\"]}");
            store.save(withReport, List.of(worker("w-1", 0.82, "high", VPN, KVM), worker("w-2", 0.9, "critical", REPOS)),
                    CaseRules.defaults(), "ci");
            store.save(withReport, List.of(worker("w-1", 0.85, "high", VPN, KVM)), CaseRules.defaults(), "ci");
            long id = store.cases(List.of()).stream().filter(c -> c.personId().equals("w-1")).findFirst().orElseThrow()
                    .id();
            long other = store.cases(List.of()).stream().filter(c -> c.personId().equals("w-2")).findFirst()
                    .orElseThrow().id();
            // w-2's laptop went to w-1's address: evidence on w-2, which names w-1
            store.save(scan("t/"), List.of(new Assessment("w-2", "worker", "Worker w-2", 0.9, "critical",
                    List.of("steal"), List.of(REPOS), null, null, List.of(new Assessment.Tie("ship_to",
                            "12 Oak St, Chicago, IL 60601", List.of(new Assessment.Tied("worker", "w-1", "Worker w-1")))))),
                    CaseRules.defaults(), "ci");
            assertThat(store.caseFile(other).orElseThrow().ties()).singleElement()
                    .satisfies(t -> assertThat(t.caseId()).isEqualTo(id));
            Store.ReportScrub scrub = (json, kindOf, person) -> json.replace("\"" + person + "\",", "");
            store.logAccess("dana", "10.0.0.1", "open-case", "case " + id + ": worker w-1");
            store.putAnalyst("hr.pat", "x", Store.AnalystRole.VIEWER);
            store.shareCase(id, "hr.pat", "dana");

            assertThatThrownBy(() -> store.forget(id, "policy", "dana", scrub)).hasMessageContaining("is open: only a "
                    + "case closed benign or inconclusive is forgotten");
            store.update(other, new CaseChange(CaseStatus.CLOSED, Disposition.FRAUD, null, null), "dana");
            assertThatThrownBy(() -> store.forget(other, "policy", "dana", scrub)).hasMessageContaining(
                    "a case decided fraud is evidence");
            store.update(id, new CaseChange(CaseStatus.CLOSED, Disposition.BENIGN, null, "A trip."), "dana");
            assertThatThrownBy(() -> store.forget(id, " ", "dana", scrub)).hasMessageContaining("say why");

            StoredCases.Forgotten f = store.forget(id, "Retention policy HR-12.", "dana", scrub);
            assertThat(f).isEqualTo(new StoredCases.Forgotten(2, 5, 2, 2, 1));
            CaseFile file = store.caseFile(id).orElseThrow();
            assertThat(file.summary().forgotten()).isTrue();
            assertThat(file.summary().who()).isEqualTo("a forgotten worker");
            assertThat(file.summary().name()).isNull();
            assertThat(file.summary().disposition()).isEqualTo(Disposition.BENIGN);
            assertThat(file.signals()).isEmpty();
            assertThat(file.scores()).isEmpty();
            assertThat(file.history()).singleElement().satisfies(h -> {
                assertThat(h.actor()).isEqualTo("dana");
                assertThat(h.action()).isEqualTo("forgotten");
                assertThat(h.detail()).isEqualTo("Forgot the person: 2 findings, 5 history lines, their score in 2 saved "
                        + "scans and their entry in 2 kept reports; other cases' ties name them no more (1 tie). Reason: "
                        + "Retention policy HR-12.");
            });
            assertThat(store.caseViewers(id)).isEmpty();
            assertThat(store.report(1)).contains("{\"workers\":[\"w-2\"]}");
            assertThat(store.caseFile(other).orElseThrow().scores()).as("others keep theirs").hasSize(2);
            assertThat(store.caseFile(other).orElseThrow().ties()).as("the address stays, who shared it does not")
                    .singleElement().satisfies(t -> {
                        assertThat(t.display()).isEqualTo("12 Oak St, Chicago, IL 60601");
                        assertThat(t.who()).isEqualTo("a forgotten worker");
                        assertThat(t.personName()).isNull();
                        assertThat(t.caseId()).isNull();
                    });
            assertThat(store.accessLog("dana", 10)).extracting(Store.AccessEntry::target).contains("case " + id).doesNotContain("case " + id + ": worker w-1");
            assertThat(store.assessed("w-1", null)).isEmpty();
            assertThatThrownBy(() -> store.update(id, new CaseChange(CaseStatus.OPEN, null, null, null), "dana"))
                    .hasMessageContaining("person was forgotten");
            assertThatThrownBy(() -> store.forget(id, "again", "dana", scrub)).hasMessageContaining("person was "
                    + "forgotten");

            // the logs are not touched: scanning them again opens a new case on what they hold
            store.save(scan("a/"), List.of(worker("w-1", 0.85, "high", VPN, KVM)), CaseRules.defaults(), "ci");
            assertThat(store.cases(List.of())).filteredOn(c -> c.personId().equals("w-1")).singleElement()
                    .satisfies(c -> assertThat(c.id()).isNotEqualTo(id));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void whenEachAnalystLastOpenedEachCase_fromTheAccessLog(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.logAccess("dana", "10.0.0.1", "case", "case 1");
            store.logAccess("dana", "10.0.0.1", "brief", "case 1 with the records");
            store.logAccess("dana", "10.0.0.1", "record", "case 2: okta/day1.json#12"); // a record is not the case
            store.logAccess("dana", "10.0.0.1", "api-case", "case 12");
            store.logAccess("lee", "10.0.0.1", "case", "case 2");
            Map<Long, OffsetDateTime> dana = store.lastOpened("dana");
            assertThat(dana).containsOnlyKeys(1L, 12L);
            assertThat(dana.get(1L)).isEqualTo(store.accessLog("dana", 10).stream().filter(e -> e.action().equals("brief"))
                    .findFirst().orElseThrow().at()); // the later of the two
            assertThat(store.lastOpened("lee")).containsOnlyKeys(2L);
            assertThat(store.lastOpened("nobody")).isEmpty();
            assertThat(store.lastOpened(null)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void oldScansArePruned_keepingTheirRows_andTheScoresOfPeopleWithACase(String kind) throws Exception {
        try (Store store = open(kind)) {
            assertThat(store.pruneScans(3)).isEqualTo(new StoredCases.Pruned(0, 0)); // nothing saved yet
            List<Assessment> people = List.of(worker("w-1", 0.82, "high", VPN, KVM), worker("w-2", 0.3, "low", VPN),
                    worker("w-3", 0.1, "low", REPOS));
            for (int i = 0; i < 4; i++) {
                store.save(scan("exports/"), people, CaseRules.defaults(), "analyst");
            }
            long caseId = store.cases(List.of()).get(0).id();

            assertThat(store.pruneScans(2)).isEqualTo(new StoredCases.Pruned(2, 4)); // w-2 and w-3 in scans 1 and 2

            assertThat(store.scans(10)).extracting(s -> s.id() + " " + s.report())
                    .containsExactly("4 true", "3 true", "2 false", "1 false");
            assertThat(store.report(1)).isEmpty();
            assertThat(store.report(3)).isPresent();
            assertThat(store.caseFile(caseId).orElseThrow().scores()).as("the case keeps its score in every scan")
                    .hasSize(4);
            assertThat(store.pruneScans(2)).isEqualTo(new StoredCases.Pruned(0, 0));
            assertThatThrownBy(() -> store.pruneScans(0)).hasMessageContaining("keep must be 1 or more");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anAnalystDecides_theDecisionHoldsOnTheSameEvidence_andNewEvidenceReopens(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN, KVM)), CaseRules.defaults(), "ci");
            long id = store.cases(List.of()).get(0).id();

            CaseSummary assigned = store.update(id, new CaseChange(CaseStatus.INVESTIGATING, null, "dana", "Called HR."),
                    "lee");
            assertThat(assigned.status()).isEqualTo(CaseStatus.INVESTIGATING);
            assertThat(assigned.assignee()).isEqualTo("dana");

            assertThatThrownBy(() -> store.update(id, new CaseChange(CaseStatus.CLOSED, null, null, null), "dana"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("closing case " + id + " needs a disposition: fraud, benign or inconclusive");
            assertThatThrownBy(() -> store.update(id, new CaseChange(null, Disposition.FRAUD, null, null), "dana"))
                    .hasMessage("a disposition is given when a case is closed; case " + id + " is investigating");
            assertThatThrownBy(() -> store.update(id, new CaseChange(null, null, null, " "), "dana"))
                    .hasMessageStartingWith("nothing to change");
            assertThatThrownBy(() -> store.update(id, new CaseChange(null, null, "a".repeat(201), null), "dana"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("an assignee's name is at most 200 "
                            + "characters");
            assertThatThrownBy(() -> store.update(999_999, new CaseChange(null, null, null, "x"), "dana"))
                    .isInstanceOf(NoSuchElementException.class).hasMessageStartingWith("no case 999999 in the store at");

            CaseSummary closed = store.update(id, new CaseChange(CaseStatus.CLOSED, Disposition.BENIGN, null,
                    "Travelling; confirmed with the manager."), "dana");
            assertThat(closed.disposition()).isEqualTo(Disposition.BENIGN);
            assertThat(closed.closedAt()).isNotNull();
            assertThat(store.cases(List.of(CaseStatus.OPEN, CaseStatus.INVESTIGATING, CaseStatus.ESCALATED))).isEmpty();

            // the same evidence again, even scored higher: the decision holds
            SavedScan same = store.save(scan("a/"), List.of(worker("w-1", 0.9, "critical", VPN, KVM)),
                    CaseRules.defaults(), "ci");
            assertThat(same.reopened()).isZero();
            assertThat(store.caseFile(id).orElseThrow().summary().status()).isEqualTo(CaseStatus.CLOSED);

            SavedScan newer = store.save(scan("a/"), List.of(worker("w-1", 0.93, "critical", VPN, KVM, REPOS)),
                    CaseRules.defaults(), "ci");
            assertThat(newer.reopened()).isEqualTo(1);
            assertThat(newer.raised()).singleElement().satisfies(r -> {
                assertThat(r.action()).isEqualTo("reopened");
                assertThat(r.caseId()).isEqualTo(id);
            });
            CaseFile file = store.caseFile(id).orElseThrow();
            assertThat(file.summary().status()).isEqualTo(CaseStatus.OPEN);
            assertThat(file.summary().disposition()).isNull();
            assertThat(file.summary().closedAt()).isNull();
            assertThat(file.summary().assignee()).isEqualTo("dana");
            assertThat(file.history()).extracting(h -> h.actor() + " " + h.action() + ": " + h.detail()).containsExactly(
                    "unravel opened: Opened at high 0.82: 2 signals from 2 detectors in 2 stages (access, control). "
                            + "(scan 1)",
                    "lee status: open → investigating",
                    "lee assigned: Assigned to dana",
                    "lee note: Called HR.",
                    "dana status: investigating → closed (benign)",
                    "dana note: Travelling; confirmed with the manager.",
                    "unravel reopened: Reopened: 1 new signal since it was closed as benign (steal.repo-harvest); now "
                            + "critical 0.93. (scan 3)");

            CaseSummary unassigned = store.update(id, new CaseChange(null, null, "", null), "dana");
            assertThat(unassigned.assignee()).isNull();

            // the console's form sent back unchanged: no history line, and the case is not marked updated
            int lines = store.caseFile(id).orElseThrow().history().size();
            CaseSummary resent = store.update(id, new CaseChange(CaseStatus.OPEN, null, "", null), "dana");
            assertThat(resent.updatedAt()).isEqualTo(unassigned.updatedAt());
            assertThat(store.caseFile(id).orElseThrow().history()).hasSize(lines);
        }
    }

    /** Two processes saving scans of the same people at once: each case is opened once, and neither save fails. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void savesAtTheSameTime_runOneAfterTheOther(String kind) throws Exception {
        String location = Databases.fresh(kind, tmp);
        made.add(location);
        List<Assessment> people = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            people.add(worker("w-" + i, 0.9, "critical", VPN, KVM));
        }
        try (Store a = Store.open(location, clock); Store b = kind.equals("h2") ? a : Store.open(location, clock)) {
            for (int round = 0; round < 3; round++) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
                try {
                    var first = two.submit(() -> {
                        go.await();
                        return a.save(scan("a/"), people, CaseRules.defaults(), "one");
                    });
                    var second = two.submit(() -> {
                        go.await();
                        return b.save(scan("b/"), people, CaseRules.defaults(), "two");
                    });
                    go.countDown();
                    assertThat(first.get().opened() + second.get().opened()).isEqualTo(round == 0 ? 200 : 0);
                } finally {
                    two.shutdownNow();
                }
            }
            assertThat(a.cases(List.of())).hasSize(200);
            assertThat(a.scans(10)).hasSize(6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void analystsAreAddedAndTheirHashReplaced_namesAreChecked(String kind) throws Exception {
        try (Store store = open(kind)) {
            assertThat(store.putAnalyst("dana", "$argon2id$one")).isTrue();
            assertThat(store.putAnalyst("dana", "$argon2id$two")).isFalse();
            assertThat(store.putAnalyst("lee.k@corp", "$argon2id$three")).isTrue();
            assertThat(store.analystHash("dana")).contains("$argon2id$two");
            assertThat(store.analystHash("nobody")).isEmpty();
            assertThat(store.analysts()).containsExactly("dana", "lee.k@corp");
            assertThatThrownBy(() -> store.putAnalyst("dana smith", "x")).hasMessageContaining("'dana smith'");

            store.logAccess("dana", "127.0.0.1", "sign-in", null);
            store.logAccess("mallory" + "x".repeat(200), "10.0.0.9", "sign-in-failed", null);
            store.logAccess("dana", "127.0.0.1", "case", "case 3");
            assertThat(store.accessLog(null, 10)).extracting(Store.AccessEntry::action)
                    .containsExactly("case", "sign-in-failed", "sign-in"); // newest first
            assertThat(store.accessLog("dana", 1)).singleElement().satisfies(e -> {
                assertThat(e.target()).isEqualTo("case 3");
                assertThat(e.address()).isEqualTo("127.0.0.1");
            });
            assertThat(store.accessLog(null, 10).get(1).analyst()).hasSize(100); // a long guessed name is cut

            long id = store.addToken("dana", "a".repeat(64), "soar");
            assertThat(store.tokenAnalyst("a".repeat(64))).contains("dana");
            assertThat(store.tokenAnalyst("b".repeat(64))).isEmpty();
            assertThat(store.tokens()).singleElement().satisfies(t -> {
                assertThat(t.label()).isEqualTo("soar");
                assertThat(t.lastUsedAt()).isNotNull();
                assertThat(t.revokedAt()).isNull();
            });
            assertThat(store.revokeToken(id)).isTrue();
            assertThat(store.revokeToken(id)).isFalse();
            assertThat(store.tokenAnalyst("a".repeat(64))).isEmpty();
            assertThatThrownBy(() -> store.addToken("nobody", "c".repeat(64), "x")).hasMessageStartingWith(
                    "no analyst nobody");

            var since = store.analystSince("dana").orElseThrow();
            store.putAnalyst("dana", "$argon2id$four");
            assertThat(store.analystSince("dana")).hasValueSatisfying(t -> assertThat(t).isAfter(since));
            store.addToken("dana", "d".repeat(64), "soar");
            assertThat(store.removeAnalyst("dana")).isTrue();
            assertThat(store.removeAnalyst("dana")).isFalse();
            assertThat(store.analystHash("dana")).isEmpty();
            assertThat(store.analystSince("dana")).isEmpty();
            assertThat(store.tokenAnalyst("d".repeat(64))).as("their tokens are revoked").isEmpty();
            assertThat(store.analysts()).containsExactly("lee.k@corp");
            assertThat(store.accessLog("dana", 10)).isNotEmpty(); // the record of what they did stays
            store.putAnalyst("dana", "$argon2id$five"); // added again: may sign in again
            assertThat(store.analysts()).containsExactly("dana", "lee.k@corp");

            // roles: a new one works the cases; a viewer reads; a new password keeps the role
            assertThat(store.analystRole("dana")).contains(Store.AnalystRole.ANALYST);
            assertThat(store.putAnalyst("hr.pat", "$argon2id$six", Store.AnalystRole.VIEWER)).isTrue();
            store.putAnalyst("hr.pat", "$argon2id$seven");
            assertThat(store.analystRole("hr.pat")).contains(Store.AnalystRole.VIEWER);
            assertThat(store.analystEntries()).containsExactly(
                    new Store.AnalystEntry("dana", Store.AnalystRole.ANALYST),
                    new Store.AnalystEntry("hr.pat", Store.AnalystRole.VIEWER),
                    new Store.AnalystEntry("lee.k@corp", Store.AnalystRole.ANALYST));
            assertThat(store.setAnalystRole("hr.pat", Store.AnalystRole.ANALYST)).isTrue();
            assertThat(store.analystRole("hr.pat")).contains(Store.AnalystRole.ANALYST);
            assertThat(store.setAnalystRole("nobody", Store.AnalystRole.VIEWER)).isFalse();
            store.removeAnalyst("hr.pat");
            assertThat(store.analystRole("hr.pat")).isEmpty();
            assertThatThrownBy(() -> Store.AnalystRole.parse("admin")).hasMessageContaining("use analyst");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void casesAreSharedWithViewers_whoReadOnlyThose_andEverySharingIsInTheHistory(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN, KVM), worker("w-2", 0.9, "critical", VPN)),
                    CaseRules.defaults(), "ci");
            long w2 = store.cases(List.of()).get(0).id();
            long w1 = store.cases(List.of()).get(1).id();
            store.putAnalyst("dana", "$argon2id$one");
            store.putAnalyst("hr.pat", "$argon2id$two", Store.AnalystRole.VIEWER);

            assertThat(store.mayRead("dana", w1)).as("an analyst reads every case").isTrue();
            assertThat(store.mayRead("hr.pat", w1)).as("a viewer, nothing not shared").isFalse();
            assertThat(store.shareCase(w1, "hr.pat", "dana")).isTrue();
            assertThat(store.shareCase(w1, "hr.pat", "dana")).as("shared already").isFalse();
            assertThat(store.mayRead("hr.pat", w1)).isTrue();
            assertThat(store.mayRead("hr.pat", w2)).isFalse();
            assertThat(store.mayRead("nobody", w1)).isFalse();
            assertThat(store.casesSharedWith("hr.pat")).containsExactly(w1);
            assertThat(store.caseViewers(w1)).singleElement().satisfies(v -> {
                assertThat(v.viewer()).isEqualTo("hr.pat");
                assertThat(v.sharedBy()).isEqualTo("dana");
                assertThat(v.sharedAt()).isNotNull();
            });
            assertThat(store.caseFile(w1).orElseThrow().history()).last().satisfies(h -> {
                assertThat(h.actor()).isEqualTo("dana");
                assertThat(h.action()).isEqualTo("shared");
                assertThat(h.detail()).isEqualTo("Shared with hr.pat, who may now read it");
            });

            assertThatThrownBy(() -> store.shareCase(w1, "dana", "lee")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("dana is an analyst and reads every case; cases are shared with viewers");
            assertThatThrownBy(() -> store.shareCase(w1, "nobody", "lee")).hasMessageStartingWith("there is no viewer "
                    + "nobody");
            assertThatThrownBy(() -> store.shareCase(999, "hr.pat", "lee")).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> store.shareCase(w1, "hr.pat", " ")).hasMessageContaining("analyst's name");

            assertThat(store.unshareCase(w1, "hr.pat", "lee")).isTrue();
            assertThat(store.unshareCase(w1, "hr.pat", "lee")).isFalse();
            assertThat(store.mayRead("hr.pat", w1)).isFalse();
            assertThat(store.caseFile(w1).orElseThrow().history()).last().satisfies(h -> {
                assertThat(h.actor()).isEqualTo("lee");
                assertThat(h.detail()).isEqualTo("No longer shared with hr.pat");
            });

            // removed, then added again: nothing stays shared
            store.shareCase(w1, "hr.pat", "dana");
            store.shareCase(w2, "hr.pat", "dana");
            assertThat(store.removeAnalyst("hr.pat")).isTrue();
            assertThat(store.caseFile(w2).orElseThrow().history()).last().satisfies(h -> assertThat(h.detail())
                    .isEqualTo("No longer shared with hr.pat, who was removed from the console"));
            store.putAnalyst("hr.pat", "$argon2id$three", Store.AnalystRole.VIEWER);
            assertThat(store.casesSharedWith("hr.pat")).isEmpty();
            assertThat(store.caseViewers(w1)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCaseKeepsTheHireAndTerminationDates_ofTheLatestScanThatReadTheHrRecord(String kind) throws Exception {
        try (Store store = open(kind)) {
            Assessment hired = new Assessment("w-1", "worker", "Worker w-1", 0.82, "high", List.of("access"), List.of(VPN),
                    "2026-02-23", null);
            store.save(scan("a/"), List.of(hired), CaseRules.defaults(), "ci");
            long id = store.cases(List.of()).get(0).id();
            assertThat(store.caseFile(id).orElseThrow()).extracting(CaseFile::hireDate, CaseFile::terminationDate)
                    .containsExactly("2026-02-23", null);

            Finding later = finding("access.after-termination", "2026-03-23T10:00:00Z", "w-1");
            store.save(scan("b/"), List.of(new Assessment("w-1", "worker", "Worker w-1", 0.9, "critical",
                    List.of("access"), List.of(VPN, later), "2026-02-23", "2026-03-20")), CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id).orElseThrow()).extracting(CaseFile::hireDate, CaseFile::terminationDate)
                    .containsExactly("2026-02-23", "2026-03-20");

            // a report without the dates (written elsewhere, older) leaves them; a date that is not one is not kept
            Finding more = finding("access.after-termination", "2026-03-24T10:00:00Z", "w-1");
            store.save(scan("c/"), List.of(worker("w-1", 0.9, "critical", VPN, later, more)), CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id).orElseThrow().terminationDate()).isEqualTo("2026-03-20");
            Finding rehired = finding("access.vpn", "2026-06-01T10:00:00Z", "w-1");
            store.save(scan("d/"), List.of(new Assessment("w-1", "worker", "Worker w-1", 0.9, "critical",
                    List.of("access"), List.of(VPN, later, more, rehired), "2026-05-25 (rehire)", null)),
                    CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id).orElseThrow()).extracting(CaseFile::hireDate, CaseFile::terminationDate)
                    .containsExactly("2026-02-23", "2026-03-20");
            store.save(scan("e/"), List.of(new Assessment("w-1", "worker", "Worker w-1", 0.9, "critical",
                    List.of("access"), List.of(VPN, later, more, rehired), "2026-05-25", null)),
                    CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id).orElseThrow()).extracting(CaseFile::hireDate, CaseFile::terminationDate)
                    .containsExactly("2026-05-25", null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aCaseKeepsWhoThePersonSharesIdentifiersWith_andTheirCases_asTheLatestScanSaid(String kind) throws Exception {
        try (Store store = open(kind)) {
            Assessment.Tie farm = new Assessment.Tie("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", List.of(
                    new Assessment.Tied("worker", "w-2", "Worker w-2"), new Assessment.Tied("applicant", "a-9", null)));
            Assessment.Tie bank = new Assessment.Tie("bank_account", null, List.of(
                    new Assessment.Tied("worker", "w-2", "Worker w-2")));
            Assessment w1 = new Assessment("w-1", "worker", "Worker w-1", 0.82, "high", List.of("access"), List.of(VPN),
                    "2026-02-23", null, List.of(farm, bank));
            Assessment w2 = new Assessment("w-2", "worker", "Worker w-2", 0.9, "critical", List.of("access"), List.of(VPN),
                    "2026-02-20", null, List.of(new Assessment.Tie("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215",
                            List.of(new Assessment.Tied("worker", "w-1", "Worker w-1")))));
            store.save(scan("a/"), List.of(w1, w2), CaseRules.defaults(), "ci");
            long id1 = store.cases(List.of()).stream().filter(c -> c.personId().equals("w-1")).findFirst().orElseThrow().id();
            long id2 = store.cases(List.of()).stream().filter(c -> c.personId().equals("w-2")).findFirst().orElseThrow().id();
            assertThat(store.caseFile(id1).orElseThrow().ties()).containsExactly(
                    new StoredCases.TieSeen("bank_account", null, "worker", "w-2", "Worker w-2", id2),
                    new StoredCases.TieSeen("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", "applicant", "a-9", null, null),
                    new StoredCases.TieSeen("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", "worker", "w-2", "Worker w-2",
                            id2));

            // the same findings again, but the bank account no longer shared: the ties follow, nothing else changes
            Assessment later = new Assessment("w-1", "worker", "Worker w-1", 0.82, "high", List.of("access"), List.of(VPN),
                    "2026-02-23", null, List.of(farm));
            SavedScan again = store.save(scan("b/"), List.of(later), CaseRules.defaults(), "ci");
            assertThat(again.updated()).isZero();
            assertThat(store.caseFile(id1).orElseThrow().ties()).extracting(StoredCases.TieSeen::kind)
                    .containsExactly("ship_to", "ship_to");
            // a report that does not say keeps them; one that says none clears them
            store.save(scan("c/"), List.of(worker("w-1", 0.82, "high", VPN)), CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id1).orElseThrow().ties()).hasSize(2);
            store.save(scan("d/"), List.of(new Assessment("w-1", "worker", "Worker w-1", 0.82, "high", List.of("access"),
                    List.of(VPN), "2026-02-23", null, List.of())), CaseRules.defaults(), "ci");
            assertThat(store.caseFile(id1).orElseThrow().ties()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void viewersOfAnOlderStore_keepTheCasesTheyCouldRead(String kind) throws Exception {
        String location = Databases.fresh(kind, tmp);
        made.add(location);
        try (Store store = Store.open(location, clock)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN)), CaseRules.defaults(), "ci");
        }
        // the store as version 8 left it: the sharing table not there, a viewer reading every case
        String url = kind.equals("h2") ? "jdbc:h2:file:" + Path.of(location).toAbsolutePath().normalize()
                .resolve("unravel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE" : location;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            c.createStatement().execute("DROP TABLE case_viewer");
            c.createStatement().execute("ALTER TABLE case_file DROP COLUMN hire_date");
            c.createStatement().execute("ALTER TABLE case_file DROP COLUMN termination_date");
            c.createStatement().execute("DROP TABLE case_tie");
            c.createStatement().execute("ALTER TABLE api_token DROP COLUMN hook_secret");
            c.createStatement().execute("DROP TABLE case_checks");
            c.createStatement().execute("DROP TABLE case_step");
            c.createStatement().execute("ALTER TABLE case_file DROP COLUMN opened_by");
            c.createStatement().execute("DROP INDEX access_log_analyst");
            c.createStatement().execute("DROP TABLE collect_source");
            c.createStatement().execute("ALTER TABLE ingest_batch ALTER COLUMN token_id SET NOT NULL");
            c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version IN ('9', '10', '11', '12', '13', "
                    + "'14', '15', '16')");
            c.createStatement().execute("INSERT INTO analyst (name, password_hash, created_at, updated_at, role) VALUES "
                    + "('hr.pat', 'x', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'viewer'), ('dana', 'y', CURRENT_TIMESTAMP, "
                    + "CURRENT_TIMESTAMP, 'analyst')");
        }
        try (Store store = Store.open(location, clock)) {
            long id = store.cases(List.of()).get(0).id();
            assertThat(store.casesSharedWith("hr.pat")).containsExactly(id);
            assertThat(store.casesSharedWith("dana")).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void stepsAreMarkedDone_andTheMarkTakenBack_eachInTheHistory(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN)), CaseRules.defaults(), "ci");
            long id = store.cases(List.of()).get(0).id();
            assertThat(store.stepsDone(id)).isEmpty();
            assertThat(store.markStep(id, "0123456789abcdef", "IT: Disable the account.", "dana")).isTrue();
            assertThat(store.markStep(id, "0123456789abcdef", "IT: Disable the account.", "lee")).as("once").isFalse();
            assertThat(store.stepsDone(id)).containsOnlyKeys("0123456789abcdef").hasValueSatisfying(
                    new org.assertj.core.api.Condition<>(d -> d.by().equals("dana") && d.at() != null, "dana's"));
            assertThat(store.unmarkStep(id, "0123456789abcdef", "IT: Disable the account.", "lee")).isTrue();
            assertThat(store.unmarkStep(id, "0123456789abcdef", "IT: Disable the account.", "lee")).isFalse();
            assertThat(store.stepsDone(id)).isEmpty();
            assertThat(store.caseFile(id).orElseThrow().history()).extracting(h -> h.actor() + " " + h.action() + " "
                    + h.detail()).contains("dana step Done: IT: Disable the account.",
                            "lee step Not done after all: IT: Disable the account.");
            assertThatThrownBy(() -> store.markStep(999, "0123456789abcdef", "x", "dana"))
                    .isInstanceOf(java.util.NoSuchElementException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theTeamsOwnChecks_holdUntilPutBack(String kind) throws Exception {
        try (Store store = open(kind)) {
            assertThat(store.teamChecks()).isEmpty();
            store.putTeamChecks("any:\n  - who: Legal\n    what: Call the general counsel.\n", "dana");
            assertThat(store.teamChecks()).hasValueSatisfying(t -> {
                assertThat(t.yaml()).contains("general counsel");
                assertThat(t.loadedBy()).isEqualTo("dana");
                assertThat(t.loadedAt()).isNotNull();
            });
            store.putTeamChecks("any:\n  - who: Legal\n    what: Call outside counsel.\n", "lee");
            assertThat(store.teamChecks().orElseThrow().yaml()).as("the latest holds").contains("outside counsel");
            store.putTeamChecks(null, "lee");
            assertThat(store.teamChecks()).as("put back: Unravel's own").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void githubWebhookSecrets_areKeptWhole_openNothingElse_andGoWhenRevokedOrTheirAnalystIs(String kind)
            throws Exception {
        try (Store store = open(kind)) {
            store.putAnalyst("dana", "$argon2id$one");
            store.putAnalyst("lee", "$argon2id$two");
            long hook = store.addGithubWebhook("dana", "unr_secret-one", "e".repeat(64), "northwind-org");
            long other = store.addGithubWebhook("lee", "unr_secret-two", "f".repeat(64), " ");
            assertThat(store.githubWebhookSecrets()).extracting(Store.WebhookSecret::secret)
                    .containsExactly("unr_secret-one", "unr_secret-two");
            assertThat(store.githubWebhookSecrets().get(0).grant()).isEqualTo(new Store.TokenGrant(hook, "dana",
                    "northwind-org", Store.TokenScope.GITHUB_WEBHOOK));
            assertThat(store.githubWebhookSecrets().get(1).grant().label()).as("a blank label").isEqualTo("github");
            assertThat(store.githubWebhookSecrets().get(0).toString()).doesNotContain("unr_secret");
            assertThat(store.tokens()).filteredOn(t -> t.id() == hook).singleElement()
                    .satisfies(t -> assertThat(t.lastUsedAt()).isNull());
            assertThat(store.tokenAnalyst("e".repeat(64))).as("no bearer token for the cases API").isEmpty();
            assertThat(store.tokens()).extracting(Store.TokenEntry::scope).containsOnly(Store.TokenScope.GITHUB_WEBHOOK);
            assertThat(Store.TokenScope.parse("GitHub-Webhook ")).isEqualTo(Store.TokenScope.GITHUB_WEBHOOK);
            assertThatThrownBy(() -> store.addToken("dana", "g".repeat(64), "x", Store.TokenScope.GITHUB_WEBHOOK))
                    .hasMessageContaining("addGithubWebhook");
            assertThatThrownBy(() -> store.addGithubWebhook("nobody", "s", "h".repeat(64), "x"))
                    .hasMessageStartingWith("no analyst nobody");

            store.tokenUsed(hook);
            assertThat(store.tokens()).filteredOn(t -> t.id() == hook).singleElement()
                    .satisfies(t -> assertThat(t.lastUsedAt()).isNotNull());

            assertThat(store.revokeToken(hook)).isTrue();
            assertThat(store.githubWebhookSecrets()).extracting(s -> s.grant().id()).containsExactly(other);
            assertThat(store.removeAnalyst("lee")).isTrue();
            assertThat(store.githubWebhookSecrets()).as("removing an analyst revokes their hooks").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void ingestTokensSendLogsOnly_andABatchSentTwiceIsKeptOnce(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.putAnalyst("dana", "$argon2id$one");
            long api = store.addToken("dana", "a".repeat(64), "soar");
            long ingest = store.addToken("dana", "b".repeat(64), "fluent-bit", Store.TokenScope.INGEST);
            assertThat(store.token("a".repeat(64))).hasValueSatisfying(g -> {
                assertThat(g.scope()).isEqualTo(Store.TokenScope.API);
                assertThat(g.id()).isEqualTo(api);
            });
            assertThat(store.token("b".repeat(64))).hasValueSatisfying(g -> {
                assertThat(g.scope()).isEqualTo(Store.TokenScope.INGEST);
                assertThat(g.label()).isEqualTo("fluent-bit");
            });
            assertThat(store.tokenAnalyst("b".repeat(64))).as("an ingest token does not open the cases API").isEmpty();
            assertThat(store.tokens()).extracting(Store.TokenEntry::scope)
                    .containsExactly(Store.TokenScope.INGEST, Store.TokenScope.API);
            assertThatThrownBy(() -> Store.TokenScope.parse("admin")).hasMessageContaining("use api");

            OffsetDateTime first = OffsetDateTime.parse("2026-03-02T01:12:33.456Z");
            Store.IngestBatch sent = new Store.IngestBatch(0, null, "okta", "c".repeat(64), 2048, "okta", 3, 2, 1,
                    first, first.plusMinutes(5), "okta/2026-03-02/091500-000001-cccccccccccc.json", ingest,
                    "10.0.0.7");
            Store.IngestBatch kept = store.addIngestBatch(sent).orElseThrow();
            assertThat(kept.id()).isPositive();
            assertThat(kept.receivedAt()).isNotNull();
            assertThat(store.addIngestBatch(sent)).as("a retry is not kept twice").isEmpty();
            assertThat(store.addIngestBatch(new Store.IngestBatch(0, null, "github", "c".repeat(64), 1, "github-audit",
                    1, 1, 0, null, null, "github/x.json", ingest, null))).as("another source may send the same bytes")
                    .isPresent();
            assertThat(store.ingestBatch("okta", "c".repeat(64))).hasValueSatisfying(b -> {
                assertThat(b.first()).isEqualTo(first);
                assertThat(b.rejected()).isEqualTo(1);
                assertThat(b.file()).startsWith("okta/2026-03-02/");
            });
            assertThat(store.ingestBatches(null, 10)).extracting(Store.IngestBatch::source)
                    .containsExactly("github", "okta");
            assertThat(store.ingestBatches("okta", 10)).hasSize(1);
            assertThat(store.ingestSources()).extracting(Store.IngestSource::source).containsExactly("okta", "github");
            assertThat(store.ingestSources().get(0)).satisfies(o -> {
                assertThat(o.batches()).isEqualTo(1);
                assertThat(o.records()).isEqualTo(3);
                assertThat(o.rejected()).isEqualTo(1);
                assertThat(o.lastEvent()).isEqualTo(first.plusMinutes(5));
            });

            // the totals follow every batch kept and forgotten (ingest_source, not a sum over every batch)
            Store.IngestBatch older = store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "d".repeat(64), 10,
                    "okta", 5, 4, 0, first.minusDays(1), first.minusDays(1), "okta/2026-03-01/x.json", ingest, null))
                    .orElseThrow();
            Store.IngestBatch newer = store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "e".repeat(64), 10,
                    "okta", 7, 7, 2, first, first.plusHours(2), "okta/2026-03-02/y.json", ingest, null)).orElseThrow();
            Store.IngestSource okta = store.ingestSources().stream().filter(x -> x.source().equals("okta")).findFirst()
                    .orElseThrow();
            assertThat(okta.batches()).isEqualTo(3);
            assertThat(okta.records()).isEqualTo(3 + 5 + 7);
            assertThat(okta.events()).isEqualTo(2 + 4 + 7);
            assertThat(okta.rejected()).isEqualTo(1 + 0 + 2);
            assertThat(okta.lastEvent()).as("an older batch leaves the latest event").isEqualTo(first.plusHours(2));
            assertThat(okta.lastReceived()).isEqualTo(newer.receivedAt());
            assertThat(store.ingestSources()).extracting(Store.IngestSource::source).as("github sent longest ago")
                    .containsExactly("github", "okta");
            store.forgetIngestBatch(newer.id());
            store.forgetIngestBatch(older.id());
            Store.IngestSource back = store.ingestSources().stream().filter(x -> x.source().equals("okta"))
                    .findFirst().orElseThrow();
            assertThat(back.batches()).isEqualTo(1);
            assertThat(back.records()).isEqualTo(3);
            assertThat(back.lastEvent()).isEqualTo(first.plusMinutes(5));
            assertThat(back.lastReceived()).isEqualTo(kept.receivedAt());
            store.forgetIngestBatch(kept.id());
            assertThat(store.ingestSources()).extracting(Store.IngestSource::source).containsExactly("github");
        }
    }

    /** {@code serve --collect}: each run recorded; what it brought is a batch of its source with no token. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void collectionRunsAreRecorded_failuresCountedInARow_andACollectedBatchHasNoToken(String kind) throws Exception {
        try (Store store = open(kind)) {
            String name = "okta-acme.okta.com";
            Store.CollectSource first = store.addCollectRun(name, "okta", "Okta System Log of acme.okta.com", 0, null);
            assertThat(first.runs()).isEqualTo(1);
            assertThat(first.lastSuccess()).isEqualTo(first.firstRun());
            assertThat(first.lastBrought()).as("nothing brought yet").isNull();

            Store.CollectSource brought = store.addCollectRun(name, "okta", "Okta System Log of acme.okta.com", 40, null);
            assertThat(brought.lastBrought()).isEqualTo(brought.lastRun()).isAfter(first.firstRun());
            assertThat(brought.records()).isEqualTo(40);
            store.addCollectRun(name, "okta", "Okta System Log of acme.okta.com", 0, "answered 401 \"Invalid token\"");
            Store.CollectSource failing = store.addCollectRun(name, "okta", "Okta System Log of acme.okta.com", 0,
                    "answered 401 \"Invalid token\"");
            assertThat(failing.failing()).isEqualTo(2);
            assertThat(failing.lastError()).isEqualTo("answered 401 \"Invalid token\"");
            assertThat(failing.lastSuccess()).isEqualTo(brought.lastRun());
            assertThat(failing.lastBrought()).isEqualTo(brought.lastBrought());
            assertThat(failing.runs()).isEqualTo(4);
            assertThat(failing.lastRecords()).isZero();
            Store.CollectSource again = store.addCollectRun(name, "okta", "Okta System Log of acme.okta.com", 3, null);
            assertThat(again.failing()).as("a run that works ends the failures").isZero();
            assertThat(again.lastError()).isNull();
            assertThat(again.records()).isEqualTo(43);
            assertThat(again.firstRun()).isEqualTo(first.firstRun());

            store.addCollectRun("github-acme", "github", "GitHub audit log of acme", 0, "answered 403");
            assertThat(store.collectSources()).extracting(Store.CollectSource::name)
                    .as("the longest without records first: okta brought some before github's first run")
                    .containsExactly(name, "github-acme");

            Store.IngestBatch kept = store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "9".repeat(64), 10,
                    "okta", 3, 3, 0, null, null, "okta/2026-03-02/okta-20260302T101500Z.ndjson", null, null))
                    .orElseThrow();
            assertThat(kept.collected()).isTrue();
            assertThat(store.ingestBatch("okta", "9".repeat(64))).hasValueSatisfying(b -> {
                assertThat(b.tokenId()).isNull();
                assertThat(b.collected()).isTrue();
            });
            assertThat(store.ingestSources()).singleElement().satisfies(o -> assertThat(o.records()).isEqualTo(3));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theRecordsOfBatchesWhoseFilesWentArePruned_theTotalsAndRefusalsStay(String kind) throws Exception {
        try (Store store = open(kind)) {
            store.putAnalyst("dana", "$argon2id$one");
            long ingest = store.addToken("dana", "b".repeat(64), "fluent-bit", Store.TokenScope.INGEST);
            OffsetDateTime day = OffsetDateTime.parse("2026-03-02T01:00:00Z");
            for (String sha : List.of("1", "2", "3")) {
                store.addIngestBatch(new Store.IngestBatch(0, null, "okta", sha.repeat(64), 10, "okta", 4, 4, 0, day,
                        day, "okta/2026-03-02/" + sha + ".json", ingest, null)).orElseThrow();
                store.logAccess("dana", "10.0.0.7", "ingest", "okta batch " + sha);
            }
            store.logAccess("dana", "10.0.0.7", "ingest-refused", "okta: the batch is empty");
            store.logAccess("dana", "10.0.0.7", "sign-in", null);
            assertThat(store.ingestFileRemoved("okta/2026-03-02/1.json")).isTrue();
            assertThat(store.ingestFileRemoved("okta/2026-03-02/2.json")).isTrue();
            OffsetDateTime later = OffsetDateTime.parse("2026-04-02T00:00:00Z"); // past the clock's minutes

            assertThat(store.pruneIngestRecords(OffsetDateTime.parse("2026-04-01T00:00:00Z"),
                    OffsetDateTime.parse("2026-04-01T00:00:00Z"))).as("nothing old enough")
                    .isEqualTo(new Store.IngestPruned(0, 0));
            assertThat(store.pruneIngestRecords(later, later)).isEqualTo(new Store.IngestPruned(2, 3));
            assertThat(store.ingestBatches("okta", 10)).extracting(Store.IngestBatch::file)
                    .as("the batch whose file is kept stays").containsExactly("okta/2026-03-02/3.json");
            assertThat(store.ingestSources()).singleElement().satisfies(o -> {
                assertThat(o.batches()).as("totals of all ever received").isEqualTo(3);
                assertThat(o.records()).isEqualTo(12);
            });
            assertThat(store.accessLog("dana", 10)).extracting(Store.AccessEntry::action)
                    .containsExactlyInAnyOrder("ingest-refused", "sign-in");
            store.logAccess("dana", "10.0.0.7", "ingest-again", "okta batch 3");
            assertThat(store.accessLog(null, false, 10)).extracting(Store.AccessEntry::action)
                    .containsExactly("sign-in", "ingest-refused");
            assertThat(store.accessLog("dana", false, 10)).hasSize(2);
            assertThat(store.accessLog("dana", true, 10)).hasSize(3);
            assertThat(store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "1".repeat(64), 10, "okta", 4, 4, 0,
                    day, day, "okta/2026-03-02/1b.json", ingest, null))).as("sent again long after: kept anew")
                    .isPresent();
        }
    }

    @Test
    void theEmbeddedStoreIsBackedUpWhileOpen_andRestoredIntoANewFolder_onlyThere() throws Exception {
        Path zip = tmp.resolve("backup.zip");
        try (Store store = Store.open(tmp.resolve("live").toString(), clock)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN)), CaseRules.defaults(), "ci");
            store.putAnalyst("dana", "$argon2id$one");
            store.backup(zip);
            store.putAnalyst("lee", "$argon2id$two"); // after the backup: not in it
        }
        assertThat(zip).exists();
        assertThat(tmp.resolve("backup.zip.partial")).doesNotExist();
        Store.restore(zip, tmp.resolve("restored"));
        try (Store back = Store.open(tmp.resolve("restored").toString(), clock)) {
            assertThat(back.cases(List.of())).singleElement().extracting(CaseSummary::personId).isEqualTo("w-1");
            assertThat(back.analysts()).containsExactly("dana");
        }
        assertThatThrownBy(() -> Store.restore(zip, tmp.resolve("restored")))
                .hasMessageContaining("holds a store already: restore into a new folder");
        assertThatThrownBy(() -> Store.restore(tmp.resolve("none.zip"), tmp.resolve("x"))).hasMessageContaining(
                "none.zip: no such file");
        Path notZip = java.nio.file.Files.writeString(tmp.resolve("notes.zip"), "plain text");
        assertThatThrownBy(() -> Store.restore(notZip, tmp.resolve("y"))).hasMessageContaining(
                "is not a backup of an Unravel store");
        Path otherZip = tmp.resolve("other.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(otherZip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("unravel.mv.db"));
            out.write("not a database".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        assertThatThrownBy(() -> Store.restore(otherZip, tmp.resolve("z"))).hasMessageContaining(
                "does not open as an Unravel store");
        assertThat(tmp.resolve("z").resolve("unravel.mv.db")).as("the bad file is not left as a store").doesNotExist();

        // a ZIP that unpacks to more than the disk has room for (here: a margin leaving 1 MiB) stops, leaving nothing
        Path bomb = tmp.resolve("bomb.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(bomb))) {
            out.putNextEntry(new java.util.zip.ZipEntry("unravel.mv.db"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        long margin = java.nio.file.Files.getFileStore(tmp).getUsableSpace() - (1 << 20);
        assertThatThrownBy(() -> Store.restore(bomb, tmp.resolve("w"), margin)).hasMessageContaining(
                "unpacks to more than the ").hasMessageContaining("restore where there is room");
        assertThat(tmp.resolve("w")).isEmptyDirectory();
        try (Store pg = open("postgresql")) {
            assertThatThrownBy(() -> pg.backup(tmp.resolve("pg.zip"))).hasMessageContaining("pg_dump");
        }
    }

    @Test
    void theEmbeddedStoreKeepsWhatWasSaved_acrossOpenings_andOneProcessHoldsIt() throws Exception {
        String location = tmp.resolve("kept").toString();
        try (Store store = Store.open(location, clock)) {
            store.save(scan("a/"), List.of(worker("w-1", 0.82, "high", VPN)), CaseRules.defaults(), "ci");
        }
        try (Store store = Store.open(location, clock)) {
            assertThat(store.cases(List.of())).singleElement().extracting(CaseSummary::personId).isEqualTo("w-1");
            assertThat(store.description()).isEqualTo(tmp.resolve("kept").toAbsolutePath().toString());
        }
    }

    @Test
    void badLocationsAreNamedWithTheReason() throws Exception {
        java.nio.file.Files.writeString(tmp.resolve("afile"), "x");
        assertThatThrownBy(() -> Store.open(tmp.resolve("afile").toString()))
                .isInstanceOf(StoreException.class).hasMessageEndingWith("afile is a file; the embedded store is a folder");
        assertThatThrownBy(() -> Store.open("postgres://u:secret@db/unravel"))
                .hasMessageContaining("'postgres://u:***@db/unravel' is not a store").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Store.open("jdbc:postgresql://127.0.0.1:1/none?password=secret"))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open the store at jdbc:postgresql://127.0.0.1:1/none?password=***: ")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Store.open(" ")).hasMessageStartingWith("no store given");
    }

    /** A hostile or broken HR export can make a name or an id any length: the save still goes through. */
    @Test
    void namesAndIdsLongerThanTheirColumns_areFitted_andTwoLongIdsStayTwoPeople() throws Exception {
        String longId = "E".repeat(300);
        try (Store store = Store.open(tmp.resolve("long").toString(), clock)) {
            SavedScan saved = store.save(scan("a/"), List.of(
                    new Assessment(longId + "1", "worker", "N".repeat(5_000), 0.9, "critical", List.of("access"),
                            List.of(new Finding("2026-03-03T01:00:00Z", "sigma:" + "x".repeat(400), "access",
                                    "T1078.004,T1133,T1219", 0.6, "w", "Long.", List.of("a#1"), null))),
                    new Assessment(longId + "2", "worker", "Other", 0.9, "critical", List.of("access"), List.of(VPN))),
                    CaseRules.defaults(), "ci");
            assertThat(saved.opened()).isEqualTo(2);
            assertThat(store.cases(List.of())).extracting(c -> c.personId().length()).containsOnly(183);
            assertThat(store.cases(List.of())).extracting(CaseSummary::name).anySatisfy(n -> assertThat(n).hasSize(300));
        }
    }

    @Test
    void aScanListingAPersonTwiceIsRefused_andLeavesNothingBehind() throws Exception {
        try (Store store = Store.open(tmp.resolve("s").toString(), clock)) {
            assertThatThrownBy(() -> store.save(scan("a/"), List.of(worker("w-1", 0.9, "critical", VPN),
                    worker("w-1", 0.8, "high", KVM)), CaseRules.defaults(), "ci"))
                    .hasMessageContaining("worker w-1 twice");
            assertThat(store.scans(10)).isEmpty();
            assertThat(store.cases(List.of())).isEmpty();
        }
    }
}
