package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.engine.report.NextChecks;
import dev.unravel.store.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaseChecksTest {

    @TempDir
    Path dir;

    @Test
    void theTeamsOwnStepsHold_untilPutBack_andOnesThatNoLongerReadGiveWayToUnravels() {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            assertThat(CaseChecks.in(store)).isSameAs(NextChecks.builtIn());

            store.putTeamChecks("any:\n  - who: Legal\n    what: Open a matter with Legal (queue INSIDER).\n", "dana");
            NextChecks team = CaseChecks.in(store);
            assertThat(team.keys()).containsExactly("any");
            assertThat(CaseChecks.in(store)).as("parsed once per version").isSameAs(team);

            store.putTeamChecks("any:\n  - who: Recruiting\n    what: x\n", "lee"); // stored without --load's check
            assertThat(CaseChecks.in(store)).isSameAs(NextChecks.builtIn());

            store.putTeamChecks(null, "lee");
            assertThat(CaseChecks.in(store)).isSameAs(NextChecks.builtIn());
        }
    }
}
