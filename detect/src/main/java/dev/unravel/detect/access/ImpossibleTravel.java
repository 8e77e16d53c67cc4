package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.intel.IntelFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Two successful sign-ins by one account from places farther apart than an airliner could fly in
 * the time between them. Uses the coordinates the identity provider reports (Okta
 * {@code client.geographicalContext.geolocation}, Entra {@code location.geoCoordinates});
 * sign-ins through VPN, hosting or company egress are left out, since their location is the
 * exit's. Events may arrive slightly out of order, so the gap is taken as an absolute time. The
 * default speed limit, 1,200 km/h, is an airliner's ground speed with a strong jet stream, so a
 * long-haul business trip never counts.
 */
public final class ImpossibleTravel implements Detector {

    public static final String ID = "access.impossible-travel";
    private static final double EARTH_RADIUS_KM = 6371.0;

    private final IntelFeed intel;
    private PerEntity<EntityRef, Track> subjects;

    public ImpossibleTravel(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Track {
        long lastSecond;
        double lastLat;
        double lastLon;
        String lastPlace;
        Event lastEvent;
        int jumps;
        double fastestKmh;
        String example;
        final List<Event> evidence = new ArrayList<>();
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
        return "consecutive sign-ins from places too far apart to travel between in the time";
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
        if (s == null || !s.success() || s.network().masksOrigin() || s.network().office()) {
            return;
        }
        if (s.network().internal()) {
            ctx.skipped("private or internal source address");
            return;
        }
        if (Double.isNaN(s.lat()) || Double.isNaN(s.lon())) {
            if (!"github".equals(event.source())) {
                ctx.skipped("sign-in without coordinates");
            }
            return;
        }
        double maxKmh = ctx.settings().number("max_speed_kmh", 1200);
        double minKm = ctx.settings().number("min_distance_km", 500);
        Track t = subjects.get(s.subject(), k -> new Track());
        long now = event.time().getEpochSecond();
        String place = s.country() == null ? "an unknown country" : s.country();
        if (t.lastEvent != null) {
            double km = distanceKm(t.lastLat, t.lastLon, s.lat(), s.lon());
            double hours = Math.max(Math.abs(now - t.lastSecond), 60) / 3600.0;
            double kmh = km / hours;
            if (km >= minKm && kmh > maxKmh) {
                t.jumps++;
                if (kmh > t.fastestKmh) {
                    t.fastestKmh = kmh;
                    t.example = String.format("%.0f km between %s and %s in %.1f hours", km, t.lastPlace, place,
                            hours);
                }
                if (t.evidence.size() < 10) {
                    t.evidence.add(t.lastEvent);
                    t.evidence.add(event.envelope());
                }
            }
        }
        if (t.lastEvent == null || now >= t.lastSecond) {
            t.lastSecond = now;
            t.lastLat = s.lat();
            t.lastLon = s.lon();
            t.lastPlace = place;
            t.lastEvent = event.envelope();
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : subjects.entries()) {
            Track t = entry.getValue();
            if (t.jumps == 0) {
                continue;
            }
            ctx.signal(ID, entry.getKey()).stage(Stage.ACCESS).technique("T1078")
                    // One jump is often a geolocation error or a trip; an operator leaking now and then repeats.
                    .strength(t.jumps >= 3 ? 0.5 : t.jumps == 2 ? 0.3 : 0.2)
                    .evidence(t.evidence.toArray(new Event[0]))
                    .because(String.format("The same account signed in from places too far apart to travel between "
                            + "%d time%s, for example %s.", t.jumps, t.jumps == 1 ? "" : "s", t.example))
                    .emit();
        }
    }

    static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    }
}
