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

class CiscoAsaReaderTest {

    final CiscoAsaReader reader = new CiscoAsaReader();

    /** An AnyConnect session starting, the ASA's own timestamp (with the year) after the priority. */
    static final String START = "<166>Mar 10 2026 14:02:10: %ASA-6-113039: Group <GroupPolicy_Remote> User "
            + "<ada.lovelace> IP <203.0.113.44> AnyConnect parent session started.";
    static final String ASSIGNED = "Mar 10 2026 14:02:12 nwl-asa-01 : %ASA-4-722051: Group <GroupPolicy_Remote> User "
            + "<ada.lovelace> IP <203.0.113.44> IPv4 Address <10.30.1.17> IPv6 address <::> assigned to session";
    static final String CLIENT = "Mar 10 2026 14:02:11 nwl-asa-01 : %ASA-6-722055: Group <GroupPolicy_Remote> User "
            + "<ada.lovelace> IP <203.0.113.44> Client Type: Cisco AnyConnect VPN Agent for Windows 4.10.05085";
    /** Its end, from an FTD sending RFC 5424. */
    static final String END = "<166>1 2026-03-10T23:31:40Z nwl-ftd-01 - - - %FTD-4-113019: Group = "
            + "GroupPolicy_Remote, Username = ada.lovelace, IP = 203.0.113.44, Session disconnected. Session Type: "
            + "AnyConnect-Parent, Duration: 9h:29m:30s, Bytes xmt: 1234, Bytes rcv: 56789, Reason: User Requested";
    static final String REJECTED = "Mar 10 2026 14:01:58 nwl-asa-01 : %ASA-6-113005: AAA user authentication "
            + "Rejected : reason = AAA failure : server = 10.1.1.5 : user = ada.lovelace : user IP = 58.16.1.9";
    static final String CONNECTION = "Mar 10 2026 14:03:00 nwl-asa-01 : %ASA-6-302013: Built outbound TCP "
            + "connection 123 for outside:140.82.112.3/443 (140.82.112.3/443) to inside:10.30.1.17/55123 "
            + "(203.0.113.1/55123)";

    @Test
    void anAnyConnectSessionStarting_isASessionStartFromTheClientsAddress() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "asa/syslog.log", START + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T14:02:10Z"));
        assertThat(e.type()).isEqualTo("vpn.session.start");
        assertThat(e.source()).isEqualTo("cisco-asa");
        assertThat(e.logSource()).isEqualTo(LogSource.of("cisco", "vpn", null));
        assertThat(e.user()).isEqualTo("ada.lovelace");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("group")).isEqualTo("GroupPolicy_Remote");
        assertThat(e.field("message_id")).isEqualTo("113039");
        assertThat(e.field("severity")).isEqualTo(6);
        assertThat(e.field("status")).isEqualTo("success");
    }

    @Test
    void addressesEndsRejectionsAndOtherMessagesAreRead() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "asa.log", String.join("\n", REJECTED, START, CLIENT,
                ASSIGNED, CONNECTION, END) + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("vpn.authentication", "vpn.session.start",
                "vpn.event", "vpn.event", "cisco-asa.302013", "vpn.session.end");
        Event rejected = r.events().get(0);
        assertThat(rejected.field("status")).isEqualTo("failure");
        assertThat(rejected.user()).isEqualTo("ada.lovelace");
        assertThat(rejected.sourceIp()).isEqualTo("58.16.1.9");
        assertThat(rejected.field("reason")).isEqualTo("AAA failure");
        assertThat(r.events().get(3).field("private_ip")).isEqualTo("10.30.1.17");
        Event connection = r.events().get(4);
        assertThat(connection.user()).isNull();
        assertThat(connection.field("message")).asString().startsWith("Built outbound TCP connection 123");
        Event end = r.events().get(5);
        assertThat(end.time()).isEqualTo(Instant.parse("2026-03-10T23:31:40Z"));
        assertThat(end.user()).isEqualTo("ada.lovelace");
        assertThat(end.field("duration")).isEqualTo(9 * 3600L + 29 * 60 + 30);
        assertThat(end.field("bytes_received")).isEqualTo(56789L);
        assertThat(end.field("reason")).isEqualTo("User Requested");
        assertThat(end.field("session_type")).isEqualTo("AnyConnect-Parent");
    }

    @Test
    void aLineWithoutTheYear_orWithoutAnASAMessage_isRejectedSayingWhy() {
        String yearless = "Mar 10 14:02:10 nwl-asa-01 %ASA-6-113039: Group <G> User <ada> IP <203.0.113.44> "
                + "AnyConnect parent session started.";
        String badDate = START.replace("Mar 10 2026", "Feb 31 2026");
        String noTime = "nwl-asa-01 : " + START.substring(START.indexOf("%ASA"));
        String garbled = REJECTED.replace("user IP = ", "from ");
        String unnamed = START.replace("Group <GroupPolicy_Remote> User <ada.lovelace> IP <203.0.113.44> ", "");
        ReaderHarness.Result r = ReaderHarness.read(reader, "asa.log", String.join("\n", START, yearless, badDate,
                noTime, garbled, "hello world", unnamed, END) + "\n");

        assertThat(r.records()).isEqualTo(8);
        assertThat(r.events()).hasSize(2);
        assertThat(reasons(r)).containsOnlyKeys(
                "timestamp: has no year (a collector's header such as \"Mar  5 09:12:33\"): turn on the ASA's own "
                        + "timestamp ('logging timestamp' or 'logging timestamp rfc5424'), or give the collector a "
                        + "template with the year",
                "timestamp: is not a time (MMM dd yyyy HH:mm:ss): \"Feb 31 2026 14:02:10\"",
                "timestamp: is missing",
                "message: is not an ASA authentication rejection (\"AAA user authentication Rejected : reason = … : "
                        + "user = … : user IP = …\")",
                "message_id: is missing: not a Cisco ASA or FTD message (%ASA-6-113039: …)",
                "message: is not an AnyConnect session message as the ASA writes it (\"Group <…> User <…> IP <…>\" "
                        + "or \"Group = …, Username = …, IP = …,\")");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesTheMessages_notOtherFormats() throws Exception {
        for (String first : new String[] {START, END, REJECTED, CONNECTION}) {
            assertThat(Formats.recognise(new Sample("asa.log", (first + "\n").getBytes(StandardCharsets.UTF_8))))
                    .as(first).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("cisco-asa"));
        }
        assertThat(reader.probe(new Sample("fgt.log", (FortiGateReaderTest.UP + "\n")
                .getBytes(StandardCharsets.UTF_8)))).isZero();
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
        String quoted = "{\"CommandLine\":\"grep '%ASA-6-113039:' asa.log\",\"EventID\":1}\n";
        assertThat(reader.probe(new Sample("sysmon.json", quoted.getBytes(StandardCharsets.UTF_8)))).isZero();
    }

    @Test
    void damagedLinesAreAllAccountedFor() {
        IdentityTestSupport.assertDamagedLinesAccounted(reader, ">", 200, START, END, REJECTED, ASSIGNED, CONNECTION);
    }
}
