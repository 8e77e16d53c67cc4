package dev.unravel.ingest.format.vpn;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GlobalProtectReaderTest {

    final GlobalProtectReader reader = new GlobalProtectReader();

    /** PAN-OS 10.x/11.x: a laptop's tunnel connected from a home broadband address, syslog header first. */
    static final String CONNECTED = "<14>Mar 10 14:02:11 PA-3220-HQ 1,2026/03/10 14:02:11,016201004321,GLOBALPROTECT,0,"
            + "2817,2026/03/10 14:02:10,vsys1,gateway-connected,connected,,IPSec,ada.lovelace@example.com,US,"
            + "NWL-LT-0142,203.0.113.44,0.0.0.0,10.200.4.17,0.0.0.0,6c1f3e2a-8b7d-4c19-9e55-0a2f7d1c4b90,"
            + "PF3K9Z2A,6.2.4-28,Microsoft Windows,\"Microsoft Windows 11 Enterprise , 64-bit\",1,,,"
            + "\"\",success,,0,user-logon,0,GP-Portal-HQ,7412983300185523201,0x8000000000000000,"
            + "2026-03-10T09:02:10.413-05:00,preferred,27,highest,\"GW-East,27,highest\",GW-East,12,0,0,0,,"
            + "PA-3220-HQ,1,";

    /** The same connection's authentication, failed, without a syslog header. */
    static final String AUTH_FAILED = "1,2026/03/10 14:01:58,016201004321,GLOBALPROTECT,0,2817,2026/03/10 14:01:58,"
            + "vsys1,portal-auth,login,SAML,,ada.lovelace@example.com,US,NWL-LT-0142,203.0.113.44,0.0.0.0,0.0.0.0,"
            + "0.0.0.0,6c1f3e2a-8b7d-4c19-9e55-0a2f7d1c4b90,PF3K9Z2A,6.2.4-28,Microsoft Windows,"
            + "\"Microsoft Windows 11 Enterprise , 64-bit\",1,,\"Authentication failed\",\"Client region: US, "
            + "Login from: 203.0.113.44.\",failure,,0,,0,GP-Portal-HQ,7412983300185523199,0x8000000000000000,"
            + "2026-03-10T09:01:58.120-05:00,,,,,,12,0,0,0,,PA-3220-HQ,1,";

    /** PAN-OS 9.1 (sequence number and action flags after the serial): the logout, with the session's length. */
    static final String LOGOUT_9_1 = "1,2026/03/10 23:31:40,015351000040055,7412983300185529001,0x0,GLOBALPROTECT,"
            + "0,2305,2026/03/10 23:31:40,vsys1,gateway-logout,logout,,,CORP\\alovelace,US,NWL-LT-0142,"
            + "203.0.113.44,0.0.0.0,10.200.4.17,0.0.0.0,6c1f3e2a-8b7d-4c19-9e55-0a2f7d1c4b90,PF3K9Z2A,5.1.4,"
            + "Windows,\"Microsoft Windows 10 Pro , 64-bit\",1,,,\"client logout\",success,,34170,user-logon,0,"
            + "GP-Portal-HQ";

    /** A TRAFFIC log the firewall sends to the same syslog file. */
    static final String TRAFFIC = "<14>Mar 10 14:03:00 PA-3220-HQ 1,2026/03/10 14:03:00,016201004321,TRAFFIC,end,"
            + "2817,2026/03/10 14:02:59,10.200.4.17,140.82.112.3,0.0.0.0,0.0.0.0,allow-out,,,ssl,vsys1,vpn,"
            + "untrust,tunnel.1,ethernet1/1,fwd,2026/03/10 14:02:59,34567,1,55123,443,0,0,0x400000,tcp,allow,"
            + "5302,1820,3482,20,2026/03/10 14:02:41,17,any";

    @Test
    void aTunnelConnected_isASessionStartWithTheLaptopAndBothAddresses() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "gp/syslog.log", CONNECTED + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T14:02:10.413Z")); // the high-resolution time
        assertThat(e.type()).isEqualTo("vpn.session.start");
        assertThat(e.source()).isEqualTo("globalprotect");
        assertThat(e.logSource()).isEqualTo(LogSource.of("paloalto", "vpn", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("private_ip")).isEqualTo("10.200.4.17");
        assertThat(e.field("serial_number")).isEqualTo("PF3K9Z2A");
        assertThat(e.field("client_os_version")).isEqualTo("Microsoft Windows 11 Enterprise , 64-bit");
        assertThat(e.field("source_region")).isEqualTo("US");
        assertThat(e.field("status")).isEqualTo("success");
        assertThat(e.field("gateway")).isEqualTo("GW-East");
        assertThat(e.field("device_name")).isEqualTo("PA-3220-HQ");
        assertThat(e.field("serial")).isEqualTo("016201004321");
    }

    @Test
    void authenticationsLogoutsAndPanOs91AreRead_andOtherLogTypesKept() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "gp/syslog.log",
                String.join("\n", AUTH_FAILED, CONNECTED, TRAFFIC, LOGOUT_9_1) + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("vpn.authentication", "vpn.session.start",
                "panos.traffic", "vpn.session.end");
        Event failed = r.events().get(0);
        assertThat(failed.field("status")).isEqualTo("failure");
        assertThat(failed.field("error")).isEqualTo("Authentication failed");
        assertThat(failed.field("description")).isEqualTo("Client region: US, Login from: 203.0.113.44.");
        assertThat(failed.time()).isEqualTo(Instant.parse("2026-03-10T14:01:58.120Z"));

        Event traffic = r.events().get(2);
        assertThat(traffic.time()).isEqualTo(Instant.parse("2026-03-10T14:02:59Z"));
        assertThat(traffic.source()).isEqualTo("panos");
        assertThat(traffic.field("column8")).isEqualTo("10.200.4.17");

        Event logout = r.events().get(3);
        assertThat(logout.time()).isEqualTo(Instant.parse("2026-03-10T23:31:40Z")); // generated time, as UTC
        assertThat(logout.user()).isEqualTo("CORP\\alovelace");
        assertThat(logout.field("login_duration")).isEqualTo(34170L);
        assertThat(logout.field("sequence_number")).isEqualTo("7412983300185529001");
        assertThat(logout.field("portal")).isEqualTo("GP-Portal-HQ");
        assertThat(logout.field("private_ip")).isEqualTo("10.200.4.17");
    }

    /** Prisma Access's GlobalProtect as Strata Logging Service forwards it over HTTPS: JSON, its own key names. */
    static final String STRATA = "{\"LogType\":\"GLOBALPROTECT\",\"LogSubtype\":\"globalprotect\","
            + "\"TimeReceived\":\"2026-03-10T14:02:12.000000Z\",\"DeviceSN\":\"007951000123456\","
            + "\"TimeGenerated\":\"2026-03-10T14:02:10.000000Z\",\"VirtualSystem\":\"vsys1\","
            + "\"EventIDValue\":\"gateway-connected\",\"Stage\":\"tunnel\",\"AuthMethod\":\"SAML\","
            + "\"TunnelType\":\"IPSec\",\"SourceUserName\":\"ada.lovelace@example.com\",\"SourceRegion\":\"US\","
            + "\"EndpointDeviceName\":\"NWL-LT-0142\",\"PublicIPv4\":\"203.0.113.44\",\"PublicIPv6\":\"\","
            + "\"PrivateIPv4\":\"100.64.1.17\",\"HostID\":\"6c1f3e2a-8b7d-4c19-9e55-0a2f7d1c4b90\","
            + "\"EndpointSN\":\"PF3K9Z2A\",\"GlobalProtectClientVersion\":\"6.2.4-28\","
            + "\"EndpointOSType\":\"Microsoft Windows\",\"EndpointOSVersion\":\"Microsoft Windows 11 Enterprise , "
            + "64-bit\",\"EventStatus\":\"success\",\"LoginDuration\":0,\"Portal\":\"GP-Portal\","
            + "\"Gateway\":\"US East\",\"TimeGeneratedHighResolution\":\"2026-03-10T14:02:10.413000Z\","
            + "\"IsPrismaUsers\":true,\"TenantID\":\"1234567890\"}";

    @Test
    void strataLoggingServicesJson_readsAsTheSyslog() {
        String bad = STRATA.replace("\"LogType\":\"GLOBALPROTECT\"", "\"LogType\":\"TRAFFIC\"");
        String noTime = STRATA.replace("\"TimeGenerated\":\"2026-03-10T14:02:10.000000Z\",", "")
                .replace("\"TimeGeneratedHighResolution\":\"2026-03-10T14:02:10.413000Z\",", "");
        String badTime = STRATA.replace("2026-03-10T14:02:10.413000Z", "later");
        String noEvent = STRATA.replace("\"EventIDValue\":\"gateway-connected\",", "");
        String badDuration = STRATA.replace("\"LoginDuration\":0", "\"LoginDuration\":1.5");
        ReaderHarness.Result r = ReaderHarness.read(reader, "prisma/gp.json", String.join("\n", STRATA, bad, noTime,
                badTime, noEvent, badDuration) + "\n");

        assertThat(r.records()).isEqualTo(6);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T14:02:10.413Z"));
        assertThat(e.type()).isEqualTo("vpn.session.start");
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("private_ip")).isEqualTo("100.64.1.17");
        assertThat(e.field("serial_number")).isEqualTo("PF3K9Z2A");
        assertThat(e.field("status")).isEqualTo("success");
        assertThat(e.field("source_region")).isEqualTo("US");
        assertThat(e.field("IsPrismaUsers")).isEqualTo(true);
        assertThat(reasons(r)).containsOnlyKeys(
                "LogType: is not a GlobalProtect log (GLOBALPROTECT): \"TRAFFIC\"", "TimeGenerated: is missing",
                "TimeGeneratedHighResolution: is not a time: \"later\"", "EventIDValue: is missing",
                "LoginDuration: is not a whole number of seconds: 1.5");
        assertAccounted(r);
        // an array of them, as an HTTPS batch may hold
        assertThat(ReaderHarness.read(reader, "prisma/batch.json", "[" + STRATA + "," + STRATA + "]").events())
                .hasSize(2);
        assertThat(Formats.recognise(new Sample("gp.json", (STRATA + "\n").getBytes(StandardCharsets.UTF_8))))
                .hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("globalprotect"));
    }

    @Test
    void eventIdsGiveTheTypes() {
        assertThat(GlobalProtectReader.type("portal-auth")).isEqualTo("vpn.authentication");
        assertThat(GlobalProtectReader.type("gw-auth")).isEqualTo("vpn.authentication");
        assertThat(GlobalProtectReader.type("gateway-connected")).isEqualTo("vpn.session.start");
        assertThat(GlobalProtectReader.type("gateway-logout")).isEqualTo("vpn.session.end");
        assertThat(GlobalProtectReader.type("gateway-hip-report")).isEqualTo("vpn.event");
        assertThat(GlobalProtectReader.type("portal-prelogin")).isEqualTo("vpn.event");
    }

    @Test
    void badLinesAreRejectedByField_andTheRestRead() {
        String badTime = CONNECTED.replace("2026-03-10T09:02:10.413-05:00", "yesterday");
        String badDuration = LOGOUT_9_1.replace(",34170,", ",long,");
        String cut = AUTH_FAILED.substring(0, AUTH_FAILED.indexOf(",Microsoft Windows"));
        String noTime = TRAFFIC.replace("2026/03/10 14:02:59,10.200", "soon,10.200");
        String notPanOs = "hello,world";
        String noEventId = AUTH_FAILED.replace(",portal-auth,", ",,");
        ReaderHarness.Result r = ReaderHarness.read(reader, "gp.log", String.join("\n", CONNECTED, badTime,
                badDuration, cut, noTime, notPanOs, noEventId, LOGOUT_9_1) + "\n");

        assertThat(r.records()).isEqualTo(8);
        assertThat(r.events()).hasSize(2);
        assertThat(reasons(r)).containsOnlyKeys(
                "high_res_timestamp: is not an ISO 8601 time with its offset: \"yesterday\"",
                "login_duration: is not a whole number of seconds: \"long\"",
                "client_os: is missing: the GlobalProtect log is cut short at 22 columns, where PAN-OS writes "
                        + "at least 29",
                "time_generated: is not a PAN-OS time (yyyy/MM/dd HH:mm:ss): \"soon\"",
                "type: is missing: not a PAN-OS syslog log line (the log type in column 4 and the generated time in "
                        + "column 7); 2 columns",
                "event_id: is missing");
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo("gp.log"));
        assertAccounted(r);
    }

    @Test
    void probe_recognisesBothLayoutsAndMixedFiles_notOtherFormats() throws Exception {
        for (String first : new String[] {CONNECTED, AUTH_FAILED, LOGOUT_9_1, TRAFFIC + "\n" + CONNECTED}) {
            assertThat(Formats.recognise(new Sample("gp.log", (first + "\n").getBytes(StandardCharsets.UTF_8))))
                    .as(first).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("globalprotect"));
        }
        // a firewall's syslog file with no GlobalProtect log in it is not claimed
        assertThat(reader.probe(new Sample("fw.log", (TRAFFIC + "\n").getBytes(StandardCharsets.UTF_8)))).isZero();
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
    }

    @Test
    void damagedLinesAreAllAccountedFor() {
        IdentityTestSupport.assertDamagedLinesAccounted(reader, ",", 200, CONNECTED, AUTH_FAILED, LOGOUT_9_1, TRAFFIC);
    }
}
