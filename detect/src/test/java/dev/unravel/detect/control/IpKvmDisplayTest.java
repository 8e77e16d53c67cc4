package dev.unravel.detect.control;

import static dev.unravel.detect.control.IpKvmDetectorTest.company;
import static dev.unravel.detect.control.IpKvmDetectorTest.usb;
import static dev.unravel.detect.control.IpKvmDetectorTest.usbSnapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** The display half of an IP-KVM: EDID identities from WMI WmiMonitorID inventories, alone and with the USB half. */
class IpKvmDisplayTest {

    /** Text as WMI gives EDID strings: UInt16 character codes, zero-padded. */
    static String codes(String text, int width) {
        StringJoiner j = new StringJoiner(",", "[", "]");
        for (int i = 0; i < width; i++) {
            j.add(Integer.toString(i < text.length() ? text.charAt(i) : 0));
        }
        return j.toString();
    }

    /** One monitor as {@code Get-CimInstance -Namespace root\wmi -ClassName WmiMonitorID | ConvertTo-Json -Compress} writes it: no time. */
    static String cim(String computer, String maker, String product, String serial, String name) {
        return "{\"Active\":true,\"InstanceName\":\"DISPLAY\\\\" + maker + product + "\\\\5&2a1b3c4d&0&UID4353_0\","
                + "\"ManufacturerName\":" + codes(maker, 16) + ",\"ProductCodeID\":" + codes(product, 16)
                + ",\"SerialNumberID\":" + codes(serial, 16) + ",\"UserFriendlyName\":" + codes(name, 13)
                + ",\"UserFriendlyNameLength\":13,\"WeekOfManufacture\":12,\"YearOfManufacture\":2021,"
                + "\"PSComputerName\":null,\"CimSystemProperties\":{\"Namespace\":\"root/wmi\",\"ServerName\":\""
                + computer + "\",\"ClassName\":\"WmiMonitorID\",\"Path\":null}}\n";
    }

    /** The same class as an EDR collects it: decoded strings, the host and a collection time. */
    static String edr(String time, String computer, String maker, String product, String name) {
        return "{\"@timestamp\":\"" + time + "\",\"hostname\":\"" + computer + "\",\"InstanceName\":\"DISPLAY\\\\"
                + maker + product + "\\\\5&1c2f3a4b&0&UID512_0\",\"ManufacturerName\":\"" + maker
                + "\",\"ProductCodeID\":\"" + product + "\",\"SerialNumberID\":\"\",\"UserFriendlyName\":\"" + name
                + "\",\"YearOfManufacture\":2019,\"WeekOfManufacture\":0}\n";
    }

    static final String ORDINARY_MONITORS = cim("NWL-LT-1", "DEL", "A0F4", "CH7VF43", "DELL U2720Q")
            + cim("NWL-LT-2", "GSM", "5B7F", "104NTXRB1234", "LG ULTRAFINE")
            + cim("NWL-LT-2", "SAM", "7305", "HNTW300123", "S27R65x");

    static final String GADGET = usb("1d6b", "0104", "Linux Foundation", "Multifunction Composite Gadget",
            "100000003b8f1c2e");

