package dev.unravel.sigma;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.tool.EventFiles;
import dev.unravel.sigma.windows.EvtxJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The prefilter is an optimisation only: on every regression event, the rules the session
 * reports are exactly the rules whose programs hold when every rule of the bucket is evaluated.
 */
class PrefilterEquivalenceTest {

    @Test
    void prefilter_neverChangesWhichRulesMatch() throws Exception {
        Path sigma = SharedData.sigma();
        RuleSet set = RuleSet.builder().pipeline("evtx").path(sigma.resolve("rules"))
                .path(sigma.resolve("rules-emerging-threats")).path(sigma.resolve("rules-threat-hunting")).build();
        List<Event> events = new ArrayList<>();
        for (Path f : EventFiles.expand(List.of(sigma.resolve("regression_data")))) {
            events.addAll(EvtxJson.read(f));
        }
        FieldPath[] paths = set.paths();
        EventContext ctx = new EventContext(paths);
        SigmaSession session = set.newSession();
        long compared = 0;
        for (Event e : events) {
            TreeSet<Integer> viaSession = new TreeSet<>();
            session.matchingRules(e, r -> viaSession.add(r.index()));
            ctx.reset(e);
            Bucket b = set.bucket(e.logSource());
            TreeSet<Integer> exhaustive = new TreeSet<>();
            for (int i = 0; i < b.size(); i++) {
                if (b.programs()[i].eval(ctx)) {
                    exhaustive.add(b.ruleIndex()[i]);
                }
            }
            assertThat(viaSession).as("%s", e.origin()).isEqualTo(exhaustive);
            compared += b.size();
        }
        assertThat(events).hasSizeGreaterThan(200);
        assertThat(compared).isGreaterThan(100_000);
        assertThat(set.rules()).extracting(CompiledRule::requirement).filteredOn(r -> r != null)
                .hasSizeGreaterThan(set.rules().size() * 3 / 4);
    }
}
