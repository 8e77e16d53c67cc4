package dev.unravel.detect.control;

import dev.unravel.detect.EndpointEvents;

import dev.unravel.detect.roster.Normalise;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.hours.Clocks;
import dev.unravel.detect.roster.Person;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time zone a worker's laptop is set to, against the worker's declared time zone. An operator
 * abroad who works a company laptop sets its clock to their own day: Korea or China Standard Time
 * on a laptop HR has in Chicago is the scheme's mark.
 *
 * <p>The OS zone comes from two real sources: Windows registry writes to
 * {@code HKLM\SYSTEM\CurrentControlSet\Control\TimeZoneInformation\TimeZoneKeyName} (Sysmon event
 * 13 or Defender for Endpoint's DeviceRegistryEvents, {@code TargetObject} and {@code Details}: "Korea
 * Standard Time"), and osquery's {@code time}
 * table, whose {@code local_timezone} column is the Windows StandardName on Windows and the C
 * library's abbreviation elsewhere ("KST", "CDT", "+08"). Windows names map to IANA zones through
 * CLDR's table ({@code windows-time-zones.txt}); an abbreviation two regions share ("CST": US
 * Central, China, Cuba) counts as foreign only when every reading of it is far from the declared
 * zone, so an ambiguous name never makes a false finding.
 *
 * <p>The laptop's worker comes from the asset records (host → worker). A zone set on a laptop
 * stays until changed, so every later Sysmon or osquery record from the laptop is a day it was
 * used on that clock. One foreign setting is what a business trip with automatic time zone looks
 * like and gives only a weak signal; a foreign zone on several days that make up most of the days
 * the laptop was seen gives the strong one, which a later change back to the declared zone does
 * not take back. Settings: {@code min_distance_hours} (4), {@code consistent_days} (5),
 * {@code min_foreign_share} (0.5), {@code single_strength} (0.15), {@code consistent_strength}
 * (0.4), {@code asian_day_strength} (0.55, UTC+8/+9 against a declared zone in the Americas),
 * {@code max_hosts}.
 */
public final class OsTimeZoneDetector implements Detector {

    public static final String ID = "control.os-time-zone";
    static final String ZONE_KEY_SUFFIX = "\\control\\timezoneinformation\\timezonekeyname";
    static final String OSQUERY_ZONE_COLUMN = "local_timezone";

    /** Windows key names and StandardNames, lower case → IANA zone. */
    static final Map<String, ZoneId> WINDOWS_ZONES = loadWindowsZones();

    /**
     * Abbreviations glibc and macOS print for {@code %Z}, with every UTC offset each one stands for
     * in current tz data (PST is also the Philippines, IST India, Israel and Ireland).
     */
    private static final Map<String, List<Integer>> ABBREVIATIONS = Map.ofEntries(
            Map.entry("UTC", List.of(0)), Map.entry("GMT", List.of(0)), Map.entry("Z", List.of(0)),
            Map.entry("KST", List.of(540)), Map.entry("JST", List.of(540)), Map.entry("HKT", List.of(480)),
            Map.entry("AWST", List.of(480)), Map.entry("WIB", List.of(420)), Map.entry("WITA", List.of(480)),
            Map.entry("WIT", List.of(540)), Map.entry("PKT", List.of(300)), Map.entry("MSK", List.of(180)),
            Map.entry("CST", List.of(-360, 480, -300)), Map.entry("CDT", List.of(-300, -240)),
            Map.entry("EST", List.of(-300)), Map.entry("EDT", List.of(-240)), Map.entry("MST", List.of(-420)),
            Map.entry("MDT", List.of(-360)), Map.entry("PST", List.of(-480, 480)), Map.entry("PDT", List.of(-420)),
            Map.entry("AKST", List.of(-540)), Map.entry("AKDT", List.of(-480)), Map.entry("HST", List.of(-600)),
            Map.entry("AST", List.of(-240, 180)), Map.entry("ADT", List.of(-180)), Map.entry("NST", List.of(-210)),
            Map.entry("NDT", List.of(-150)), Map.entry("IST", List.of(330, 120, 60)), Map.entry("BST", List.of(60)),
            Map.entry("WET", List.of(0)), Map.entry("WEST", List.of(60)), Map.entry("CET", List.of(60)),
            Map.entry("CEST", List.of(120)), Map.entry("EET", List.of(120)), Map.entry("EEST", List.of(180)),
            Map.entry("SAST", List.of(120)), Map.entry("AEST", List.of(600)), Map.entry("AEDT", List.of(660)),
            Map.entry("ACST", List.of(570)), Map.entry("ACDT", List.of(630)), Map.entry("NZST", List.of(720)),
            Map.entry("NZDT", List.of(780)));

    /** glibc's name for zones without an abbreviation: "+08", "-03", "+0530". */
    private static final Pattern NUMERIC = Pattern.compile("^(?:UTC|GMT)?([+-])(\\d{1,2})(?::?(\\d{2}))?$");

