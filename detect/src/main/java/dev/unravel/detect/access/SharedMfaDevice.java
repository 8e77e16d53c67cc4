package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Person;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One MFA device approving sign-ins for several workers: a facilitator's phone holding the
 * authenticators of several hires. Okta names the Okta Verify device in {@code device.id} (and
 * {@code device.name}) of {@code user.authentication.auth_via_mfa}; Duo names the phone in
 * {@code auth_device.key} and {@code auth_device.name} (its number) of each authentication; Entra's
 * sign-in logs do not identify the authenticator device, so Entra sign-ins are not read here.
 */
public final class SharedMfaDevice implements Detector {

    public static final String ID = "access.shared-mfa-device";
    private static final int MAX_WORKERS_PER_DEVICE = 32;

    private PerEntity<String, Device> devices;

    static final class Device {
        String name;
        final Map<String, Event> workers = new LinkedHashMap<>();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "MFA approvals (Okta Verify in the Okta System Log, Duo authentication logs)";
    }

    @Override
    public String description() {
        return "one MFA device (Okta Verify, a Duo phone) approves sign-ins for several workers";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("user.authentication.auth_via_mfa", "duo.authentication");
    }

    @Override
    public void start(DetectorContext ctx) {
        devices = ctx.state(ctx.settings().integer("max_devices", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        boolean duo = "duo".equals(event.source());
        Map<String, Object> doc = event.document();
        String result = duo ? SignIn.text(doc.get("result")) : SignIn.text(SignIn.path(doc, "outcome", "result"));
        if (!"SUCCESS".equalsIgnoreCase(result)) {
            return;
        }
        String deviceName = SignIn.text(SignIn.path(doc, duo ? "auth_device" : "device", "name"));
        String deviceId = duo ? SignIn.text(SignIn.path(doc, "auth_device", "key")) : SignIn.text(SignIn.path(doc,
                "device", "id"));
        if (duo && deviceId == null && deviceName != null) {
            deviceId = "name:" + deviceName; // older logs name the phone without its key
        }
        if (deviceId == null) {
            // a Duo bypass code or remembered device names no phone
            ctx.skipped("MFA event without a device id");
            return;
        }
        deviceId = (duo ? "duo:" : "okta:") + deviceId;
        String worker = ctx.roster().workerIdOf(event);
        if (worker == null) {
            ctx.skipped("account not in the roster");
            return;
        }
        Device d = devices.get(deviceId, k -> new Device());
        d.name = deviceName;
        if (d.workers.size() < MAX_WORKERS_PER_DEVICE) {
            d.workers.computeIfAbsent(worker, k -> event.envelope());
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : devices.entries()) {
            Device d = entry.getValue();
            if (d.workers.size() < 2) {
                continue;
            }
            Set<String> names = new TreeSet<>();
            for (String w : d.workers.keySet()) {
                Person p = ctx.roster().worker(w);
                names.add(p == null || p.name().isEmpty() ? w : p.name());
            }
            for (String w : d.workers.keySet()) {
                ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ACCESS).technique("T1078")
                        .strength(d.workers.size() >= 3 ? 0.7 : 0.6)
                        .evidence(d.workers.values().toArray(new Event[0]))
                        .because(String.format("One phone%s approved the sign-ins of %d different workers (%s); each "
                                + "worker should have their own.", d.name == null ? "" : " (" + d.name + ")",
                                d.workers.size(), String.join(", ", names)))
                        .emit();
            }
        }
    }
}
