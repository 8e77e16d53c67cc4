package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.process;
import static dev.unravel.detect.control.Samples.sysmon;
import static dev.unravel.detect.control.Samples.zeekDns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.core.testing.SharedData;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.testing.DetectorHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoteAccessDetectorTest {

    static final String SCREENCONNECT_PATH =
            "C:\\Program Files (x86)\\ScreenConnect Client (2a4f1e8c7b3d9a06)\\ScreenConnect.WindowsClient.exe";

    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER
                        + employee("E1", "Benjamin", "Miller", "bmiller", "2026-03-04")
                        + employee("E2", "Dana", "Martin", "dmartin", "2019-05-01")
                        + employee("E3", "Ruth", "Owens", "rowens", "2021-09-13"))
                .with("asset-assignments", ASSETS_HEADER
                        + laptop("NWL-LT-1", "SER1", "E1") + laptop("NWL-LT-2", "SER2", "E2")
                        + laptop("NWL-LT-3", "SER3", "E3"));
    }

    static Map<String, Object> approvedScreenConnect() {
        return Map.of("approved_tools", List.of("ScreenConnect"),
                "approved_paths", List.of("C:\\Program Files (x86)\\ScreenConnect Client (2a4f1e8c7b3d9a06)\\"));
    }

    @Test
    void anyDeskDownloadedByANewHireIsAStrongSignalAboutThatWorker() {
        List<Signal> signals = company()
                .with("windows-evtx-json", process("2026-03-05T00:42:06Z", "NWL-LT-1.corp.example.com",
                        "NORTHWIND\\bmiller", "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe",
                        "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(RemoteAccessDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1219");
            assertThat(s.strength()).isEqualTo(0.5);
            // 00:42 UTC is the evening of the hire date in the worker's Chicago
            assertThat(s.explanation()).contains("AnyDesk").contains("on the worker's first day");
            assertThat(s.evidence()).hasSize(1);
        });
    }

    /** Defender for Endpoint's process starts and connections read as Sysmon's: the same tool, the same worker. */
    @Test
    void defenderForEndpointsProcessesAndConnectionsShowTheToolAsSysmonsDo() {
        String rows = Samples.defenderProcess("2026-03-05T00:42:06Z", "nwl-lt-1.corp.example.com", "bmiller",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "\"AnyDesk.exe\"")
                // a connection to a relay by a renamed copy: the relay's name says which tool
                + Samples.defender("DeviceNetworkEvents", "2026-03-06T01:00:00Z", "nwl-lt-3.corp.example.com",
                        "ActionType", Samples.json("ConnectionSuccess"), "RemoteIP", Samples.json("195.181.174.210"),
                        "RemotePort", "443", "RemoteUrl", Samples.json("https://relay-3f1a9c2b.net.anydesk.com/"),
                        "LocalIP", Samples.json("192.168.1.23"), "InitiatingProcessFolderPath",
                        Samples.json("c:\\users\\rowens\\appdata\\local\\temp\\svc.exe"),
                        "InitiatingProcessAccountName", Samples.json("rowens"))
                // near miss: everyday software
                + Samples.defenderProcess("2026-03-05T01:00:00Z", "nwl-lt-2.corp.example.com", "dmartin",
                        "C:\\Program Files\\Microsoft Office\\root\\Office16\\OUTLOOK.EXE", "OUTLOOK.EXE");
        List<Event> events = DetectorHarness.read("defender-endpoint", rows);
        assertThat(events).extracting(Event::type).allSatisfy(t -> assertThat(new RemoteAccessDetector(
                RemoteToolCatalogue.builtIn()).reads(t)).as(t).isTrue());
        List<Signal> signals = company().with(events).run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(EntityRef.worker("E1"),
                EntityRef.worker("E3"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E1"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.strength()).isEqualTo(0.5);
                    assertThat(s.explanation()).contains("AnyDesk", "ran on device nwl-lt-1.corp.example.com",
                            "on the worker's first day");
                });
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E3"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("connection to relay-3f1a9c2b.net.anydesk.com by "
                        + "c:\\users\\rowens\\appdata\\local\\temp\\svc.exe"));
    }

    /** A CrowdStrike FDR process event, as the sensor logs it: the volume's device path, not the drive letter. */
    static String falconProcess(String time, String computer, String user, String image) {
        return "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\","
                + "\"aip\":\"198.51.100.23\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"event_platform\":\"Win\","
                + "\"timestamp\":\"" + java.time.Instant.parse(time).toEpochMilli() + "\",\"ComputerName\":" + Samples.json(computer)
                + ",\"UserName\":" + Samples.json(user) + ",\"RawProcessId\":\"7716\",\"ImageFileName\":"
                + Samples.json(image) + ",\"CommandLine\":" + Samples.json("\"" + image + "\"") + "}\n";
    }

    /**
     * CrowdStrike Falcon's process starts and look-ups: the tool by its executable, and an approved
     * tool at its deployed path silent although Falcon names the volume, not the drive.
     */
    @Test
    void crowdstrikeFalconsProcessesAndLookUpsShowTheTool_andTheApprovedPathHoldsOnItsVolumePath() {
        String anyDesk = falconProcess("2026-03-05T00:42:06Z", "NWL-LT-1", "bmiller",
                "\\Device\\HarddiskVolume3\\Users\\bmiller\\Downloads\\AnyDesk.exe");
        String approved = falconProcess("2026-03-05T01:00:00Z", "NWL-LT-2", "dmartin",
                "\\Device\\HarddiskVolume3" + SCREENCONNECT_PATH.substring(2));
        String lookUp = "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"01\",\"aip\":\"198.51.100.24\","
                + "\"event_platform\":\"Win\",\"ComputerName\":\"NWL-LT-3\",\"timestamp\":\"1772672400000\","
                + "\"DomainName\":\"relay-3f1a9c2b.net.anydesk.com\",\"RequestType\":\"1\"}\n";
        List<Event> events = DetectorHarness.read("crowdstrike-fdr", anyDesk + approved + lookUp);
        assertThat(events).extracting(Event::type).containsExactly("ProcessRollup2", "ProcessRollup2", "DnsRequest");
        List<Signal> signals = company().settings(RemoteAccessDetector.ID, approvedScreenConnect()).with(events)
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::subject).as("E2's ScreenConnect is the approved deployment")
                .containsExactlyInAnyOrder(EntityRef.worker("E1"), EntityRef.worker("E3"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E1"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("AnyDesk", "ran on device NWL-LT-1"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E3"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("DNS look-up of relay-3f1a9c2b.net.anydesk.com"));
        assertThat(RemoteAccessDetector.volumeFree("C:\\Program Files\\X\\")).isEqualTo("\\program files\\x\\");
        assertThat(RemoteAccessDetector.volumeFree("\\Device\\HarddiskVolume12\\Program Files\\X"))
                .isEqualTo("\\program files\\x");
    }

    /** Falcon Discover's inventory of installed applications (FDR's appinfo): the tool by its product or file. */
    @Test
    void falconsApplicationInventoryShowsAnInstalledTool_andAnOrdinaryApplicationDoesNot() {
        String app = "{\"CompanyName\":\"AnyDesk Software GmbH\",\"FileName\":\"AnyDesk.exe\",\"FileVersion\":\"8.0.8\","
                + "\"ProductName\":\"AnyDesk\",\"ProductVersion\":\"8.0.8\",\"SHA256HashData\":\"" + "ab".repeat(32)
                + "\",\"_time\":\"1772672400.000\",\"cid\":\"c0ffee00\",\"aid\":\"01\",\"hostname\":\"NWL-LT-1\","
                + "\"SoftwareType\":\"application\"}\n";
        String editor = app.replace("AnyDesk Software GmbH", "Microsoft Corporation").replace("AnyDesk.exe", "Code.exe")
                .replace("\"AnyDesk\"", "\"Visual Studio Code\"").replace("NWL-LT-1", "NWL-LT-2");
        List<Event> events = DetectorHarness.read("crowdstrike-fdr", app + editor);
        assertThat(events).extracting(Event::type).containsOnly("asset.falcon-app");
        List<Signal> signals = company().with(events).run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("AnyDesk", "installed application AnyDesk (AnyDesk.exe) in Falcon's "
                    + "inventory");
        });
    }

    @Test
    void astrillVpnOnALaptopIsAnAccessSignal_onceAHost_theClientStrongerThanALookUp_andNotARemoteTool() {
        String client = process("2026-03-05T01:10:00Z", "NWL-LT-1.corp.example.com", "NORTHWIND\\bmiller",
                "C:\\Program Files (x86)\\Astrill\\astrill.exe", "\"C:\\Program Files (x86)\\Astrill\\astrill.exe\"");
        String lookUp = sysmon(22, "2026-03-05T01:09:58Z", "NWL-LT-1.corp.example.com", "QueryName", "api.astrill.com",
                "QueryStatus", "0", "Image", "C:\\Program Files (x86)\\Astrill\\astrill.exe");
        List<Signal> signals = company()
                .with("windows-evtx-json", lookUp + client + client.replace("2026-03-05", "2026-03-06"))
                .with("zeek-json", zeekDns(1773103836.98, "10.20.1.57", "www.astrill.com", "104.18.2.3")
                        + zeekDns(1773103837.98, "10.20.1.58", "astrill.community-forum.example", "1.2.3.4"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).as("the look-up, then the client on the same laptop; and the other computer's look-up")
                .extracting(Signal::detector, Signal::strength)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(RemoteAccessDetector.VPN_ID, 0.2),
                        org.assertj.core.groups.Tuple.tuple(RemoteAccessDetector.VPN_ID, 0.35),
                        org.assertj.core.groups.Tuple.tuple(RemoteAccessDetector.VPN_ID, 0.2));
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.ACCESS);
            assertThat(s.technique()).isEqualTo("T1090");
            assertThat(s.explanation()).startsWith("Astrill VPN, the VPN that reports on the North Korean IT-worker "
                    + "scheme name");
        });
        assertThat(signals).filteredOn(s -> s.strength() == 0.35).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("ran on device NWL-LT-1.corp.example.com (process C:\\Program Files");
        });
    }

    @Test
    void repeatedRunsOfTheSameToolOnOneHostAreOneSignal() {
        String run = process("2026-03-05T00:42:06Z", "NWL-LT-3", "NORTHWIND\\rowens",
                "C:\\Program Files\\TeamViewer\\TeamViewer.exe", "\"C:\\Program Files\\TeamViewer\\TeamViewer.exe\"");
        List<Signal> signals = company().with("windows-evtx-json", run + run.replace("2026-03-05", "2026-03-06"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
            assertThat(s.strength()).as("long-standing employee: no new-hire weight").isEqualTo(0.4);
        });
    }

    @Test
    void theApprovedSupportToolAtItsDeployedPathIsSilentButACopyElsewhereIsNot() {
        DetectorHarness h = company().settings(RemoteAccessDetector.ID, approvedScreenConnect())
                .with("windows-evtx-json", process("2026-03-05T10:00:00Z", "NWL-LT-2", "NORTHWIND\\dmartin",
                        SCREENCONNECT_PATH, SCREENCONNECT_PATH + " ?e=Access&y=Guest&h=support.example.com"))
                .with("osquery", osquery("processes", 1772709000L, "NWL-LT-2", "name", "ScreenConnectClient",
                        "path", "/Applications/connectwisecontrol-2a4f1e8c7b3d9a06.app/Contents/MacOS/ScreenConnectClient"));
        Map<String, Object> withMacPath = Map.of("approved_tools", List.of("screenconnect"), "approved_paths",
                List.of("C:\\Program Files (x86)\\ScreenConnect Client (2a4f1e8c7b3d9a06)\\",
                        "/Applications/connectwisecontrol-2a4f1e8c7b3d9a06.app/"));
        assertThat(h.settings(RemoteAccessDetector.ID, withMacPath).run(
                new RemoteAccessDetector(RemoteToolCatalogue.builtIn()))).isEmpty();

        List<Signal> rogue = company().settings(RemoteAccessDetector.ID, approvedScreenConnect())
                .with("windows-evtx-json", process("2026-03-05T10:00:00Z", "NWL-LT-3", "NORTHWIND\\rowens",
                        "C:\\Users\\rowens\\AppData\\Local\\Apps\\ScreenConnect Client (9f00aa11)\\ScreenConnect.WindowsClient.exe",
                        "ScreenConnect.WindowsClient.exe"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(rogue).singleElement().satisfies(s -> {
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).contains("approved").contains("outside the company's deployment");
        });
    }

    @Test
    void aSecondVendorOnTheSameHostAddsTheSeveralVendorsSignal() {
        List<Signal> signals = company()
                .with("osquery", osquery("programs", 1772671026L, "NWL-LT-1", "name", "Chrome Remote Desktop Host",
                        "version", "130.0.6723.21", "install_location",
                        "C:\\Program Files (x86)\\Google\\Chrome Remote Desktop\\130.0.6723.21\\remoting_host.exe",
                        "publisher", "Google LLC")
                        + osquery("apps", 1772680000L, "NWL-LT-1", "name", "RustDesk.app", "path",
                                "/Applications/RustDesk.app", "bundle_identifier", "com.carriez.rustdesk"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::detector).containsExactly(RemoteAccessDetector.ID,
                RemoteAccessDetector.ID, RemoteAccessDetector.MULTI_ID);
        Signal multi = signals.get(2);
        assertThat(multi.strength()).isEqualTo(0.6);
        assertThat(multi.explanation()).contains("Chrome Remote Desktop").contains("RustDesk");
        assertThat(multi.evidence()).hasSize(2);
    }

    @Test
    void relayLookUpsInZeekAreWeakerAndAboutTheAddressWhenNoDeviceIsKnown() {
        List<Signal> signals = company()
                .with("zeek-json", zeekDns(1773103836.98, "10.20.1.55", "relay-4b5f6a1c.net.anydesk.com", "45.76.1.2")
                        + zeekDns(1773103837.98, "10.20.1.56", "github.com", "140.82.112.3")
                        + zeekDns(1773103838.98, "10.20.1.57", "www.anydeskmusic.com", "1.2.3.4"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(new EntityRef(EntityRef.Kind.IP, "10.20.1.55"));
            assertThat(s.strength()).isEqualTo(0.25);
        });
    }

    /**
     * A laptop away from the office network is seen only by the agents that send its traffic
     * through the company's cloud proxy or resolver: Umbrella's look-up and Zscaler's web request
     * name the laptop and the user themselves, so the worker is named without any address.
     */
    @Test
    void proxyAndUmbrellaLogsSeeALaptopAwayFromTheOffice_andNameItsWorker() {
        List<Signal> signals = company()
                .with("cisco-umbrella", Samples.umbrellaDns("2026-03-05 00:42:06", "Miller, Benjamin",
                        "benjamin.miller@example.com", "NWL-LT-1", "192.168.1.23", "relay-4b5f6a1c.net.anydesk.com"))
                .with("zscaler-web", Samples.zscalerWeb("2026-03-05 00:50:00", "dana.martin@example.com", "NWL-LT-2",
                        "198.51.100.7", "GET", "https://download.anydesk.com/AnyDesk.exe", 900, "Allowed"))
                .with("zscaler-firewall", Samples.zscalerFirewall("2026-03-05 01:00:00", "ruth.owens@example.com",
                        "NWL-LT-3", "45.76.49.203", 21116, "rs-ny.rustdesk.com", 80_000_000L, "Allow"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::subject)
                .containsExactlyInAnyOrder(EntityRef.worker("E1"), EntityRef.worker("E2"), EntityRef.worker("E3"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E3"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("RustDesk")
                        .contains("connection through the cloud firewall to rs-ny.rustdesk.com"));

        // near misses in the same logs: a look-alike domain, a relay session without a name, a site of the vendor's
        // name that is not the tool
        assertThat(company()
                .with("cisco-umbrella", Samples.umbrellaDns("2026-03-05 00:42:06", "Miller, Benjamin",
                        "benjamin.miller@example.com", "NWL-LT-1", "192.168.1.23", "www.anydeskmusic.com"))
                .with("zscaler-firewall", Samples.zscalerFirewall("2026-03-05 01:00:00", "ruth.owens@example.com",
                        "NWL-LT-3", "45.76.49.203", 21116, null, 80_000_000L, "Allow"))
                .with("zscaler-web", Samples.zscalerWeb("2026-03-05 00:50:00", "dana.martin@example.com", "NWL-LT-2",
                        "198.51.100.7", "GET", "https://rustdesk-fan.example.org/", 900, "Allowed"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()))).isEmpty();
        assertThat(signals).extracting(Signal::explanation).anySatisfy(x -> assertThat(x)
                .contains("DNS look-up of relay-4b5f6a1c.net.anydesk.com")).anySatisfy(x -> assertThat(x)
                .contains("web request through the proxy to download.anydesk.com"));
    }

    /** Cloudflare Gateway's network log names the server a connection reached by its TLS name (SNI). */
    @Test
    void cloudflareGatewaysNetworkLog_namesTheRelayByItsSni() {
        String relay = Samples.cloudflareNetwork("2026-03-05T01:00:00Z", "ruth.owens@example.com", "NWL-LT-3",
                "45.76.49.203", "rs-ny.rustdesk.com", "allowedOnNoRuleMatch");
        assertThat(company().with("cloudflare-zero-trust", relay)
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()))).singleElement().satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
                    assertThat(s.explanation()).contains("RustDesk")
                            .contains("connection through the cloud firewall to rs-ny.rustdesk.com");
                });
        // the same connection without a name (no TLS, or SNI not logged) says nothing
        assertThat(company().with("cloudflare-zero-trust", Samples.cloudflareNetwork("2026-03-05T01:00:00Z",
                "ruth.owens@example.com", "NWL-LT-3", "45.76.49.203", null, "allowedOnNoRuleMatch"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()))).isEmpty();
    }

    @Test
    void zeekLookUpsJoinTheDeviceSysmonSawOnThatAddress() {
        String anyDesk = process("2026-03-05T00:42:06Z", "NWL-LT-1", "NORTHWIND\\bmiller",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "AnyDesk.exe");
        String connection = sysmon(3, "2026-03-05T00:42:09Z", "NWL-LT-1.corp.example.com", "Image",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "SourceIp", "10.20.1.54",
                "DestinationHostname", "relay-4b5f6a1c.net.anydesk.com", "DestinationPort", "443");
        String lookUp = zeekDns(1772671330.0, "10.20.1.54", "relay-4b5f6a1c.net.anydesk.com", "45.76.1.2")
                + zeekDns(1772671331.0, "10.20.1.54", "rs-ny.rustdesk.com", "45.76.1.3");
        List<Signal> signals = company().with("windows-evtx-json", anyDesk + connection).with("zeek-json", lookUp)
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::detector)
                .as("AnyDesk once; RustDesk by look-up only, which is not enough for several vendors")
                .containsExactly(RemoteAccessDetector.ID, RemoteAccessDetector.ID);
        assertThat(signals).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals.get(1).strength()).isEqualTo(0.25);
    }

    @Test
    void aLookUpSeenFirstDoesNotHideTheToolRunningLater() {
        List<Signal> signals = company()
                .with("zeek-json", zeekDns(1772671300.0, "10.20.1.54", "boot.net.anydesk.com", "45.76.1.2"))
                .with("windows-evtx-json", sysmon(3, "2026-03-05T00:41:00Z", "NWL-LT-1", "Image",
                        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "SourceIp", "10.20.1.54",
                        "DestinationHostname", "github.com", "DestinationPort", "443")
                        + process("2026-03-05T00:42:06Z", "NWL-LT-1", "NORTHWIND\\bmiller",
                                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "AnyDesk.exe"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).extracting(Signal::strength).containsExactly(0.25, 0.5);
    }

    @Test
    void everydaySoftwareIsNotARemoteAccessTool() {
        List<Signal> signals = company()
                .with("windows-evtx-json", process("2026-03-05T09:00:00Z", "NWL-LT-1", "NORTHWIND\\bmiller",
                        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "chrome.exe")
                        + process("2026-03-05T09:01:00Z", "NWL-LT-1", "NORTHWIND\\bmiller",
                                "C:\\Windows\\System32\\mstsc.exe", "mstsc.exe /v:build01")
                        + sysmon(3, "2026-03-05T09:02:00Z", "NWL-LT-1", "Image",
                                "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "SourceIp", "10.20.1.54",
                                "DestinationHostname", "drive.google.com", "DestinationPort", "443"))
                .with("osquery", osquery("processes", 1772709000L, "NWL-LT-1", "name", "zoom.us", "path",
                        "/Applications/zoom.us.app/Contents/MacOS/zoom.us"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).isEmpty();
    }

    @Test
    void aSoftwareMouseJigglerIsAWeakSignalWithoutTheRemoteControlTechnique() {
        List<Signal> signals = company()
                .with("windows-evtx-json", process("2026-03-05T09:00:00Z", "NWL-LT-3", "NORTHWIND\\rowens",
                        "C:\\Users\\rowens\\Downloads\\MouseJiggler.exe", "MouseJiggler.exe -j"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.strength()).isLessThanOrEqualTo(0.2);
            assertThat(s.technique()).isNull();
            assertThat(s.explanation()).contains("jiggler");
        });
    }

    @Test
    void lolrmmFilesGivenAsRulesExtendTheCatalogueWithoutItsGenericNames() {
        Path yaml = SharedData.require().resolve("data/lolrmm/yaml");
        RemoteAccessDetector detector = RemoteAccessDetector.load(new DetectConfig(List.of(), List.of(yaml), Map.of()));
        RemoteToolCatalogue c = detector.catalogue();
        assertThat(c.lolrmmFiles()).isGreaterThan(300);
        assertThat(c.byExecutable("action1_agent.exe")).as("a tool only LOLRMM lists").isNotNull();
        assertThat(c.byExecutable("dwm.exe")).as("Windows' desktop window manager").isNull();
        assertThat(c.byExecutable("mstsc.exe")).isNull();
        assertThat(c.byDomain("github.com")).isNull();
        assertThat(c.byDomain("raw.githubusercontent.com")).isNull();
        assertThat(c.byDomain("objects.githubusercontent.com")).isNull();
        assertThat(c.droppedGeneric()).anyMatch(s -> s.startsWith("github.com"));
        assertThat(c.byDomain("relay-0badf00d.net.anydesk.com").name()).isEqualTo("AnyDesk");

        List<Signal> signals = company().with("windows-evtx-json", process("2026-03-05T09:00:00Z", "NWL-LT-3",
                "NORTHWIND\\rowens", "C:\\Program Files\\Action1\\action1_agent.exe", "action1_agent.exe"))
                .run(detector);
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.explanation()).contains("Action1"));
        assertThat(company().with("windows-evtx-json", process("2026-03-05T09:00:00Z", "NWL-LT-3",
                "NORTHWIND\\rowens", "C:\\Program Files\\Action1\\action1_agent.exe", "action1_agent.exe"))
                .run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()))).as("built-in only").isEmpty();
    }

    /** IT's ScreenConnect, never approved, on 30 computers: each its finding, and one note saying what clears them. */
    @Test
    void aToolOnManyComputersIsNotedAsLikelyTheCompanysOwn_andItsFindingsStay() {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            events.append(process("2026-03-05T01:" + String.format("%02d", i) + ":00Z", "NWL-IT-" + i,
                    "NORTHWIND\\it" + i, SCREENCONNECT_PATH, SCREENCONNECT_PATH));
        }
        events.append(process("2026-03-05T02:00:00Z", "NWL-LT-1", "NORTHWIND\\bmiller",
                "C:\\Users\\bmiller\\Downloads\\AnyDesk.exe", "AnyDesk.exe"));
        DetectorHarness h = company().with("windows-evtx-json", events.toString());
        List<Signal> signals = h.run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(signals).filteredOn(s -> s.explanation().contains("ScreenConnect")).hasSize(30);
        assertThat(h.notes()).containsOnlyKeys("ScreenConnect");
        assertThat(h.notes().get("ScreenConnect")).contains("ran on 30 computers", "usually the company's own",
                "approved_tools");

        // below the setting, and for a tool on one laptop, no note
        DetectorHarness fewer = company().with("windows-evtx-json", events.toString())
                .settings(RemoteAccessDetector.ID, java.util.Map.of("widespread_hosts", 31));
        fewer.run(new RemoteAccessDetector(RemoteToolCatalogue.builtIn()));
        assertThat(fewer.notes()).isEmpty();
    }
}
