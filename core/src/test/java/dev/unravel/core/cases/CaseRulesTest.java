package dev.unravel.core.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules.Action;
import dev.unravel.core.cases.CaseRules.Current;
import dev.unravel.core.cases.CaseRules.Decision;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CaseRulesTest {

    static final Finding VPN = finding("access.vpn-sign-in", "2026-03-03T01:00:00Z");
    static final Finding KVM = finding("control.ip-kvm", "2026-03-04T02:00:00Z");
    static final Finding REPOS = finding("steal.repo-harvest", "2026-03-05T03:00:00Z");

    static Finding finding(String detector, String time) {
        return new Finding(time, detector, "access", null, 0.6, "w-1", "Something " + detector + " saw.",
                List.of("okta/day1.json#12"), null);
    }

    static Assessment assessed(double score, String level, Finding... signals) {
        return new Assessment("w-1", "worker", "Ada Park", score, level, List.of("access", "control"), List.of(signals));
    }

    static Set<String> keys(Finding... signals) {
        return java.util.Arrays.stream(signals).map(Finding::key).collect(Collectors.toSet());
    }

    final CaseRules rules = CaseRules.defaults();

    @Test
    void opensAtTheOpeningLevel_notBelow() {
        Decision opened = rules.decide(null, assessed(0.82, "high", VPN, KVM, VPN));
        assertThat(opened.action()).isEqualTo(Action.OPEN);
        assertThat(opened.newFindings()).containsExactly(VPN, KVM); // the repeated signal once
        assertThat(opened.history()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("opened");
            assertThat(e.detail()).isEqualTo("Opened at high 0.82: 2 signals from 2 detectors in 2 stages "
                    + "(access, control).");
        });
        assertThat(rules.decide(null, assessed(0.55, "medium", VPN)).action()).isEqualTo(Action.NONE);
        assertThat(new CaseRules("medium").decide(null, assessed(0.55, "medium", VPN)).action())
                .isEqualTo(Action.OPEN);
    }

    @Test
    void anOpenCase_recordsNewSignalsAndAChangedScore_andNothingWhenTheScanSaysNothingNew() {
        Current open = new Current(CaseStatus.INVESTIGATING, null, 0.82, "high", keys(VPN, KVM));
        assertThat(rules.decide(open, assessed(0.822, "high", VPN, KVM)).action()).isEqualTo(Action.NONE);

        Decision more = rules.decide(open, assessed(0.93, "critical", VPN, KVM, REPOS));
        assertThat(more.action()).isEqualTo(Action.UPDATE);
        assertThat(more.newFindings()).containsExactly(REPOS);
        assertThat(more.history()).extracting(CaseRules.Entry::detail).containsExactly(
                "1 new signal: steal.repo-harvest.", "Rescored from high 0.82 to critical 0.93.");

        // a falling score is recorded, never a reason to close
        Decision fell = rules.decide(open, assessed(0.2, "low", VPN));
        assertThat(fell.action()).isEqualTo(Action.UPDATE);
        assertThat(fell.history()).extracting(CaseRules.Entry::action).containsExactly("rescored");
    }

    @Test
    void aClosedCase_staysClosedOnTheSameEvidence_andReopensForSignalsItHasNotSeen() {
        Current closed = new Current(CaseStatus.CLOSED, Disposition.BENIGN, 0.82, "high", keys(VPN, KVM));
        assertThat(rules.decide(closed, assessed(0.9, "critical", VPN, KVM)).action()).isEqualTo(Action.NONE);
        // new, but too weak to open a case
        assertThat(rules.decide(closed, assessed(0.5, "medium", VPN, REPOS)).action()).isEqualTo(Action.NONE);

        Decision reopened = rules.decide(closed, assessed(0.93, "critical", VPN, KVM, REPOS));
        assertThat(reopened.action()).isEqualTo(Action.REOPEN);
        assertThat(reopened.newFindings()).containsExactly(REPOS);
        assertThat(reopened.history()).singleElement().extracting(CaseRules.Entry::detail).isEqualTo(
                "Reopened: 1 new signal since it was closed as benign (steal.repo-harvest); now critical 0.93.");
    }

    @Test
    void aCaseOpenedByHand_takesEveryFindingOnce_atAnyLevel_andNeedsAReason() {
        Decision d = CaseRules.openByHand(assessed(0.12, "low", VPN, KVM, VPN), "  Who signs in at 3 a.m.? ");
        assertThat(d.action()).isEqualTo(Action.OPEN);
        assertThat(d.newFindings()).containsExactly(VPN, KVM);
        assertThat(d.history()).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("Opened by hand: Who "
                + "signs in at 3 a.m.? The scan had them at low 0.12: 2 signals from 2 detectors in 2 stages (access, "
                + "control)."));
        assertThat(CaseRules.openByHand(assessed(0, "low"), "A tip").history().get(0).detail())
                .isEqualTo("Opened by hand: A tip. No saved scan has findings on them.");
        assertThatThrownBy(() -> CaseRules.openByHand(assessed(0, "low"), null)).hasMessageContaining("say why");
        assertThatThrownBy(() -> CaseRules.openByHand(assessed(0, "low"), "x".repeat(2001)))
                .hasMessageContaining("at most 2000");
    }

    @Test
    void levelsAndStatusesAreParsedWithTheValidOnesNamed() {
        assertThatThrownBy(() -> new CaseRules("low")).hasMessageContaining("medium, high or critical");
        assertThatThrownBy(() -> new CaseRules("severe")).hasMessageContaining("'severe'");
        assertThat(new CaseRules(" Critical ").openAt()).isEqualTo("critical");
        assertThat(CaseStatus.parse("Investigating")).isEqualTo(CaseStatus.INVESTIGATING);
        assertThatThrownBy(() -> CaseStatus.parse("done"))
                .hasMessage("'done' is not a case status; use one of open, investigating, escalated, closed");
        assertThatThrownBy(() -> Disposition.parse("guilty"))
                .hasMessage("'guilty' is not a disposition; use one of fraud, benign, inconclusive");
    }
}
