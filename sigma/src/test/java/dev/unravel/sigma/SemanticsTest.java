package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.detection;
import static dev.unravel.sigma.Rules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.LogSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tricky corners of values, detections and conditions (rules specification v2.1.0). */
class SemanticsTest {

    // ------------------------------------------------------------ escapes and wildcards

    @Test
    void escapedStar_isAPlainStar() {
        RuleSet r = detection("""
                sel:
                    CommandLine: 'dir C:\\*.txt'
                condition: sel""");
        assertThat(matches(r, "CommandLine", "dir C:*.txt")).isTrue();
        assertThat(matches(r, "CommandLine", "dir C:secret.txt")).isFalse();
    }

    @Test
    void escapedQuestionMark_isAPlainQuestionMark_andBareQuestionMarkIsOneChar() {
        RuleSet r = detection("""
                a:
                    CommandLine: 'what\\?'
                b:
                    Image: 'prog?.exe'
                condition: a or b""");
        assertThat(matches(r, "CommandLine", "what?")).isTrue();
        assertThat(matches(r, "CommandLine", "whatX")).isFalse();
        assertThat(matches(r, "Image", "progA.exe")).isTrue();
        assertThat(matches(r, "Image", "prog.exe")).isFalse();
        assertThat(matches(r, "Image", "progAB.exe")).isFalse();
    }

    @Test
    void doubleBackslashBeforeStar_isBackslashThenWildcard() {
        RuleSet r = detection("""
                sel:
                    TargetFilename: 'C:\\Temp\\\\*'
                condition: sel""");
        assertThat(matches(r, "TargetFilename", "C:\\Temp\\evil.dll")).isTrue();
        assertThat(matches(r, "TargetFilename", "C:\\Temp")).isFalse();
    }

    @Test
    void tripleBackslashBeforeStar_isBackslashThenPlainStar() {
        RuleSet r = detection("""
                sel:
                    TargetObject: 'HKLM\\\\\\*'
                condition: sel""");
        assertThat(matches(r, "TargetObject", "HKLM\\*")).isTrue();
        assertThat(matches(r, "TargetObject", "HKLM\\Software")).isFalse();
    }

    @Test
    void fourBackslashes_areTwoPlainBackslashes_andALoneBackslashIsPlain() {
        RuleSet r = detection("""
                a:
                    Share: '\\\\\\\\server'
                b:
                    Image: 'C:\\Windows\\cmd.exe'
                condition: a or b""");
        assertThat(matches(r, "Share", "\\\\server")).isTrue();
        assertThat(matches(r, "Share", "\\server")).isFalse();
        assertThat(matches(r, "Image", "c:\\windows\\cmd.exe")).isTrue();
    }

    @Test
    void innerWildcards_matchAcrossSegments() {
        RuleSet r = detection("""
                sel:
                    CommandLine: '*reg* add *\\Run*'
                condition: sel""");
        assertThat(matches(r, "CommandLine", "reg.exe add HKCU\\Software\\Microsoft\\Windows\\Run /v x")).isTrue();
        assertThat(matches(r, "CommandLine", "reg.exe query HKCU\\Run")).isFalse();
    }

    // ------------------------------------------------------------ null, empty, missing

    @Test
    void null_matchesMissingOrNull_butNotEmpty() {
        RuleSet r = detection("""
                sel:
                    PasswordLastSet: null
                condition: sel""");
        assertThat(matches(r, "Other", "x")).isTrue();
        assertThat(matches(r, "PasswordLastSet", null)).isTrue();
        assertThat(matches(r, "PasswordLastSet", "")).isFalse();
        assertThat(matches(r, "PasswordLastSet", "2026-01-01")).isFalse();
    }

