package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.detection;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.compile.Requirement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule's requirement keeps one clause per AND-linked part that has literals; the prefilter
 * activates from the best clause and the session evaluates the rule only when every other clause
 * found a literal too. Matching is unchanged: only evaluations are saved.
 */
class RequirementClausesTest {

    private static List<List<String>> clauses(RuleSet r) {
        return r.rules().get(0).requirement().clauses().stream().map(c -> Arrays.asList(c.literals())).toList();
    }

    @Test
    void and_keepsAClausePerPart_orDistributesOverThem() {
        RuleSet and = detection("""
                img:
                    Image|endswith: '\\cmd.exe'
                cli:
                    CommandLine|contains:
                        - 'vssadmin delete'
                        - 'wmic shadowcopy'
                condition: img and cli""");
        // Longest weak link first: the command-line clause anchors, the image clause guards.
        assertThat(clauses(and)).containsExactly(List.of("vssadmin delete", "wmic shadowcopy"), List.of("\\cmd.exe"));

        RuleSet or = detection("""
                a:
                    Image|endswith: '\\cmd.exe'
                    CommandLine|contains: 'vssadmin delete'
                b:
                    CommandLine|contains: 'bcdedit'
                condition: a or b""");
        // (img and cli) or b = (cli or b) and (img or b)
        assertThat(clauses(or)).containsExactly(List.of("vssadmin delete", "bcdedit"), List.of("\\cmd.exe", "bcdedit"));

        RuleSet all = detection("""
                sel:
                    CommandLine|contains|all:
                        - 'reg add'
                        - 'hklm\\system'
                condition: sel""");
        assertThat(clauses(all)).containsExactly(List.of("hklm\\system"), List.of("reg add"));

        // A part without literal (NOT, a short value) adds no clause and takes none away.
        RuleSet not = detection("""
                sel:
                    CommandLine|contains: 'certutil'
                filter:
                    User|contains: 'svc'
                condition: sel and not filter""");
        assertThat(clauses(not)).containsExactly(List.of("certutil"));
        assertThat(new Requirement(List.of()).clauses()).isEmpty();
    }

    @Test
    void orOfManyClauses_keepsOneClauseOfEveryPartUnitedPerRank() {
        // 3 × 3 combinations, more than a requirement keeps: besides the parts' first clauses
        // united, their second and third ones, each still necessary.
        RuleSet r = detection("""
                a:
                    Image|endswith: '\\powershell.exe'
                    CommandLine|contains|all:
                        - 'shadow'
                        - 'delete'
                b:
                    Image|endswith: '\\wbadmin.exe'
                    CommandLine|contains|all:
                        - 'catalog'
                        - 'quiet'
                condition: a or b""");
        assertThat(clauses(r)).containsExactlyInAnyOrder(List.of("\\powershell.exe", "\\wbadmin.exe"),
                List.of("shadow", "catalog"), List.of("delete", "quiet"));
        SigmaSession s = r.newSession();
        // powershell.exe alone: the other clauses stop it before evaluation.
        assertThat(s.count(event(PROC, doc("Image", "C:\\x\\powershell.exe", "CommandLine", "powershell -c get-date"))))
                .isZero();
        assertThat(s.evaluated()).isZero();
        // one clause of each part's set, but no part whole: evaluated, no match
        assertThat(s.count(event(PROC, doc("Image", "C:\\x\\powershell.exe", "CommandLine", "shadow catalog quiet"))))
                .isZero();
        assertThat(s.evaluated()).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("Image", "C:\\x\\WBADMIN.EXE", "CommandLine", "delete catalog -quiet"))))
                .isEqualTo(1);
        assertThat(s.count(event(PROC, doc("Image", "C:\\x\\powershell.exe", "CommandLine", "Delete Shadows"))))
                .isEqualTo(1);
    }

    @Test
    void guardClauses_skipTheEvaluation_butNeverAMatch() {
        RuleSet r = detection("""
                img:
                    Image|endswith: '\\cmd.exe'
                cli:
                    CommandLine|contains: 'vssadmin delete'
                condition: img and cli""");
        SigmaSession s = r.newSession();
        // The anchor clause (the command line) occurs, the image clause does not: not evaluated.
        assertThat(s.count(event(PROC, doc("Image", "C:\\Windows\\explorer.exe", "CommandLine",
                "vssadmin delete shadows /all")))).isZero();
        assertThat(s.evaluated()).isZero();
        assertThat(s.count(event(PROC, doc("Image", "C:\\Windows\\System32\\CMD.EXE", "CommandLine",
                "cmd /c VSSADMIN Delete shadows /all")))).isEqualTo(1);
        assertThat(s.evaluated()).isEqualTo(1);
        // A guard literal found in another field does not count for its own.
        assertThat(s.count(event(PROC, doc("Image", "C:\\x\\vssadmin.exe", "CommandLine",
                "vssadmin delete shadows \\cmd.exe")))).isZero();
        assertThat(s.evaluated()).isEqualTo(1);
    }

    @Test
    void shortNonAsciiValues_requireANonAsciiCharacter() {
        RuleSet r = detection("""
                sel:
                    CommandLine|contains:
                        - '\u202e'
                        - '😀'
                        - 'а'
                condition: sel""");
        assertThat(r.rules().get(0).requirement().first().literals())
                .containsExactly(dev.unravel.sigma.match.Prefilter.NON_ASCII);
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("CommandLine", "powershell -enc AAAA")))).isZero();
        assertThat(s.count(event(PROC, doc("CommandLine", "cmd")))).isZero();
        assertThat(s.evaluated()).isZero();
        // Before, inside and after the first window, in short values and in lists.
        for (Object v : new Object[] {"😀 cmd /c", "\u0430", "x\u0430y", "cmd.exe /c 😀", "é and а",
                java.util.List.of("abc", "pаyload")}) {
            assertThat(s.count(event(PROC, doc("CommandLine", v)))).as("%s", v).isEqualTo(1);
        }
        // A non-ASCII character that is none of the values: evaluated, and no match.
        assertThat(s.count(event(PROC, doc("CommandLine", "café")))).isZero();
        assertThat(s.evaluated()).isEqualTo(7);
        // As a keyword: any value of the event.
        RuleSet k = detection("""
                keywords:
                    - '😀'
                condition: keywords""");
        assertThat(k.newSession().count(event(PROC, doc("Image", "x", "Nested", java.util.Map.of("a", "hi 😀"))))).isEqualTo(1);
        assertThat(k.newSession().count(event(PROC, doc("Image", "x", "Nested", java.util.Map.of("a", "hi"))))).isZero();
    }
}
