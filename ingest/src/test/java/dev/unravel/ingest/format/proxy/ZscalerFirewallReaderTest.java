package dev.unravel.ingest.format.proxy;

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

class ZscalerFirewallReaderTest {

    final ZscalerFirewallReader reader = new ZscalerFirewallReader();

    /**
     * A session as the firewall feed format of Zscaler's SIEM guides writes it: a laptop in tunnel
     * mode sending to a RustDesk relay on its own port, which the web log never sees.
     */
    static final String WRAPPED = """
            { "sourcetype" : "zscalernss-fw", "event" :{"datetime":"Tue Mar 10 02:14:09 2026",\
            "user":"ada.lovelace@example.com","department":"Engineering","locationname":"Road Warrior",\
            "cdport":21116,"csport":55018,"sdport":21116,"ssport":41022,"csip":"203.0.113.44",\
            "cdip":"45.76.49.203","ssip":"136.226.2.10","sdip":"45.76.49.203","tsip":"203.0.113.44",\
            "tunsport":0,"tuntype":"ZscalerClientConnector","action":"Allow","dnat":"No","stateful":"Yes",\
            "aggregate":"No","nwsvc":"Any","nwapp":"others","proto":"TCP","ipcat":"Miscellaneous or Unknown",\
            "destcountry":"Singapore","avgduration":2273000,"rulelabel":"Default%20Firewall%20Filtering%20Rule",\
            "inbytes":103684,"outbytes":465600555,"duration":2273,"durationms":2273000,"numsessions":1,\
            "ipsrulelabel":"None","threatcat":"None","threatname":"None","deviceowner":"alovelace",\
            "devicehostname":"NWL-LT-0142","cdfqdn":"rs-sg.rustdesk.com"}}""";

    @Test
    void aWrappedSession_becomesAFirewallEventWithSigmasNames() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "zscaler/fw.json", WRAPPED + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-10T02:14:09Z"));
        assertThat(e.type()).isEqualTo("zscaler.firewall");
        assertThat(e.logSource()).isEqualTo(LogSource.of("zscaler", "firewall", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("dst_ip")).isEqualTo("45.76.49.203");
        assertThat(((Number) e.field("dst_port")).intValue()).isEqualTo(21116);
        assertThat(e.field("outbytes")).isEqualTo(465_600_555L);
        assertThat(e.field("username")).isEqualTo("ada.lovelace@example.com");
        assertThat(e.field("cdfqdn")).isEqualTo("rs-sg.rustdesk.com");
    }

    @Test
    void badSessionsAreRejectedByField_andTheRestRead() {
        String badBytes = WRAPPED.replace("\"outbytes\":465600555", "\"outbytes\":\"many\"");
        String web = WRAPPED.replace("zscalernss-fw", "zscalernss-web");
        String bare = WRAPPED.substring(WRAPPED.indexOf(":{") + 1, WRAPPED.length() - 1)
                .replace("\"datetime\":\"Tue Mar 10 02:14:09 2026\"", "\"epochtime\":\"1773108849\"");
        ReaderHarness.Result r = ReaderHarness.read(reader, "fw.json", String.join("\n", WRAPPED, badBytes, web, bare)
                + "\n");

        assertThat(r.records()).isEqualTo(4);
        assertThat(r.events()).hasSize(2);
        assertThat(r.events().get(1).time()).isEqualTo(Instant.ofEpochSecond(1773108849L));
        assertThat(reasons(r)).containsOnlyKeys("event.outbytes: is not a byte count: \"many\"",
                "sourcetype: is not a firewall log (zscalernss-fw): \"zscalernss-web\"");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesTheFeed_notTheWebFeed_andNoVendorSample() throws Exception {
        assertThat(Formats.recognise(new Sample("fw.json", WRAPPED.getBytes(StandardCharsets.UTF_8))))
                .hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("zscaler-firewall"));
        assertThat(reader.probe(new Sample("web.json", ZscalerWebReaderTest.WRAPPED.getBytes(StandardCharsets.UTF_8))))
                .isZero();
        assertThat(new ZscalerWebReader().probe(new Sample("fw.json", WRAPPED.getBytes(StandardCharsets.UTF_8))))
                .isZero();
        IdentityTestSupport.assertClaimsNoVendorSample(reader);
    }

    @Test
    void mutatedSessionsAreAllAccountedFor() {
        for (long seed = 1; seed <= 60; seed++) {
            IdentityTestSupport.checkMutations(reader, WRAPPED, seed);
        }
    }
}
