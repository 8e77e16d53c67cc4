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

class ZscalerPrivateAccessReaderTest {

    final ZscalerPrivateAccessReader reader = new ZscalerPrivateAccessReader();

    /** A User Status log (LSS JSON template): a laptop's Client Connector authenticated from home broadband. */
    static final String AUTHENTICATED = "{\"LogTimestamp\": \"Tue Mar 10 14:05:02 2026\",\"Customer\": \"Northwind\","
            + "\"Username\": \"ada.lovelace@example.com\",\"SessionID\": \"k2VbQ9x1Lr7TzPq0Wm4e\","
            + "\"SessionStatus\": \"ZPN_STATUS_AUTHENTICATED\",\"Version\": \"4.4.0.379\",\"ZEN\": \"US-NY-8179\","
            + "\"CertificateCN\": \"slogger1.nyc3.prod.zpath.net\",\"PrivateIP\": \"192.168.1.23\","
            + "\"PublicIP\": \"203.0.113.44\",\"Latitude\": 40.712800,\"Longitude\": -74.006000,"
            + "\"CountryCode\": \"US\",\"TimestampAuthentication\": \"2026-03-10T14:02:10.000Z\","
            + "\"TimestampUnAuthentication\": \"\",\"TotalBytesRx\": 1822,\"TotalBytesTx\": 930,"
            + "\"Idp\": \"Okta SSO\",\"Hostname\": \"NWL-LT-0142\",\"Platform\": \"windows\","
            + "\"ClientType\": \"zpn_client_type_zapp\",\"TrustedNetworks\": [],\"TrustedNetworksNames\": [],"
            + "\"SAMLAttributes\": \"email:ada.lovelace@example.com\",\"PosturesHit\": [\"domain-joined\"],"
            + "\"PosturesMiss\": [],\"ZENLatitude\": 40.7,\"ZENLongitude\": -74.0,\"ZENCountryCode\": \"US\","
            + "\"FQDNRegistered\": \"0\",\"FQDNRegisteredError\": \"\",\"City\": \"New York\"}";

    /** The same session's end, nine hours later. */
    static final String DISCONNECTED = AUTHENTICATED.replace("Tue Mar 10 14:05:02 2026", "Tue Mar 10 23:10:44 2026")
            .replace("ZPN_STATUS_AUTHENTICATED", "ZPN_STATUS_DISCONNECTED")
            .replace("\"TimestampUnAuthentication\": \"\"", "\"TimestampUnAuthentication\": \"2026-03-10T23:10:40.000Z\"")
            .replace("\"TotalBytesRx\": 1822", "\"TotalBytesRx\": 48211870");

    /** ZIA's service edge anchoring traffic into ZPA: Zscaler's address, not a person's. */
    static final String IP_ANCHORING = "{\"LogTimestamp\": \"Tue Mar 10 14:06:00 2026\",\"Customer\": \"Northwind\","
            + "\"Username\": \"ZPA IP Anchoring\",\"SessionID\": \"+2dXQcrvDo+d+VT2QaiI\","
            + "\"SessionStatus\": \"ZPN_STATUS_AUTHENTICATED\",\"ZEN\": \"US-CA-6857\",\"PrivateIP\": \"\","
            + "\"PublicIP\": \"165.225.50.10\",\"CountryCode\": \"US\","
            + "\"TimestampAuthentication\": \"2026-03-09T02:02:59.000Z\",\"TimestampUnAuthentication\": \"\","
            + "\"Hostname\": \"\",\"Platform\": \"\",\"ClientType\": \"zpn_client_type_ip_anchoring\"}";

