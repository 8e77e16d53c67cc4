package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.detection;
import static dev.unravel.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.pipeline.PipelineLoader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** One scenario per modifier of the modifiers appendix (v2.1.0), each with a near miss. */
class ModifierTest {

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    // ------------------------------------------------------------ generic

    @Test
    void contains_findsValueAnywhere_ignoringCase() {
        RuleSet r = detection("""
                sel:
                    CommandLine|contains: 'Invoke-Mimikatz'
                condition: sel""");
        assertThat(matches(r, "CommandLine", "powershell -c invoke-MIMIKATZ -x")).isTrue();
        assertThat(matches(r, "CommandLine", "powershell -c Invoke-Mimi")).isFalse();
    }

    @Test
    void startswith_andEndswith_anchorOneEnd() {
        RuleSet r = detection("""
                a:
                    Image|endswith: '\\cmd.exe'
                b:
                    CommandLine|startswith: 'cmd /c'
                condition: a and b""");
        assertThat(matches(r, "Image", "C:\\Windows\\System32\\CMD.EXE", "CommandLine", "CMD /C whoami")).isTrue();
        assertThat(matches(r, "Image", "C:\\Windows\\System32\\cmd.exe.bak", "CommandLine", "cmd /c whoami"))
                .isFalse();
        assertThat(matches(r, "Image", "C:\\x\\cmd.exe", "CommandLine", "x cmd /c")).isFalse();
    }

    @Test
    void containsAll_requiresEveryValue() {
        RuleSet r = detection("""
                sel:
                    CommandLine|contains|all:
                        - ' -nop '
                        - ' -w hidden '
                condition: sel""");
        assertThat(matches(r, "CommandLine", "powershell -w hidden -nop -enc x")).isTrue();
        assertThat(matches(r, "CommandLine", "powershell -nop -enc x")).isFalse();
    }

