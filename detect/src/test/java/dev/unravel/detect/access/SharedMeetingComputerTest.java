package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.harness;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedMeetingComputerTest {

    /** A Zoom participant record (Dashboard API, with the meeting's topic as a collection adds it). */
    static String zoom(String email, String joined, String pc, String mac) {
        return "{\"meeting_uuid\":\"4rTz1bS9Q3uV0dH8fX2wLg==\",\"meeting_id\":\"85104433120\",\"topic\":\"Stand-up\","
                + "\"user_name\":\"x\",\"device\":\"Windows\",\"ip_address\":\"185.242.5.85\",\"microphone\":\"Headset\","
                + "\"camera\":\"\",\"join_time\":\"" + joined + "\",\"leave_time\":\"2026-03-09T15:31:02Z\","
                + "\"pc_name\":\"" + pc + "\",\"mac_addr\":\"" + mac + "\",\"email\":\"" + email + "\"}\n";
    }

    /** A Teams group call with one participant's session, on the computer {@code name} with the card {@code mac}. */
    static String teams(String upn, String start, String name, String mac) {
        return "{\"id\":\"c-" + upn.hashCode() + "\",\"type\":\"groupCall\",\"modalities\":[\"audio\"],\"startDateTime\":\""
                + start + "\",\"sessions\":[{\"id\":\"s1\",\"startDateTime\":\"" + start + "\",\"caller\":{\"@odata.type\":"
                + "\"#microsoft.graph.callRecords.participantEndpoint\",\"name\":\"" + name + "\",\"associatedIdentity\":{"
                + "\"userPrincipalName\":\"" + upn + "\"}},\"callee\":{\"@odata.type\":\"#microsoft.graph.callRecords."
                + "serviceEndpoint\"},\"segments\":[{\"media\":[{\"label\":\"main-audio\",\"callerNetwork\":{"
                + "\"macAddress\":\"" + mac + "\"},\"callerDevice\":{\"captureDeviceName\":\"Headset\"}}]}]}]}\n";
    }

    @Test
    void twoWorkersJoiningMeetingsFromOneComputer_areEachTiedToTheOther() {
        List<Signal> signals = harness().with("zoom-participants",
                zoom("jeffrey.king@example.com", "2026-03-09T15:00:12Z", "DESKTOP-7QK2L1M", "F0-18-98-12-34-56")
                        + zoom("kevin.hart@example.com", "2026-03-10T15:00:12Z", "DESKTOP-7QK2L1M", "F0-18-98-12-34-56")
                        + zoom("jeffrey.king@example.com", "2026-03-11T15:00:12Z", "DESKTOP-7QK2L1M", "F0-18-98-12-34-56")
                        + zoom("anna.nowak@example.com", "2026-03-10T15:00:12Z", "NWL-LT-4", "F0-18-98-AA-BB-CC"))
                .run(new SharedMeetingComputer());
        assertThat(signals).as("the name and the card tie the same two: said once")
                .extracting(s -> s.subject().value() + " " + s.strength()).containsExactlyInAnyOrder("E1 0.5", "E5 0.5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.explanation()).startsWith("One computer, DESKTOP-7QK2L1M, joined meetings as 2 different "
                    + "workers (Jeffrey King (worker E1), Kevin Hart (worker E5)), per Zoom's participant records");
            assertThat(s.explanation()).contains("The North Korean IT-worker scheme's operators hold several hires'");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    @Test
    void oneNetworkCardUnderTwoNames_isOneMachine_butAMadeUpCardOrAGenericNameIsNot() {
        List<Signal> signals = harness().with("teams-callrecords",
                teams("jeffrey.king@example.com", "2026-03-09T15:00:10Z", "JK-PC", "3C:52:82:11:22:33")
                        + teams("kevin.hart@example.com", "2026-03-09T16:00:10Z", "KH-WORKSTATION", "3c-52-82-11-22-33")
                        + teams("anna.nowak@example.com", "2026-03-09T16:00:10Z", "MacBook Pro", "02:00:00:00:00:00")
                        + teams("maria.lopez@example.com", "2026-03-09T16:00:10Z", "MacBook Pro", "02:00:00:00:00:00"))
                .run(new SharedMeetingComputer());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals.get(0).explanation()).startsWith("One computer's network card (3C:52:82:11:22:33) joined "
                + "meetings as 2 different workers").contains("per Teams' call records");
    }

    @Test
    void aHouseholdIsSaidWeakly_andARoomBehindManyIsLeftAloneAndCounted() {
        DetectorHarness h = harness().with("zoom-participants",
                zoom("maria.lopez@example.com", "2026-03-09T15:00:12Z", "Lopez-Family-PC", "")
                        + zoom("tom.lopez@example.com", "2026-03-09T18:00:12Z", "Lopez-Family-PC", "")
                        + zoom("jeffrey.king@example.com", "2026-03-09T15:00:12Z", "Boardroom-3", "")
                        + zoom("kevin.hart@example.com", "2026-03-09T15:00:12Z", "Boardroom-3", "")
                        + zoom("anna.nowak@example.com", "2026-03-09T15:00:12Z", "Boardroom-3", "")
                        + zoom("maria.lopez@example.com", "2026-03-10T15:00:12Z", "Boardroom-3", "")
                        + zoom("tom.lopez@example.com", "2026-03-10T15:00:12Z", "Boardroom-3", ""))
                .settings(SharedMeetingComputer.ID, Map.of("max_workers", 4));
        List<Signal> signals = h.run(new SharedMeetingComputer());
        assertThat(signals).extracting(s -> s.subject().value() + " " + s.strength())
                .containsExactlyInAnyOrder("E2 0.2", "E3 0.2");
        assertThat(signals.get(0).explanation()).contains("HR records them at one home, so it may be a family "
                + "computer");
        assertThat(h.skippedReasons()).containsEntry("computer behind more than 4 workers' meetings (a room or a "
                + "default name)", 1L);
    }

    @Test
    void aMacIsTwelveHexDigitsOfACardsOwnAddress() {
        assertThat(SharedMeetingComputer.normalMac("F0-18-98-12-34-56")).isEqualTo("f01898123456");
        assertThat(SharedMeetingComputer.normalMac("f018.9812.3456")).isEqualTo("f01898123456");
        assertThat(SharedMeetingComputer.normalMac("02:00:00:00:00:00")).as("Teams' placeholder").isNull();
        assertThat(SharedMeetingComputer.normalMac("da:a1:19:00:00:01")).as("locally administered").isNull();
        assertThat(SharedMeetingComputer.normalMac("00-00-00-00-00-00")).isNull();
        assertThat(SharedMeetingComputer.normalMac("F0-18-98-12-34")).isNull();
        assertThat(SharedMeetingComputer.normalMac("not a mac")).isNull();
    }

    @Test
    void aNameThatOnlySaysWhatKindOfComputerItIsIsNoOnesComputer() {
        assertThat(List.of("MacBook Pro", "MacBook-Pro-2", "macbook-air.local", "iPhone (3)", "DESKTOP", "iPad",
                "Windows_PC")).allSatisfy(n -> assertThat(SharedMeetingComputer.generic(n)).as(n).isTrue());
        assertThat(List.of("DESKTOP-7QK2L1M", "Johns-MacBook-Pro", "NWL-LT-10511", "Lopez-Family-PC"))
                .allSatisfy(n -> assertThat(SharedMeetingComputer.generic(n)).as(n).isFalse());
    }

    /** A computer name is said with whose company laptop it is, or that the asset records give it to no one. */
    @Test
    void theComputerIsSaidAsTheCompanyLaptopItIsOrAsNoOnes() {
        String assets = dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-1", "SER1", "E1");
        List<Signal> signals = harness().with("asset-assignments", assets).with("zoom-participants",
                zoom("jeffrey.king@example.com", "2026-03-09T15:00:12Z", "NWL-LT-1", "")
                        + zoom("kevin.hart@example.com", "2026-03-10T15:00:12Z", "NWL-LT-1", "")
                        + zoom("maria.lopez@example.com", "2026-03-10T15:00:12Z", "DESKTOP-7QK2L1M", "")
                        + zoom("anna.nowak@example.com", "2026-03-10T16:00:12Z", "DESKTOP-7QK2L1M", ""))
                .run(new SharedMeetingComputer());
        assertThat(signals).extracting(Signal::explanation).filteredOn(x -> x.contains("NWL-LT-1")).hasSize(2)
                .allSatisfy(x -> assertThat(x).startsWith("One computer, NWL-LT-1, Jeffrey King's company laptop, "
                        + "joined meetings as 2 different workers"));
        assertThat(signals).extracting(Signal::explanation).filteredOn(x -> x.contains("DESKTOP-")).hasSize(2)
                .allSatisfy(x -> assertThat(x).startsWith("One computer, DESKTOP-7QK2L1M, which the asset records "
                        + "give to no one, joined"));
    }
}
