package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.sysmon;
import static dev.unravel.detect.control.Samples.zeekConn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.control.Samples;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundVolumeDetectorTest {

    static final double DAY = 1773100800.0; // 2026-03-10T00:00:00Z

    /** {@code n} computers at 10.20.0.1… each sending about 2 MB a day to the Internet over two days. */
    static StringBuilder office(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            for (int day = 0; day < 2; day++) {
                b.append(zeekConn(DAY + day * 86_400 + 3_600 + i, "10.20.0." + i, "52.28.250.151", 443,
                        1_800_000L + 10_000L * i, 3_000_000L));
                b.append(zeekConn(DAY + day * 86_400 + 7_200 + i, "10.20.0." + i, "10.20.5.5", 445,
                        900_000_000L, 1_000L)); // internal file share: not "out of the company"
            }
        }
        return b;
    }

    /** Karen Martinez (E1), hired 2026-03-06, and her laptop NWL-LT-9. */
    static DetectorHarness karensLaptop() {
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Karen", "Martinez", "kmartinez", "2026-03-06"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-9", "SER9", "E1"));
    }

    /** {@link #karensLaptop}, which Sysmon saw at 10.20.1.57. */
    static DetectorHarness karensLaptopAt57() {
        return karensLaptop()
                .with("windows-evtx-json", sysmon(3, "2026-03-10T10:00:00Z", "NWL-LT-9.corp.example.com", "Image",
                        "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe", "SourceIp", "10.20.1.57",
                        "DestinationHostname", "github.com", "DestinationPort", "443"));
    }

    @Test
    void gigabytesOutInADayStandOutAndNameTheLaptopSysmonSawOnTheAddress() {
        StringBuilder zeek = office(30);
        zeek.append(zeekConn(DAY + 40_000, "10.20.1.57", "159.65.17.73", 443, 1_200_000_000L, 2_000_000L));
        zeek.append(zeekConn(DAY + 40_100, "10.20.1.58", "45.76.49.203", 21116, 80_000_000L, 9_000_000L));
        List<Signal> signals = karensLaptopAt57()
                .with("zeek-json", zeek.toString())
                .run(new OutboundVolumeDetector());
        assertThat(signals).hasSize(2);
        Signal big = signals.stream().filter(s -> s.strength() > 0.4).findFirst().orElseThrow();
        assertThat(big.subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(big.stage()).isEqualTo(Stage.STEAL);
        assertThat(big.explanation()).contains("sent 1.2 GB out of the company in one day");
        Signal moderate = signals.stream().filter(s -> s.strength() < 0.4).findFirst().orElseThrow();
        assertThat(moderate.subject()).isEqualTo(new EntityRef(EntityRef.Kind.IP, "10.20.1.58"));
        assertThat(moderate.strength()).isEqualTo(0.25);
    }

    /**
     * Laptops away from the office, seen only through Zscaler: each is a source of its own by the
     * device the log names (a laptop farm's laptops share one address), else by the account; a
     * request the proxy blocked sent nothing.
     */
    @Test
    void proxyLogs_countBytesPerDevice_elsePerAccount_andNotWhatTheProxyBlocked() {
        StringBuilder web = new StringBuilder();
        for (int i = 10; i < 40; i++) {
            web.append(Samples.zscalerWeb("2026-03-10 09:" + i + ":00", "u" + i + "@example.com", "NWL-LT-" + i,
                    "203.0.113.44", "POST", "https://api.example-saas.com/v1/events", 2_000_000L + i, "Allowed"));
        }
        for (int part = 0; part < 3; part++) {
            web.append(Samples.zscalerWeb("2026-03-10 11:0" + part + ":00", "karen.martinez@example.com", "NWL-LT-9",
                    "203.0.113.44", "PUT", "https://storage.example-vps.net/drop", 400_000_000L, "Allowed"));
        }
        web.append(Samples.zscalerWeb("2026-03-10 12:00:00", "u12@example.com", "NWL-LT-12", "203.0.113.44", "PUT",
                "https://storage.example-vps.net/drop", 5_000_000_000L, "Blocked"));
        web.append(Samples.zscalerWeb("2026-03-10 13:00:00", "pat.doe@example.com", null, "198.51.100.9", "PUT",
                "https://storage.example-vps.net/drop", 600_000_000L, "Allowed"));
        List<Signal> signals = karensLaptop()
                .with("zscaler-web", web.toString())
                .run(new OutboundVolumeDetector());
        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(EntityRef.worker("E1"),
                new EntityRef(EntityRef.Kind.ACCOUNT, "pat.doe@example.com"));
        Signal laptop = signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E1"))).findFirst()
                .orElseThrow();
        assertThat(laptop.explanation()).startsWith("Device NWL-LT-9 sent 1.2 GB out of the company in one day");
        assertThat(laptop.strength()).isEqualTo(0.45);
        assertThat(laptop.evidence()).hasSize(3);
        assertThat(signals).filteredOn(s -> s.subject().kind() == EntityRef.Kind.ACCOUNT).singleElement()
                .satisfies(s -> assertThat(s.explanation()).startsWith("The account pat.doe@example.com sent 600 MB"));
    }

    /** Zeek at the VPN and the laptop's proxy agent both saw the day: one computer, one signal, not 2.4 GB. */
    @Test
    void aComputerBothLogsSaw_isOneComputer() {
        StringBuilder zeek = office(30);
        zeek.append(zeekConn(DAY + 40_000, "10.20.1.57", "159.65.17.73", 443, 1_200_000_000L, 2_000_000L));
        List<Signal> signals = karensLaptopAt57()
                .with("zeek-json", zeek.toString())
                .with("zscaler-web", Samples.zscalerWeb("2026-03-10 11:06:40", "karen.martinez@example.com",
                        "NWL-LT-9", "10.20.1.57", "PUT", "https://storage.example-vps.net/drop", 1_190_000_000L,
                        "Allowed"))
                .run(new OutboundVolumeDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("sent 1.2 GB out of the company in one day");
        });
    }

    /**
     * A remote-control relay on its own port is in Zscaler's firewall log, not its web log: the
     * laptop's day is the most either log saw (the web log's 2 MB beside the firewall's 460 MB), and
     * a session the firewall dropped sent nothing.
     */
    @Test
    void firewallSessions_countForTheLaptop_besideItsWebTraffic() {
        StringBuilder web = new StringBuilder();
        StringBuilder firewall = new StringBuilder();
        for (int i = 10; i < 40; i++) {
            web.append(Samples.zscalerWeb("2026-03-10 09:" + i + ":00", "u" + i + "@example.com", "NWL-LT-" + i,
                    "203.0.113.44", "POST", "https://api.example-saas.com/v1/events", 2_000_000L + i, "Allowed"));
            firewall.append(Samples.zscalerFirewall("2026-03-10 10:" + i + ":00", "u" + i + "@example.com",
                    "NWL-LT-" + i, "52.28.250.151", 8443, null, 1_000_000L + i, "Allow"));
        }
        web.append(Samples.zscalerWeb("2026-03-10 09:59:00", "karen.martinez@example.com", "NWL-LT-9",
                "203.0.113.44", "POST", "https://api.example-saas.com/v1/events", 2_000_000L, "Allowed"));
        firewall.append(Samples.zscalerFirewall("2026-03-10 11:00:00", "karen.martinez@example.com", "NWL-LT-9",
                "45.76.49.203", 21116, null, 460_000_000L, "Allow"));
        firewall.append(Samples.zscalerFirewall("2026-03-10 11:30:00", "u12@example.com", "NWL-LT-12",
                "45.76.49.203", 21116, null, 5_000_000_000L, "Drop"));
        List<Signal> signals = karensLaptop().with("zscaler-web", web.toString())
                .with("zscaler-firewall", firewall.toString()).run(new OutboundVolumeDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).startsWith("Device NWL-LT-9 sent 460 MB out of the company in one day");
        });
    }

    /**
     * Cloudflare: the network sessions count every byte; Gateway's HTTP log weighs the uploads it
     * saw. One upload in both logs is one computer's one day, never twice the bytes; an upload
     * Gateway blocked counts for nothing.
     */
    @Test
    void cloudflaresSessionsAndUploads_countOnceForTheLaptop_andABlockedUploadNotAtAll() {
        StringBuilder logs = new StringBuilder();
        for (int i = 10; i < 40; i++) {
            logs.append(Samples.cloudflareSession("2026-03-10T10:" + i + ":00Z", "u" + i + "@example.com",
                    "NWL-LT-" + i, "52.28.250.151", 1_000_000L + i));
        }
        logs.append(Samples.cloudflareSession("2026-03-10T11:00:00Z", "karen.martinez@example.com", "NWL-LT-9",
                "66.203.125.11", 460_000_000L));
        logs.append(Samples.cloudflareUpload("2026-03-10T11:05:00Z", "karen.martinez@example.com", "NWL-LT-9",
                "https://gfs270n171.userstorage.mega.co.nz/ul/AbCd", "src.zip", 460_000_000L, "allow"));
        logs.append(Samples.cloudflareUpload("2026-03-10T11:30:00Z", "u12@example.com", "NWL-LT-12",
                "https://gfs270n171.userstorage.mega.co.nz/ul/EfGh", "dump.zip", 5_000_000_000L, "block"));
        List<Signal> signals = karensLaptop().with("cloudflare-zero-trust", logs.toString())
                .run(new OutboundVolumeDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).startsWith("Device NWL-LT-9 sent 460 MB out of the company in one day");
        });
    }

    @Test
    void ordinaryDaysAndInternalCopiesAreNotFlagged() {
        assertThat(new DetectorHarness().with("zeek-json", office(30).toString()).run(new OutboundVolumeDetector()))
                .isEmpty();
    }

    @Test
    void tooFewComputersToCompareIsSaidNotGuessed() {
        StringBuilder zeek = office(5);
        zeek.append(zeekConn(DAY + 40_000, "10.20.1.57", "159.65.17.73", 443, 1_200_000_000L, 2_000_000L));
        DetectorHarness h = new DetectorHarness().with("zeek-json", zeek.toString());
        assertThat(h.run(new OutboundVolumeDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey("too few computers to compare outbound volume with");
    }
}
