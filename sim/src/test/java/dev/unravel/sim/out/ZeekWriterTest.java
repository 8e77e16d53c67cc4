package dev.unravel.sim.out;

import dev.unravel.core.testing.SharedData;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.flow;
import static dev.unravel.sim.out.WriterFixtures.keys;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.program;
import static dev.unravel.sim.out.WriterFixtures.run;
import static dev.unravel.sim.out.WriterFixtures.usb;
import static dev.unravel.sim.out.WriterFixtures.zeekTime;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekWriterTest {
    private static final String DAY = "zeek/2026-03-02/";

    @TempDir
    Path dir;

    @Test
    void aFlowIsAConnLineWithTheActivitysTimeEndpointsAndBytes() throws IOException {
        run(ZeekWriter::new, dir, List.of(flow(WINDOWS, T0, null, null, null)));

        assertThat(files(dir)).containsExactly(DAY + "conn.log");
        JsonNode conn = lines(dir.resolve(DAY + "conn.log")).get(0);
        assertThat(conn.path("ts").isNumber()).isTrue();
        assertThat(zeekTime(conn.path("ts"))).isEqualTo(T0);
        assertThat(conn.path("uid").asText()).isEqualTo("CbVx2a1Qk3Lm9Np0Rs");
        assertThat(conn.path("id.orig_h").asText()).isEqualTo("10.8.0.42");
        assertThat(conn.path("id.orig_p").asInt()).isEqualTo(51544);
        assertThat(conn.path("id.resp_h").asText()).isEqualTo("203.0.113.10");
        assertThat(conn.path("id.resp_p").asInt()).isEqualTo(443);
        assertThat(conn.path("proto").asText()).isEqualTo("tcp");
        assertThat(conn.path("service").asText()).isEqualTo("ssl");
        assertThat(conn.path("duration").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(conn.path("orig_bytes").asLong()).isEqualTo(4200);
        assertThat(conn.path("resp_bytes").asLong()).isEqualTo(91_000);
        assertThat(conn.path("local_orig").asBoolean()).isTrue();
        assertThat(conn.path("local_resp").asBoolean()).isFalse();
        assertThat(conn.path("orig_ip_bytes").asLong()).isGreaterThan(4200);
    }

    @Test
    void aServiceZeekDidNotIdentifyIsLeftOut() throws IOException {
        NetFlow f = flow(WINDOWS, T0, null, null, null);
        run(ZeekWriter::new, dir, List.of(new NetFlow(f.time(), f.host(), f.person(), null, null, f.dstIp(), 8443,
                "tcp", null, 1.0, 10, 10, null, null, null, f.uid(), f.srcPort(), f.publicIp())));

        assertThat(lines(dir.resolve(DAY + "conn.log")).get(0).has("service")).isFalse();
    }

    @Test
    void aLookedUpNameIsADnsQueryToTheResolverJustBeforeTheFlowWithItsOwnConnection() throws IOException {
        run(ZeekWriter::new, dir, List.of(flow(MAC, T0, null, "relay-1.net.anydesk.com", null)));

        List<JsonNode> conns = lines(dir.resolve(DAY + "conn.log"));
        JsonNode dns = lines(dir.resolve(DAY + "dns.log")).get(0);
        assertThat(conns).hasSize(2);
        JsonNode resolverConn = conns.get(0);
        Instant asked = zeekTime(dns.path("ts"));
        assertThat(asked).isBefore(T0).isAfter(T0.minusMillis(100));
        assertThat(dns.path("uid").asText()).matches("C[0-9A-Za-z]{17}").isNotEqualTo("CbVx2a1Qk3Lm9Np0Rs")
                .isEqualTo(resolverConn.path("uid").asText());
        assertThat(zeekTime(resolverConn.path("ts"))).isEqualTo(asked);
        assertThat(resolverConn.path("service").asText()).isEqualTo("dns");
        assertThat(dns.path("id.orig_h").asText()).isEqualTo("10.8.0.43");
        assertThat(dns.path("id.resp_h").asText()).isEqualTo("10.0.0.2");
        assertThat(dns.path("id.resp_p").asInt()).isEqualTo(53);
        assertThat(dns.path("proto").asText()).isEqualTo("udp");
        assertThat(dns.path("query").asText()).isEqualTo("relay-1.net.anydesk.com");
        assertThat(dns.path("qtype_name").asText()).isEqualTo("A");
        assertThat(dns.path("answers").get(0).asText()).isEqualTo("203.0.113.10");
        assertThat(dns.path("TTLs").get(0).isNumber()).isTrue();
        assertThat(asked.plusNanos(dns.path("rtt").decimalValue().movePointRight(9).longValue())).isBefore(T0);
        assertThat(zeekTime(conns.get(1).path("ts"))).isEqualTo(T0);
    }

    @Test
    void plainHttpIsAnHttpLineOnTheFlowsUidJustAfterItOpens() throws IOException {
        run(ZeekWriter::new, dir, List.of(flow(MAC, T0, null, "downloads.example.net", "GET")));

        JsonNode http = lines(dir.resolve(DAY + "http.log")).get(0);
        assertThat(http.path("uid").asText()).isEqualTo("CbVx2a1Qk3Lm9Np0Rs");
        assertThat(zeekTime(http.path("ts"))).isAfter(T0).isBefore(T0.plusSeconds(1));
        assertThat(http.path("method").asText()).isEqualTo("GET");
        assertThat(http.path("host").asText()).isEqualTo("downloads.example.net");
        assertThat(http.path("uri").asText()).isEqualTo("/dl/tool.zip");
        assertThat(http.path("user_agent").asText()).isEqualTo("curl/8.4.0");
        assertThat(http.path("id.resp_p").asInt()).isEqualTo(80);
        assertThat(http.path("status_code").asInt()).isEqualTo(200);
        assertThat(http.path("request_body_len").asLong()).isZero();
        assertThat(http.path("resp_mime_types").get(0).asText()).isEqualTo("application/zip");
        assertThat(http.path("resp_fuids").get(0).asText()).matches("F[0-9A-Za-z]{17}");
    }

    @Test
    void eachFileStaysInTimeOrderWhenFlowsComeCloserThanALookup() throws IOException {
        run(ZeekWriter::new, dir, List.of(flow(MAC, T0, null, "a.example", "GET"),
                flow(WINDOWS, T0.plusNanos(1_000), null, "b.example", "POST"),
                flow(MAC, T0.plusNanos(2_000), null, "c.example", "GET")));

        for (String log : List.of("conn.log", "dns.log", "http.log")) {
            List<Instant> times = lines(dir.resolve(DAY + log)).stream().map(l -> zeekTime(l.path("ts"))).toList();
            assertThat(times).as(log).isSorted();
        }
    }

    @Test
    void otherActivitiesWriteNothing() throws IOException {
        SourceWriter writer = run(ZeekWriter::new, dir, List.of(program(MAC, T0, true), usb(MAC, T0.plusSeconds(1)),
                WriterFixtures.macProcess(T0.plusSeconds(2))));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void theSameInputTwiceGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
        List<Activity> input = List.of(flow(MAC, T0, null, "a.example", "GET"),
                flow(WINDOWS, T0.plusMillis(1), "C:\\x.exe", "b.example", null));
        run(ZeekWriter::new, dir, input);
        run(ZeekWriter::new, again, input);

        for (String log : List.of("conn.log", "dns.log", "http.log")) {
            assertThat(Files.readAllBytes(dir.resolve(DAY + log))).as(log)
                    .isEqualTo(Files.readAllBytes(again.resolve(DAY + log)));
        }
    }

    @Test
    void connAndDnsLinesCarryEveryFieldOfRealZeekLogs() throws IOException {
        Path otrf = SharedData.require().resolve("data/vendor-samples/otrf");
        run(ZeekWriter::new, dir, List.of(flow(MAC, T0, null, "a.example", null)));
        List<JsonNode> conns = lines(dir.resolve(DAY + "conn.log"));
        JsonNode dns = lines(dir.resolve(DAY + "dns.log")).get(0);

        // Our lookup has an answer but no authority or additional section, so Zeek logs no auth or addl.
        Set<String> dnsKeys = nativeKeys(lines(otrf.resolve("NEWYORK_dns.log")));
        dnsKeys.removeAll(List.of("auth", "addl"));
        assertThat(keys(dns)).containsAll(dnsKeys);
        Set<String> connKeys = nativeKeys(lines(otrf.resolve("NEWYORK_conn.log")));
        for (JsonNode conn : conns) {
            assertThat(keys(conn)).containsAll(connKeys);
        }
    }

    /** Every key the publisher's records use, mapped back to Zeek's own names, less the publisher's additions. */
    private static Set<String> nativeKeys(List<JsonNode> records) {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode r : records) {
            for (String k : keys(r)) {
                if (!k.startsWith("@") && !k.endsWith("_l2_addr")) {
                    keys.add(k.startsWith("id_") ? "id." + k.substring(3) : k);
                }
            }
        }
        return keys;
    }
}
