package dev.unravel.detect.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.control.Samples;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Laptops behind one router, from CrowdStrike Falcon's network inventory (FDR's managedassets) and osquery's ARP caches. */
class SharedNetworkDetectorTest {

    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Jeffrey,King,1990-01-02,123-45-6789,jk@gmail.com,jeffrey.king@example.com,jking,+18015157251,8047 Prospect Ln,,Brooklyn,NY,11215,US,America/New_York,Engineering,Developer,,employee,Remote,2026-03-02,,,A1
            E2,Maria,Lopez,1988-03-04,223-45-6789,ml@gmail.com,maria.lopez@example.com,mlopez,+13125550101,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Sales,Account Executive,,employee,Remote,2024-01-10,,,A2
            E3,Tom,Lopez,1987-05-06,323-45-6789,tl@gmail.com,tom.lopez@example.com,tlopez,+13125550102,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Finance,Analyst,,employee,Remote,2024-02-10,,,A3
            E4,Anna,Nowak,1991-07-08,,an@gmail.com,anna.nowak@example.com,anowak,+48601234567,ul. Długa 5,,Warszawa,,00-001,PL,Europe/Warsaw,Engineering,Developer,,contractor,New York,2025-06-01,,,A4
            E5,Kevin,Hart,1985-09-10,423-45-6789,kh@gmail.com,kevin.hart@example.com,khart,+12065550103,9 Pine St,,Seattle,WA,98101,US,America/Los_Angeles,Engineering,Developer,,employee,Remote,2026-03-02,,,A5
            E6,Lena,Park,1992-02-03,523-45-6789,lp@gmail.com,lena.park@example.com,lpark,+12125550104,1 Main St,,New York,NY,10001,US,America/New_York,Sales,Manager,,employee,New York,2023-05-01,,,A6
            """;

    /** Laptop NWL-LT-n is worker En's, its sensor id made from n. */
    static String aid(int n) {
        return String.format("%032x", 0xfa1c0000L + n);
    }

    /** One managedassets row: laptop n behind {@code gatewayMac} on March {@code day}. */
    static String iface(int n, String gatewayMac, int day) {
        long t = Instant.parse(String.format("2026-03-%02dT06:00:00Z", day)).getEpochSecond();
        return "{\"GatewayIP\":\"192.168.1.1\",\"GatewayMAC\":\"" + gatewayMac + "\",\"InterfaceAlias\":\"Wi-Fi\","
                + "\"LocalAddressIP4\":\"192.168.1." + (20 + n) + "\",\"MAC\":\"" + String.format("3C-22-FB-00-00-%02X", n)
                + "\",\"MACPrefix\":\"3C-22-FB\",\"_time\":\"" + t + ".000\",\"aid\":\"" + aid(n)
                + "\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\"}\n";
    }

    /** Laptop n behind {@code gatewayMac} on each day from {@code from} to {@code to}. */
    static String days(int n, String gatewayMac, int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int d = from; d <= to; d++) {
            b.append(iface(n, gatewayMac, d));
        }
        return b.toString();
    }

    static List<Signal> run(String rows) {
        StringBuilder fdr = new StringBuilder();
        StringBuilder assets = new StringBuilder(Samples.ASSETS_HEADER);
        for (int n = 1; n <= 6; n++) {
            fdr.append(Samples.aidmaster(aid(n), "NWL-LT-" + n, "2026-03-01T00:00:00Z"));
            assets.append(Samples.laptop("NWL-LT-" + n, "SER" + n, "E" + n));
        }
        return new DetectorHarness().with("hr-employees", EMPLOYEES).with("asset-assignments", assets.toString())
                .with("crowdstrike-fdr", fdr + rows).run(new SharedNetworkDetector());
    }

    static final String FARM = "A4-2B-B0-11-22-33";

    @Test
    void twoRemoteHiresLaptopsBehindOneRouterMostDays_areAFarm() {
        // Jeffrey's and Kevin's laptops at the farm for ten days; Kevin's a day at a café
        List<Signal> signals = run(days(1, FARM, 2, 11) + days(5, FARM, 2, 10) + iface(5, "F0-9F-C2-AA-BB-CC", 11));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).isEqualTo("The company laptops of 2 remote workers who are not one household "
                    + "were behind the same router most days (gateway MAC A4:2B:B0:11:22:33, 192.168.1.1, per "
                    + "CrowdStrike Falcon's network inventory): Jeffrey King's NWL-LT-1 (10 of the 10 days it was "
                    + "seen), Kevin Hart's NWL-LT-5 (9 of the 10 days it was seen).");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    @Test
    void threeAreStronger_andColonsOrDashesAreOneMac() {
        List<Signal> signals = run(days(1, FARM, 2, 6) + days(5, FARM.replace('-', ':'), 2, 6)
                + days(2, FARM.toLowerCase(java.util.Locale.ROOT), 3, 5));
        assertThat(signals).hasSize(3).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.7));
    }

    @Test
    void aHotelForTwoDays_aHousehold_anOffice_aVirtualRouter_andOneDay_areNoFarm() {
        String rows =
                // a two-day offsite at one hotel: most of their days each was at home
                days(1, "00-11-22-33-44-01", 2, 9) + days(5, "00-11-22-33-44-05", 2, 9)
                        + days(1, "B8-27-EB-00-00-99", 10, 11) + days(5, "B8-27-EB-00-00-99", 10, 11)
                        // Maria and Tom Lopez: HR has them at one home
                        + days(2, "00-11-22-33-44-02", 2, 9) + days(3, "00-11-22-33-44-02", 2, 9)
                        // Anna and Lena work in the New York office: its router is theirs by design
                        + days(4, "00-11-22-33-44-04", 2, 9) + days(6, "00-11-22-33-44-04", 2, 9);
        assertThat(run(rows)).isEmpty();
        // two networks whose routers answer with an HSRP group's MAC, the same on unrelated networks
        assertThat(run(days(1, "00-00-0C-07-AC-01", 2, 9) + days(5, "00-00-0C-07-AC-01", 2, 9))).isEmpty();
        // one day each is no usual network
        assertThat(run(iface(1, FARM, 2) + iface(5, FARM, 2))).isEmpty();
    }

    /** osquery's arp_cache as a snapshot query logs it: laptop n's entries on March {@code day}. */
    static String arp(int n, int day, String... addressMac) {
        long t = Instant.parse(String.format("2026-03-%02dT07:00:00Z", day)).getEpochSecond();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < addressMac.length; i += 2) {
            rows.append(i == 0 ? "" : ",").append("{\"address\":\"").append(addressMac[i]).append("\",\"mac\":\"")
                    .append(addressMac[i + 1]).append("\",\"interface\":\"en0\",\"permanent\":\"0\"}");
        }
        return "{\"name\":\"pack_incident-response_arp_cache\",\"hostIdentifier\":\"NWL-LT-" + n
                + "\",\"calendarTime\":\"\",\"unixTime\":" + t + ",\"epoch\":0,\"counter\":" + day
                + ",\"numerics\":false,\"decorations\":{},\"snapshot\":[" + rows + "],\"action\":\"snapshot\"}\n";
    }

    /** Laptop n's ARP cache each day from {@code from} to {@code to}. */
    static String arpDays(int n, int from, int to, String... addressMac) {
        StringBuilder b = new StringBuilder();
        for (int d = from; d <= to; d++) {
            b.append(arp(n, d, addressMac));
        }
        return b.toString();
    }

    static List<Signal> runOsquery(String rows) {
        StringBuilder assets = new StringBuilder(Samples.ASSETS_HEADER);
        for (int n = 1; n <= 6; n++) {
            assets.append(Samples.laptop("NWL-LT-" + n, "SER" + n, "E" + n));
        }
        return new DetectorHarness().with("hr-employees", EMPLOYEES).with("asset-assignments", assets.toString())
                .with("osquery", rows).run(new SharedNetworkDetector());
    }

    static final String ROUTER = "50:c7:bf:11:22:33";
    /** Parallels Desktop's NAT gateway: the same MAC on every Mac that runs it. */
    static final String PARALLELS = "00:1c:42:00:00:18";

    @Test
    void arpCaches_devicesTheSameLaptopsShareAreOneNetwork_andVirtualMachinesGatewaysNoNetwork() {
        String incomplete = "(incomplete)";
        List<Signal> signals = runOsquery(
                arpDays(1, 2, 11, "192.168.1.1", ROUTER, "192.168.1.77", "b8:27:eb:00:00:07", "10.211.55.1", PARALLELS,
                        "192.168.1.255", "ff:ff:ff:ff:ff:ff", "192.168.1.9", incomplete)
                        + arpDays(5, 2, 11, "192.168.1.1", ROUTER, "192.168.1.77", "b8:27:eb:00:00:07", "10.211.55.1",
                                PARALLELS));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).isEqualTo("The company laptops of 2 remote workers who are not one household "
                    + "were on the same local network most days (the devices 50:C7:BF:11:22:33 at 192.168.1.1 and "
                    + "B8:27:EB:00:00:07 at 192.168.1.77 in each laptop's ARP cache, per osquery arp_cache): Jeffrey "
                    + "King's NWL-LT-1 (10 of the 10 days it was seen), Kevin Hart's NWL-LT-5 (10 of the 10 days it "
                    + "was seen).");
        });
        // a snapshot dated decades off (a broken clock) is passed over, and the farm is still the farm
        String broken = arp(1, 2, "192.168.1.1", ROUTER).replaceFirst("\"unixTime\":\\d+", "\"unixTime\":253402300000");
        assertThat(runOsquery(broken + arpDays(1, 2, 11, "192.168.1.1", ROUTER) + arpDays(5, 2, 11, "192.168.1.1",
                ROUTER))).hasSize(2);
        // two remote workers who both run Parallels share nothing else
        assertThat(runOsquery(arpDays(1, 2, 11, "10.211.55.1", PARALLELS, "192.168.1.1", "00:11:22:33:44:01")
                + arpDays(5, 2, 11, "10.211.55.1", PARALLELS, "192.168.1.1", "00:11:22:33:44:05"))).isEmpty();
    }

    @Test
    void aGroupInsideALargerOne_isTheSameFarm() {
        // three laptops behind the farm's router; two of them also next to the operator's machine
        List<Signal> signals = runOsquery(arpDays(1, 2, 8, "192.168.1.1", ROUTER, "192.168.1.50", "3c:22:fb:aa:bb:cc")
                + arpDays(5, 2, 8, "192.168.1.1", ROUTER, "192.168.1.50", "3c:22:fb:aa:bb:cc")
                + arpDays(2, 3, 8, "192.168.1.1", ROUTER));
        assertThat(signals).hasSize(3).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.7);
            assertThat(s.explanation()).contains("(the device 50:C7:BF:11:22:33 at 192.168.1.1 in each laptop's ARP "
                    + "cache, per osquery arp_cache)").contains("Maria Lopez's NWL-LT-2 (6 of the 6 days");
        });
    }

    /** A differential query logs an entry when it appears and when it goes: held on every day in between. */
    @Test
    void differentialResults_anEntryHeldFromAddedToRemoved_onTheDaysTheLaptopWasSeen() {
        StringBuilder rows = new StringBuilder();
        for (int n : new int[] {1, 5}) {
            rows.append(Samples.osquery("arp_cache", day(2), "NWL-LT-" + n, "address", "192.168.1.1", "mac", ROUTER,
                    "interface", "en0", "permanent", "0"));
            for (int d = 3; d <= 9; d++) { // the laptop's other queries: it was on
                rows.append(Samples.osquery("processes", day(d), "NWL-LT-" + n, "pid", "1", "name", "zsh"));
            }
        }
        // Kevin's laptop moves on day 10: the router's entry goes, another network's comes
        rows.append(Samples.osquery("arp_cache", day(10), "NWL-LT-5", "address", "192.168.1.1", "mac", ROUTER,
                "interface", "en0", "permanent", "0").replace("\"added\"", "\"removed\""));
        rows.append(Samples.osquery("arp_cache", day(10), "NWL-LT-5", "address", "10.0.0.1", "mac", "00:11:22:33:44:05",
                "interface", "en0", "permanent", "0"));
        for (int d = 11; d <= 12; d++) {
            rows.append(Samples.osquery("processes", day(d), "NWL-LT-5", "pid", "1", "name", "zsh"));
        }
        List<Signal> signals = runOsquery(rows.toString());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals.get(0).explanation()).contains("Jeffrey King's NWL-LT-1 (8 of the 8 days it was seen)",
                "Kevin Hart's NWL-LT-5 (9 of the 11 days it was seen)");
    }

    static long day(int day) {
        return Instant.parse(String.format("2026-03-%02dT07:00:00Z", day)).getEpochSecond();
    }

    /** Falcon names the router; osquery's ARP cache saw it too, and the operator's machine beside it. */
    @Test
    void bothInventories_theRouterFalconNames_andTheOtherDevicesBeside() {
        StringBuilder fdr = new StringBuilder();
        for (int n = 1; n <= 6; n++) {
            fdr.append(Samples.aidmaster(aid(n), "NWL-LT-" + n, "2026-03-01T00:00:00Z"));
        }
        StringBuilder assets = new StringBuilder(Samples.ASSETS_HEADER);
        for (int n = 1; n <= 6; n++) {
            assets.append(Samples.laptop("NWL-LT-" + n, "SER" + n, "E" + n));
        }
        String router = ROUTER.toUpperCase(java.util.Locale.ROOT).replace(':', '-');
        List<Signal> signals = new DetectorHarness().with("hr-employees", EMPLOYEES)
                .with("asset-assignments", assets.toString())
                .with("crowdstrike-fdr", fdr + days(1, router, 2, 6) + days(5, router, 2, 6))
                .with("osquery", arpDays(1, 2, 6, "192.168.1.1", ROUTER, "192.168.1.50", "3c:22:fb:aa:bb:cc")
                        + arpDays(5, 2, 6, "192.168.1.1", ROUTER, "192.168.1.50", "3c:22:fb:aa:bb:cc"))
                .run(new SharedNetworkDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> assertThat(s.explanation()).contains("were behind the same "
                + "router most days (gateway MAC 50:C7:BF:11:22:33, 192.168.1.1, per CrowdStrike Falcon's network "
                + "inventory and osquery arp_cache; and next to 3C:22:FB:AA:BB:CC at 192.168.1.50 in their ARP caches, "
                + "per osquery arp_cache): Jeffrey King's NWL-LT-1 (5 of the 5 days it was seen)"));
    }

    @Test
    void macs() {
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("a4-2b-b0-11-22-33")).isEqualTo("A4:2B:B0:11:22:33");
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("A42BB0112233")).isEqualTo("A4:2B:B0:11:22:33");
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("00:00:5E:00:01:0A")).as("VRRP").isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("01-00-5E-00-00-01")).as("multicast").isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("52:54:00:12:35:02")).as("QEMU's NAT gateway").isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("02:42:ac:11:00:01")).as("Docker's bridge").isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("06:11:22:33:44:55")).as("another locally administered").isEqualTo("06:11:22:33:44:55");
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("00-00-00-00-00-00")).isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac("")).isNull();
        assertThat(dev.unravel.detect.roster.Normalise.deviceMac(null)).isNull();
    }
}
