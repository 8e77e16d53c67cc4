package dev.unravel.detect.access;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Person;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new hire whose first weeks of sign-ins come from devices the company does not manage, while
 * the company laptop sits elsewhere (a laptop farm). Entra ID records the device in
 * {@code deviceDetail} ({@code deviceId}, {@code isManaged}); Okta's System Log names no device
 * for browser sign-ins, so only Entra sign-ins are read. Decided in {@link #finish} on the share of
 * unmanaged sign-ins in the window: one phone sign-in before the laptop arrives is ordinary.
 */
public final class UnmanagedDeviceAfterOnboarding implements Detector {

    public static final String ID = "access.unmanaged-after-onboarding";

    private PerEntity<String, Tally> workers;

    static final class Tally {
        int total;
        int unmanaged;
        final List<Event> examples = new ArrayList<>();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "sign-ins that name the device (Entra ID, Okta) with HR hire dates";
    }

    @Override
    public String description() {
        return "a new hire's sign-ins in the first weeks come mostly from unmanaged devices";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("signin");
    }

    @Override
    public void start(DetectorContext ctx) {
        workers = ctx.state(ctx.settings().integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        Object body = event.document().get("properties") instanceof Map<?, ?> p ? p : event.document();
        Object code = SignIn.path(body, "status", "errorCode");
        if (code != null && !"0".equals(SignIn.text(code))) {
            return;
        }
        Object detail = SignIn.path(body, "deviceDetail");
        if (!(detail instanceof Map<?, ?>)) {
            ctx.skipped("sign-in without deviceDetail");
            return;
        }
        String worker = ctx.roster().workerIdOf(event);
        Person p = ctx.roster().worker(worker);
        if (p == null || p.hireDate() == null) {
            ctx.skipped(p == null ? "account not in the roster" : "worker without a hire date");
            return;
        }
        int days = ctx.settings().integer("days_after_hire", 14);
        LocalDate day = event.time().atOffset(ZoneOffset.UTC).toLocalDate();
        if (day.isBefore(p.hireDate().minusDays(1)) || day.isAfter(p.hireDate().plusDays(days))) {
            return;
        }
        String deviceId = SignIn.text(SignIn.path(detail, "deviceId"));
        Object managedFlag = SignIn.path(detail, "isManaged");
        boolean managed = deviceId != null || Boolean.TRUE.equals(managedFlag);
        Tally t = workers.get(worker, k -> new Tally());
        t.total++;
        if (!managed) {
            t.unmanaged++;
            if (t.examples.size() < 5) {
                t.examples.add(event.envelope());
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minUnmanaged = ctx.settings().integer("min_unmanaged_sign_ins", 3);
        double minShare = ctx.settings().number("min_share", 0.5);
        int days = ctx.settings().integer("days_after_hire", 14);
        for (var entry : workers.entries()) {
            Tally t = entry.getValue();
            double share = (double) t.unmanaged / t.total;
            if (t.unmanaged < minUnmanaged || share < minShare) {
                continue;
            }
            Person p = ctx.roster().worker(entry.getKey());
            ctx.signal(ID, dev.unravel.core.EntityRef.worker(entry.getKey())).stage(Stage.ACCESS).technique("T1078")
                    .strength(share >= 0.9 ? 0.4 : 0.3)
                    .evidence(t.examples.toArray(new Event[0]))
                    .because(String.format("In the %d days after being hired on %s, %d of %s's %d sign-ins came from "
                            + "devices the company does not manage rather than the company laptop.", days,
                            p.hireDate(), t.unmanaged, p.name(), t.total))
                    .emit();
        }
    }
}