    /** A User Activity log: one connection to an internal application. */
    static final String ACTIVITY = "{\"LogTimestamp\": \"Tue Mar 10 15:35:42 2026\",\"Customer\": \"Northwind\","
            + "\"SessionID\": \"k2VbQ9x1Lr7TzPq0Wm4e\",\"ConnectionID\": \"k2VbQ9x1Lr7TzPq0Wm4e,Q+EjXGdrvbF2lPiB\","
            + "\"ConnectionStatus\": \"close\",\"IPProtocol\": 6,\"Username\": \"ada.lovelace@example.com\","
            + "\"ServicePort\": 443,\"ClientPublicIP\": \"203.0.113.44\",\"ClientPrivateIP\": \"192.168.1.23\","
            + "\"ClientCountryCode\": \"US\",\"ClientZEN\": \"US-NY-8179\",\"Policy\": \"Engineering\","
            + "\"Connector\": \"dc1-connector-2\",\"ConnectorIP\": \"10.20.0.12\",\"Host\": \"git.northwind.internal\","
            + "\"Application\": \"Source code\",\"ServerIP\": \"10.20.4.8\",\"ServerPort\": 443,"
            + "\"TimestampConnectionStart\": \"2026-03-10T15:30:11.120Z\",\"TimestampConnectionEnd\": "
            + "\"2026-03-10T15:35:42.004Z\",\"ZENTotalBytesRxClient\": 9120,\"ZENTotalBytesTxClient\": 88211004}";

