package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cloud proxies' logs placing the company laptops for {@link SharedSourceIp}: the agent on a laptop
 * (Zscaler Client Connector, Umbrella's roaming client) reaches the service from the laptop's own
 * network, so its log shows laptops on one home line even where the company runs no VPN.
 */
class ProxiedLaptopsTest {

    private static int sequence;

    /**
     * {@code count} Zscaler Internet Access web transactions (the Splunk format's names) from
     * {@code machine}, {@code user} signed in, a minute apart from {@code time}; {@code publicIp} in
     * {@code clientpublicIP} unless null.
     */
    static String zscaler(String user, String machine, String clientIp, String publicIp, String time, int count) {
        StringBuilder b = new StringBuilder();
        long epoch = java.time.Instant.parse(time).getEpochSecond();
        for (int i = 0; i < count; i++) {
            b.append("{\"sourcetype\":\"zscalernss-web\",\"event\":{\"epochtime\":\"").append(epoch + 60L * i)
                    .append("\",\"event_id\":\"").append(++sequence).append("\",\"action\":\"Allowed\",")
                    .append("\"transactionsize\":\"5200\",\"responsesize\":\"5000\",\"requestsize\":\"200\",")
                    .append("\"urlcategory\":\"Professional Services\",\"serverip\":\"140.82.112.4\",")
                    .append("\"requestmethod\":\"GET\",\"location\":\"Road Warrior\",\"ClientIP\":\"").append(clientIp)
                    .append("\",").append(publicIp == null ? "" : "\"clientpublicIP\":\"" + publicIp + "\",")
                    .append("\"status\":\"200\",\"user\":\"").append(user).append("\",\"url\":\"github.com/\",")
                    .append("\"hostname\":\"github.com\",\"devicehostname\":\"").append(machine).append("\"}}\n");
        }
        return b.toString();
    }

    /** An Umbrella DNS log row (format version 13) of the roaming client on {@code machine}. */
    static String umbrellaDns(String name, String email, String machine, String external, String time) {
        String user = name + " (" + email + ")";
        return "\"" + time + "\",\"" + user + "\",\"" + user + "," + machine + "\",\"192.168.1.23\",\"" + external
                + "\",\"Allowed\",\"1 (A)\",\"NOERROR\",\"github.com.\",\"Software/Technology\",\"AD Users\","
                + "\"AD Users,Anyconnect Roaming Client\",\"\"\n";
    }

    @Test
    void twoHiresLaptopsBehindOneHomeLine_inZscalersWebLog_areAFarm() {
        var h = harness().with("zscaler-web",
                zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", "73.1.2.3", "2026-03-02T14:00:00Z", 40)
                        + zscaler("kevin.hart@example.com", "NWL-LT-5", "10.20.4.18", "73.1.2.3",
                                "2026-03-02T15:30:00Z", 40));
        List<Signal> signals = h.run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).contains("73.1.2.3").contains("residential")
                    .endsWith("Zscaler Internet Access's web log shows 2 of their company laptops connecting from it "
                            + "(Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).");
            // each laptop's first transaction from there, not its thirty-nine others
            assertThat(s.evidence()).extracting(ev -> ev.record()).containsExactlyInAnyOrder(1L, 41L);
        });
    }

    @Test
    void umbrellasExternalAddress_placesTheRoamingLaptops() {
        var h = harness().with("cisco-umbrella",
                umbrellaDns("King, Jeffrey", "jeffrey.king@example.com", "NWL-LT-1", "73.1.2.3", "2026-03-02 14:00:00")
                        + umbrellaDns("Hart, Kevin", "kevin.hart@example.com", "NWL-LT-5", "73.1.2.3",
                                "2026-03-02 16:00:00"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).endsWith("Cisco Umbrella's log shows 2 of their company laptops connecting "
                    + "from it (Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).");
        });
    }

    /** A Cloudflare Gateway DNS query (Logpush's gateway_dns) from the WARP client on {@code machine}. */
    static String cloudflareDns(String email, String machine, String srcIp, String time) {
        return "{\"Datetime\":\"" + time + "\",\"DeviceName\":\"" + machine + "\",\"Email\":\"" + email
                + "\",\"QueryName\":\"github.com\",\"QueryTypeName\":\"A\",\"ResolverDecision\":"
                + "\"allowedOnNoPolicyMatch\",\"SrcIP\":\"" + srcIp + "\",\"SrcPort\":0}\n";
    }

    @Test
    void cloudflareGatewaysSourceAddress_placesTheWarpLaptops() {
        var h = harness().with("cloudflare-zero-trust",
                cloudflareDns("jeffrey.king@example.com", "NWL-LT-1", "73.1.2.3", "2026-03-02T14:00:00Z")
                        + cloudflareDns("kevin.hart@example.com", "NWL-LT-5", "73.1.2.3", "2026-03-02T16:00:00Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).endsWith("Cloudflare Gateway's log shows 2 of their company laptops connecting "
                    + "from it (Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).");
        });
    }

    @Test
    void cloudflareLaptopsInTheOffice_orWithoutAPublicAddress_areNoFarm() {
        // both WARP laptops behind the office's egress, then two records whose SrcIP is a LAN address
        var h = harness().with("cloudflare-zero-trust",
                cloudflareDns("jeffrey.king@example.com", "NWL-LT-1", "64.125.134.2", "2026-03-02T14:00:00Z")
                        + cloudflareDns("kevin.hart@example.com", "NWL-LT-5", "64.125.134.2", "2026-03-02T14:05:00Z")
                        + cloudflareDns("jeffrey.king@example.com", "NWL-LT-1", "192.168.1.20", "2026-03-03T14:00:00Z")
                        + cloudflareDns("kevin.hart@example.com", "NWL-LT-5", "192.168.1.20", "2026-03-03T14:05:00Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }

    @Test
    void aLaptopBesideAnotherWorkersSignIn_isNamed() {
        var h = harness().with("zscaler-web",
                zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", "73.1.2.3", "2026-03-02T14:00:00Z", 3))
                .with("okta", okta("kevin.hart@example.com", "73.1.2.3", NEW_YORK, "2026-03-02T09:00:00.000Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).endsWith("Zscaler Internet Access's web log shows a company laptop connecting "
                    + "from it (Jeffrey King's NWL-LT-1).");
        });
    }

    @Test
    void internalAddressesTheOfficeAndAHousehold_areNoFarm() {
        // no public address: ClientIP is the laptop's own on the office LAN
        String internal = zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", null, "2026-03-02T14:00:00Z", 5)
                + zscaler("kevin.hart@example.com", "NWL-LT-5", "10.20.4.18", null, "2026-03-02T14:00:00Z", 5);
        // both laptops in the office, behind its egress
        String office = zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", "64.125.134.2",
                "2026-03-03T14:00:00Z", 5)
                + zscaler("kevin.hart@example.com", "NWL-LT-5", "10.20.4.18", "64.125.134.2", "2026-03-03T14:00:00Z", 5);
        // Maria and Tom Lopez: HR has them at one home
        String household = zscaler("maria.lopez@example.com", "NWL-LT-2", "192.168.1.20", "73.9.9.9",
                "2026-03-04T14:00:00Z", 5)
                + zscaler("tom.lopez@example.com", "NWL-LT-3", "192.168.1.21", "73.9.9.9", "2026-03-04T14:00:00Z", 5);
        var h = harness().with("zscaler-web", internal + office + household);
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }

    static final String AID1 = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
    static final String AID5 = "0e1d2c3b4a5968778695a4b3c2d1e0f9";

    /**
     * FDR events of two laptops, NWL-LT-1 (Jeffrey King's) and NWL-LT-5 (Kevin Hart's), named by the
     * aidmaster records: a DNS look-up from each sensor at {@code aip1} and {@code aip5}, an hour apart.
     */
    static DetectorHarness falconLaptops(String aip1, String aip5) {
        String fdr = dev.unravel.detect.control.Samples.aidmaster(AID1, "NWL-LT-1", "2026-03-01T00:00:00Z")
                + dev.unravel.detect.control.Samples.aidmaster(AID5, "NWL-LT-5", "2026-03-01T00:00:00Z")
                + dev.unravel.detect.control.Samples.falcon("DnsRequest", "2026-03-02T14:00:00Z", AID1,
                        "DomainName", "github.com").replace("198.51.100.23", aip1)
                + dev.unravel.detect.control.Samples.falcon("DnsRequest", "2026-03-02T14:05:00Z", AID1,
                        "DomainName", "api.github.com").replace("198.51.100.23", aip1)
                + dev.unravel.detect.control.Samples.falcon("DnsRequest", "2026-03-02T15:00:00Z", AID5,
                        "DomainName", "github.com").replace("198.51.100.23", aip5);
        return harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-1", "SER1", "E1")
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-5", "SER5", "E5")).with("crowdstrike-fdr", fdr);
    }

    @Test
    void falconsSensorAddress_placesTheLaptops_anEdrAloneShowsTheFarm() {
        List<Signal> signals = falconLaptops("73.1.2.3", "73.1.2.3").run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).startsWith("2 workers (Jeffrey King, Kevin Hart) were seen at the same "
                    + "address 73.1.2.3").contains("residential")
                    .endsWith("CrowdStrike Falcon's sensor shows 2 of their company laptops connecting from it "
                            + "(Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).")
                    .doesNotContain(AID1);
            assertThat(s.evidence()).hasSize(2); // each laptop's first event there
        });
    }

    /** Jamf Pro's inventory: each Mac's last check-in, with the address Jamf Pro saw it from. */
    static DetectorHarness jamfMacs(String ip1, String ip5) {
        String page = "{\"totalCount\":2,\"results\":[" + jamfMac("NWL-MBP-1", ip1, "2026-03-02T22:41:10.000Z", "jking")
                + "," + jamfMac("NWL-MBP-5", ip5, "2026-03-02T23:05:00.000Z", "khart") + "]}";
        return harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-MBP-1", "SER1", "E1")
                + dev.unravel.detect.control.Samples.laptop("NWL-MBP-5", "SER5", "E5")).with("jamf-computers", page);
    }

    static String jamfMac(String name, String ip, String contact, String user) {
        return "{\"id\":\"" + name.length() + "\",\"udid\":\"6E2B1C7A-43F0-5B7E-9C3D-0A1B2C3D4E5F\",\"general\":"
                + "{\"name\":\"" + name + "\",\"lastIpAddress\":\"" + ip + "\",\"lastReportedIp\":\"192.168.1.50\","
                + "\"lastContactTime\":\"" + contact + "\",\"platform\":\"Mac\"},\"userAndLocation\":{\"username\":\""
                + user + "\"}}";
    }

    @Test
    void jamfProsLastCheckIns_placeTheMacs() {
        List<Signal> signals = jamfMacs("73.1.2.3", "73.1.2.3").run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> assertThat(s.explanation()).startsWith("2 workers (Jeffrey King, Kevin "
                + "Hart) were seen at the same address 73.1.2.3").endsWith("Jamf Pro's inventory shows 2 of their "
                + "company laptops connecting from it (Jeffrey King's NWL-MBP-1, Kevin Hart's NWL-MBP-5)."));
        assertThat(jamfMacs("73.1.2.3", "73.5.5.5").run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }

    /**
     * Defender for Endpoint's DeviceInfo rows, streamed: each laptop (Defender names it by its FQDN in
     * lower case) at the address Defender's cloud saw its sensor connect from; {@code signedIn} the
     * account LoggedOnUsers gives.
     */
    static DetectorHarness defenderLaptops(String ip1, String ip5, String signedIn) {
        String rows = defenderInfo("nwl-lt-1.corp.example.com", ip1, "2026-03-02T14:00:00Z", signedIn) + "\n"
                + defenderInfo("nwl-lt-5.corp.example.com", ip5, "2026-03-02T19:30:00Z", "khart") + "\n";
        return harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-1", "SER1", "E1")
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-5", "SER5", "E5")).with("defender-endpoint", rows);
    }

    static String defenderInfo(String device, String ip, String time, String user) {
        return "{\"time\":\"" + time + "\",\"tenantId\":\"t\",\"operationName\":\"Publish\",\"category\":"
                + "\"AdvancedHunting-DeviceInfo\",\"properties\":{\"Timestamp\":\"" + time + "\",\"DeviceId\":\""
                + device.length() + "\",\"DeviceName\":\"" + device + "\",\"PublicIP\":\"" + ip + "\",\"OSPlatform\":"
                + "\"Windows11\",\"LoggedOnUsers\":\"[{\\\"UserName\\\":\\\"" + user + "\\\",\\\"DomainName\\\":"
                + "\\\"EXAMPLE\\\"}]\",\"MachineGroup\":\"Laptops\"}}";
    }

    @Test
    void defendersDeviceInventory_placesTheLaptops_byTheirWorkerWhoeverIsSignedIn() {
        // the laptop is its worker's even while another account is signed in on it
        List<Signal> signals = defenderLaptops("73.1.2.3", "73.1.2.3", "helpdesk.admin")
                .run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).startsWith("2 workers (Jeffrey King, Kevin Hart) were seen at the same "
                    + "address 73.1.2.3").endsWith("Microsoft Defender for Endpoint's device inventory shows 2 of "
                    + "their company laptops connecting from it (Jeffrey King's nwl-lt-1.corp.example.com, Kevin "
                    + "Hart's nwl-lt-5.corp.example.com).");
        });
        assertThat(defenderLaptops("73.1.2.3", "73.5.5.5", "jking").run(new SharedSourceIp(IntelFeed.empty())))
                .isEmpty();
        assertThat(defenderLaptops("64.125.134.2", "64.125.134.2", "jking")
                .run(new SharedSourceIp(IntelFeed.empty()))).as("the office's egress").isEmpty();
    }

    @Test
    void fleetsHostRecords_placeTheLaptops() {
        String hosts = "{\"hosts\":[" + fleetHost(1, "NWL-LT-1", "73.1.2.3", "2026-03-02T22:41:10Z") + ","
                + fleetHost(5, "NWL-LT-5", "73.1.2.3", "2026-03-02T23:05:00Z") + "]}";
        List<Signal> signals = harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-1", "SER1", "E1")
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-5", "SER5", "E5")).with("fleet-hosts", hosts)
                .run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> assertThat(s.explanation()).endsWith("Fleet's host list shows 2 of their "
                + "company laptops connecting from it (Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5)."));
    }

    static String fleetHost(int id, String name, String ip, String seen) {
        return "{\"id\":" + id + ",\"seen_time\":\"" + seen + "\",\"hostname\":\"" + name + "\",\"platform\":\"windows\","
                + "\"osquery_version\":\"5.14.1\",\"public_ip\":\"" + ip + "\",\"primary_ip\":\"192.168.1.20\"}";
    }

    @Test
    void falconLaptopsOnTwoLines_orInTheOffice_areNoFarm() {
        assertThat(falconLaptops("73.1.2.3", "73.5.5.5").run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
        assertThat(falconLaptops("64.125.134.2", "64.125.134.2").run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }

    @Test
    void aLaptopMovingBetweenLinesWithinMinutes_isSeenOnBoth() {
        // the re-check interval is per address: a laptop that moves is placed at once
        String moved = zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", "73.5.5.5", "2026-03-02T14:00:00Z", 1)
                + zscaler("jeffrey.king@example.com", "NWL-LT-1", "10.20.4.17", "73.1.2.3", "2026-03-02T14:01:00Z", 1);
        var h = harness().with("zscaler-web", moved
                + zscaler("kevin.hart@example.com", "NWL-LT-5", "10.20.4.18", "73.1.2.3", "2026-03-02T14:02:00Z", 1));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).extracting(s -> s.subject().value())
                .containsExactlyInAnyOrder("E1", "E5");
    }
}
