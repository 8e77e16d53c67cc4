package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.match.ValueTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A "contains" test whose literals the prefilter indexes for its field is answered from what the
 * scan found; where the scan's reading can differ from the lower-cased value (text past ASCII, a
 * list, a value too short to scan), the test searches the value itself, and matches stay exact.
 */
class ScanFindingsTest {

    private static final String RULE = """
            sel_img:
                Image|endswith: '\\rundll32.exe'
            sel_cli:
                CommandLine|contains:
                    - 'sekurlsa'
                    - 'kerberos::'
                    - 'lsadump'
                    - 'privilege::'
                    - '.dmp'
            filter:
                CommandLine|contains:
                    - 'benign-tool'
                    - 'another-one'
                    - 'third-one'
                    - 'fourth-one'
            condition: sel_img and sel_cli and not filter""";

    // The scan answers only for values it read at every position: a field whose shortest literal
    // has four characters ('.dmp') is, a field of long literals only is read in strides.
    private static final String IMAGE = "C:\\Windows\\System32\\RUNDLL32.EXE";

    @Test
    void indexedSets_answerFromTheScan_filtersDoNot() {
        RuleSet r = Rules.detection(RULE);
        List<String> bound = new ArrayList<>();
        List<String> unbound = new ArrayList<>();
        Node.forEachTest(r.rules().get(0).root(),
                (t, slot) -> (t.usesScanFindings() ? bound : unbound).add(r.paths()[slot].name() + " " + t));
        // sel_cli's literals are a clause of the rule's requirement; the filter's are not
        // (a four-character literal: CommandLine is scanned at every position, not strided)
        assertThat(bound).containsExactly("CommandLine contains any of 5 values");
        assertThat(unbound).contains("CommandLine contains any of 4 values");
    }

    @Test
    void matchesAreExact_whereverTheScanCanAndCannotAnswer() {
        RuleSet r = Rules.detection(RULE);
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe SEKURLSA::logonpasswords"))))
                .isEqualTo(1);
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe privilege::debug lsadump::sam"))))
                .isEqualTo(1);
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe coffee")))).isZero();
        // the filter still applies
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "sekurlsa via Benign-Tool")))).isZero();
        // LONG S: the scan reads it as s, lower-casing keeps it, and Sigma compares lower-cased text
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe \u017Fekurlsa::x")))).isZero();
        // other text past ASCII: searched directly
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "\u0130 \u00E9 LSADUMP::sam")))).isEqualTo(1);
        // a list: any element
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", List.of("a", "x kerberos::ptt")))))
                .isEqualTo(1);
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", List.of("a", "b"))))).isZero();
        // a number where text was expected, a short value
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", 12345L)))).isZero();
        assertThat(s.count(event(PROC, doc("Image", IMAGE, "CommandLine", "abc")))).isZero();
    }

    @Test
    void aContextTheScanDidNotRun_searchesTheValue() {
        RuleSet r = Rules.detection(RULE);
        dev.unravel.sigma.match.EventContext ctx = new dev.unravel.sigma.match.EventContext(r.paths(),
                r.literalCount());
        ctx.reset(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe sekurlsa::logonpasswords")));
        assertThat(r.rules().get(0).root().eval(ctx)).isTrue();
        ctx.reset(event(PROC, doc("Image", IMAGE, "CommandLine", "x.exe coffee")));
        assertThat(r.rules().get(0).root().eval(ctx)).isFalse();
    }
}