    @Test
    void emptyString_matchesOnlyAnEmptyValue() {
        RuleSet r = detection("""
                sel:
                    CommandLine: ''
                condition: sel""");
        assertThat(matches(r, "CommandLine", "")).isTrue();
        assertThat(matches(r, "CommandLine", null)).isFalse();
        assertThat(matches(r, "Other", "x")).isFalse();
        assertThat(matches(r, "CommandLine", " ")).isFalse();
    }

    @Test
    void notNull_isANegatedNullSelection() {
        RuleSet r = detection("""
                sel:
                    EventID: 4738
                filter:
                    PasswordLastSet: null
                condition: sel and not filter""");
        assertThat(matches(r, "EventID", 4738L, "PasswordLastSet", "x")).isTrue();
        assertThat(matches(r, "EventID", 4738L)).isFalse();
    }

    @Test
    void nullInAListOfValues_isRejected() {
        RuleSet r = Rules.of("""
                title: t
                logsource: {category: process_creation}
                detection:
                    sel:
                        FieldB:
                            - ''
                            - null
                    condition: sel
                """);
        assertThat(r.report().errors()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("null cannot be part of a list").contains("rules §Special Field Values"));
    }

    // ------------------------------------------------------------ numbers, strings, booleans

    @Test
    void numberInRule_matchesNumberAndNumericString() {
        RuleSet r = detection("""
                sel:
                    EventID: 4688
                condition: sel""");
        assertThat(matches(r, "EventID", 4688L)).isTrue();
        assertThat(matches(r, "EventID", "4688")).isTrue();
        assertThat(matches(r, "EventID", 4688.0)).isTrue();
        assertThat(matches(r, "EventID", 46880L)).isFalse();
        assertThat(matches(r, "EventID", "04688x")).isFalse();
    }

    @Test
    void numericStringInRule_matchesNumberInEvent() {
        RuleSet r = detection("""
                sel:
                    EventID: '4688'
                condition: sel""");
        assertThat(matches(r, "EventID", 4688L)).isTrue();
        assertThat(matches(r, "EventID", "4688")).isTrue();
    }

    @Test
    void hexNumber_matchesItsValueAndItsWrittenForm() {
        RuleSet r = detection("""
                sel:
                    Flags: 0x10
                condition: sel""");
        assertThat(matches(r, "Flags", 16L)).isTrue();
        assertThat(matches(r, "Flags", "0x10")).isTrue();
        assertThat(matches(r, "Flags", "16")).isTrue();
        assertThat(matches(r, "Flags", 17L)).isFalse();
    }

    @Test
    void numberWithContains_isText() {
        RuleSet r = detection("""
                sel:
                    GrantedAccess|endswith: 10
                condition: sel""");
        assertThat(matches(r, "GrantedAccess", "0x1410")).isTrue();
        assertThat(matches(r, "GrantedAccess", 1410L)).isTrue();
    }

    @Test
    void boolean_matchesTextOrBoolean() {
        RuleSet r = detection("""
                sel:
                    Signed: false
                condition: sel""");
        assertThat(matches(r, "Signed", "false")).isTrue();
        assertThat(matches(r, "Signed", Boolean.FALSE)).isTrue();
        assertThat(matches(r, "Signed", "true")).isFalse();
    }

    // ------------------------------------------------------------ structure

    @Test
    void keywords_searchEveryValueOfTheEvent() {
        RuleSet r = detection("""
                keywords:
                    - 'event::clear'
                    - 'event::drop'
                condition: keywords""");
        assertThat(matches(r, "Payload", "mimikatz # EVENT::Clear")).isTrue();
        assertThat(matches(r, "Nested", Map.of("deep", List.of("x", "event::drop now")))).isTrue();
        assertThat(matches(r, "Payload", "event::list")).isFalse();
    }

    @Test
    void keywordsAll_requireEveryKeywordSomewhere() {
        RuleSet r = detection("""
                keywords:
                    '|all':
                        - 'OabVirtualDirectory'
                        - ' -ExternalUrl '
                condition: keywords""");
        assertThat(matches(r, "A", "Set-OabVirtualDirectory", "B", "x -ExternalUrl y")).isTrue();
        assertThat(matches(r, "A", "Set-OabVirtualDirectory")).isFalse();
    }

