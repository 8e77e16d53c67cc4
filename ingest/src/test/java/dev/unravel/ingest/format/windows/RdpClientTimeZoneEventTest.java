package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.ReaderHarness;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** RdpCoreTS 104, the RDP client's time zone, through the evtx_dump reader into a number detectors compare. */
class RdpClientTimeZoneEventTest {

    /** Event 104 as evtx_dump writes it from RdpCoreTS/Operational on the computer being connected to. */
    static String rdp104(String bias) {
        return """
                {"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},\
                "System":{"Provider":{"#attributes":{"Name":"Microsoft-Windows-RemoteDesktopServices-RdpCoreTS",\
                "Guid":"1139C61B-B549-4251-8ED3-27250A1EDEC8"}},"EventID":104,"Version":0,"Level":4,"Task":4,\
                "Opcode":0,"Keywords":"0x4000000000000000","TimeCreated":{"#attributes":{"SystemTime":\
                "2026-03-09T01:14:07.512339Z"}},"EventRecordID":2291,"Correlation":{"#attributes":{"ActivityID":\
                "F420C0A4-5F1B-4E1D-9B52-7C8E0A3E0000"}},"Execution":{"#attributes":{"ProcessID":1120,"ThreadID":4388}},\
                "Channel":"Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational","Computer":"NWL-LT-1",\
                "Security":{"#attributes":{"UserID":"S-1-5-20"}}},"EventData":{"TimezoneBiasHour":"%s"}}}
                """.formatted(bias);
    }

    @Test
    void theClientOffsetBecomesMinutesEastOfUtcOnAnEventTypedForItsChannel() {
        ReaderHarness.Result r = ReaderHarness.read(new EvtxJsonReader(), "rdpcorets.json", rdp104("9") + rdp104("[-8]"));
        assertThat(r.errors()).isEmpty();
        Event korea = r.events().get(0);
        assertThat(korea.type()).isEqualTo("microsoft-windows-remotedesktopservices-rdpcorets-operational.104");
        assertThat(korea.host()).isEqualTo("NWL-LT-1");
        assertThat(korea.time()).isEqualTo(Instant.parse("2026-03-09T01:14:07.512339Z"));
        assertThat(korea.document()).containsEntry("TimezoneBiasHour", "9")
                .containsEntry(WindowsEvents.CLIENT_OFFSET_FIELD, 540);
        assertThat(r.events().get(1).document()).containsEntry(WindowsEvents.CLIENT_OFFSET_FIELD, -480);
    }

    @Test
    void anUnreadableBiasKeepsTheEventWithoutTheNumber() {
        ReaderHarness.Result r = ReaderHarness.read(new EvtxJsonReader(), "rdpcorets.json", rdp104("unknown"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.events().get(0).document()).containsEntry("TimezoneBiasHour", "unknown")
                .doesNotContainKey(WindowsEvents.CLIENT_OFFSET_FIELD);
    }

    @Test
    void offsetsAreReadInTheShapesCollectorsStoreThem() {
        assertThat(WindowsEvents.clientUtcOffsetMinutes("-5")).isEqualTo(-300);
        assertThat(WindowsEvents.clientUtcOffsetMinutes("[0]")).isZero();
        assertThat(WindowsEvents.clientUtcOffsetMinutes("+5.5")).isEqualTo(330);
        assertThat(WindowsEvents.clientUtcOffsetMinutes("5:45")).isEqualTo(345);
        assertThat(WindowsEvents.clientUtcOffsetMinutes("UTC-3:30")).isEqualTo(-210);
        assertThat(WindowsEvents.clientUtcOffsetMinutes(9)).isEqualTo(540);
        assertThat(WindowsEvents.clientUtcOffsetMinutes("15")).isNull();
        assertThat(WindowsEvents.clientUtcOffsetMinutes("")).isNull();
        assertThat(WindowsEvents.clientUtcOffsetMinutes(null)).isNull();
    }
}
