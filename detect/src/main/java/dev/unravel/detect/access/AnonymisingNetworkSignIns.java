package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.intel.IntelFeed;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A worker who mostly signs in through a commercial VPN, a hosting provider or an anonymiser: the
 * operators' habit (Astrill and similar) to hide where they are. Many honest people run a personal
 * VPN now and then, so this is decided over the period on the share of sign-ins and stays moderate.
 */
public final class AnonymisingNetworkSignIns implements Detector {

    public static final String ID = "access.anonymising-network";

    private final IntelFeed intel;
    private PerEntity<EntityRef, Tally> subjects;

    public AnonymisingNetworkSignIns(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Tally {
        int total;
        int masked;
        final Set<String> networks = new LinkedHashSet<>();
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
        return "most of a worker's sign-ins come through commercial VPN, hosting or anonymiser networks";
    }

    @Override
    public Set<String> eventTypes() {
        return SignIn.TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        subjects = ctx.state(ctx.settings().integer("max_subjects", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        SignIn s = SignIn.read(event, ctx, intel);
        if (s == null || !s.success()) {
            return;
        }
        if (s.network().internal()) {
            ctx.skipped("private or internal source address");
            return;
        }
        Tally t = subjects.get(s.subject(), k -> new Tally());
        t.total++;
        if (s.network().masksOrigin() && !s.network().office()) {
            t.masked++;
            if (t.networks.size() < 5) {
                t.networks.add(s.network().describe());
            }
            if (t.examples.size() < 5) {
                t.examples.add(event.envelope());
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minMasked = ctx.settings().integer("min_masked_sign_ins", 5);
        double minShare = ctx.settings().number("min_share", 0.5);
        for (var entry : subjects.entries()) {
            Tally t = entry.getValue();
            double share = t.total == 0 ? 0 : (double) t.masked / t.total;
            if (t.masked < minMasked || share < minShare) {
                continue;
            }
            ctx.signal(ID, entry.getKey()).stage(Stage.ACCESS).technique("T1090")
                    .strength(share >= 0.9 ? 0.4 : 0.3)
                    .evidence(t.examples.toArray(new Event[0]))
                    .because(String.format("%d of %d sign-ins (%.0f%%) by %s came through networks that hide where "
                            + "the person is: %s.", t.masked, t.total, share * 100, nameOf(entry.getKey(), ctx),
                            String.join("; ", t.networks)))
                    .emit();
        }
    }

    private static String nameOf(EntityRef subject, DetectorContext ctx) {
        var p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
        return p != null && !p.name().isEmpty() ? p.name() : subject.value();
    }
}