    @Test
    void anAuthenticatedSession_isASessionStartWithTheLaptopAndItsAddress() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "zpa/user-status.json", AUTHENTICATED + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T14:02:10Z")); // the authentication, not the log
        assertThat(e.type()).isEqualTo("vpn.session.start");
        assertThat(e.source()).isEqualTo("zpa");
        assertThat(e.logSource()).isEqualTo(LogSource.of("zscaler", "vpn", "zpa"));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("CountryCode")).isEqualTo("US");
        assertThat(e.field("City")).isEqualTo("New York");
        // the home router's LAN address is kept under its own name, never as the tunnel's
        assertThat(e.field("PrivateIP")).isEqualTo("192.168.1.23");
        assertThat(e.field("private_ip")).isNull();
    }

    @Test
    void disconnectsServiceSessionsAndActivity_areTypedApart() {
        String machine = AUTHENTICATED.replace("zpn_client_type_zapp", "zpn_client_type_machine_tunnel");
        String unknownStatus = AUTHENTICATED.replace("ZPN_STATUS_AUTHENTICATED", "ZPN_STATUS_AUTH_EXPIRED");
        String connectorStatus = "{\"LogTimestamp\": \"Tue Mar  3 09:00:00 2026\",\"Connector\": \"dc1-connector-2\","
                + "\"ConnectorStatus\": \"ZPN_STATUS_ONLINE\"}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "zpa/lss.json", String.join("\n", AUTHENTICATED,
                DISCONNECTED, IP_ANCHORING, machine, unknownStatus, ACTIVITY, connectorStatus) + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("vpn.session.start", "vpn.session.end",
                "zpa.service.session", "zpa.machine_tunnel", "vpn.event", "zpa.app.connection", "zpa.log");
        Event end = r.events().get(1);
        assertThat(end.time()).isEqualTo(Instant.parse("2026-03-10T23:10:40Z"));
        assertThat(end.field("session_seconds")).isEqualTo(32910L);
        assertThat(end.field("TotalBytesRx")).isEqualTo(48211870);
        assertThat(r.events().get(2).sourceIp()).isEqualTo("165.225.50.10");
        assertThat(r.events().get(4).time()).isEqualTo(Instant.parse("2026-03-10T14:05:02Z")); // LogTimestamp, UTC
        Event activity = r.events().get(5);
        assertThat(activity.time()).isEqualTo(Instant.parse("2026-03-10T15:30:11.120Z"));
        assertThat(activity.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(activity.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(activity.field("Host")).isEqualTo("git.northwind.internal");
        assertThat(r.events().get(6).time()).isEqualTo(Instant.parse("2026-03-03T09:00:00Z")); // two spaces before 3
    }

    @Test
    void aSyslogHeaderBeforeEachObject_isSkipped_andAnArrayRead() {
        String header = "<134>Mar 10 14:05:02 lss-receiver-1 zpa-lss: ";
        ReaderHarness.Result r = ReaderHarness.read(reader, "zpa/syslog.log", header + AUTHENTICATED + "\n" + header
                + DISCONNECTED + "\n" + header + "no object here\n" + header + "{\"SessionStatus\": \n");

        assertThat(r.events()).extracting(Event::type).containsExactly("vpn.session.start", "vpn.session.end");
        assertThat(r.records()).isEqualTo(4);
        assertThat(reasons(r).keySet()).anySatisfy(k -> assertThat(k).contains("holds no JSON object"))
                .anySatisfy(k -> assertThat(k).contains("is not a whole JSON object after its header"));
        assertAccounted(r);
        assertThat(ReaderHarness.read(reader, "zpa/batch.json", "[" + AUTHENTICATED + "," + ACTIVITY + "]").events())
                .hasSize(2);
    }

    @Test
    void badLogsAreRejectedByField_andTheRestRead() {
        String badAuthTime = AUTHENTICATED.replace("2026-03-10T14:02:10.000Z", "at lunch");
        String noTime = ACTIVITY.replace("\"LogTimestamp\": \"Tue Mar 10 15:35:42 2026\",", "")
                .replace("\"TimestampConnectionStart\": \"2026-03-10T15:30:11.120Z\",", "");
        // a status without a session time of its own is dated by LogTimestamp
        String badLogTime = AUTHENTICATED.replace("ZPN_STATUS_AUTHENTICATED", "ZPN_STATUS_AUTH_EXPIRED")
                .replace("Tue Mar 10 14:05:02 2026", "Tue Mar 32 14:06:00 2026");
        String noStatus = AUTHENTICATED.replace("\"ZPN_STATUS_AUTHENTICATED\"", "\"\"");
        String badEnd = DISCONNECTED.replace("2026-03-10T23:10:40.000Z", "never");
        ReaderHarness.Result r = ReaderHarness.read(reader, "zpa.json", String.join("\n", AUTHENTICATED, badAuthTime,
                noTime, badLogTime, noStatus, badEnd, ACTIVITY) + "\n");

        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).hasSize(2);
        assertThat(reasons(r)).containsOnlyKeys(
                "TimestampAuthentication: is not an ISO 8601 time: \"at lunch\"",
                "LogTimestamp: is missing: the log has no time",
                "LogTimestamp: is not a time (Fri May 31 17:34:48 2019, read as UTC): \"Tue Mar 32 14:06:00 2026\"",
                "SessionStatus: is missing",
                "TimestampUnAuthentication: is not an ISO 8601 time: \"never\"");
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.file()).isEqualTo("zpa.json"));
        assertAccounted(r);
    }

    @Test
    void logTimestamps() {
        assertThat(ZscalerPrivateAccessReader.logTimestamp("Fri May 31 17:34:48 2019"))
                .isEqualTo(Instant.parse("2019-05-31T17:34:48Z"));
        assertThat(ZscalerPrivateAccessReader.logTimestamp("Fri May  3 07:04:08 2019"))
                .isEqualTo(Instant.parse("2019-05-03T07:04:08Z"));
        assertThat(ZscalerPrivateAccessReader.logTimestamp("Fri May 03 07:04:08 2019"))
                .isEqualTo(Instant.parse("2019-05-03T07:04:08Z"));
        assertThat(ZscalerPrivateAccessReader.logTimestamp("2019-05-31T17:34:48Z")).isNull();
        assertThat(ZscalerPrivateAccessReader.logTimestamp("Fri Feb 30 17:34:48 2019")).isNull();
    }

    @Test
    void probe_recognisesUserStatusAndActivity_notOtherFormats() throws Exception {
        for (String first : new String[] {AUTHENTICATED, ACTIVITY, "<134>Mar 10 14:05:02 lss zpa-lss: " + AUTHENTICATED}) {
            assertThat(Formats.recognise(new Sample("zpa.log", (first + "\n").getBytes(StandardCharsets.UTF_8))))
                    .as(first).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("zpa"));
        }
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
    }

    @Test
    void damagedLinesAreAllAccountedFor() {
        IdentityTestSupport.assertDamagedLinesAccounted(reader, "\"", 200, AUTHENTICATED, DISCONNECTED, IP_ANCHORING,
                ACTIVITY);
    }
}
