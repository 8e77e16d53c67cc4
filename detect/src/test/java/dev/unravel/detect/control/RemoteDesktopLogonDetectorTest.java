package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Remote Desktop logons to a worker's laptop from a public address, in Windows', Defender's and Falcon's logs. */
class RemoteDesktopLogonDetectorTest {

    static final String RANGES = """
            start_ip,end_ip,cidr,country,asn,as_org,network_type,is_vpn,is_hosting,is_corporate
            64.125.134.0,64.125.134.7,64.125.134.0/29,US,6461,Zayo Bandwidth (Northwind Labs HQ),office,false,false,true
            73.0.0.0,73.15.255.255,73.0.0.0/12,US,7922,"Comcast Cable Communications, LLC",residential,false,false,false
            175.160.0.0,175.175.255.255,175.160.0.0/12,CN,4837,CHINA UNICOM China169 Backbone,residential,false,false,false
            185.242.4.0,185.242.7.255,185.242.4.0/22,US,9009,M247 Europe SRL,vpn,true,false,false
            """;

    static DetectorHarness company() {
        return new DetectorHarness().with("ip-intel", RANGES)
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                        + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10"))
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1") + laptop("NWL-LT-2", "SER2", "E2"));
    }

    /** Windows' 4624 from the laptop's Security log. */
    static String logon(String time, String computer, String type, String ip) {
        return evtx("Security", "Microsoft-Windows-Security-Auditing", 4624, time, computer, "TargetUserName", "breed",
                "TargetDomainName", "NORTHWIND", "LogonType", type, "IpAddress", ip, "IpPort", "50412",
                "WorkstationName", "DESKTOP-7Q2K9", "LogonProcessName", "User32", "AuthenticationPackageName",
                "Negotiate");
    }

