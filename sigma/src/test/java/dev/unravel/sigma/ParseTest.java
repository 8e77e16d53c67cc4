package dev.unravel.sigma;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.parse.ParsedFile;
import dev.unravel.sigma.parse.RuleParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Rule files: the specification's schema examples, collections, filters, hostile YAML. */
class ParseTest {

    @TestFactory
    Stream<DynamicTest> specificationSchemaExamples_parse() throws IOException {
        Path dir = SharedData.spec().resolve("tests/schema");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(dir.relativize(f).toString(), () -> {
                    ParsedFile pf = new RuleParser().parse(f.toString(), Files.readString(f));
                    assertThat(pf.errors()).isEmpty();
                    int docs = pf.rules().size() + pf.correlations().size() + pf.filters().size();
                    assertThat(docs).isEqualTo(1);
                    String kind = dir.relativize(f).getName(0).toString();
                    switch (kind) {
                        case "correlation" -> assertThat(pf.correlations()).hasSize(1);
                        case "filter" -> assertThat(pf.filters()).hasSize(1);
                        default -> assertThat(pf.rules()).hasSize(1);
                    }
                }));
            }
        }
        assertThat(tests).hasSize(12);
        return tests.stream();
    }

    @Test
    void actionGlobal_mergesIntoEachDocument_repeatCopiesThePrevious_resetClears() {
        ParsedFile pf = new RuleParser().parse("c.yml", """
                action: global
                title: Collection
                logsource:
                    product: windows
                detection:
                    condition: selection
                ---
                logsource:
                    category: process_creation
                detection:
                    selection:
                        Image|endswith: '\\a.exe'
                ---
                action: repeat
                detection:
                    selection:
                        Image|endswith: '\\b.exe'
                ---
                action: reset
                ---
                title: standalone
                logsource: {product: linux}
                detection:
                    sel: {x: 1}
                    condition: sel
                """);
        assertThat(pf.errors()).isEmpty();
        assertThat(pf.rules()).hasSize(3);
        assertThat(pf.rules().get(0).logSource().toString()).isEqualTo("windows/process_creation/*");
        assertThat(pf.rules().get(0).title()).isEqualTo("Collection");
        assertThat(pf.rules().get(1).detection().searches().get("selection").toString()).contains("b.exe");
        assertThat(pf.rules().get(1).logSource().category()).isEqualTo("process_creation");
        assertThat(pf.rules().get(2).logSource().product()).isEqualTo("linux");
    }

    @Test
    void aBadDocument_doesNotStopTheOthers_andSaysWhere() {
        ParsedFile pf = new RuleParser().parse("m.yml", """
                title: good
                logsource: {product: windows}
                detection:
                    sel: {a: 1}
                    condition: sel
                ---
                logsource: {product: windows}
                detection:
                    sel: {a: 1}
                    condition: sel
                ---
                title: no detection
                logsource: {product: windows}
                """);
        assertThat(pf.rules()).hasSize(1);
        assertThat(pf.errors()).hasSize(2);
        assertThat(pf.errors().get(0).getMessage()).startsWith("m.yml:7:").contains("missing mandatory 'title'")
                .contains("[rules §Title]");
        assertThat(pf.errors().get(1).getMessage()).contains("has no detection").contains("[rules §Detection]");
    }

    @Test
    void yamlSyntaxError_reportsLineAndColumn() {
        ParsedFile pf = new RuleParser().parse("s.yml", "title: x\nlogsource: {product: windows\ndetection:\n");
        assertThat(pf.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isGreaterThan(0);
            assertThat(e.getMessage()).startsWith("s.yml:").contains("invalid YAML");
        });
    }

    @Test
    void duplicateKeys_areRejected() {
        ParsedFile pf = new RuleParser().parse("d.yml", """
                title: x
                title: y
                logsource: {product: windows}
                detection:
                    sel: {a: 1}
                    condition: sel
                """);
        assertThat(pf.errors()).singleElement().satisfies(e -> assertThat(e.getMessage()).contains("title"));
    }

    @Test
    void billionLaughs_isBounded() {
        StringBuilder y = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            y.append("a").append(i).append(": &a").append(i).append(" [");
            for (int k = 0; k < 10; k++) {
                y.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            y.append("]\n");
        }
        // Bounded by the alias and expansion limits: the parse stops with an error instead of expanding.
        ParsedFile pf = new RuleParser().parse("bomb.yml", y.toString());
        assertThat(pf.errors()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .containsAnyOf("aliases", "expands to more than"));
    }

    @Test
    void filter_appliesToNamedRulesUnderItsLogsource() {
        RuleSet r = Rules.of("""
                title: whoami
                id: 6f3e2987-db24-4c78-a860-b4f4095a7095
                logsource: {category: process_creation, product: windows}
                detection:
                    sel: {Image|endswith: '\\whoami.exe'}
                    condition: sel
                ---
                title: other
                id: 11111111-2222-4333-8444-555555555555
                logsource: {category: process_creation, product: windows}
                detection:
                    sel: {Image|endswith: '\\whoami.exe'}
                    condition: sel
                ---
                title: Filter Administrator account
                logsource: {category: process_creation, product: windows}
                filter:
                    rules:
                        - 6f3e2987-db24-4c78-a860-b4f4095a7095
                    selection:
                        User|startswith: 'adm_'
                    condition: not selection
                """);
        assertThat(r.report().filters()).isEqualTo(1);
        var admin = Rules.event(Rules.PROC, Rules.doc("Image", "C:\\whoami.exe", "User", "adm_bob"));
        var user = Rules.event(Rules.PROC, Rules.doc("Image", "C:\\whoami.exe", "User", "bob"));
        assertThat(r.newSession().process(admin)).extracting(SigmaMatch::title).containsExactly("other");
        assertThat(r.newSession().process(user)).extracting(SigmaMatch::title).containsExactly("whoami", "other");
    }
}
