package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Stage;
import dev.unravel.core.cases.Assessment;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.control.RemoteAccessDetector;
import dev.unravel.detect.steal.CloudUploadDetector;
import dev.unravel.detect.steal.RepoHarvestDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextChecksTest {

    static Assessment.Finding finding(String detector, String stage, String time) {
        return new Assessment.Finding(time, detector, stage, null, 0.5, "worker:E1", "…", List.of("f.csv#1"), null);
    }

    @Test
    void everyDetector_andEveryStage_hasChecks() {
        List<String> ids = new ArrayList<>();
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (!d.id().equals("sigma")) { // its findings are sigma:<rule id>, checked by stage
                ids.add(d.id());
            }
        }
        ids.addAll(List.of(RemoteAccessDetector.VPN_ID, RepoHarvestDetector.ARCHIVE_ID, CloudUploadDetector.CONTACT_ID));
        assertThat(NextChecks.builtIn().keys()).as("a new detector needs its checks in checks.yaml")
                .containsAll(ids);
        for (Stage s : Stage.values()) {
            assertThat(NextChecks.builtIn().keys()).contains("stage." + s.id());
        }
    }

    @Test
    void aCase_getsEachCheckOnce_theGeneralOneFirst_thenUrgent_thenByStage() {
        List<NextChecks.Check> checks = NextChecks.builtIn().forFindings(List.of(
                finding("control.remote-access-tool", "control", "2026-03-09T23:32:28Z"),
                finding("access.after-termination", "access", "2026-03-26T10:00:00Z"),
                finding("apply.phone", "apply", "2026-03-09T00:00:00Z"),
                finding("control.remote-access-tool", "control", "2026-03-10T10:00:00Z"),
                finding("sigma:0afbd410-de03-4078-8491-f132303cb67d", "control", "2026-03-11T10:00:00Z")));

        assertThat(checks).extracting(NextChecks.Check::who)
                .containsExactly("Legal", "IT", "Security", "HR", "IT", "Security", "Security");
        assertThat(checks.get(0).findings()).as("for every case").isEmpty();
        assertThat(checks.get(1).urgent()).isTrue();
        assertThat(checks.get(1).what()).startsWith("Disable the account everywhere");
        assertThat(checks.get(1).findings()).containsExactly("access.after-termination");
        assertThat(checks.get(3).findings()).containsExactly("apply.phone");
        assertThat(checks.get(4).findings()).as("two findings of one detector, one check")
                .containsExactly("control.remote-access-tool");
        assertThat(checks.get(6).findings()).as("a Sigma rule's finding gets its stage's check")
                .containsExactly("sigma:0afbd410-de03-4078-8491-f132303cb67d");
        assertThat(checks.get(6).what()).startsWith("Look at what ran on the device");
        assertThat(checks).allSatisfy(c -> assertThat(c.what()).doesNotContain("\n").doesNotContain("  "));

        assertThat(NextChecks.builtIn().forFindings(List.of())).as("no findings, nothing to check").isEmpty();
        assertThat(NextChecks.builtIn().urgentTeams(List.of(new NextChecks.Kind("access.after-termination", "access"),
                new NextChecks.Kind("sigma:x", "steal"), new NextChecks.Kind("apply.phone", "apply"))))
                .containsExactly("IT", "Security");
        assertThat(NextChecks.builtIn().urgentTeams(List.of(new NextChecks.Kind("apply.phone", "apply")))).isEmpty();
        assertThat(NextChecks.builtIn().urgentTeams(List.of())).isEmpty();
    }

    @Test
    void onceThePersonHasLeft_theChecksThatNeedThemAtWorkAreLeftOut() {
        List<Assessment.Finding> findings = List.of(finding("apply.interview", "apply", "2026-01-18T13:35:56Z"),
                finding("apply.phone", "apply", "2026-03-09T00:00:00Z"));
        assertThat(NextChecks.builtIn().forFindings(findings, true)).extracting(NextChecks.Check::who)
                .containsExactly("Legal", "Manager", "HR");
        assertThat(NextChecks.builtIn().forFindings(findings, false)).extracting(NextChecks.Check::who)
                .containsExactly("Legal", "HR");
        NextChecks team = NextChecks.parse("any:\n  - who: Manager\n    while_employed: true\n    what: Meet them.\n"
                + "  - who: Legal\n    what: Call counsel.\n", "team.yaml");
        assertThat(team.forFindings(findings, true)).extracting(NextChecks.Check::who).containsExactly("Manager", "Legal");
        assertThat(team.forFindings(findings, false)).as("every case's steps too").extracting(NextChecks.Check::who)
                .containsExactly("Legal");
        java.time.LocalDate today = java.time.LocalDate.parse("2026-03-25");
        assertThat(NextChecks.employed(null, today)).isTrue();
        assertThat(NextChecks.employed("2026-03-25", today)).as("until the end of the last day").isTrue();
        assertThat(NextChecks.employed("2026-03-24", today)).isFalse();
        assertThat(NextChecks.employed("someday", today)).as("unreadable: every check kept").isTrue();
    }

    @Test
    void aMalformedFile_isRefusedWithTheKeyAndField() {
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: Recruiting\n    what: Call.\n", "x.yaml"))
                .hasMessageContaining("x.yaml: apply.phone[1]: who must be one of").hasMessageContaining("Recruiting");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: HR\n    waht: Call.\n", "x.yaml"))
                .hasMessageContaining("unknown field 'waht'");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: HR\n", "x.yaml"))
                .hasMessageContaining("apply.phone[1]: what is missing");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: HR\n    what: Call.\n    urgent: soon\n",
                "x.yaml")).hasMessageContaining("urgent is true or false");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: HR\n    what: Call.\n    while_employed: 1\n",
                "x.yaml")).hasMessageContaining("while_employed is true or false");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone:\n  - who: HR\n    what: Call.\n    urgent: true\n"
                + "    while_employed: true\n", "x.yaml")).hasMessageContaining("an urgent step cannot need the person");
        assertThatThrownBy(() -> NextChecks.parse("apply.phone: call\n", "x.yaml"))
                .hasMessageContaining("expected a list of checks");
        assertThatThrownBy(() -> NextChecks.parse("- a\n", "x.yaml")).hasMessageContaining("expected a map");
    }
}