    @Test
    void windowsRemoteDesktopLogonsFromAPublicAddressFire_onceALaptopAndAddress_theCompanysOwnDoNot() {
        String log = logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "73.1.2.3")
                + logon("2026-03-05T03:10:00Z", "NWL-LT-1", "10", "73.1.2.3") // the same address again
                + logon("2026-03-05T04:10:00Z", "NWL-LT-1", "10", "10.20.4.7") // over the VPN: IT's session
                + logon("2026-03-05T05:10:00Z", "NWL-LT-1", "10", "64.125.134.3") // from the office
                + logon("2026-03-05T06:10:00Z", "NWL-LT-1", "2", "-") // at the keyboard
                + logon("2026-03-05T07:10:00Z", "NWL-LT-2", "3", "73.9.9.9") // a network logon, not a desktop
                + logon("2026-03-05T08:10:00Z", "NWL-LT-2", "10", "185.242.5.85"); // through a VPN exit
        List<Signal> signals = company().with("windows-evtx-json", log)
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value(), Signal::strength)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("E1", 0.45),
                        org.assertj.core.groups.Tuple.tuple("E2", 0.55));
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1021.001");
            assertThat(s.evidence()).hasSize(1);
        });
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E1"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).startsWith("Someone signed in to the desktop of Betty Reed's "
                        + "laptop NWL-LT-1 over Remote Desktop as ").contains("from 73.1.2.3, Comcast Cable",
                                "(as Windows' logon auditing records it)"));
    }

    /**
     * With the company's private networks declared (its VPN pool), a private client outside them is
     * another computer on the laptop's own network: a farm's keeper driving the laptop from beside it.
     */
    @Test
    void aPrivateClientOutsideTheCompanysDeclaredNetworks_isAComputerBesideTheLaptop() {
        String log = logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.37")
                + logon("2026-03-05T03:10:00Z", "NWL-LT-2", "10", "10.20.4.7") // over the VPN: IT's session
                + logon("2026-03-05T04:10:00Z", "NWL-LT-2", "10", "127.0.0.1"); // a tunnel's loopback: not a LAN
        String pool = "10.20.0.0,10.20.255.255,10.20.0.0/16,,,Northwind Labs VPN pool,corporate_vpn,false,false,true\n";
        List<Signal> signals = company().with("ip-intel", RANGES + pool).with("windows-evtx-json", log)
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isEqualTo(0.45);
            assertThat(s.explanation()).contains("from 192.168.1.37, another computer on the laptop's own local network, "
                    + "not one of the company's (as Windows' logon auditing records it)").endsWith("the laptop driven from a second computer beside it, "
                    + "as a laptop farm's keeper does.");
        });
        // without the company's private networks declared, a private address says nothing
        assertThat(company().with("windows-evtx-json", log).run(new RemoteDesktopLogonDetector(IntelFeed.empty())))
                .isEmpty();
    }

    @Test
    void defendersAndFalconsRemoteInteractiveLogons_fromAHighRiskCountryAreStronger() {
        String defender = defender("DeviceLogonEvents", "2026-03-06T01:00:00Z", "NWL-LT-1", "ActionType",
                json("LogonSuccess"), "LogonType", json("RemoteInteractive"), "AccountName", json("breed"),
                "RemoteIP", json("175.167.10.20"), "RemoteIPType", json("Public"))
                + defender("DeviceLogonEvents", "2026-03-06T01:05:00Z", "NWL-LT-2", "ActionType", json("LogonFailed"),
                        "LogonType", json("RemoteInteractive"), "AccountName", json("ohaddad"), "RemoteIP",
                        json("175.167.10.21"), "RemoteIPType", json("Public"));
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        String falcon = aidmaster(aid, "NWL-LT-2", "2026-03-01T00:00:00Z")
                + falcon("UserLogon", "2026-03-06T02:00:00Z", aid, "UserName", "ohaddad", "UserSid",
                        "S-1-5-21-1-2-3-1105", "LogonType", "10", "RemoteAddressIP4", "73.4.4.4")
                + falcon("UserLogonFailed2", "2026-03-06T02:01:00Z", aid, "UserName", "ohaddad", "LogonType", "10",
                        "RemoteAddressIP4", "73.5.5.5");
        List<Signal> signals = company().with("defender-endpoint", defender).with("crowdstrike-fdr", falcon)
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value(), Signal::strength)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("E1", 0.7),
                        org.assertj.core.groups.Tuple.tuple("E2", 0.45));
        assertThat(signals).filteredOn(s -> s.strength() == 0.7).singleElement().satisfies(s -> assertThat(
                s.explanation()).contains("from 175.167.10.20", "in a high-risk country Betty Reed is not recorded "
                        + "as living in", "(as Microsoft Defender for Endpoint records it)"));
        assertThat(signals).filteredOn(s -> s.strength() == 0.45).singleElement().satisfies(s -> assertThat(
                s.explanation()).contains("laptop NWL-LT-2", "from 73.4.4.4", "(as CrowdStrike Falcon records it)")
                .doesNotContain(aid));
    }

    /** osquery's arp_cache snapshot of a laptop on March {@code day}: the router and one other device. */
    static String arp(String host, int day, String deviceIp, String deviceMac) {
        long t = java.time.Instant.parse(String.format("2026-03-%02dT07:00:00Z", day)).getEpochSecond();
        return "{\"name\":\"pack_unravel_arp_cache\",\"hostIdentifier\":\"" + host + "\",\"calendarTime\":\"\","
                + "\"unixTime\":" + t + ",\"epoch\":0,\"counter\":" + day + ",\"numerics\":false,\"decorations\":{},"
                + "\"snapshot\":[{\"address\":\"192.168.1.1\",\"mac\":\"04:d9:f5:d3:fd:7e\",\"interface\":\"en0\","
                + "\"permanent\":\"0\"},{\"address\":\"" + deviceIp + "\",\"mac\":\"" + deviceMac
                + "\",\"interface\":\"en0\",\"permanent\":\"0\"},{\"address\":\"192.168.1.255\",\"mac\":"
                + "\"ff:ff:ff:ff:ff:ff\",\"interface\":\"en0\",\"permanent\":\"1\"}],\"action\":\"snapshot\"}\n";
    }

    static final String ASSETS = ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1") + laptop("NWL-LT-2", "SER2", "E2");

    /** Two remote workers at two homes. */
    static String twoHomesHr() {
        return EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10").replace("1 Main St", "9 Elm St");
    }

    /** Two workers at two homes, with their laptops. */
    static DetectorHarness twoHomes() {
        return new DetectorHarness().with("hr-employees", twoHomesHr()).with("asset-assignments", ASSETS);
    }

    /**
     * The computer driving a laptop over Remote Desktop from its own network is in another
     * worker's laptop's ARP cache too: one machine beside two workers' laptops, said by name and
     * stronger; seen only after the first logon, it is said at the next logon from it, once.
     */
    @Test
    void theComputerBesideTheLaptopInAnotherWorkersArpCache_isNamed_andStronger() {
        String pool = "10.20.0.0,10.20.255.255,10.20.0.0/16,,,Northwind Labs VPN pool,corporate_vpn,false,false,true\n";
        String keeper = "3c:d9:2b:a3:7c:08";
        String osquery = arp("NWL-LT-1", 4, "192.168.1.185", keeper) + arp("NWL-LT-2", 4, "192.168.1.185", keeper);
        List<Signal> signals = twoHomes().with("ip-intel", RANGES + pool).with("osquery", osquery)
                .with("windows-evtx-json", logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185"))
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).contains("from 192.168.1.185, another computer on the laptop's own local "
                    + "network", "that computer (3C:D9:2B:A3:7C:08) is in the ARP caches of Omar Haddad's NWL-LT-2 as "
                    + "well (osquery arp_cache): one machine beside several workers' laptops");
        });

        // the ARP caches read after the first logon: 0.45 then, named at the next logon from it, and no more
        String logons = logon("2026-03-03T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185")
                + logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185")
                + logon("2026-03-06T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185");
        List<Signal> later = twoHomes().with("ip-intel", RANGES + pool).with("osquery", osquery)
                .with("windows-evtx-json", logons).run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(later).extracting(Signal::strength).containsExactly(0.45, 0.6);

        // a device only this laptop's cache holds (the worker's own desktop at home) is not named
        String own = arp("NWL-LT-1", 4, "192.168.1.185", keeper) + arp("NWL-LT-2", 4, "192.168.1.77",
                "8c:71:f8:00:00:01");
        assertThat(twoHomes().with("ip-intel", RANGES + pool).with("osquery", own)
                .with("windows-evtx-json", logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185"))
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.45));

        // a hypervisor's NAT gateway has the same MAC on every computer that runs it: no one device
        String qemu = arp("NWL-LT-1", 4, "192.168.1.185", "52:54:00:12:35:02")
                + arp("NWL-LT-2", 4, "192.168.1.185", "52:54:00:12:35:02");
        assertThat(twoHomes().with("ip-intel", RANGES + pool).with("osquery", qemu)
                .with("windows-evtx-json", logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185"))
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.45));

        // an office worker's laptop shares the office's machines with everyone's there: not named
        String office = twoHomesHr().replace(",Remote,2022-01-10", ",Austin Office,2022-01-10");
        assertThat(new DetectorHarness().with("hr-employees", office).with("asset-assignments", ASSETS)
                .with("ip-intel", RANGES + pool).with("osquery", osquery)
                .with("windows-evtx-json", logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185"))
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.45));

        // one household's two laptops share its own computer: not named
        assertThat(company().with("ip-intel", RANGES + pool).with("osquery", osquery)
                .with("windows-evtx-json", logon("2026-03-05T02:10:00Z", "NWL-LT-1", "10", "192.168.1.185"))
                .run(new RemoteDesktopLogonDetector(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.45));
    }
}