    @Test
    void aDisplayNamedPiKvmFromTheLinuxMakerIsNearProofAboutTheLaptopsWorker() {
        List<Signal> signals = company().with("wmi-monitor-id",
                edr("2026-03-07T04:05:00Z", "NWL-LT-1", "LNX", "0000", "PiKVM")).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.technique()).isEqualTo("T1219.003");
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.75);
            assertThat(s.time()).isEqualTo(Instant.parse("2026-03-07T04:05:00Z"));
            assertThat(s.explanation()).contains("NWL-LT-1", "\"PiKVM\" by LNX", "remote keyboard-video-mouse");
        });
    }

    @Test
    void theCaptureBridgeAndOtherKvmDisplayNamesAreRecognised() {
        for (String name : new String[] {"Toshiba-H2C", "TinyPilot", "JetKVM", "GLKVM"}) {
            List<Signal> signals = company().with("wmi-monitor-id",
                    edr("2026-03-07T04:05:00Z", "NWL-LT-2", "LNX", "0000", name)).run(new IpKvmDetector());
            assertThat(signals).as(name).singleElement()
                    .satisfies(s -> assertThat(s.strength()).isGreaterThanOrEqualTo(0.75));
        }
        // The bridge's name under another maker id is still a KVM's capture chip, a little less certain.
        List<Signal> tsb = company().with("wmi-monitor-id",
                edr("2026-03-07T04:05:00Z", "NWL-LT-2", "TSB", "0001", "Toshiba-H2C")).run(new IpKvmDetector());
        assertThat(tsb).singleElement().satisfies(s -> assertThat(s.strength()).isBetween(0.6, 0.75));
    }

    @Test
    void dellLgAndSamsungMonitorsAreNothing() {
        assertThat(company().with("wmi-monitor-id", ORDINARY_MONITORS).with("osquery",
                usbSnapshot("NWL-LT-1", 1772856197L, IpKvmDetectorTest.ROOT_HUB)).run(new IpKvmDetector())).isEmpty();
    }

    @Test
    void aRaspberryPiDevelopersLinuxDisplayWithoutAKvmNameIsOnlyAHint() {
        List<Signal> signals = company().with("wmi-monitor-id", edr("2026-03-09T15:00:00Z", "NWL-LT-2", "LNX", "0000", "")
                + edr("2026-03-09T15:00:00Z", "NWL-LT-2", "DEL", "A0F4", "DELL U2720Q")).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isLessThan(0.3);
            assertThat(s.explanation()).contains("LNX", "Raspberry Pi");
        });
    }

    @Test
    void aLinuxDisplayAndALinuxUsbGadgetTogetherAreAKvmStrongerWhenTheyArriveTogether() {
        // USB gadget at 04:03 on 7 March; the LNX display two hours later, or ten days later.
        String usbHalf = usbSnapshot("NWL-LT-1", 1772856197L, GADGET);
        List<Signal> together = company().with("osquery", usbHalf)
                .with("wmi-monitor-id", edr("2026-03-07T06:03:00Z", "NWL-LT-1", "LNX", "0000", "")).run(new IpKvmDetector());
        List<Signal> apart = company().with("osquery", usbHalf)
                .with("wmi-monitor-id", edr("2026-03-17T06:03:00Z", "NWL-LT-1", "LNX", "0000", "")).run(new IpKvmDetector());

        assertThat(together).hasSize(3); // the gadget hint, the display hint, the pair
        Signal pair = together.get(2);
        assertThat(pair.subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(pair.evidence()).hasSize(2);
        assertThat(pair.explanation()).contains("both halves", "USB 1D6B:0104", "within 2 hours");
        assertThat(apart).hasSize(3);
        assertThat(apart.get(2).explanation()).contains("10 days apart");
        assertThat(pair.strength()).isGreaterThan(apart.get(2).strength());
        assertThat(apart.get(2).strength()).isGreaterThan(together.get(0).strength() + together.get(1).strength());
        assertThat(pair.strength()).isLessThan(0.8); // two hints: a KVM or a developer's bench, not proof
    }

    @Test
    void anUndatedInventoryIsPlacedAtTheUsbEvidenceAndAPiKvmPairIsNearCertain() {
        List<Signal> signals = company().with("wmi-monitor-id", cim("NWL-LT-1", "LNX", "0000", "", "PiKVM"))
                .with("osquery", usbSnapshot("NWL-LT-1", 1772856197L,
                        usb("1d6b", "0104", "PiKVM", "PiKVM Composite Device", "CAFEBABE")))
                .run(new IpKvmDetector());
        assertThat(signals).hasSize(3).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.time()).isEqualTo(Instant.ofEpochSecond(1772856197L));
        });
        assertThat(signals).extracting(Signal::strength).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(0.75));
        assertThat(signals.get(2).strength()).isGreaterThanOrEqualTo(0.9);
        // Undated: no claim about when the two halves arrived.
        assertThat(signals.get(2).explanation()).doesNotContain("within", "apart");
    }

    @Test
    void anUndatedInventoryWithNothingToPlaceItIsCountedNotDated1970() {
        DetectorHarness h = company().with("wmi-monitor-id", cim("NWL-LT-1", "LNX", "0000", "", "PiKVM"));
        assertThat(h.run(new IpKvmDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey("undated monitor inventory with no dated event to place it in time");
    }
}
