package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.process;
import static dev.unravel.detect.control.Samples.sysmon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OsTimeZoneDetectorTest {

    /** Two workers declared in America/Chicago (UTC-5 from 8 March 2026) with their laptops. */
    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                        + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1")
                        + laptop("NWL-LT-2", "SER2", "E2"));
    }

    /** Sysmon 13 as evtx_dump writes it when the zone is set (Settings app, tzutil or automatic time zone). */
    static String zoneSet(String time, String computer, String windowsZone) {
        return sysmon(13, time, computer, "RuleName", "-", "EventType", "SetValue",
                "UtcTime", time.replace('T', ' ').replace("Z", ".000"),
                "ProcessGuid", "{3f1a2b4c-0000-0000-0000-000000000001}", "ProcessId", "5120",
                "Image", "C:\\Windows\\system32\\tzutil.exe",
                "TargetObject", "HKLM\\System\\CurrentControlSet\\Control\\TimeZoneInformation\\TimeZoneKeyName",
                "Details", windowsZone, "User", "NWL\\breed");
    }

    /** A row of osquery's {@code time} table in the results log; {@code localZone} as that platform prints it. */
    static String timeRow(String time, String host, String localZone) {
        Instant t = Instant.parse(time);
        return osquery("time", t.getEpochSecond(), host, "weekday", "Tuesday", "year", "2026", "month", "3",
                "day", "10", "hour", "0", "minutes", "5", "seconds", "0", "timezone", "UTC",
                "local_timezone", localZone, "unix_time", String.valueOf(t.getEpochSecond()),
                "timestamp", "Tue Mar 10 00:05:00 2026 UTC", "datetime", time, "iso_8601", time);
    }

    /** An ordinary process start: the laptop in use that day, on whatever clock it is set to. */
    static String used(String day, String computer) {
        return process(day + "T14:00:00Z", computer, "NWL\\breed", "C:\\Program Files\\Git\\bin\\git.exe", "git pull");
    }

    /** The Windows lines of a mixed sample (evtx_dump JSON starts with {@code {"Event"}). */
    static String windows(String lines) {
        return lines.lines().filter(l -> l.startsWith("{\"Event\"")).map(l -> l + "\n").reduce("", String::concat);
    }

    static String osqueryLines(String lines) {
        return lines.lines().filter(l -> !l.startsWith("{\"Event\"")).map(l -> l + "\n").reduce("", String::concat);
    }

    @Test
    void theEventTypesTheReadersGiveAreOnesTheDetectorReads() {
        OsTimeZoneDetector detector = new OsTimeZoneDetector();
        Event registry = DetectorHarness.read("windows-evtx-json",
                zoneSet("2026-03-10T00:05:00Z", "NWL-LT-1", "Korea Standard Time")).get(0);
        Event row = DetectorHarness.read("osquery", timeRow("2026-03-10T00:05:00Z", "NWL-LT-1", "KST")).get(0);
        assertThat(detector.reads(registry.type())).as(registry.type()).isTrue();
        assertThat(detector.reads(row.type())).as(row.type()).isTrue();
        assertThat(OsTimeZoneDetector.zoneNameOf(registry)).isEqualTo("Korea Standard Time");
        assertThat(OsTimeZoneDetector.zoneNameOf(row)).isEqualTo("KST");
    }

    /** Defender for Endpoint's registry write of the zone, and its other events as the days the laptop is in use. */
    @Test
    void defenderForEndpointsRegistryEventsSetTheZone_andItsProcessesCountTheDays() {
        String device = "nwl-lt-1.nwl.example.com";
        StringBuilder rows = new StringBuilder(Samples.defender("DeviceRegistryEvents", "2026-03-09T23:50:00Z", device,
                "ActionType", Samples.json("RegistryValueSet"), "RegistryKey",
                Samples.json("HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\TimeZoneInformation"),
                "RegistryValueName", Samples.json("TimeZoneKeyName"), "RegistryValueData",
                Samples.json("Korea Standard Time"), "InitiatingProcessFolderPath",
                Samples.json("c:\\windows\\system32\\svchost.exe")));
        for (int day = 10; day <= 14; day++) {
            rows.append(Samples.defenderProcess("2026-03-" + day + "T14:00:00Z", device, "breed",
                    "C:\\Program Files\\Git\\bin\\git.exe", "git pull"));
        }
        List<Event> events = DetectorHarness.read("defender-endpoint", rows.toString());
        assertThat(OsTimeZoneDetector.zoneNameOf(events.get(0))).isEqualTo("Korea Standard Time");
        assertThat(OsTimeZoneDetector.zoneNameOf(events.get(1))).as("a process start says no zone").isNull();
        List<Signal> signals = company().with(events).run(new OsTimeZoneDetector());
        assertThat(signals).extracting(Signal::subject).containsOnly(EntityRef.worker("E1"));
        assertThat(signals).as("weak at once, steady after five days of use").extracting(Signal::strength)
                .anySatisfy(x -> assertThat(x).isLessThan(0.3)).anySatisfy(x -> assertThat(x).isGreaterThanOrEqualTo(0.5));

        // near miss: the same laptop's write of its declared zone (Chicago) is no finding
        String home = rows.toString().replace("Korea Standard Time", "Central Standard Time");
        assertThat(company().with("defender-endpoint", home).run(new OsTimeZoneDetector()))
                .as("Central Standard Time on a Chicago worker's laptop").isEmpty();
    }

    @Test
    void aLaptopKeptOnKoreanTimeIsAStrongSignalThatAChangeBackDoesNotTakeBack() {
        // Sysmon names the laptop by FQDN, osquery by its short name: one clock.
        StringBuilder events = new StringBuilder(zoneSet("2026-03-09T23:50:00Z", "NWL-LT-1.nwl.example.com",
                "Korea Standard Time"));
        for (int day = 10; day <= 16; day++) {
            events.append(day % 2 == 0 ? used("2026-03-" + day, "NWL-LT-1.nwl.example.com")
                    : timeRow("2026-03-" + day + "T14:00:00Z", "nwl-lt-1", "Korea Standard Time"));
        }
        // Before an audit the operator puts the clock back; what was seen stands.
        events.append(zoneSet("2026-03-17T15:00:00Z", "NWL-LT-1", "Central Standard Time"));
        events.append(used("2026-03-18", "NWL-LT-1"));
        DetectorHarness h = company().with("windows-evtx-json", windows(events.toString()))
                .with("osquery", osqueryLines(events.toString()));
        List<Signal> signals = h.run(new OsTimeZoneDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(OsTimeZoneDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
        });
        Signal first = signals.get(0);
        Signal consistent = signals.get(1);
        assertThat(first.strength()).isLessThan(0.3);
        assertThat(first.explanation()).contains("Korea Standard Time (UTC+9)", "a business trip would look the same");
        assertThat(consistent.strength()).isBetween(0.5, 0.6);
        // Raised on the fifth day on Korean time, not at the end of the scan nor undone by the change back.
        assertThat(consistent.time()).isEqualTo(Instant.parse("2026-03-13T14:00:00Z"));
        // The registry write that set the zone and the osquery row that showed it on the fifth day.
        assertThat(consistent.evidence()).hasSize(2);
        assertThat(consistent.explanation()).contains("NWL-LT-1.nwl.example.com, Betty Reed's laptop,", "Korea Standard Time (UTC+9)",
                "on 5 of the 5 days", "America/Chicago (UTC-5 then)", "14 hours ahead", "North Korea or China");
        assertThat(h.skippedReasons()).isEmpty();
    }

    @Test
    void osqueryTimeRowsFromLinuxAndWindowsBothCount() {
        StringBuilder rows = new StringBuilder();
        for (int day = 10; day <= 14; day++) {
            rows.append(timeRow("2026-03-" + day + "T02:00:00Z", "NWL-LT-1", "+08")); // glibc for a zone without letters
            rows.append(timeRow("2026-03-" + day + "T02:00:00Z", "NWL-LT-2", "China Standard Time"));
        }
        List<Signal> signals = company().with("osquery", rows.toString()).run(new OsTimeZoneDetector());
        assertThat(signals).filteredOn(s -> s.strength() >= 0.5).extracting(Signal::subject)
                .containsExactlyInAnyOrder(EntityRef.worker("E1"), EntityRef.worker("E2"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E2")) && s.strength() >= 0.5)
                .singleElement().satisfies(s -> assertThat(s.explanation())
                        .contains("China Standard Time (UTC+8)", "13 hours ahead"));
    }

    @Test
    void aTravellersOneOffChangeIsOnlyWeak() {
        StringBuilder events = new StringBuilder();
        for (int day = 2; day <= 6; day++) {
            events.append(used("2026-03-0" + day, "NWL-LT-2"));
        }
        events.append(zoneSet("2026-03-01T12:00:00Z", "NWL-LT-2", "Central Standard Time"));
        events.append(zoneSet("2026-03-07T03:00:00Z", "NWL-LT-2", "Tokyo Standard Time"));
        events.append(used("2026-03-07", "NWL-LT-2")).append(used("2026-03-08", "NWL-LT-2"));
        events.append(zoneSet("2026-03-09T01:00:00Z", "NWL-LT-2", "Central Standard Time"));
        for (int day = 10; day <= 20; day++) {
            events.append(used("2026-03-" + day, "NWL-LT-2"));
        }
        List<Signal> signals = company().with("windows-evtx-json", events.toString()).run(new OsTimeZoneDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isLessThan(0.3);
            assertThat(s.explanation()).contains("Tokyo Standard Time (UTC+9)", "a business trip would look the same");
        });
    }

    @Test
    void aLongTripAmongMostlyHomeDaysStaysWeak() {
        StringBuilder events = new StringBuilder(zoneSet("2026-02-01T12:00:00Z", "NWL-LT-2", "Central Standard Time"));
        for (int day = 2; day <= 28; day++) {
            events.append(used(String.format("2026-02-%02d", day), "NWL-LT-2"));
        }
        events.append(zoneSet("2026-03-01T03:00:00Z", "NWL-LT-2", "Singapore Standard Time"));
        for (int day = 1; day <= 7; day++) {
            events.append(used("2026-03-0" + day, "NWL-LT-2"));
        }
        List<Signal> signals = company().with("windows-evtx-json", events.toString()).run(new OsTimeZoneDetector());
        // Seven days on Singapore time, but 7 of 35: the declared zone is where the laptop mostly lives.
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isLessThan(0.3));
    }

    /** The same registry write as Winlogbeat's Sysmon module ships it: the value under ECS {@code registry.*}. */
    static String winlogbeatZoneSet(String time, String computer, String windowsZone) {
        return "{\"@timestamp\":\"" + time + "\",\"agent\":{\"type\":\"winlogbeat\",\"version\":\"8.15.2\"},"
                + "\"event\":{\"category\":[\"configuration\",\"registry\"],\"code\":\"13\",\"kind\":\"event\","
                + "\"module\":\"sysmon\",\"provider\":\"Microsoft-Windows-Sysmon\",\"type\":[\"change\"],"
                + "\"action\":\"RegistryEvent (Value Set)\"},\"host\":{\"name\":\"" + computer + "\"},"
                + "\"process\":{\"entity_id\":\"{0197231E-C424-69E1-C922-000000000801}\","
                + "\"executable\":\"C:\\\\Windows\\\\System32\\\\svchost.exe\",\"name\":\"svchost.exe\",\"pid\":1432},"
                + "\"registry\":{\"data\":{\"strings\":[\"" + windowsZone + "\"],\"type\":\"SZ_SZ\"},\"hive\":\"HKLM\","
                + "\"key\":\"SYSTEM\\\\CurrentControlSet\\\\Control\\\\TimeZoneInformation\\\\TimeZoneKeyName\","
                + "\"path\":\"HKLM\\\\System\\\\CurrentControlSet\\\\Control\\\\TimeZoneInformation\\\\TimeZoneKeyName\","
                + "\"value\":\"TimeZoneKeyName\"},\"user\":{\"domain\":\"NT AUTHORITY\",\"name\":\"LOCAL SERVICE\"},"
                + "\"winlog\":{\"api\":\"wineventlog\",\"channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"computer_name\":\"" + computer + "\",\"event_data\":{\"EventType\":\"SetValue\"},\"event_id\":\"13\","
                + "\"process\":{\"pid\":3208,\"thread\":{\"id\":4120}},\"provider_name\":\"Microsoft-Windows-Sysmon\","
                + "\"record_id\":\"48220\",\"user\":{\"identifier\":\"S-1-5-18\"},\"version\":2}}\n";
    }

    @Test
    void automaticTimeZoneShippedByWinlogbeatIsReadToo() {
        Event e = DetectorHarness.read("winlogbeat",
                winlogbeatZoneSet("2026-03-10T00:05:00.000Z", "NWL-LT-1.nwl.example.com", "China Standard Time")).get(0);
        assertThat(OsTimeZoneDetector.zoneNameOf(e)).isEqualTo("China Standard Time");
        List<Signal> signals = company().with(List.of(e)).run(new OsTimeZoneDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("China Standard Time (UTC+8)", "13 hours ahead");
        });
    }

    @Test
    void neighbouringUsZonesAndAmbiguousAbbreviationsAreNotFlagged() {
        StringBuilder events = new StringBuilder();
        for (int day = 10; day <= 20; day++) {
            events.append(timeRow("2026-03-" + day + "T15:00:00Z", "NWL-LT-1", "Pacific Standard Time"));
            // "CST" is US Central as well as China: never read as foreign for a worker declared in Chicago.
            events.append(timeRow("2026-03-" + day + "T15:00:00Z", "NWL-LT-2", "CST"));
        }
        DetectorHarness h = company().with("osquery", events.toString());
        assertThat(h.run(new OsTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).isEmpty();
    }

    @Test
    void aContractorDeclaredAbroadOnTheirDeclaredZoneIsNotFlagged() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E3", "Ola", "Nowak", "onowak", "2025-06-02")
                        .replace("America/Chicago", "Europe/Warsaw"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-3", "SER3", "E3"));
        StringBuilder events = new StringBuilder(zoneSet("2026-03-09T07:00:00Z", "NWL-LT-3", "Central European Standard Time"));
        for (int day = 10; day <= 20; day++) {
            events.append(used("2026-03-" + day, "NWL-LT-3"));
        }
        assertThat(h.with("windows-evtx-json", events.toString()).run(new OsTimeZoneDetector())).isEmpty();
    }

    @Test
    void unknownNamesServersAndOtherRegistryWritesAreCountedOrIgnoredNotGuessed() {
        String events = zoneSet("2026-03-10T00:05:00Z", "FS-01", "Korea Standard Time")
                + zoneSet("2026-03-10T00:06:00Z", "NWL-LT-1", "Klingon Standard Time")
                + sysmon(13, "2026-03-10T00:07:00Z", "NWL-LT-1", "EventType", "SetValue",
                        "TargetObject", "HKLM\\System\\CurrentControlSet\\Control\\TimeZoneInformation\\Bias",
                        "Details", "DWORD (0xfffffde4)");
        DetectorHarness h = company().with("windows-evtx-json", events);
        assertThat(h.run(new OsTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsOnlyKeys("OS time zone of a computer not assigned to a worker",
                "OS time zone name not recognised");
    }

    @Test
    void windowsNamesAbbreviationsAndOffsetsResolve() {
        assertThat(OsTimeZoneDetector.WINDOWS_ZONES).hasSizeGreaterThan(70);
        assertThat(OsTimeZoneDetector.parse("Korea Standard Time").readings()).containsExactly(ZoneId.of("Asia/Seoul"));
        assertThat(OsTimeZoneDetector.parse("china standard time").readings()).containsExactly(ZoneId.of("Asia/Shanghai"));
        assertThat(OsTimeZoneDetector.parse("Malay Peninsula Standard Time").readings())
                .containsExactly(ZoneId.of("Asia/Singapore"));
        assertThat(OsTimeZoneDetector.parse("+0530").readings()).containsExactly(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(OsTimeZoneDetector.parse("-03").readings()).containsExactly(ZoneOffset.ofHours(-3));
        assertThat(OsTimeZoneDetector.parse("CST").readings()).contains(ZoneOffset.ofHours(-6), ZoneOffset.ofHours(8));
        assertThat(OsTimeZoneDetector.parse("+15")).isNull();
        assertThat(OsTimeZoneDetector.parse("Tokyo")).isNull();
    }
}
