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

class FortiGateReaderTest {

    final FortiGateReader reader = new FortiGateReader();

    static final String HEAD = "date=2026-03-10 time=09:02:10 devname=\"NWL-FGT-01\" devid=\"FG100FTK20000001\" ";

    /** FortiOS 7.x: an SSL VPN tunnel up, as the firewall sends it to syslog (priority glued to the first pair). */
    static final String UP = "<189>" + HEAD + "eventtime=1773151330123456789 tz=\"-0500\" logid=\"0101039424\" "
            + "type=\"event\" subtype=\"vpn\" level=\"information\" vd=\"root\" logdesc=\"SSL VPN tunnel up\" "
            + "action=\"tunnel-up\" tunneltype=\"ssl-tunnel\" tunnelid=1234567 remip=203.0.113.44 "
            + "tunnelip=10.212.134.200 user=\"ada.lovelace\" group=\"SSLVPN-Users\" dst_host=\"N/A\" reason=\"N/A\" "
            + "msg=\"SSL tunnel established\"";

    /** Its end, with the session's length and bytes; no eventtime (FortiOS 5.x/6.0): date, time and tz. */
    static final String DOWN = "date=2026-03-10 time=18:31:40 devname=\"NWL-FGT-01\" devid=\"FG100FTK20000001\" "
            + "tz=\"-0500\" logid=\"0101039425\" type=\"event\" subtype=\"vpn\" level=\"information\" vd=\"root\" "
            + "logdesc=\"SSL VPN tunnel down\" action=\"tunnel-down\" tunneltype=\"ssl-tunnel\" tunnelid=1234567 "
            + "remip=203.0.113.44 tunnelip=10.212.134.200 user=\"ada.lovelace\" group=\"SSLVPN-Users\" "
            + "dst_host=\"N/A\" reason=\"N/A\" duration=34170 sentbyte=1234 rcvdbyte=56789 "
            + "msg=\"SSL tunnel shutdown\"";

    /** A failed login through the web portal, behind an rsyslog header. */
    static final String FAILED = "Mar 10 09:01:58 10.0.0.1 date=2026-03-10 time=09:01:58 devname=\"NWL-FGT-01\" "
            + "devid=\"FG100FTK20000001\" eventtime=1773151318 tz=\"-0500\" logid=\"0101039426\" type=\"event\" "
            + "subtype=\"vpn\" level=\"alert\" vd=\"root\" logdesc=\"SSL VPN login fail\" action=\"ssl-login-fail\" "
            + "tunneltype=\"ssl-web\" tunnelid=0 remip=58.16.1.9 user=\"ada.lovelace\" group=\"N/A\" "
            + "dst_host=\"N/A\" reason=\"sslvpn_login_permission_denied\" msg=\"SSL user failed to logged in\"";

    /** A traffic log of the same stream. */
    static final String TRAFFIC = HEAD + "eventtime=1773151380000000000 tz=\"-0500\" logid=\"0000000013\" "
            + "type=\"traffic\" subtype=\"forward\" level=\"notice\" vd=\"root\" srcip=10.212.134.200 srcport=55123 "
            + "srcintf=\"ssl.root\" dstip=140.82.112.3 dstport=443 action=\"close\" policyid=5 sentbyte=5302 "
            + "rcvdbyte=1820 service=\"HTTPS\" msg=\"a \\\"quoted\\\" word\"";

