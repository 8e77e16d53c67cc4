package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.InputLanguage;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A Korean or Chinese input language set up on a laptop for its user. The planner repeats it on
 * every day the person works; each writer records it once per laptop: an endpoint agent's registry
 * log only when the user adds it while the agent watches ({@code added}), osquery's scheduled
 * queries on the first day they run either way.
 *
 * @param time     when it was added, or when the day's work began
 * @param host     the laptop
 * @param person   its user
 * @param language the language
 * @param added    true on the day the user adds it; false when it was there before the logs begin
 */
public record InputLanguageSetting(Instant time, Host host, Person person, InputLanguage language, boolean added)
        implements Activity {
}