    private Settings settings;
    private PerEntity<String, Laptop> laptops;

    /** One laptop's clock as last seen, and on how many days it was used on a far or a near zone. */
    static final class Laptop {
        String workerId;
        OsZone zone;
        boolean foreign;
        /** The record that set or showed the current zone. */
        Event zoneEvent;
        Event firstForeign;
        OsZone firstForeignZone;
        long lastForeignDay = Long.MIN_VALUE;
        int foreignDays;
        long lastHomeDay = Long.MIN_VALUE;
        int homeDays;
        boolean singleReported;
        boolean consistentReported;

        /** Counts the day of {@code time} on the current clock; an event late from an earlier day adds nothing. */
        void countDay(Instant time) {
            long day = Math.floorDiv(time.getEpochSecond(), 86_400);
            if (foreign && day > lastForeignDay) {
                lastForeignDay = day;
                foreignDays++;
            } else if (!foreign && day > lastHomeDay) {
                lastHomeDay = day;
                homeDays++;
            }
        }
    }

    /** An OS zone as named on the laptop, with every UTC offset the name can mean. */
    record OsZone(String name, List<ZoneId> readings) {
        /** The reading nearest to {@code declaredMinutes} at {@code time}: the benefit of the doubt. */
        int nearestOffset(Instant time, int declaredMinutes) {
            int best = 0;
            int bestDistance = Integer.MAX_VALUE;
            for (ZoneId z : readings) {
                int offset = z.getRules().getOffset(time).getTotalSeconds() / 60;
                int d = Clocks.distance(offset, declaredMinutes);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = offset;
                }
            }
            return best;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptops' time-zone settings (Sysmon registry events, osquery)";
    }

    @Override
    public String description() {
        return "A worker's laptop set to a time zone far from the worker's declared one (Windows registry "
                + "TimeZoneKeyName via Sysmon 13 or Defender for Endpoint, osquery time.local_timezone)";
    }

