package dev.unravel.detect.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceAddressesTest {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    static Event osquery(Instant t, String host, String action, String iface, String address) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("hostIdentifier", host);
        doc.put("query", "interface_addresses");
        doc.put("action", action);
        doc.put("columns", Map.of("interface", iface, "address", address, "mask", "255.255.0.0"));
        return new Event(t, "osquery", "osquery.pack_it_interface_addresses", LogSource.of("osquery", null,
                "interface_addresses"), null, host, null, doc, null);
    }

    static Event sysmon3(Instant t, String host, String sourceIp, Object initiated) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("SourceIp", sourceIp);
        doc.put("Initiated", initiated);
        return new Event(t, "sysmon", "sysmon.3", LogSource.of("windows", "network_connection", "sysmon"), null, host,
                null, doc, null);
    }

    static Event dhcp(Instant t, String hostName, String assigned, Object leaseTime) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("assigned_addr", assigned);
        doc.put("host_name", hostName);
        doc.put("lease_time", leaseTime);
        doc.put("msg_types", java.util.List.of("REQUEST", "ACK"));
        return new Event(t, "zeek", "dhcp", LogSource.of("zeek", null, "dhcp"), null, null, assigned, doc, null);
    }

    static Event vpn(Instant t, String type, String host, String privateIp) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("private_ip", privateIp);
        doc.put("machine_name", host);
        return new Event(t, "globalprotect", type, LogSource.of("paloalto", "vpn", null), "someone", host,
                "73.1.2.3", doc, null);
    }

    @Test
    void aVpnTunnelsAddressIsTheLaptopsFromConnectToLogout_orUntilTheGatewayGivesItToAnother() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(vpn(T0, "vpn.session.start", "NWL-LT-1", "10.200.4.17"));
        a.observe(vpn(T0.plusSeconds(8 * 3600), "vpn.session.end", "NWL-LT-1", "10.200.4.17"));
        assertThat(a.holderAt("10.200.4.17", T0.plusSeconds(3600)).how())
                .isEqualTo("the VPN's log (globalprotect), tunnel connected, from 2026-03-02T09:00:00Z to "
                        + "2026-03-02T17:00:00Z");
        // the next morning another laptop gets the address; the first one's logout of that day was lost
        a.observe(vpn(T0.plusSeconds(86_400), "vpn.session.start", "NWL-LT-1", "10.200.4.17"));
        a.observe(vpn(T0.plusSeconds(86_400 + 4 * 3600), "vpn.session.start", "NWL-LT-2", "10.200.4.17"));
        assertThat(a.holderAt("10.200.4.17", T0.plusSeconds(86_400 + 3600)).device()).isEqualTo("NWL-LT-1");
        assertThat(a.holderAt("10.200.4.17", T0.plusSeconds(86_400 + 6 * 3600)).device()).isEqualTo("NWL-LT-2");
        // an event without the tunnel's address or the computer says nothing
        a.observe(vpn(T0, "vpn.session.start", null, "10.200.9.9"));
        a.observe(vpn(T0, "vpn.session.start", "NWL-LT-3", null));
        assertThat(a.holderAt("10.200.9.9", T0)).isNull();
        assertThat(a.size()).isEqualTo(1);
    }

    @Test
    void osqueryAddedHoldsUntilRemoved_andSaysSo() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(osquery(T0, "NWL-MBP-1", "added", "utun4", "10.20.0.5"));

        DeviceAddresses.Holder h = a.holderAt("10.20.0.5", T0.plusSeconds(30 * 86_400));
        assertThat(h.device()).isEqualTo("NWL-MBP-1");
        assertThat(h.how()).isEqualTo("osquery interface_addresses, utun4, added 2026-03-02T09:00:00Z");
        assertThat(a.holderAt("10.20.0.6", T0.plusSeconds(60))).isNull();

        a.observe(osquery(T0.plusSeconds(7200), "nwl-mbp-1", "removed", "utun4", "10.20.0.5"));
        a.observe(osquery(T0.plusSeconds(86_400), "NWL-LT-2", "added", "23", "10.20.0.5"));
        assertThat(a.holderAt("10.20.0.5", T0.plusSeconds(3600)).how())
                .isEqualTo("osquery interface_addresses, utun4, from 2026-03-02T09:00:00Z to 2026-03-02T11:00:00Z");
        assertThat(a.holderAt("10.20.0.5", T0.plusSeconds(2 * 86_400)).device()).isEqualTo("NWL-LT-2");
        assertThat(a.holderAt("10.20.0.5", T0.plusSeconds(4 * 3600)).how())
                .as("after the removal, nobody else yet: the last holder, said to be a lease away")
                .endsWith("; within 12 hours of the signal");
        assertThat(a.holderAt("10.20.0.5", T0.plusSeconds(13 * 3600)))
                .as("a lease from both tenures: either device could have held it").isNull();
    }

    /** osquery's arp_cache rows name the neighbours' addresses (the router's), not the laptop's. */
    @Test
    void anArpCacheEntryIsANeighboursAddress_notTheLaptops() {
        DeviceAddresses a = new DeviceAddresses(100);
        for (String query : new String[] {"pack_ir_arp_cache", "pack_ir_neighbours"}) {
            Map<String, Object> doc = new HashMap<>();
            doc.put("hostIdentifier", "NWL-MBP-1");
            doc.put("action", "snapshot");
            Map<String, Object> row = new HashMap<>(Map.of("interface", "en0", "address", "10.20.0.1", "mac",
                    "50:c7:bf:01:02:03"));
            if (query.endsWith("neighbours")) {
                row.put("permanent", "0"); // the table's own column, whatever the query is called
            }
            doc.put("columns", row);
            a.observe(new Event(T0, "osquery", "osquery." + query, LogSource.of("osquery", null, query), null,
                    "NWL-MBP-1", null, doc, null));
        }
        assertThat(a.holderAt("10.20.0.1", T0)).isNull();
        // the same shape from interface_addresses joined with interface_details is the laptop's own
        Map<String, Object> doc = new HashMap<>();
        doc.put("hostIdentifier", "NWL-MBP-2");
        doc.put("action", "added");
        doc.put("columns", Map.of("interface", "en0", "address", "10.20.0.9", "mac", "f0:18:98:00:00:01"));
        a.observe(new Event(T0, "osquery", "osquery.pack_it_interfaces", LogSource.of("osquery", null, "interfaces"),
                null, "NWL-MBP-2", null, doc, null));
        assertThat(a.holderAt("10.20.0.9", T0).device()).isEqualTo("NWL-MBP-2");
    }

    @Test
    void windowsNamesAnInterfaceByIndex_theAdaptersNameSaysMore() {
        DeviceAddresses a = new DeviceAddresses(100);
        Event row = osquery(T0, "NWL-LT-2", "added", "23", "10.20.0.7");
        @SuppressWarnings("unchecked")
        Map<String, Object> columns = new HashMap<>((Map<String, Object>) row.document().get("columns"));
        columns.put("friendly_name", "Corporate VPN");
        row.document().put("columns", columns);
        a.observe(row);
        DeviceAddresses.Holder h = a.holderAt("10.20.0.7", T0);
        assertThat(h.how()).isEqualTo("osquery interface_addresses, Corporate VPN (23), added 2026-03-02T09:00:00Z");
        assertThat(h.at("10.20.0.7")).isEqualTo("at 10.20.0.7, per " + h.how());
    }

    @Test
    void anAddressTwoDevicesHoldAtOnceNamesNeither() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(osquery(T0, "NWL-MBP-1", "added", "en0", "192.168.1.10"));
        a.observe(osquery(T0.plusSeconds(60), "NWL-LT-2", "added", "12", "192.168.1.10"));
        assertThat(a.holderAt("192.168.1.10", T0.plusSeconds(30))).as("only the first, yet").isNotNull();
        assertThat(a.holderAt("192.168.1.10", T0.plusSeconds(3600))).isNull();
    }

    @Test
    void sysmonConnectionsItInitiated_holdALeaseEitherSide_andAnFqdnIsTheSameDevice() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(sysmon3(T0, "NWL-LT-2.corp.example.com", "10.20.0.7", true));
        a.observe(sysmon3(T0.plusSeconds(3600), "NWL-LT-2.corp.example.com", "10.20.0.7", "true"));
        a.observe(sysmon3(T0, "NWL-LT-3", "10.20.0.8", false)); // inbound: SourceIp is the other side's
        a.observe(osquery(T0.plusSeconds(7200), "NWL-LT-2", "added", "23", "10.20.0.7"));

        assertThat(a.holderAt("10.20.0.7", T0.plusSeconds(1800)).how())
                .isEqualTo("Sysmon network connections from 2026-03-02T09:00:00Z to 2026-03-02T10:00:00Z");
        assertThat(a.holderAt("10.20.0.7", T0.minusSeconds(11 * 3600)).device())
                .isEqualTo("NWL-LT-2.corp.example.com");
        assertThat(a.holderAt("10.20.0.7", T0.minusSeconds(13 * 3600))).isNull();
        assertThat(a.holderAt("10.20.0.7", T0.plusSeconds(5400)))
                .as("between the sightings and osquery's tenure: both the one laptop, osquery's the firmer")
                .extracting(DeviceAddresses.Holder::device).isEqualTo("NWL-LT-2");
        assertThat(a.holderAt("10.20.0.8", T0)).isNull();
        assertThat(a.size()).isEqualTo(1);
    }

    @Test
    void zeekDhcpLeases_andAddressesThatNameNoDevice() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(dhcp(T0, "ws-alice", "10.1.2.3", 3600.0));
        a.observe(dhcp(T0, null, "10.1.2.4", 3600.0)); // no name: nothing to tie to
        for (String nowhere : new String[] {"127.0.0.1", "169.254.3.4", "0.0.0.0", "::1", "fe80::1", "ff02::1",
                "224.0.0.251", "not an address"}) {
            a.observe(osquery(T0, "NWL-MBP-1", "added", "lo0", nowhere));
        }
        assertThat(a.holderAt("10.1.2.3", T0.plusSeconds(1800)).how())
                .isEqualTo("Zeek dhcp.log lease, from 2026-03-02T09:00:00Z to 2026-03-02T10:00:00Z");
        assertThat(a.holderAt("10.1.2.4", T0)).isNull();
        a.observe(dhcp(T0, "ws-bob", "10.1.2.9", Double.POSITIVE_INFINITY)); // a hostile lease: held a year
        assertThat(a.holderAt("10.1.2.9", T0.plusSeconds(300 * 86_400L)).device()).isEqualTo("ws-bob");
        assertThat(a.holderAt("10.1.2.9", T0.plusSeconds(400 * 86_400L))).isNull();
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void spellingsOfOneAddressAreOneAddress() {
        DeviceAddresses a = new DeviceAddresses(100);
        a.observe(osquery(T0, "NWL-MBP-1", "added", "utun4", "FD00:0:0:0:0:0:0:5"));
        a.observe(osquery(T0, "NWL-MBP-1", "added", "utun5", "010.020.000.005")); // an exporter's padding
        assertThat(a.holderAt("fd00::5", T0.plusSeconds(60)).device()).isEqualTo("NWL-MBP-1");
        assertThat(a.holderAt("[fd00::0:5]", T0.plusSeconds(60)).device()).isEqualTo("NWL-MBP-1");
        assertThat(a.holderAt("10.20.0.5", T0.plusSeconds(60)).device()).isEqualTo("NWL-MBP-1");
        assertThat(a.holderAt("10.20.0.50", T0.plusSeconds(60))).isNull();
        assertThat(a.size()).isEqualTo(2);
    }

    @Test
    void bounded_dailySightingsMerge_andTheOldestTenureStays() {
        DeviceAddresses a = new DeviceAddresses(2);
        a.observe(osquery(T0, "NWL-MBP-1", "added", "utun4", "10.20.0.5"));
        a.observe(osquery(T0, "NWL-MBP-9", "added", "utun4", "10.20.0.9"));
        // a laptop seen every working day for two months: its sightings are a day apart, more than a lease
        for (int day = 0; day < 60; day++) {
            a.observe(sysmon3(T0.plusSeconds(day * 86_400L), "NWL-LT-2", "10.20.0.7", true));
        }
        assertThat(a.evictions()).as("10.20.0.5 evicted for room, counted").isEqualTo(1);
        assertThat(a.holderAt("10.20.0.5", T0)).isNull();
        assertThat(a.holderAt("10.20.0.7", T0.plusSeconds(30 * 86_400L + 3600)).device()).isEqualTo("NWL-LT-2");
        assertThat(a.holderAt("10.20.0.7", T0).device()).isEqualTo("NWL-LT-2");
    }
}
