package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Successful sign-ins that geolocate to a high-risk country the worker does not live in. The
 * default list is KP, CN and RU: North Korea is where the scheme's operators come from, and US
 * government advisories (FBI/State/Treasury, 2022–2025) place the IT-worker teams mostly in
 * China (Shenyang, Dandong) and Russia (Vladivostok). Setting {@code countries} replaces it.
 * Sign-ins through VPN or hosting exits are left out: the exit's country is the provider's, not
 * the person's.
 */
public final class HighRiskCountrySignIns implements Detector {

    public static final String ID = "access.high-risk-country";
    static final List<String> DEFAULT_COUNTRIES = List.of("KP", "CN", "RU");

    private final IntelFeed intel;
    private Set<String> highRisk;
    private PerEntity<EntityRef, Tally> subjects;

    public HighRiskCountrySignIns(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Tally {
        int count;
        final Map<String, Integer> countries = new TreeMap<>();
        final List<Event> examples = new ArrayList<>();
        String name;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return SignIn.NEEDS;
    }

    @Override
    public String description() {
        return "successful sign-ins from a high-risk country (default KP, CN, RU) the worker does not live in";
    }

    @Override
    public Set<String> eventTypes() {
        return SignIn.TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        highRisk = countries(ctx.settings());
        subjects = ctx.state(ctx.settings().integer("max_subjects", 200_000));
    }

    /** The {@code countries} setting as upper-case ISO codes, {@link #DEFAULT_COUNTRIES} when unset. */
    public static Set<String> countries(Settings settings) {
        Set<String> out = new HashSet<>();
        for (String c : settings.list("countries", DEFAULT_COUNTRIES)) {
            out.add(c.strip().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        SignIn s = SignIn.read(event, ctx, intel);
        if (s == null || !s.success() || s.country() == null || s.network().masksOrigin()
                || !highRisk.contains(s.country())) {
            return;
        }
        Person p = ctx.roster().worker(s.workerId());
        if (p != null && s.country().equals(p.country())) {
            return;
        }
        Tally t = subjects.get(s.subject(), k -> new Tally());
        t.count++;
        t.countries.merge(s.country(), 1, Integer::sum);
        t.name = p != null ? p.name() : s.account();
        if (t.examples.size() < 5) {
            t.examples.add(event.envelope());
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : subjects.entries()) {
            Tally t = entry.getValue();
            // North Korea is near proof; China or Russia once could be a trip, repeatedly far less so.
            double strength = t.countries.containsKey("KP") ? 0.8 : t.count >= 3 ? 0.5 : 0.4;
            ctx.signal(ID, entry.getKey()).stage(Stage.ACCESS).technique("T1078").strength(strength)
                    .evidence(t.examples.toArray(new Event[0]))
                    .because(String.format("%s signed in %d time%s from %s, a high-risk country where they are not "
                            + "recorded as living.", t.name, t.count, t.count == 1 ? "" : "s",
                            String.join(" and ", t.countries.keySet())))
                    .emit();
        }
    }
}
