package dev.unravel.detect.control;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.hours.Clocks;
import dev.unravel.detect.roster.Person;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The time zone of the computer a Remote Desktop session comes from, against the declared time
 * zone of the worker whose laptop it connects to. Windows logs the client's zone in
 * {@code RemoteDesktopServices-RdpCoreTS/Operational} event 104 ("The time zone of the client is
 * UTC+9"); the readers turn its {@code TimezoneBiasHour} into {@code ClientUtcOffsetMinutes}. An
 * operator abroad who drives a laptop in a US farm over RDP keeps their own clock: UTC+8/+9 on a
 * laptop declared in an American zone is the scheme's mark.
 *
 * <p>The laptop's worker comes from the asset records (host → worker). Sessions from within a few
 * hours of the declared zone are not flagged (default under 4 hours: IT support connecting from
 * another US zone, the worker's own second computer). One foreign session, or a few on one day,
 * is what a business trip looks like and gives only a weak signal; foreign sessions on several
 * days that make up most of the laptop's RDP sessions give the strong one. Settings:
 * {@code min_distance_hours} (4), {@code consistent_days} (3), {@code min_foreign_share} (0.5),
 * {@code single_strength} (0.15), {@code consistent_strength} (0.45), {@code asian_day_strength}
 * (0.6, a client at UTC+8/+9 against a declared zone in the Americas), {@code max_workers}.
 */
public final class RdpClientTimeZoneDetector implements Detector {

    public static final String ID = "control.rdp-client-time-zone";
    static final String TYPE = "microsoft-windows-remotedesktopservices-rdpcorets-operational.104";
    static final String OFFSET_FIELD = "ClientUtcOffsetMinutes";
    /** Remote Desktop Protocol. */
    static final String TECHNIQUE = "T1021.001";

    private Settings settings;
    private PerEntity<String, Sessions> workers;

    /** One worker's RDP sessions so far: how many, how many from far away, on which days. */
    static final class Sessions {
        int all;
        int foreign;
        /** UTC days with a foreign session, bounded: only whether there are enough matters. */
        final Set<Long> foreignDays = new HashSet<>();
        final Map<Integer, Integer> foreignOffsets = new HashMap<>();
        Event firstForeign;
        boolean singleReported;
        boolean consistentReported;

        int commonestForeignOffset() {
            return foreignOffsets.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "Windows Remote Desktop logs (RdpCoreTS event 104)";
    }

    @Override
    public String description() {
        return "Remote Desktop sessions into a worker's laptop from a client set to a time zone far from the "
                + "worker's declared one (RdpCoreTS event 104)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(TYPE);
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        workers = ctx.state(settings.integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (!(e.document().get(OFFSET_FIELD) instanceof Number offsetValue)) {
            ctx.skipped("RDP time-zone event without a readable client offset");
            return;
        }
        String workerId = ctx.roster().workerIdOf(e);
        Person worker = ctx.roster().worker(workerId);
        if (worker == null) {
            ctx.skipped("RDP session into a computer not assigned to a worker");
            return;
        }
        ZoneId declaredZone = worker.timeZone();
        if (declaredZone == null) {
            ctx.skipped("worker without a declared time zone");
            return;
        }
        int client = offsetValue.intValue();
        int declared = Clocks.offsetMinutes(declaredZone, e.time());
        Sessions s = workers.get(workerId, k -> new Sessions());
        s.all++;
        if (Clocks.distance(client, declared) < settings.number("min_distance_hours", 4) * 60) {
            return; // the declared zone or a neighbouring one: IT support, the worker's own computers
        }
        s.foreign++;
        if (s.foreignDays.size() < 64) {
            s.foreignDays.add(Math.floorDiv(e.time().getEpochSecond(), 86_400));
        }
        s.foreignOffsets.merge(client, 1, Integer::sum);
        if (s.firstForeign == null) {
            s.firstForeign = e.envelope();
        }
        boolean asianDay = Clocks.asianDayAgainstAmericas(client, declared);
        String host = e.host() != null ? e.host() : "the laptop";
        String laptop = host + ", " + worker.name() + "'s laptop,";
        String declaredText = worker.name() + " is declared in " + declaredZone + " (" + Clocks.utc(declared) + " then)";
        boolean consistent = s.foreignDays.size() >= settings.integer("consistent_days", 3)
                && s.foreign >= settings.number("min_foreign_share", 0.5) * s.all;
        if (consistent && !s.consistentReported) {
            s.consistentReported = true;
            int usual = s.commonestForeignOffset();
            boolean usualAsian = Clocks.asianDayAgainstAmericas(usual, declared);
            double strength = usualAsian ? settings.number("asian_day_strength", 0.6)
                    : settings.number("consistent_strength", 0.45);
            ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.CONTROL).technique(TECHNIQUE).strength(strength)
                    .evidence(s.firstForeign, e)
                    .because("Remote Desktop connections to " + laptop + " came from a computer whose clock is set to "
                            + Clocks.utc(usual) + " on " + s.foreignDays.size() + " days (" + s.foreign + " of " + s.all
                            + " sessions), while " + declaredText + ": the laptop is being worked from "
                            + "a place where the clock is " + Clocks.hoursApart(usual - declared) + (usualAsian
                                    ? ", as the scheme's operators in North Korea or China do." : "."))
                    .emit();
        } else if (!s.singleReported && !s.consistentReported) {
            s.singleReported = true;
            double strength = settings.number("single_strength", 0.15) + (asianDay ? 0.1 : 0);
            ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.CONTROL).technique(TECHNIQUE).strength(strength)
                    .evidence(e)
                    .because("A Remote Desktop connection to " + laptop + " came from a computer whose clock is set to "
                            + Clocks.utc(client) + ", while " + declaredText + ": someone used the laptop from "
                            + "a place where the clock is " + Clocks.hoursApart(client - declared)
                            + "; a single trip would look the same.")
                    .emit();
        }
    }
}
