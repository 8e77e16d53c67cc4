package dev.unravel.detect.onboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.control.Samples;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Laptops behind one router, from CrowdStrike Falcon's network inventory (FDR's managedassets). */
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

    @Test
    void macs() {
        assertThat(SharedNetworkDetector.mac("a4-2b-b0-11-22-33")).isEqualTo("A4:2B:B0:11:22:33");
        assertThat(SharedNetworkDetector.mac("A42BB0112233")).isEqualTo("A4:2B:B0:11:22:33");
        assertThat(SharedNetworkDetector.mac("00:00:5E:00:01:0A")).as("VRRP").isNull();
        assertThat(SharedNetworkDetector.mac("01-00-5E-00-00-01")).as("multicast").isNull();
        assertThat(SharedNetworkDetector.mac("00-00-00-00-00-00")).isNull();
        assertThat(SharedNetworkDetector.mac("")).isNull();
        assertThat(SharedNetworkDetector.mac(null)).isNull();
    }
}
