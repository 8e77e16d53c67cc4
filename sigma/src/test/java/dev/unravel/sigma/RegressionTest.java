package dev.unravel.sigma;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.tool.SigmaTestCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every SigmaHQ regression test: the rule named by each {@code info.yml} must match its recorded
 * events {@code match_count} times (at least once when no count is given).
 */
class RegressionTest {
    private static RuleSet rules;

    @BeforeAll
    static void load() {
        Path sigma = SharedData.sigma();
        rules = RuleSet.builder().pipeline("evtx").path(sigma.resolve("rules"))
                .path(sigma.resolve("rules-emerging-threats")).path(sigma.resolve("rules-threat-hunting"))
                .path(sigma.resolve("rules-placeholder")).build();
    }

    @TestFactory
    Stream<DynamicTest> everyRegressionTest() throws IOException {
        Path dir = SharedData.sigma().resolve("regression_data");
        List<DynamicTest> tests = new ArrayList<>();
        for (Path info : SigmaTestCommand.infos(dir)) {
            String name = dir.relativize(info.getParent()).toString();
            tests.add(DynamicTest.dynamicTest(name, () -> {
                List<SigmaTestCommand.Case> cases = SigmaTestCommand.runInfo(rules, info);
                org.junit.jupiter.api.Assumptions.assumeFalse(cases.isEmpty(),
                        "info.yml has no regression_tests_info (commented out upstream)");
                for (SigmaTestCommand.Case c : cases) {
                    assertThat(c.passed()).as("%s: expected %s, matched %d %s", c.label(),
                            c.expected() < 0 ? ">=1" : c.expected(), c.matched(),
                            c.reason() == null ? "" : c.reason()).isTrue();
                }
            }));
        }
        return tests.stream();
    }
}
