package dev.unravel.server;

import dev.unravel.engine.report.NextChecks;
import dev.unravel.store.Store;
import java.util.Optional;

/**
 * The "what to check next" a case shows: the team's own, when one was loaded into the store
 * ({@code unravel cases checks --load FILE}), else the ones Unravel ships with. Read from the store
 * each time, so a change holds at the console's next request; parsed once per version.
 */
public final class CaseChecks {

    private record Parsed(String yaml, NextChecks checks) {
    }

    /** The steps a case shows, and those of them marked done (by step key). */
    public record Steps(NextChecks checks, java.util.Map<String, Store.StepDone> done) {

        /** Steps none of which is marked (a case not in a store, tests). */
        public static Steps unmarked(NextChecks checks) {
            return new Steps(checks, java.util.Map.of());
        }
    }

    /** The steps case {@code caseId} of {@code store} shows, with its marks. */
    public static Steps of(Store store, long caseId) {
        return new Steps(in(store), store.stepsDone(caseId));
    }

    private static volatile Parsed last;

    private CaseChecks() {
    }

    /** The checks in use in {@code store}. */
    public static NextChecks in(Store store) {
        Optional<Store.TeamChecks> team = store.teamChecks();
        if (team.isEmpty()) {
            return NextChecks.builtIn();
        }
        String yaml = team.get().yaml();
        Parsed p = last;
        if (p != null && p.yaml().equals(yaml)) {
            return p.checks();
        }
        try {
            NextChecks checks = NextChecks.parse(yaml, "the team's checks");
            last = new Parsed(yaml, checks);
            return checks;
        } catch (IllegalArgumentException e) {
            // checked when loaded; one that no longer reads (a newer format) must not hide the steps
            System.err.println("The team's checks in " + store.description() + " cannot be read (" + e.getMessage()
                    + "); showing Unravel's own. Load them again: unravel cases checks --load FILE");
            return NextChecks.builtIn();
        }
    }
}
