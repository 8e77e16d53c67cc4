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

class IpKvmDetectorTest {

    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-06")
                        + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1")
                        + laptop("NWL-LT-2", "SER2", "E2"));
    }

    /** An osquery usb_devices snapshot, as a scheduled query writes it: every device on the bus in one line. */
    static String usbSnapshot(String host, long unixTime, String... rows) {
        return "{\"name\":\"pack_it_usb_devices\",\"hostIdentifier\":\"" + host + "\",\"calendarTime\":\"\","
                + "\"unixTime\":" + unixTime + ",\"epoch\":0,\"counter\":0,\"numerics\":false,"
                + "\"decorations\":{\"hostname\":\"" + host + "\"},\"snapshot\":[" + String.join(",", rows)
                + "],\"action\":\"snapshot\"}\n";
    }

    static String usb(String vendorId, String modelId, String vendor, String model, String serial) {
        return "{\"usb_address\":\"3\",\"usb_port\":\"3\",\"vendor\":\"" + vendor + "\",\"vendor_id\":\"" + vendorId
                + "\",\"version\":\"1.00\",\"model\":\"" + model + "\",\"model_id\":\"" + modelId + "\",\"serial\":\""
                + serial + "\",\"class\":\"0\",\"subclass\":\"\",\"protocol\":\"\",\"removable\":\"1\"}";
    }

    static final String ROOT_HUB = usb("1d6b", "0002", "Linux Foundation", "2.0 root hub", "");

    @Test
    void aPiKvmOnTheBusIsNearProofAboutTheLaptopsWorker() {
        List<Signal> signals = company().with("osquery", usbSnapshot("NWL-LT-1", 1772856197L, ROOT_HUB,
                usb("1d6b", "0104", "PiKVM", "PiKVM Composite Device", "CAFEBABE"))
                + usbSnapshot("NWL-LT-1", 1772942597L, ROOT_HUB,
                        usb("1d6b", "0104", "PiKVM", "PiKVM Composite Device", "CAFEBABE")))
                .run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(IpKvmDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1219.003");
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.explanation()).contains("USB 1D6B:0104 PiKVM").contains("CAFEBABE");
        });
    }

    @Test
    void otherKvmMakersAreRecognisedByTheirDescriptorStrings() {
        for (String[] maker : new String[][] {{"TinyPilot", "TinyPilot"}, {"JetKVM", "JetKVM Composite"},
            {"GL.iNet", "GLKVM Comet"}}) {
            List<Signal> signals = company().with("osquery", usbSnapshot("NWL-LT-2", 1772856197L,
                    usb("1d6b", "0104", maker[0], maker[1], "0123456789"))).run(new IpKvmDetector());
            assertThat(signals).as(maker[1]).singleElement()
                    .satisfies(s -> assertThat(s.strength()).isGreaterThanOrEqualTo(0.7));
        }
    }

    @Test
    void aDevelopersRaspberryPiGadgetIsOnlyAWeakHintAndTheRootHubNothing() {
        List<Signal> signals = company().with("osquery", usbSnapshot("NWL-LT-2", 1772856197L, ROOT_HUB,
                usb("1d6b", "0104", "Linux Foundation", "Multifunction Composite Gadget", "100000003b8f1c2e"))
                + usbSnapshot("NWL-LT-1", 1772856197L, ROOT_HUB,
                        usb("046d", "c52b", "Logitech", "USB Receiver", "")))
                .run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isLessThan(0.3);
            assertThat(s.explanation()).contains("Raspberry Pi");
        });
    }

    /** Defender for Endpoint's PnpDeviceConnected: the device id in AdditionalFields, a JSON text in the streaming API. */
    @Test
    void defenderForEndpointsPlugAndPlayEventsFire_andAKeyboardDoesNot() {
        String rows = Samples.defender("DeviceEvents", "2026-03-07T04:03:17Z", "nwl-lt-1.corp.example.com",
                "ActionType", Samples.json("PnpDeviceConnected"), "AdditionalFields", Samples.json(
                        "{\"ClassName\":\"USB\",\"DeviceId\":\"USB\\\\VID_1D6B&PID_0104\\\\CAFEBABE\","
                        + "\"DeviceDescription\":\"PiKVM Composite Device\",\"VendorIds\":\"USB\\\\VID_1D6B&PID_0104\"}"))
                + Samples.defender("DeviceEvents", "2026-03-07T04:05:00Z", "nwl-lt-2.corp.example.com",
                        "ActionType", Samples.json("PnpDeviceConnected"), "AdditionalFields", Samples.json(
                                "{\"ClassName\":\"Keyboard\",\"DeviceId\":\"HID\\\\VID_046D&PID_C52B\\\\7&1\","
                                + "\"DeviceDescription\":\"HID Keyboard Device\"}"));
        List<Event> events = DetectorHarness.read("defender-endpoint", rows);
        assertThat(events).extracting(Event::type).containsOnly("defender.usb");
        assertThat(new IpKvmDetector().reads("defender.usb")).isTrue();
        List<Signal> signals = company().with(events).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.explanation()).contains("USB 1D6B:0104", "CAFEBABE");
        });
    }

    /**
     * CrowdStrike Falcon's DcUsbDeviceConnected names the computer by its sensor id, which FDR's
     * aidmaster record ties to the laptop's name, and carries the descriptor's maker strings.
     */
    @Test
    void falconUsbEventsFireThroughTheSensorsComputerName_andAKeyboardDoesNot() {
        String aid1 = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        String aid2 = "0e1d2c3b4a5968778695a4b3c2d1e0f9";
        String fdr = Samples.aidmaster(aid1, "NWL-LT-1", "2026-03-01T00:00:00Z")
                + Samples.aidmaster(aid2, "NWL-LT-2", "2026-03-01T00:00:00Z")
                + Samples.falcon("DcUsbDeviceConnected", "2026-03-07T04:03:17Z", aid1, "DeviceInstanceId",
                        "USB\\VID_1D6B&PID_0104\\0123456789", "DeviceManufacturer", "PiKVM", "DeviceProduct",
                        "PiKVM Composite Device", "DeviceSerialNumber", "0123456789", "DevicePropertyDeviceDescription",
                        "USB Composite Device", "DevicePropertyClassName", "USB")
                + Samples.falcon("DcUsbDeviceConnected", "2026-03-07T04:05:00Z", aid2, "DeviceInstanceId",
                        "USB\\VID_046D&PID_C52B\\5&2B2D8A3&0&2", "DeviceManufacturer", "Logitech", "DeviceProduct",
                        "USB Receiver", "DevicePropertyDeviceDescription", "USB Composite Device");
        List<Event> events = DetectorHarness.read("crowdstrike-fdr", fdr);
        assertThat(events).extracting(Event::type).containsExactly("asset.falcon-sensor", "asset.falcon-sensor", "DcUsbDeviceConnected",
                "DcUsbDeviceConnected");
        assertThat(events.get(2).host()).isEqualTo(aid1);
        assertThat(new IpKvmDetector().reads("DcUsbDeviceConnected")).isTrue();
        List<Signal> signals = company().with(events).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            // the maker string, not the bare gadget id: near proof
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.explanation()).contains("USB 1D6B:0104", "PiKVM", "plugged into NWL-LT-1")
                    .doesNotContain(aid1);
        });
    }

    @Test
    void windowsPlugAndPlayEventsWithThePiKvmSerialFire() {
        String pnp = evtx("Microsoft-Windows-Kernel-PnP/Configuration", "Microsoft-Windows-Kernel-PnP", 400,
                "2026-03-07T04:03:17Z", "NWL-LT-1.corp.example.com", "DeviceInstanceId",
                "USB\\VID_1D6B&PID_0104\\CAFEBABE", "DriverName", "usb.inf", "ClassGuid",
                "{36fc9e60-c465-11cf-8056-444553540000}", "DeviceUpdated", "false", "Status", "0x0",
                "ParentDeviceInstanceId", "USB\\ROOT_HUB30\\4&2a6a5f1&0&0");
        List<Event> events = DetectorHarness.read("windows-evtx-json", pnp);
        assertThat(new IpKvmDetector().reads(events.get(0).type())).as(events.get(0).type()).isTrue();
        List<Signal> signals = company().with(events).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
        });

        String keyboard = pnp.replace("VID_1D6B&PID_0104\\\\CAFEBABE", "VID_046D&PID_C52B\\\\5&1B2A");
        assertThat(keyboard).contains("046D");
        assertThat(company().with("windows-evtx-json", keyboard).run(new IpKvmDetector())).isEmpty();
    }

    @Test
    void aUsbMouseJigglerIsAWeakSignalOfItsOwn() {
        List<Signal> signals = company().with("osquery", usbSnapshot("NWL-LT-2", 1772856197L,
                usb("1a86", "e026", "Vaydeer", "USB Mouse Jiggler", ""))).run(new IpKvmDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo(IpKvmDetector.JIGGLER_ID);
            assertThat(s.strength()).isLessThanOrEqualTo(0.2);
        });
    }

    @Test
    void aRowWithoutIdsIsCountedAsSkippedNotGuessed() {
        DetectorHarness h = company().with("osquery", usbSnapshot("NWL-LT-2", 1772856197L,
                "{\"usb_address\":\"3\",\"vendor\":\"PiKVM\",\"model\":\"PiKVM Composite Device\"}"));
        assertThat(h.run(new IpKvmDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey("USB device record without vendor and product ids");
    }
}
