package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.evtx;
import static dev.unravel.detect.control.Samples.laptop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class RdpClientTimeZoneDetectorTest {

    /** Two workers declared in America/Chicago (UTC-5 from 8 March 2026) with their laptops. */
    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                        + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1")
                        + laptop("NWL-LT-2", "SER2", "E2"));
    }

    /** RdpCoreTS 104 as evtx_dump writes it on the computer connected to. */
    static String clientZone(String time, String computer, String biasHours) {
        return evtx("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational",
                "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS", 104, time, computer, "TimezoneBiasHour", biasHours);
    }

    @Test
    void theEventTypeTheReaderGivesIsTheOneTheDetectorReads() {
        List<Event> events = DetectorHarness.read("windows-evtx-json", clientZone("2026-03-10T00:05:00Z", "NWL-LT-1", "9"));
        assertThat(new RdpClientTimeZoneDetector().reads(events.get(0).type())).as(events.get(0).type()).isTrue();
    }

    @Test
    void sessionsFromKoreanClocksOnSeveralDaysAreAStrongSignalAboutTheLaptopsWorker() {
        String sessions = clientZone("2026-03-10T00:05:00Z", "NWL-LT-1", "9")
                + clientZone("2026-03-11T00:12:00Z", "NWL-LT-1", "[9]")
                + clientZone("2026-03-12T23:58:00Z", "NWL-LT-1", "9")
                + clientZone("2026-03-13T00:31:00Z", "NWL-LT-1", "9");
        List<Signal> signals = company().with("windows-evtx-json", sessions).run(new RdpClientTimeZoneDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(RdpClientTimeZoneDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1021.001");
        });
        Signal first = signals.get(0);
        Signal consistent = signals.get(1);
        assertThat(first.strength()).isLessThan(0.3);
        assertThat(consistent.strength()).isGreaterThanOrEqualTo(0.55);
        assertThat(consistent.evidence()).hasSize(2);
        // Raised on the third day, when the pattern became consistent, not at the end of the scan.
        assertThat(consistent.time()).isEqualTo(java.time.Instant.parse("2026-03-12T23:58:00Z"));
        assertThat(consistent.explanation()).contains("NWL-LT-1", "Betty Reed", "UTC+9", "on 3 days (3 of 3 sessions)",
                "America/Chicago (UTC-5 then)", "14 hours ahead", "North Korea or China");
    }

    @Test
    void itSupportFromTheDeclaredZoneOrAnotherUsZoneIsNotFlagged() {
        String sessions = clientZone("2026-03-10T15:05:00Z", "NWL-LT-2", "-5")
                + clientZone("2026-03-11T16:12:00Z", "NWL-LT-2", "-6")
                + clientZone("2026-03-12T17:58:00Z", "NWL-LT-2", "-7")
                + clientZone("2026-03-13T18:31:00Z", "NWL-LT-2", "-4");
        DetectorHarness h = company().with("windows-evtx-json", sessions);
        assertThat(h.run(new RdpClientTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).isEmpty();
    }

    @Test
    void aTravellersSessionsOnOneDayAreOnlyAWeakSignal() {
        String sessions = clientZone("2026-03-10T09:05:00Z", "NWL-LT-2", "1")
                + clientZone("2026-03-10T13:40:00Z", "NWL-LT-2", "1")
                + clientZone("2026-03-16T14:00:00Z", "NWL-LT-2", "-5");
        List<Signal> signals = company().with("windows-evtx-json", sessions).run(new RdpClientTimeZoneDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isLessThan(0.3);
            assertThat(s.explanation()).contains("UTC+1", "6 hours ahead", "a single trip would look the same");
        });
    }

    @Test
    void foreignDaysAmongMostlyHomeSessionsStayWeak() {
        StringBuilder sessions = new StringBuilder();
        for (int day = 10; day <= 12; day++) {
            sessions.append(clientZone("2026-03-" + day + "T08:00:00Z", "NWL-LT-2", "1"));
            for (int hour = 14; hour <= 17; hour++) {
                sessions.append(clientZone("2026-03-" + day + "T" + hour + ":00:00Z", "NWL-LT-2", "-5"));
            }
        }
        List<Signal> signals = company().with("windows-evtx-json", sessions.toString())
                .run(new RdpClientTimeZoneDetector());
        // Three foreign days, but 3 of 15 sessions: the declared zone is where the laptop is mostly used from.
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isLessThan(0.3));
    }

    @Test
    void aContractorDeclaredAbroadWorkingFromTheirDeclaredZoneIsNotFlagged() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E3", "Ola", "Nowak", "onowak", "2025-06-02")
                        .replace("America/Chicago", "Europe/Warsaw"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-3", "SER3", "E3"));
        StringBuilder sessions = new StringBuilder();
        for (int day = 10; day <= 14; day++) {
            sessions.append(clientZone("2026-03-" + day + "T08:30:00Z", "NWL-LT-3", "1"));
        }
        assertThat(h.with("windows-evtx-json", sessions.toString()).run(new RdpClientTimeZoneDetector())).isEmpty();
    }

    @Test
    void serversNobodyIsAssignedAndUnreadableOffsetsAreCountedNotGuessed() {
        DetectorHarness h = company().with("windows-evtx-json",
                clientZone("2026-03-10T00:05:00Z", "FS-01", "9") + clientZone("2026-03-10T00:06:00Z", "NWL-LT-1", "n/a"));
        assertThat(h.run(new RdpClientTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKeys("RDP session into a computer not assigned to a worker",
                "RDP time-zone event without a readable client offset");
    }
}