    @Test
    void listOfMaps_isOr_andMapIsAnd() {
        RuleSet r = detection("""
                sel:
                    - Image|endswith: '\\example.exe'
                    - Description|contains: 'Test executable'
                      Company: 'ACME'
                condition: sel""");
        assertThat(matches(r, "Image", "C:\\example.exe")).isTrue();
        assertThat(matches(r, "Description", "a Test executable", "Company", "acme")).isTrue();
        assertThat(matches(r, "Description", "a Test executable")).isFalse();
    }

    @Test
    void listValuedField_matchesAnyElement() {
        RuleSet r = detection("""
                sel:
                    Tags|contains: 'admin'
                condition: sel""");
        assertThat(matches(r, "Tags", List.of("user", "domain-admins"))).isTrue();
        assertThat(matches(r, "Tags", List.of("user", "guest"))).isFalse();
    }

    @Test
    void dottedField_findsNestedValues() {
        RuleSet r = detection("""
                sel:
                    client.geographicalContext.country: 'North Korea'
                condition: sel""");
        assertThat(matches(r, "client", Map.of("geographicalContext", Map.of("country", "North Korea")))).isTrue();
        assertThat(matches(r, "client.geographicalContext.country", "north korea")).isTrue();
        assertThat(matches(r, "client", Map.of("geographicalContext", Map.of("country", "Norway")))).isFalse();
    }

    @Test
    void oneOfPattern_allOfThem_andUnderscoreNamesLeftOut() {
        RuleSet oneOf = detection("""
                selection_a:
                    Image|endswith: '\\a.exe'
                selection_b:
                    Image|endswith: '\\b.exe'
                filter:
                    User: 'SYSTEM'
                condition: 1 of selection_* and not filter""");
        assertThat(matches(oneOf, "Image", "C:\\b.exe", "User", "bob")).isTrue();
        assertThat(matches(oneOf, "Image", "C:\\b.exe", "User", "system")).isFalse();
        RuleSet them = detection("""
                a:
                    Image|endswith: '.exe'
                b:
                    User: 'bob'
                _helper:
                    Nothing: 'never'
                condition: all of them""");
        assertThat(matches(them, "Image", "x.exe", "User", "bob")).isTrue();
        assertThat(matches(them, "Image", "x.exe", "User", "eve")).isFalse();
    }

    @Test
    void precedence_notBindsTighterThanAnd_andAndTighterThanOr() {
        RuleSet r = detection("""
                a:
                    A: '1'
                b:
                    B: '1'
                c:
                    C: '1'
                condition: a or b and not c""");
        assertThat(matches(r, "A", "1", "C", "1")).isTrue();
        assertThat(matches(r, "B", "1", "C", "1")).isFalse();
        assertThat(matches(r, "B", "1")).isTrue();
        RuleSet paren = detection("""
                a:
                    A: '1'
                b:
                    B: '1'
                c:
                    C: '1'
                condition: (a or b) and not c""");
        assertThat(matches(paren, "A", "1", "C", "1")).isFalse();
    }

    @Test
    void listOfConditions_isOr() {
        RuleSet r = detection("""
                a:
                    A: '1'
                b:
                    B: '1'
                condition:
                    - a
                    - b""");
        assertThat(matches(r, "A", "1")).isTrue();
        assertThat(matches(r, "B", "1")).isTrue();
        assertThat(matches(r, "C", "1")).isFalse();
    }

