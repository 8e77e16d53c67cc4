package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.match.Node;
import org.junit.jupiter.api.Test;

/**
 * AND tests a short field before searching a command line (Compression Tool Parameters searched
 * every command line for ` -p` before reading OriginalFileName); the order never changes what
 * matches.
 */
class AndOrderTest {

    private static final String RULE = """
            selection:
                OriginalFileName:
                    - '7z*.exe'
                    - '*rar.exe'
                    - '*Command*Line*RAR*'
                CommandLine|contains:
                    - ' -p'
                    - ' -ta'
                    - ' -tb'
                    - ' -sdel'
            condition: selection""";

    @Test
    void aShortFieldIsTestedBeforeACommandLineIsSearched() {
        RuleSet r = Rules.detection(RULE);
        Node root = r.rules().get(0).root();
        assertThat(root).isInstanceOf(Node.And.class);
        Node[] children = ((Node.And) root).children();
        assertThat(children).hasSize(2);
        assertThat(r.paths()[((Node.Field) children[0]).slot()].name()).isEqualTo("OriginalFileName");
        assertThat(r.paths()[((Node.Field) children[1]).slot()].name()).isEqualTo("CommandLine");
    }

    @Test
    void matchesAreUnchanged() {
        RuleSet r = Rules.detection(RULE);
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("OriginalFileName", "7z.exe", "CommandLine", "7z a -pSecret x.7z")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("OriginalFileName", "WinRAR.exe", "CommandLine", "rar a -hp x")))).isZero();
        assertThat(s.count(event(PROC, doc("OriginalFileName", "WinRAR.exe", "CommandLine", "rar a -sdel x")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("OriginalFileName", "notepad.exe", "CommandLine", "x -p")))).isZero();
        assertThat(s.count(event(PROC, doc("CommandLine", "7z a -pSecret x.7z")))).isZero();
    }

    @Test
    void longTextFields_areCommandLinesAndScriptBlocks() {
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("CommandLine")).isTrue();
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("ParentCommandLine")).isTrue();
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("process.command_line")).isTrue();
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("ScriptBlockText")).isTrue();
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("Image")).isFalse();
        assertThat(dev.unravel.sigma.compile.RuleCompilerAccess.longText("OriginalFileName")).isFalse();
    }
}
