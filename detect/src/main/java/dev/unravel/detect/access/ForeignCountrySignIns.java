package dev.unravel.detect.access;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A worker who signs in mostly from a country other than the one HR declares. Decided over the
 * whole period in {@link #finish}: a traveller signs in from abroad for a few days, an operator
 * abroad almost always (default: at least 70% of sign-ins and 5 of them; two week-long trips in
 * a month reach about half). Sign-ins through VPNs, hosting and the company's own egress do not locate
 * the person: they count in the total (the person was working, somewhere) but never as foreign,
 * so a traveller who otherwise works through the corporate VPN keeps a small foreign share.
 */
public final class ForeignCountrySignIns implements Detector {

    public static final String ID = "access.foreign-country";

    private final IntelFeed intel;
    private PerEntity<String, Tally> workers;

    public ForeignCountrySignIns(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Tally {
        int total;
        int foreign;
        final Map<String, Integer> countries = new TreeMap<>();
        final List<Event> examples = new ArrayList<>();
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
        return "most of a worker's sign-ins geolocate outside the country HR declares";
    }

    @Override
    public Set<String> eventTypes() {
        return SignIn.TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        workers = ctx.state(ctx.settings().integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        SignIn s = SignIn.read(event, ctx, intel);
        if (s == null || !s.success()) {
            return;
        }
        if (s.workerId() == null) {
            ctx.skipped("account not in the roster");
            return;
        }
        if (s.network().internal()) {
            ctx.skipped("private or internal source address");
            return;
        }
        boolean unlocated = s.network().office() || s.network().masksOrigin();
        if (!unlocated && s.country() == null) {
            ctx.skipped("address without geolocation");
            return;
        }
        Person p = ctx.roster().worker(s.workerId());
        if (p == null || p.country() == null) {
            ctx.skipped("worker without a declared country");
            return;
        }
        Tally t = workers.get(s.workerId(), k -> new Tally());
        t.total++;
        if (!unlocated && !s.country().equals(p.country())) {
            t.foreign++;
            t.countries.merge(s.country(), 1, Integer::sum);
            if (t.examples.size() < 5) {
                t.examples.add(event.envelope());
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minForeign = ctx.settings().integer("min_foreign_sign_ins", 5);
        double minShare = ctx.settings().number("min_share", 0.7);
        for (var entry : workers.entries()) {
            Tally t = entry.getValue();
            double share = t.total == 0 ? 0 : (double) t.foreign / t.total;
            if (t.foreign < minForeign || share < minShare) {
                continue;
            }
            Person p = ctx.roster().worker(entry.getKey());
            ctx.signal(ID, dev.unravel.core.EntityRef.worker(entry.getKey()))
                    .stage(Stage.ACCESS).technique("T1078")
                    .strength(share >= 0.9 ? 0.5 : 0.3)
                    .evidence(t.examples.toArray(new Event[0]))
                    .because(String.format("%d of %d sign-ins (%.0f%%) by %s came from %s, although HR records "
                            + "them as living in %s.", t.foreign, t.total, share * 100, p.name(),
                            String.join(", ", t.countries.keySet()), p.country()))
                    .emit();
        }
    }
}