    @Test
    void aTunnelUp_isASessionStartFromTheClientsAddress() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "fgt/syslog.log", UP + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T14:02:10.123456789Z"));
        assertThat(e.type()).isEqualTo("vpn.session.start");
        assertThat(e.source()).isEqualTo("fortigate");
        assertThat(e.logSource()).isEqualTo(LogSource.of("fortinet", "vpn", null));
        assertThat(e.user()).isEqualTo("ada.lovelace");
        assertThat(e.host()).isNull();
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("private_ip")).isEqualTo("10.212.134.200");
        assertThat(e.field("status")).isEqualTo("success");
        assertThat(e.field("devname")).isEqualTo("NWL-FGT-01");
        assertThat(e.field("logdesc")).isEqualTo("SSL VPN tunnel up");
    }

    @Test
    void downsFailuresAndOtherLogsAreRead() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "fgt.log", String.join("\n", FAILED, UP, TRAFFIC, DOWN)
                + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("vpn.authentication", "vpn.session.start",
                "fortigate.traffic.forward", "vpn.session.end");
        Event failed = r.events().get(0);
        assertThat(failed.time()).isEqualTo(Instant.parse("2026-03-10T14:01:58Z")); // eventtime in seconds
        assertThat(failed.field("status")).isEqualTo("failure");
        assertThat(failed.sourceIp()).isEqualTo("58.16.1.9");
        Event traffic = r.events().get(2);
        assertThat(traffic.sourceIp()).isEqualTo("10.212.134.200");
        assertThat(traffic.field("msg")).isEqualTo("a \"quoted\" word");
        Event down = r.events().get(3);
        assertThat(down.time()).isEqualTo(Instant.parse("2026-03-10T23:31:40Z")); // date and time at tz -0500
        assertThat(down.field("duration")).isEqualTo(34170L);
        assertThat(down.field("rcvdbyte")).isEqualTo(56789L);
    }

    @Test
    void vpnTypesFollowTheAction() {
        assertThat(FortiGateReader.vpnType("tunnel-up", "ssl-tunnel")).isEqualTo("vpn.session.start");
        assertThat(FortiGateReader.vpnType("tunnel-up", "ipsec-dialup")).isEqualTo("vpn.session.start");
        assertThat(FortiGateReader.vpnType("tunnel-up", "ssl-web")).isEqualTo("vpn.authentication");
        assertThat(FortiGateReader.vpnType("tunnel-down", "ssl-tunnel")).isEqualTo("vpn.session.end");
        assertThat(FortiGateReader.vpnType("tunnel-down", "ssl-web")).isEqualTo("vpn.event");
        assertThat(FortiGateReader.vpnType("ssl-login-fail", "ssl-web")).isEqualTo("vpn.authentication");
        assertThat(FortiGateReader.vpnType("tunnel-stats", "ssl-tunnel")).isEqualTo("vpn.event");
    }

    @Test
    void badLinesAreRejectedByField_andTheRestRead() {
        String badEpoch = UP.replace("eventtime=1773151330123456789", "eventtime=soon");
        String badTz = DOWN.replace("tz=\"-0500\"", "tz=\"Eastern\"");
        String noTime = DOWN.replace("time=18:31:40 ", "");
        String badBytes = DOWN.replace("sentbyte=1234", "sentbyte=lots");
        String notFortinet = "hello world";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fgt.log", String.join("\n", UP, badEpoch, badTz, noTime,
                badBytes, notFortinet, DOWN) + "\n");

        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).hasSize(2);
        assertThat(reasons(r)).containsOnlyKeys("eventtime: is not an epoch time: \"soon\"",
                "tz: is not a UTC offset such as -0500: \"Eastern\"", "time: is missing",
                "sentbyte: is not a whole number: \"lots\"",
                "type: is missing: not a FortiGate log (key=value pairs with logid, type and subtype)");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesTheStream_notOtherFormats() throws Exception {
        for (String first : new String[] {UP, DOWN, FAILED, TRAFFIC}) {
            assertThat(Formats.recognise(new Sample("fgt.log", (first + "\n").getBytes(StandardCharsets.UTF_8))))
                    .as(first).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("fortigate"));
        }
        assertThat(reader.probe(new Sample("gp.log", (GlobalProtectReaderTest.CONNECTED + "\n")
                .getBytes(StandardCharsets.UTF_8)))).isZero();
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
    }

    @Test
    void damagedLinesAreAllAccountedFor() {
        IdentityTestSupport.assertDamagedLinesAccounted(reader, "\"", 200, UP, DOWN, FAILED, TRAFFIC);
    }
}