    @Test
    void conditionErrors_nameTheProblemAndLine() {
        RuleSet r = Rules.of("""
                title: unknown id
                logsource: {category: process_creation}
                detection:
                    sel: {A: 1}
                    condition: sel and filter
                ---
                title: aggregation
                logsource: {category: process_creation}
                detection:
                    sel: {A: 1}
                    condition: sel | count() by B > 3
                ---
                title: dangling
                logsource: {category: process_creation}
                detection:
                    sel: {A: 1}
                    condition: sel and
                """);
        assertThat(r.report().errors()).hasSize(3);
        assertThat(r.report().errors().get(0).getMessage()).contains("test.yml:5:").contains("'filter'")
                .contains("rules §Condition");
        assertThat(r.report().errors().get(1).getMessage()).contains("obsolete").contains("correlation");
        assertThat(r.report().errors().get(2).getMessage()).contains("ends where an identifier");
    }

    // ------------------------------------------------------------ logsource dispatch

    @Test
    void categoryRule_matchesSysmonAndSecurityProcessCreation_serviceRuleOnlyItsService() {
        RuleSet r = Rules.of("""
                title: generic
                id: 00000000-0000-4000-8000-000000000001
                logsource: {category: process_creation, product: windows}
                detection:
                    sel: {Image|endswith: '\\whoami.exe'}
                    condition: sel
                ---
                title: sysmon only
                id: 00000000-0000-4000-8000-000000000002
                logsource: {product: windows, service: sysmon}
                detection:
                    sel: {Image|endswith: '\\whoami.exe'}
                    condition: sel
                """);
        var sysmon = Rules.event(LogSource.of("windows", "process_creation", "sysmon"),
                Rules.doc("Image", "C:\\whoami.exe"));
        var security = Rules.event(LogSource.of("windows", "process_creation", "security"),
                Rules.doc("Image", "C:\\whoami.exe"));
        var otherCategory = Rules.event(LogSource.of("windows", "file_event", "sysmon"),
                Rules.doc("Image", "C:\\whoami.exe"));
        assertThat(r.newSession().process(sysmon)).extracting(SigmaMatch::title).containsExactly("generic",
                "sysmon only");
        assertThat(r.newSession().process(security)).extracting(SigmaMatch::title).containsExactly("generic");
        assertThat(r.newSession().process(otherCategory)).extracting(SigmaMatch::title)
                .containsExactly("sysmon only");
    }

    @Test
    void registryEvent_coversAddSetRename_andDeleteUsesEventType() {
        String rules = """
                title: any registry
                logsource: {category: registry_event, product: windows}
                detection:
                    sel: {TargetObject|contains: '\\Run'}
                    condition: sel
                ---
                title: delete
                logsource: {category: registry_delete, product: windows}
                detection:
                    sel: {TargetObject|contains: '\\Run'}
                    condition: sel
                """;
        RuleSet r = RuleSet.builder().pipeline("evtx").text("r.yml", rules).build();
        var set = Rules.event(LogSource.of("windows", "registry_set", "sysmon"),
                Rules.doc("TargetObject", "HKLM\\Run\\x", "EventType", "SetValue"));
        var deleted = Rules.event(LogSource.of("windows", "registry_add", "sysmon"),
                Rules.doc("TargetObject", "HKLM\\Run\\x", "EventType", "DeleteKey"));
        assertThat(r.newSession().process(set)).extracting(SigmaMatch::title).containsExactly("any registry");
        assertThat(r.newSession().process(deleted)).extracting(SigmaMatch::title).containsExactly("any registry",
                "delete");
    }

    @Test
    void match_reportsTheFieldsThatMatched() {
        RuleSet r = detection("""
                sel:
                    Image|endswith: '\\whoami.exe'
                    User|contains: 'admin'
                condition: sel""");
        var m = r.newSession().process(Rules.event(Rules.PROC, Rules.doc("Image", "C:\\whoami.exe", "User",
                "CORP\\admin", "Other", "x")));
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.fields()).containsOnlyKeys("Image", "User");
            assertThat(x.ruleId()).isEqualTo("11111111-1111-4111-8111-111111111111");
            assertThat(x.events()).extracting(Object::toString).containsExactly("test.json#1");
        });
    }
}
