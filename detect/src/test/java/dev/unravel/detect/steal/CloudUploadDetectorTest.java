package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.sysmon;
import static dev.unravel.detect.control.Samples.zeekConn;
import static dev.unravel.detect.control.Samples.zeekDns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.control.Samples;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudUploadDetectorTest {

    static final double T = 1773103836.98;

    static DetectorHarness company() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Karen", "Martinez", "kmartinez", "2026-03-06"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-9", "SER9", "E1"));
    }

    @Test
    void gigabytesSentToTheAddressMegaResolvedToAreAStrongUploadSignal() {
        List<Signal> signals = company().with("zeek-json", zeekDns(T, "10.20.1.57", "g.api.mega.co.nz", "159.65.17.73")
                + zeekConn(T + 1, "10.20.1.57", "159.65.17.73", 443, 1_695_080_732L, 2_000_000L)
                // another computer that never looked MEGA up: its traffic to that address is not counted
                + zeekConn(T + 2, "10.20.1.58", "159.65.17.73", 443, 900_000_000L, 2_000_000L))
                .run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector).containsExactly(CloudUploadDetector.CONTACT_ID,
                CloudUploadDetector.ID);
        Signal upload = signals.get(1);
        assertThat(upload.subject()).isEqualTo(new EntityRef(EntityRef.Kind.IP, "10.20.1.57"));
        assertThat(upload.stage()).isEqualTo(Stage.STEAL);
        assertThat(upload.technique()).isEqualTo("T1567.002");
        assertThat(upload.strength()).isEqualTo(0.6);
        assertThat(upload.explanation()).contains("uploaded 1.7 GB to mega.co.nz");
        assertThat(signals.get(0).strength()).isLessThan(0.3);
    }

    @Test
    void sysmonTellsWhichLaptopHeldTheAddressSoTheWorkerIsNamed() {
        List<Signal> signals = company()
                .with("windows-evtx-json", sysmon(3, "2026-03-10T00:45:00Z", "NWL-LT-9.corp.example.com", "Image",
                        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "SourceIp", "10.20.1.57",
                        "DestinationHostname", "github.com", "DestinationPort", "443"))
                .with("zeek-json", zeekDns(T, "10.20.1.57", "transfer.sh", "159.65.197.211")
                        + zeekConn(T + 1, "10.20.1.57", "159.65.197.211", 443, 400_000_000L, 1_000L))
                .run(new CloudUploadDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals.get(1).technique()).isEqualTo("T1567");
        assertThat(signals.get(1).explanation()).contains("Device NWL-LT-9").contains("anonymous file-sharing");
    }

    /** A Mac has no Sysmon: its osquery interface_addresses rows say which address its VPN tunnel had. */
    @Test
    void osquerysInterfaceAddressesTellWhichLaptopHeldTheAddress_andTheExplanationSaysHow() {
        List<Signal> signals = company()
                .with("osquery", osquery("interface_addresses", (long) T - 600, "NWL-LT-9", "interface", "utun4",
                        "address", "10.20.1.57", "mask", "255.255.0.0"))
                .with("zeek-json", zeekDns(T, "10.20.1.57", "transfer.sh", "159.65.197.211")
                        + zeekConn(T + 1, "10.20.1.57", "159.65.197.211", 443, 400_000_000L, 1_000L))
                .run(new CloudUploadDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals.get(1).explanation()).startsWith("Device NWL-LT-9 (at 10.20.1.57, per osquery "
                + "interface_addresses, utun4, added 2026-03-10T00:40:36Z) uploaded 400 MB to transfer.sh");
    }

    /**
     * A laptop at a laptop farm: no office network sees it, but Zscaler Client Connector sends its
     * web traffic through the company's proxy, whose log names the device and the user.
     */
    @Test
    void anUploadThroughZscaler_namesTheLaptopsWorker_andABlockedRequestSendsNothing() {
        List<Signal> signals = company().with("zscaler-web",
                Samples.zscalerWeb("2026-03-10 02:14:09", "karen.martinez@example.com", "NWL-LT-9", "203.0.113.44",
                        "POST", "https://gfs270n171.userstorage.mega.co.nz/ul/AbCd", 1_200_000_000L, "Allowed")
                + Samples.zscalerWeb("2026-03-10 02:20:00", "karen.martinez@example.com", "NWL-LT-9",
                        "203.0.113.44", "PUT", "https://transfer.sh/notes.zip", 900_000_000L, "Blocked"))
                .run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector).containsExactly(CloudUploadDetector.CONTACT_ID,
                CloudUploadDetector.ID, CloudUploadDetector.CONTACT_ID);
        assertThat(signals).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals.get(1).explanation()).startsWith("Device NWL-LT-9 uploaded 1.2 GB to mega.co.nz");
        assertThat(signals.get(1).strength()).isEqualTo(0.6);
        assertThat(signals.get(2).explanation()).startsWith("Device NWL-LT-9 tried to reach transfer.sh (the web "
                + "proxy blocked it)");
    }

    /**
     * Zeek at the VPN and the laptop's proxy agent both saw one 60 MB upload: under the 100 MB an
     * upload signal needs, not 120 MB over it; a second upload the proxy alone saw adds to it.
     */
    @Test
    void oneUploadInTwoLogsIsCountedOnce() {
        String sysmon = sysmon(3, "2026-03-10T00:45:00Z", "NWL-LT-9.corp.example.com", "Image",
                "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "SourceIp", "10.20.1.57",
                "DestinationHostname", "github.com", "DestinationPort", "443");
        String zeek = zeekDns(T, "10.20.1.57", "mega.nz", "31.216.145.5")
                + zeekConn(T + 1, "10.20.1.57", "31.216.145.5", 443, 60_000_000L, 2_000_000L);
        String proxy = Samples.zscalerWeb("2026-03-10 00:50:38", "karen.martinez@example.com",
                "NWL-LT-9", "10.20.1.57", "POST", "https://mega.nz/ul/x", 60_000_000L, "Allowed");
        List<Signal> once = company().with("windows-evtx-json", sysmon).with("zeek-json", zeek)
                .with("zscaler-web", proxy).run(new CloudUploadDetector());
        assertThat(once).extracting(Signal::detector).containsExactly(CloudUploadDetector.CONTACT_ID);

        String later = Samples.zscalerWeb("2026-03-10 03:00:00", "karen.martinez@example.com",
                "NWL-LT-9.corp.example.com", "10.20.1.57", "POST", "https://mega.nz/ul/y", 45_000_000L, "Allowed");
        List<Signal> twice = company().with("windows-evtx-json", sysmon).with("zeek-json", zeek)
                .with("zscaler-web", proxy + later).run(new CloudUploadDetector());
        assertThat(twice).filteredOn(s -> s.detector().equals(CloudUploadDetector.ID)).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("uploaded 105 MB to mega.nz"));
    }

    /** A firewall feed with {@code cdfqdn} names the service: one upload in its web and firewall logs is one. */
    @Test
    void zscalersFirewallLogNamesTheService_andAWebSessionInBothLogsCountsOnce() {
        List<Signal> signals = company()
                .with("zscaler-web", Samples.zscalerWeb("2026-03-10 02:14:09", "karen.martinez@example.com",
                        "NWL-LT-9", "203.0.113.44", "POST", "https://mega.nz/ul/x", 60_000_000L, "Allowed"))
                .with("zscaler-firewall", Samples.zscalerFirewall("2026-03-10 02:14:10", "karen.martinez@example.com",
                        "NWL-LT-9", "31.216.145.5", 443, "mega.nz", 60_000_000L, "Allow")
                        + Samples.zscalerFirewall("2026-03-10 02:20:00", "karen.martinez@example.com", "NWL-LT-9",
                        "144.76.136.153", 443, "transfer.sh", 900_000_000L, "Drop"))
                .run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector).containsExactly(CloudUploadDetector.CONTACT_ID,
                CloudUploadDetector.CONTACT_ID);
        assertThat(signals.get(1).explanation()).startsWith("Device NWL-LT-9 tried to reach transfer.sh (the cloud "
                + "firewall blocked it)");
    }

    /**
     * Cloudflare Gateway's network log names the server by its TLS name: a connection is contact (it
     * counts no bytes), one Gateway blocked is an attempt.
     */
    @Test
    void cloudflareGatewaysNetworkLog_isContactByTheServersName_andABlockIsAnAttempt() {
        List<Signal> signals = company().with("cloudflare-zero-trust",
                Samples.cloudflareNetwork("2026-03-10T02:14:00Z", "karen.martinez@example.com", "NWL-LT-9",
                        "144.76.136.153", "transfer.sh", "allowedOnNoRuleMatch")
                        + Samples.cloudflareNetwork("2026-03-10T02:20:00Z", "karen.martinez@example.com", "NWL-LT-9",
                        "31.216.145.5", "g.api.mega.co.nz", "block")
                        // near misses: a service that is no personal cloud, and a session with no name
                        + Samples.cloudflareNetwork("2026-03-10T02:25:00Z", "karen.martinez@example.com", "NWL-LT-9",
                        "140.82.112.4", "github.com", "allowedOnNoRuleMatch")
                        + Samples.cloudflareNetwork("2026-03-10T02:26:00Z", "karen.martinez@example.com", "NWL-LT-9",
                        "144.76.136.153", null, "allowedOnNoRuleMatch"))
                .run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector).containsExactly(CloudUploadDetector.CONTACT_ID,
                CloudUploadDetector.CONTACT_ID);
        assertThat(signals).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals.get(0).explanation()).startsWith("Device NWL-LT-9 connected to transfer.sh,");
        assertThat(signals.get(1).explanation()).startsWith("Device NWL-LT-9 tried to reach mega.co.nz (the cloud "
                + "firewall blocked it)");
    }

    /** Umbrella's resolver sees the look-up, its gateway the upload; a proxy log without a device names the account. */
    @Test
    void umbrellasLookUpAndUpload_andAnAccountWhenNoDeviceIsNamed() {
        List<Signal> signals = company()
                .with("cisco-umbrella", Samples.umbrellaDns("2026-03-10 02:13:58", "Martinez, Karen",
                        "karen.martinez@example.com", "NWL-LT-9", "192.168.1.23", "g.api.mega.co.nz")
                        + Samples.umbrellaProxy("2026-03-10 02:14:09", "NWL-LT-9", "192.168.1.23",
                        "https://gfs270n171.userstorage.mega.co.nz/ul/AbCd", 300_000_000L, "ALLOWED"))
                .with("zscaler-web", Samples.zscalerWeb("2026-03-10 03:00:00", "pat.doe@example.com", null,
                        "203.0.113.44", "POST", "https://file.io/", 150_000_000L, "Allowed"))
                .run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector, s -> s.subject().toString()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CloudUploadDetector.CONTACT_ID, EntityRef.worker("E1").toString()),
                org.assertj.core.groups.Tuple.tuple(CloudUploadDetector.ID, EntityRef.worker("E1").toString()),
                org.assertj.core.groups.Tuple.tuple(CloudUploadDetector.CONTACT_ID,
                        new EntityRef(EntityRef.Kind.ACCOUNT, "pat.doe@example.com").toString()),
                org.assertj.core.groups.Tuple.tuple(CloudUploadDetector.ID,
                        new EntityRef(EntityRef.Kind.ACCOUNT, "pat.doe@example.com").toString()));
        assertThat(signals.get(1).explanation()).startsWith("Device NWL-LT-9 uploaded 300 MB to mega.co.nz");
        assertThat(signals.get(3).explanation()).startsWith("The account pat.doe@example.com uploaded 150 MB to file.io");
    }

    @Test
    void companyServicesAndSmallTransfersAreNotUploads() {
        List<Signal> signals = company().with("zeek-json",
                zeekDns(T, "10.20.1.50", "drive.google.com", "142.250.1.1")
                        + zeekConn(T + 1, "10.20.1.50", "142.250.1.1", 443, 3_000_000_000L, 1_000L)
                        + zeekDns(T + 2, "10.20.1.51", "mega.nz", "159.65.17.73")
                        + zeekConn(T + 3, "10.20.1.51", "159.65.17.73", 443, 5_000_000L, 90_000_000L))
                .run(new CloudUploadDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo(CloudUploadDetector.CONTACT_ID);
            assertThat(s.strength()).isLessThan(0.3);
        });
    }

    @Test
    void aServiceTheCompanyUsesCanBeIgnored() {
        List<Signal> signals = company()
                .settings(CloudUploadDetector.ID, Map.of("ignore_domains", List.of("mega.nz")))
                .with("zeek-json", zeekDns(T, "10.20.1.51", "mega.nz", "159.65.17.73")
                        + zeekConn(T + 1, "10.20.1.51", "159.65.17.73", 443, 500_000_000L, 1_000L))
                .run(new CloudUploadDetector());
        assertThat(signals).isEmpty();
    }

    /**
     * Defender for Endpoint's DNS look-ups and connections name the personal cloud on the laptop
     * itself; a look-up of the company's own code host is no contact.
     */
    @Test
    void defenderForEndpointsLookUpsAndConnectionsAreContact_andOrdinaryServicesAreNot() {
        String device = "nwl-lt-9.corp.example.com";
        String rows = Samples.defender("DeviceEvents", "2026-03-10T00:45:00Z", device, "ActionType",
                Samples.json("DnsQueryResponse"), "AdditionalFields", Samples.json("{\"DnsQueryString\":\"mega.nz\"}"),
                "InitiatingProcessAccountName", Samples.json("kmartinez"))
                + Samples.defender("DeviceNetworkEvents", "2026-03-10T00:46:00Z", device, "ActionType",
                        Samples.json("ConnectionSuccess"), "RemoteIP", Samples.json("159.65.197.211"), "RemotePort", "443",
                        "RemoteUrl", Samples.json("https://transfer.sh/upload"), "LocalIP", Samples.json("10.20.1.57"))
                + Samples.defender("DeviceEvents", "2026-03-10T00:47:00Z", device, "ActionType",
                        Samples.json("DnsQueryResponse"), "AdditionalFields", Samples.json("{\"DnsQueryString\":\"github.com\"}"));
        List<Signal> signals = company().with("defender-endpoint", rows).run(new CloudUploadDetector());
        assertThat(signals).extracting(Signal::detector).containsOnly(CloudUploadDetector.CONTACT_ID);
        assertThat(signals).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
        assertThat(signals).extracting(Signal::explanation).anySatisfy(x -> assertThat(x).contains("looked up mega.nz"))
                .anySatisfy(x -> assertThat(x).contains("connected to transfer.sh"))
                .noneSatisfy(x -> assertThat(x).contains("github.com"));
    }
}