    @Test
    void all_onSingleValue_isRejectedWithClause() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation}
                detection:
                    sel:
                        CommandLine|contains|all: 'x'
                    condition: sel
                """);
        assertThat(r.report().errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("'all' needs a list").contains("modifiers appendix");
        });
    }

    @Test
    void exists_seesPresenceNotValue() {
        RuleSet yes = detection("""
                sel:
                    PasswordLastSet|exists: true
                condition: sel""");
        RuleSet no = detection("""
                sel:
                    PasswordLastSet|exists: false
                condition: sel""");
        assertThat(matches(yes, "PasswordLastSet", null)).isTrue();
        assertThat(matches(yes, "PasswordLastSet", "")).isTrue();
        assertThat(matches(yes, "Other", "x")).isFalse();
        assertThat(matches(no, "Other", "x")).isTrue();
        assertThat(matches(no, "PasswordLastSet", null)).isFalse();
    }

    @Test
    void cased_comparesExactly() {
        RuleSet r = detection("""
                sel:
                    CommandLine|cased|contains: 'FromBase64String'
                condition: sel""");
        assertThat(matches(r, "CommandLine", "[Convert]::FromBase64String('x')")).isTrue();
        assertThat(matches(r, "CommandLine", "[convert]::frombase64string('x')")).isFalse();
    }

    @Test
    void neq_matchesOtherValues_butNotMissingField() {
        RuleSet r = detection("""
                sel:
                    OriginalFileName|neq:
                        - 'cmd.exe'
                        - 'powershell.exe'
                condition: sel""");
        assertThat(matches(r, "OriginalFileName", "evil.exe")).isTrue();
        assertThat(matches(r, "OriginalFileName", "CMD.EXE")).isFalse();
        assertThat(matches(r, "OriginalFileName", "powershell.exe")).isFalse();
        assertThat(matches(r, "Image", "x")).isFalse();
    }

    // ------------------------------------------------------------ windash

    @Test
    void windash_matchesEveryDashCharacter() {
        RuleSet r = detection("""
                sel:
                    CommandLine|windash|contains: ' -exec bypass'
                condition: sel""");
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertThat(matches(r, "CommandLine", "powershell " + dash + "exec bypass")).as(dash).isTrue();
        }
        assertThat(matches(r, "CommandLine", "powershell +exec bypass")).isFalse();
    }

    @Test
    void windash_shortValues_getAPrefilterRequirement_andStillMatchEveryDash() {
        // ' -ma ' has no four-character plain run; each of its five dash variants has one.
        RuleSet r = detection("""
                sel:
                    CommandLine|windash|contains:
                        - ' -ma '
                        - ' -mm '
                condition: sel""");
        assertThat(r.rules().get(0).requirement()).isNotNull();
        assertThat(r.rules().get(0).requirement().first().literals()).hasSize(10).contains(" -ma ", " /ma ", " \u2015mm ");
        for (String dash : new String[] {"-", "/", "\u2013", "\u2014", "\u2015"}) {
            assertThat(matches(r, "CommandLine", "procdump " + dash + "MA lsass")).as(dash).isTrue();
        }
        assertThat(matches(r, "CommandLine", "procdump +ma lsass")).isFalse();
        assertThat(matches(r, "CommandLine", "procdump -max lsass")).isFalse();
    }

    @Test
    void windash_leavesHyphensInsideWordsAlone() {
        // pySigma's rule: only a '-' or '/' that starts a word after a non-word character.
        RuleSet r = detection("""
                sel:
                    CommandLine|windash|contains: 'Invoke-Foo -x'
                condition: sel""");
        assertThat(matches(r, "CommandLine", "Invoke-Foo /x")).isTrue();
        assertThat(matches(r, "CommandLine", "Invoke/Foo -x")).isFalse();
    }

    // ------------------------------------------------------------ regular expressions

    @Test
    void re_isCaseSensitive_unlessI() {
        RuleSet plain = detection("""
                sel:
                    CommandLine|re: 'IEX\\s*\\('
                condition: sel""");
        RuleSet ci = detection("""
                sel:
                    CommandLine|re|i: 'IEX\\s*\\('
                condition: sel""");
        assertThat(matches(plain, "CommandLine", "x IEX (New-Object)")).isTrue();
        assertThat(matches(plain, "CommandLine", "x iex (New-Object)")).isFalse();
        assertThat(matches(ci, "CommandLine", "x iex (New-Object)")).isTrue();
    }

    @Test
    void re_caseInsensitive_foldsAsRe2Does_longSAndKelvinSign() {
        // RE2 folds s, S and U+017F LONG S (and k, K and U+212A KELVIN SIGN) together: neither the
        // prefilter's literal nor the required-literal precheck may reject what the automaton matches.
        RuleSet ci = detection("""
                sel:
                    CommandLine|re|i: 'sekurlsa::\\w+'
                condition: sel""");
        RuleSet inline = detection("""
                sel:
                    CommandLine|re: '(?i)kerberos::ptt'
                condition: sel""");
        assertThat(matches(ci, "CommandLine", "mimi \u017Fekurl\u017Fa::logonpasswords")).isTrue();
        assertThat(matches(ci, "CommandLine", "mimi SEKURLSA::LOGONPASSWORDS")).isTrue();
        assertThat(matches(ci, "CommandLine", "mimi sekurlsa logonpasswords")).isFalse();
        assertThat(matches(inline, "CommandLine", "\u212Aerberos::ptt x.kirbi")).isTrue();
        assertThat(matches(inline, "CommandLine", "kerbero\u017F::ptt x.kirbi")).isTrue();
    }

    @Test
    void re_multilineAndDotall_flags() {
        RuleSet m = detection("""
                sel:
                    ScriptBlockText|re|m: '^second$'
                condition: sel""");
        RuleSet s = detection("""
                sel:
                    ScriptBlockText|re|s: 'first.second'
                condition: sel""");
        assertThat(matches(m, "ScriptBlockText", "first\nsecond\nthird")).isTrue();
        assertThat(matches(detection("""
                sel:
                    ScriptBlockText|re: '^second$'
                condition: sel"""), "ScriptBlockText", "first\nsecond\nthird")).isFalse();
        assertThat(matches(s, "ScriptBlockText", "first\nsecond")).isTrue();
        assertThat(matches(m, "ScriptBlockText", "first.second")).isFalse();
    }

    @Test
    void re_lookAround_isRejected_notBacktracked() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation}
                detection:
                    sel:
                        CommandLine|re: 'a(?!b)'
                    condition: sel
                """);
        assertThat(r.report().errors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("invalid regular expression").contains(":5:"));
    }

    @Test
    void re_onHostileInput_runsInLinearTime() {
        RuleSet r = detection("""
                sel:
                    CommandLine|re: '(a+)+$'
                condition: sel""");
        String hostile = "a".repeat(50_000) + "!";
        assertThat(matches(r, "CommandLine", hostile)).isFalse();
    }

    // ------------------------------------------------------------ encodings

    @Test
    void base64_matchesTheEncodedValueExactly() {
        RuleSet r = detection("""
                sel:
                    CommandLine|base64|contains: 'http://'
                condition: sel""");
        String enc = b64("http://".getBytes(StandardCharsets.UTF_8)); // aHR0cDovLw==
        assertThat(matches(r, "CommandLine", "echo " + enc)).isTrue();
        assertThat(matches(r, "CommandLine", "echo " + enc.toLowerCase())).isFalse();
    }

    @Test
    void base64offset_findsTheValueAtEachOfThreeOffsets() {
        RuleSet r = detection("""
                sel:
                    CommandLine|base64offset|contains: 'Invoke-Expression'
                condition: sel""");
        for (String prefix : new String[] {"", "a", "ab", "abc", "abcd"}) {
            String payload = b64((prefix + "Invoke-Expression(x)").getBytes(StandardCharsets.UTF_8));
            assertThat(matches(r, "CommandLine", "powershell -enc " + payload)).as("offset %d", prefix.length())
                    .isTrue();
        }
        assertThat(matches(r, "CommandLine", "powershell -enc " + b64("Invoke-Command".getBytes()))).isFalse();
    }

    @Test
    void wideBase64offset_findsUtf16PowerShellEncodedCommands() {
        RuleSet r = detection("""
                sel:
                    CommandLine|wide|base64offset|contains: 'IEX'
                condition: sel""");
        for (String prefix : new String[] {"", "x", "xy"}) {
            String payload = b64((prefix + "IEX (iwr)").getBytes(StandardCharsets.UTF_16LE));
            assertThat(matches(r, "CommandLine", "powershell -e " + payload)).as(prefix).isTrue();
        }
        assertThat(matches(r, "CommandLine", "powershell -e " + b64("IEX (iwr)".getBytes(StandardCharsets.UTF_8))))
                .isFalse();
    }

    @Test
    void utf16be_andUtf16WithBom_encodeBeforeBase64() {
        RuleSet be = detection("""
                sel:
                    Data|utf16be|base64: 'cmd'
                condition: sel""");
        RuleSet bom = detection("""
                sel:
                    Data|utf16|base64: 'cmd'
                condition: sel""");
        RuleSet le = detection("""
                sel:
                    Data|utf16le|base64: 'cmd'
                condition: sel""");
        assertThat(matches(be, "Data", b64("cmd".getBytes(StandardCharsets.UTF_16BE)))).isTrue();
        assertThat(matches(bom, "Data", b64(new byte[] {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0}))).isTrue();
        assertThat(matches(le, "Data", b64("cmd".getBytes(StandardCharsets.UTF_16LE)))).isTrue();
        assertThat(matches(le, "Data", b64("cmd".getBytes(StandardCharsets.UTF_16BE)))).isFalse();
    }

    // ------------------------------------------------------------ numbers and time

    @Test
    void numericComparisons_readNumbersAndNumericStrings() {
        RuleSet gt = detection("""
                sel:
                    DestinationPort|gt: 1024
                condition: sel""");
        RuleSet lte = detection("""
                sel:
                    DestinationPort|lte: 22
                condition: sel""");
        assertThat(matches(gt, "DestinationPort", 4444L)).isTrue();
        assertThat(matches(gt, "DestinationPort", "4444")).isTrue();
        assertThat(matches(gt, "DestinationPort", 1024L)).isFalse();
        assertThat(matches(gt, "DestinationPort", "high")).isFalse();
        assertThat(matches(lte, "DestinationPort", 22L)).isTrue();
        assertThat(matches(lte, "DestinationPort", 23.5)).isFalse();
        assertThat(matches(detection("""
                sel:
                    Size|gte: 10
                condition: sel"""), "Size", 10L)).isTrue();
        assertThat(matches(detection("""
                sel:
                    Size|lt: 10
                condition: sel"""), "Size", 10L)).isFalse();
    }

    @Test
    void timeParts_extractFromDateValues() {
        RuleSet night = detection("""
                sel:
                    UtcTime|hour|gte: 22
                condition: sel""");
        assertThat(matches(night, "UtcTime", "2026-03-02 23:15:00.123")).isTrue();
        assertThat(matches(night, "UtcTime", "2026-03-02T09:15:00Z")).isFalse();
        assertThat(matches(detection("""
                sel:
                    UtcTime|month: 3
                condition: sel"""), "UtcTime", "2026-03-02T09:15:00Z")).isTrue();
        assertThat(matches(detection("""
                sel:
                    UtcTime|year: 2026
                condition: sel"""), "UtcTime", "2026-03-02T09:15:00+09:00")).isTrue();
        assertThat(matches(detection("""
                sel:
                    UtcTime|day: 2
                condition: sel"""), "UtcTime", "2026-03-02")).isTrue();
        assertThat(matches(detection("""
                sel:
                    UtcTime|minute: 15
                condition: sel"""), "UtcTime", "2026-03-02T09:15:59Z")).isTrue();
        assertThat(matches(detection("""
                sel:
                    UtcTime|week: 10
                condition: sel"""), "UtcTime", "2026-03-02T09:15:00Z")).isTrue();
        assertThat(matches(night, "UtcTime", "not a date")).isFalse();
    }

    // ------------------------------------------------------------ networks

    @Test
    void cidr_ipv4() {
        RuleSet r = detection("""
                sel:
                    DestinationIp|cidr:
                        - '10.0.0.0/8'
                        - '192.168.1.0/24'
                condition: sel""");
        assertThat(matches(r, "DestinationIp", "10.200.3.4")).isTrue();
        assertThat(matches(r, "DestinationIp", "192.168.1.255")).isTrue();
        assertThat(matches(r, "DestinationIp", "192.168.2.1")).isFalse();
        assertThat(matches(r, "DestinationIp", "11.0.0.1")).isFalse();
        assertThat(matches(r, "DestinationIp", "10.0.0")).isFalse();
        assertThat(matches(r, "DestinationIp", "evil.example")).isFalse();
    }

    @Test
    void cidr_ipv6() {
        RuleSet r = detection("""
                sel:
                    DestinationIp|cidr: '2001:db8::/32'
                condition: sel""");
        assertThat(matches(r, "DestinationIp", "2001:db8:1234::1")).isTrue();
        assertThat(matches(r, "DestinationIp", "2001:DB8::abcd")).isTrue();
        assertThat(matches(r, "DestinationIp", "2001:db9::1")).isFalse();
        assertThat(matches(r, "DestinationIp", "10.0.0.1")).isFalse();
        assertThat(matches(detection("""
                sel:
                    DestinationIp|cidr: 'fe80::/10'
                condition: sel"""), "DestinationIp", "febf::1")).isTrue();
    }

    @Test
    void cidr_familiesPrefixEdgesAndBrackets() {
        RuleSet v4 = detection("""
                sel:
                    DestinationIp|cidr: '10.0.0.0/8'
                condition: sel""");
        assertThat(matches(v4, "DestinationIp", "::ffff:10.1.2.3")).as("IPv6 text is not in an IPv4 network")
                .isFalse();
        RuleSet mapped = detection("""
                sel:
                    DestinationIp|cidr: '::ffff:0:0/96'
                condition: sel""");
        assertThat(matches(mapped, "DestinationIp", "::ffff:10.1.2.3")).isTrue();
        assertThat(matches(mapped, "DestinationIp", "10.1.2.3")).as("IPv4 text is not in an IPv6 network").isFalse();
        RuleSet exact = detection("""
                sel:
                    DestinationIp|cidr:
                        - '2001:db8::1/128'
                        - '2001:db8:0:0:8000::/65'
                        - '192.0.2.7'
                condition: sel""");
        assertThat(matches(exact, "DestinationIp", "[2001:db8::1]")).isTrue();
        assertThat(matches(exact, "DestinationIp", "2001:db8::2")).isFalse();
        assertThat(matches(exact, "DestinationIp", "2001:db8::7fff:0:0:1")).as("bit 64 clear, the network's set")
                .isFalse();
        assertThat(matches(exact, "DestinationIp", "2001:db8::8000:0:0:1")).isTrue();
        assertThat(matches(exact, "DestinationIp", "2001:db8::ffff:1:2:3")).isTrue();
        assertThat(matches(exact, "DestinationIp", " 192.0.2.7 ")).isTrue();
        assertThat(matches(exact, "DestinationIp", "192.0.2.8")).isFalse();
        RuleSet any = detection("""
                sel:
                    DestinationIp|cidr: '0.0.0.0/0'
                condition: sel""");
        assertThat(matches(any, "DestinationIp", "203.0.113.9")).isTrue();
        assertThat(matches(any, "DestinationIp", "not.an.ip.address")).isFalse();
    }

    @Test
    void cidr_invalidNetwork_isRejected() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation}
                detection:
                    sel:
                        DestinationIp|cidr: '10.0.0.0/33'
                    condition: sel
                """);
        assertThat(r.report().errors()).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("not an IPv4 or IPv6 CIDR"));
    }

    // ------------------------------------------------------------ specific

    @Test
    void expand_replacesPlaceholdersWithPipelineValues() {
        var pipeline = PipelineLoader.parse("p.yml", """
                name: admins
                placeholders:
                    Administrators: ['adm_*', 'root']
                """);
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        User|expand: '%Administrators%'
                    condition: sel
                """, pipeline);
        assertThat(matches(r, "User", "ADM_alice")).isTrue();
        assertThat(matches(r, "User", "root")).isTrue();
        assertThat(matches(r, "User", "bob")).isFalse();
    }

    @Test
    void expand_undefinedPlaceholder_loadsWithWarning_andMatchesNothing() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        User|expand: '%Administrators%'
                    condition: sel
                """);
        assertThat(r.report().errors()).isEmpty();
        assertThat(r.report().warnings()).singleElement().asString().contains("%Administrators%");
        assertThat(matches(r, "User", "%Administrators%")).isFalse();
    }

    @Test
    void placeholder_withoutExpand_isLiteral_andEscapedPercentStaysPlain() {
        assertThat(matches(detection("""
                sel:
                    User: '%Administrators%'
                condition: sel"""), "User", "%administrators%")).isTrue();
        var pipeline = PipelineLoader.parse("p.yml", "name: p\nplaceholders:\n    name: ['x']\n");
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        User|expand: '\\%plain%name%'
                    condition: sel
                """, pipeline);
        assertThat(matches(r, "User", "%plainx")).isTrue();
    }

    @Test
    void fieldref_comparesTwoFieldsOfTheSameEvent() {
        RuleSet same = detection("""
                sel:
                    ParentImage|fieldref: Image
                condition: sel""");
        RuleSet suffix = detection("""
                sel:
                    Image|fieldref|endswith: OriginalFileName
                condition: sel""");
        assertThat(matches(same, "Image", "C:\\a.exe", "ParentImage", "c:\\A.EXE")).isTrue();
        assertThat(matches(same, "Image", "C:\\a.exe", "ParentImage", "C:\\b.exe")).isFalse();
        assertThat(matches(same, "Image", "C:\\a.exe")).isFalse();
        assertThat(matches(suffix, "Image", "C:\\x\\svchost.exe", "OriginalFileName", "svchost.exe")).isTrue();
    }

    @Test
    void unknownModifier_isRejectedWithLineAndName() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation}
                detection:
                    sel:
                        Image|endswithh: 'x'
                    condition: sel
                """);
        assertThat(r.report().errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.getMessage()).contains("unknown modifier 'endswithh'").contains("[modifiers appendix]");
        });
    }
}
