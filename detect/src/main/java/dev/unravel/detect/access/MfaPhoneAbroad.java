package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The phone that approves a worker's sign-ins is in a high-risk country they do not live in. A
 * laptop farm puts the computer in the United States, and its sign-ins come from a US home
 * address; the operator abroad still has to approve the push on their own phone. Duo records that
 * phone's address and location ({@code auth_device}) beside the computer's ({@code access_device}).
 * The phone's country comes from IP intelligence first, else from Duo's own location; a phone
 * behind a VPN or hosting exit says nothing about where it is and is left out. Countries default
 * to KP, CN and RU ({@code countries} replaces them), as for {@link HighRiskCountrySignIns}.
 */
public final class MfaPhoneAbroad implements Detector {

    public static final String ID = "access.mfa-phone-abroad";

    private final IntelFeed intel;
    private Set<String> highRisk;
    private PerEntity<EntityRef, Tally> subjects;

    public MfaPhoneAbroad(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Tally {
        int count;
        final Map<String, Integer> countries = new TreeMap<>();
        final Set<String> computerCountries = new TreeSet<>();
        final List<Event> examples = new ArrayList<>();
        String name;
        String phone;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "Duo authentication logs (the approving phone's address)";
    }

    @Override
    public String description() {
        return "the phone approving a worker's sign-ins (Duo auth_device) is in a high-risk country (default KP, CN, "
                + "RU) they do not live in";
    }

    @Override
    public Set<String> eventTypes() {
        // the organisation's own range records feed the shared intelligence, as for the sign-in detectors
        return Set.of("duo.authentication", IntelFeed.RANGE_EVENT);
    }

    @Override
    public void start(DetectorContext ctx) {
        highRisk = HighRiskCountrySignIns.countries(ctx.settings());
        subjects = ctx.state(ctx.settings().integer("max_subjects", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        // The sign-in the access detectors share, parsed once: the account, its worker, the
        // computer's network and country, the outcome (range records feed the intelligence).
        SignIn s = SignIn.read(event, ctx, intel);
        if (s == null || !s.success() || !(event.document().get("auth_device") instanceof Map<?, ?> phone)) {
            return;
        }
        String country = null;
        String ip = SignIn.text(phone.get("ip"));
        IpInfo network = ip == null ? null : intel.lookup(ip);
        if (network != null) {
            if (network.masksOrigin() || network.internal()) {
                return;
            }
            country = network.country();
        }
        if (country == null) {
            country = SignIn.countryCode(SignIn.path(phone, "location", "country"));
        }
        if (country == null || !highRisk.contains(country)) {
            return;
        }
        Person p = ctx.roster().worker(s.workerId());
        if (p != null && country.equals(p.country())) {
            return;
        }
        Tally t = subjects.get(s.subject(), k -> new Tally());
        t.count++;
        t.countries.merge(country, 1, Integer::sum);
        if (s.country() != null && !s.network().masksOrigin()) {
            t.computerCountries.add(s.country());
        }
        t.name = p != null ? p.name() : s.account();
        t.phone = SignIn.text(phone.get("name"));
        if (t.examples.size() < 5) {
            t.examples.add(event.envelope());
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : subjects.entries()) {
            Tally t = entry.getValue();
            // Where the approving phone is says where the person is, whatever the computer's address;
            // North Korea is near proof, China or Russia repeatedly more than a trip.
            double strength = t.countries.containsKey("KP") ? 0.8 : t.count >= 3 ? 0.6 : 0.45;
            Set<String> elsewhere = new TreeSet<>(t.computerCountries);
            elsewhere.removeAll(t.countries.keySet());
            ctx.signal(ID, entry.getKey()).stage(Stage.ACCESS).technique("T1078").strength(strength)
                    .evidence(t.examples.toArray(new Event[0]))
                    .because(String.format("A phone in %s (a high-risk country where %s is not recorded as living)%s "
                            + "approved %d of their sign-ins%s: the phone that approves a worker's sign-ins is "
                            + "normally with them.", String.join(" and ", t.countries.keySet()), t.name,
                            t.phone == null ? "" : ", " + t.phone + ",", t.count,
                            elsewhere.isEmpty() ? "" : " from a computer in " + String.join(" and ", elsewhere)))
                    .emit();
        }
    }
}
