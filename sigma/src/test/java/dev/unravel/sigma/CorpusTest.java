package dev.unravel.sigma;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.parse.SigmaError;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Loads whole rule corpora; prints a summary of failures grouped by reason. */
class CorpusTest {

    static RuleSet load(Path... paths) {
        return RuleSet.builder().pipeline("evtx").paths(List.of(paths)).build();
    }

    static String summary(LoadReport r) {
        Map<String, List<SigmaError>> byReason = new TreeMap<>(r.errors().stream()
                .collect(Collectors.groupingBy(e -> e.reason().replaceAll("'[^']*'", "'…'"))));
        StringBuilder b = new StringBuilder();
        byReason.forEach((k, v) -> b.append(v.size()).append(" × ").append(k).append("\n    e.g. ")
                .append(v.get(0).getMessage()).append('\n'));
        return b.toString();
    }

    @Test
    void sigmaHqCorpus_allRulesLoad() {
        Path sigma = SharedData.sigma();
        RuleSet set = load(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"),
                sigma.resolve("rules-threat-hunting"), sigma.resolve("rules-placeholder"));
        LoadReport r = set.report();
        System.out.println("SigmaHQ: " + r.files() + " files, " + r.rules() + " rules, " + r.correlations()
                + " correlations, " + r.failed() + " failed, " + r.warnings().size() + " warnings\n" + summary(r));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void lolrmmCorpus_allRulesLoad() {
        RuleSet set = load(SharedData.lolrmm());
        LoadReport r = set.report();
        System.out.println("LOLRMM: " + r.files() + " files, " + r.rules() + " rules, " + r.failed() + " failed\n"
                + summary(r));
        assertThat(r.errors()).isEmpty();
        assertThat(r.rules()).isEqualTo(632);
    }
}