    @Override
    public Set<String> eventTypes() {
        // Every Sysmon and osquery record: the zone records, and the rest as days the laptop was used on its clock.
        // every event of the agents that log the zone: each day a laptop is seen counts toward a steady zone
        return EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.REGISTRY), "sysmon.", "defender.",
                "osquery.");
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        laptops = ctx.state(settings.integer("max_hosts", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (e.host() == null || e.host().isBlank()) {
            return;
        }
        String hostKey = hostKey(e.host());
        String zoneName = zoneNameOf(e);
        if (zoneName == null) {
            Laptop known = laptops.peek(hostKey);
            if (known != null) {
                known.countDay(e.time());
                if (known.foreign) {
                    considerConsistent(known, e, ctx);
                }
            }
            return;
        }
        OsZone zone = parse(zoneName);
        if (zone == null) {
            ctx.skipped("OS time zone name not recognised");
            return;
        }
        String workerId = ctx.roster().workerIdOfHost(e.host());
        Person worker = ctx.roster().worker(workerId);
        if (worker == null) {
            ctx.skipped("OS time zone of a computer not assigned to a worker");
            return;
        }
        ZoneId declaredZone = worker.timeZone();
        if (declaredZone == null) {
            ctx.skipped("worker without a declared time zone");
            return;
        }
        int declared = Clocks.offsetMinutes(declaredZone, e.time());
        int os = zone.nearestOffset(e.time(), declared);
        Laptop l = laptops.get(hostKey, k -> new Laptop());
        l.workerId = workerId;
        l.zone = zone;
        Event kept = e.envelope();
        l.zoneEvent = kept;
        l.foreign = Clocks.distance(os, declared) >= settings.number("min_distance_hours", 4) * 60;
        l.countDay(e.time());
        if (!l.foreign) {
            return; // the declared zone or a neighbouring one; what was already seen stands
        }
        if (l.firstForeign == null) {
            l.firstForeign = kept;
            l.firstForeignZone = zone;
        }
        if (!considerConsistent(l, e, ctx) && !l.singleReported && !l.consistentReported) {
            l.singleReported = true;
            boolean asian = Clocks.asianDayAgainstAmericas(os, declared);
            double strength = settings.number("single_strength", 0.15) + (asian ? 0.1 : 0);
            ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.CONTROL).strength(strength).evidence(e)
                    .because("The clock of " + laptopText(e, worker) + " was set to " + zoneText(zone.name(), os)
                            + ", while " + declaredText(worker, declared) + ": the laptop was used on a clock "
                            + Clocks.hoursApart(os - declared) + "; a business trip would look the same.")
                    .emit();
        }
    }

    /**
     * Emits the strong signal once the laptop has been used on a foreign clock on enough days, most
     * of the days it was seen. Returns true when it did.
     */
    private boolean considerConsistent(Laptop l, Event latest, DetectorContext ctx) {
        if (l.consistentReported || l.foreignDays < settings.integer("consistent_days", 5)
                || l.foreignDays < settings.number("min_foreign_share", 0.5) * (l.foreignDays + l.homeDays)) {
            return false;
        }
        Person worker = ctx.roster().worker(l.workerId);
        if (worker == null || worker.timeZone() == null) {
            return false;
        }
        l.consistentReported = true;
        int declared = Clocks.offsetMinutes(worker.timeZone(), latest.time());
        int os = l.zone.nearestOffset(latest.time(), declared);
        boolean asian = Clocks.asianDayAgainstAmericas(os, declared);
        double strength = asian ? settings.number("asian_day_strength", 0.55)
                : settings.number("consistent_strength", 0.4);
        var evidence = l.firstForeign == l.zoneEvent ? new Event[] {l.zoneEvent}
                : new Event[] {l.firstForeign, l.zoneEvent};
        ctx.signal(ID, EntityRef.worker(l.workerId)).stage(Stage.CONTROL).strength(strength).at(latest.time())
                .evidence(evidence)
                .because("The clock of " + laptopText(l.firstForeign, worker) + " was set to "
                        + zoneText(l.zone.name(), os) + " on " + l.foreignDays + " of the " + (l.foreignDays + l.homeDays)
                        + " days it was used, while " + declaredText(worker, declared)
                        + ": the laptop is being worked from a place whose clock is " + Clocks.hoursApart(os - declared)
                        + (asian ? ", as the scheme's operators in North Korea or China do." : "."))
                .emit();
        return true;
    }

    /** The OS zone name a record holds, or null when the record does not say the laptop's zone. */
    static String zoneNameOf(Event e) {
        Map<String, Object> doc = e.document();
        if (EndpointEvents.kind(e.type()) == EndpointEvents.Kind.REGISTRY) {
            if (doc.get("TargetObject") instanceof String target
                    && target.toLowerCase(Locale.ROOT).endsWith(ZONE_KEY_SUFFIX)
                    && doc.get("Details") instanceof String details && !details.isBlank()) {
                return details.strip();
            }
            return null;
        }
        if (e.type().startsWith("osquery.") && doc.get("columns") instanceof Map<?, ?> columns
                && columns.get(OSQUERY_ZONE_COLUMN) instanceof String zone && !zone.isBlank()) {
            return zone.strip();
        }
        return null;
    }

    /** A Windows name, an abbreviation or a numeric offset; null when none of these. */
    static OsZone parse(String name) {
        ZoneId windows = WINDOWS_ZONES.get(name.toLowerCase(Locale.ROOT));
        if (windows != null) {
            return new OsZone(name, List.of(windows));
        }
        String upper = name.toUpperCase(Locale.ROOT);
        List<Integer> offsets = ABBREVIATIONS.get(upper);
        if (offsets != null) {
            return new OsZone(name, offsets.stream().map(m -> (ZoneId) ZoneOffset.ofTotalSeconds(m * 60)).toList());
        }
        Matcher m = NUMERIC.matcher(upper);
        if (m.matches()) {
            int minutes = Integer.parseInt(m.group(2)) * 60 + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
            if (minutes <= 14 * 60) {
                return new OsZone(name, List.of(ZoneOffset.ofTotalSeconds(("-".equals(m.group(1)) ? -minutes : minutes) * 60)));
            }
        }
        return null;
    }

    private static Map<String, ZoneId> loadWindowsZones() {
        Map<String, ZoneId> zones = new HashMap<>();
        try (InputStream in = OsTimeZoneDetector.class.getResourceAsStream("windows-time-zones.txt")) {
            if (in == null) {
                throw new IllegalStateException("windows-time-zones.txt missing from the detect module");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                String t = line.strip();
                int eq = t.lastIndexOf('=');
                if (t.isEmpty() || t.startsWith("#") || eq < 0) {
                    continue;
                }
                zones.put(t.substring(0, eq).strip().toLowerCase(Locale.ROOT), ZoneId.of(t.substring(eq + 1).strip()));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return Map.copyOf(zones);
    }

    /**
     * The laptop's short name, lower case: Sysmon names it by FQDN ({@code Computer}), osquery often
     * by the bare host name, and both are the same clock. Addresses stay whole.
     */
    static String hostKey(String host) {
        return Normalise.deviceName(host);
    }

    private static String laptopText(Event e, Person worker) {
        return e.host() + ", " + worker.name() + "'s laptop,";
    }

    private static String zoneText(String name, int offset) {
        String utc = Clocks.utc(offset);
        return name.equalsIgnoreCase(utc) ? utc : name + " (" + utc + ")";
    }

    private static String declaredText(Person worker, int declared) {
        return worker.name() + " is declared in " + worker.timeZone() + " ("
                + Clocks.utc(declared) + " then)";
    }
}
