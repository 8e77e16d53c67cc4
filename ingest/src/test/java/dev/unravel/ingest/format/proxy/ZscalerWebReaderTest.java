package dev.unravel.ingest.format.proxy;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZscalerWebReaderTest {

    final ZscalerWebReader reader = new ZscalerWebReader();

    /**
     * A transaction as the feed format of Zscaler's SIEM guides writes it (NSS variable names as
     * keys, wrapped): an upload through Zscaler Client Connector from a laptop at home.
     */
    static final String WRAPPED = """
            { "sourcetype" : "zscalernss-web", "event" :{"time":"Tue Mar  3 02:14:09 2026","login":"ada.lovelace@example.com",\
            "proto":"HTTPS","eurl":"mega.nz/upload/8Zk1qv","action":"Allowed","appname":"MEGA","appclass":"File Sharing",\
            "reqsize":"734003200","respsize":"2048","stime":"41","ctime":"12","urlclass":"Bandwidth Loss",\
            "urlsupercat":"Internet Communication","urlcat":"File Host","malwarecat":"None","threatname":"None",\
            "riskscore":"0","dlpeng":"None","dlpdict":"None","location":"Road Warrior","dept":"Engineering",\
            "cip":"203.0.113.44","sip":"31.216.145.5","reqmethod":"POST","respcode":"200",\
            "ua":"Mozilla/5.0 (Windows NT 10.0; Win64; x64)","ereferer":"None","ruletype":"None","rulelabel":"None",\
            "contenttype":"application/octet-stream","unscannabletype":"None","deviceowner":"alovelace",\
            "devicehostname":"NWL-LT-0142"}}""";

    /** The Splunk-style names, bare, with the epoch time the feed can add. */
    static final String SPLUNK = """
            {"datetime":"2026-03-03 09:00:01","epochtime":"1772528401","user":"grace.hopper@example.com",\
            "url":"https://transfer.sh/abc/notes.zip","hostname":"transfer.sh","requestmethod":"PUT","status":"200",\
            "requestsize":"52428800","responsesize":"310","urlcategory":"File Host","urlsupercategory":"Internet \
            Communication","action":"Blocked","ClientIP":"10.20.4.17","serverip":"144.76.136.153",\
            "useragent":"curl/8.4.0","devicehostname":"NWL-LT-0007","appclass":"File Sharing","pagerisk":"0"}""";

    @Test
    void aWrappedTransaction_becomesAProxyEventWithSigmasNames() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "zscaler/web.json", WRAPPED + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-03T02:14:09Z"));
        assertThat(e.type()).isEqualTo("zscaler.web");
        assertThat(e.source()).isEqualTo("zscaler");
        assertThat(e.logSource()).isEqualTo(LogSource.of("zscaler", "proxy", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.field("cs-host")).isEqualTo("mega.nz");
        assertThat(e.field("c-uri")).isEqualTo("mega.nz/upload/8Zk1qv");
        assertThat(e.field("cs-method")).isEqualTo("POST");
        assertThat(e.field("cs-bytes")).isEqualTo(734_003_200L);
        assertThat(e.field("sc-bytes")).isEqualTo(2048L);
        assertThat(e.field("dst_ip")).isEqualTo("31.216.145.5");
        assertThat(e.field("cs-referrer")).as("Zscaler's None is no referrer").isNull();
        assertThat(e.field("appclass")).as("the vendor's fields stay").isEqualTo("File Sharing");
    }

    @Test
    void splunkStyleNames_andEpochTimeFirst() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "web.json", SPLUNK + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1772528401L));
        assertThat(e.user()).isEqualTo("grace.hopper@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0007");
        assertThat(e.sourceIp()).isEqualTo("10.20.4.17");
        assertThat(e.field("cs-host")).as("the Splunk format's hostname is the site").isEqualTo("transfer.sh");
        assertThat(e.field("cs-bytes")).isEqualTo(52_428_800L);
        assertThat(e.field("cs-method")).isEqualTo("PUT");
    }

    @Test
    void theClientsPublicAddress_isWhereTheLaptopsNetworkReachedZscaler() {
        // the wrapped feed gives only cip: public, so ZIA saw no internal address behind it
        assertThat(read(WRAPPED).field("client_public_ip")).isEqualTo("203.0.113.44");
        // the Splunk names: the internal ClientIP and the public clientpublicIP
        Event splunk = read(SPLUNK.replace("\"ClientIP\":\"10.20.4.17\",",
                "\"ClientIP\":\"10.20.4.17\",\"clientpublicIP\":\"198.51.100.7\","));
        assertThat(splunk.sourceIp()).isEqualTo("10.20.4.17");
        assertThat(splunk.field("client_public_ip")).isEqualTo("198.51.100.7");
        // Elastic's template: cltip and cltintip and cltpubip; the public one wins, then the NATed one
        String elastic = WRAPPED.replace("\"cip\":\"203.0.113.44\"",
                "\"cltip\":\"192.168.1.20\",\"cltintip\":\"198.51.100.9\",\"cltpubip\":\"198.51.100.8\"");
        assertThat(read(elastic).sourceIp()).isEqualTo("192.168.1.20");
        assertThat(read(elastic).field("client_public_ip")).isEqualTo("198.51.100.8");
        assertThat(read(elastic.replace(",\"cltpubip\":\"198.51.100.8\"", "")).field("client_public_ip"))
                .isEqualTo("198.51.100.9");
        assertThat(read(WRAPPED.replace("\"cip\":\"203.0.113.44\"", "\"cip\":\"None\",\"cpubip\":\"NA\""))
                .field("client_public_ip")).as("Zscaler's None and NA are no address").isNull();
    }

    private Event read(String line) {
        ReaderHarness.Result r = ReaderHarness.read(reader, "web.json", line + "\n");
        assertThat(r.errors()).isEmpty();
        return r.events().get(0);
    }

    @Test
    void badTransactionsAreRejectedByField_andTheRestRead() {
        String noTime = WRAPPED.replace("\"time\":\"Tue Mar  3 02:14:09 2026\",", "");
        String badTime = WRAPPED.replace("Tue Mar  3 02:14:09 2026", "yesterday");
        String badSize = WRAPPED.replace("\"reqsize\":\"734003200\"", "\"reqsize\":\"lots\"");
        String dns = "{ \"sourcetype\" : \"zscalernss-dns\", \"event\" :{\"datetime\":\"2026-03-03 09:00:01\"}}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "web.json",
                String.join("\n", WRAPPED, noTime, badTime, badSize, dns, WRAPPED) + "\n");

        assertThat(r.records()).isEqualTo(6);
        assertThat(r.events()).hasSize(2);
        assertThat(reasons(r)).containsOnlyKeys(
                "event.time: is missing: the record has no time (epochtime, datetime or time)",
                "event.time: is not a time (Fri Dec 31 07:07:07 2021, 2021-12-31 07:07:07 or epoch seconds): "
                        + "\"yesterday\"",
                "event.reqsize: is not a byte count: \"lots\"",
                "sourcetype: is not a web log (zscalernss-web): \"zscalernss-dns\"");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesBothFeedShapes_andNoVendorSample() throws Exception {
        assertThat(Formats.recognise(new Sample("web.json", WRAPPED.getBytes(StandardCharsets.UTF_8))))
                .hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("zscaler-web"));
        assertThat(Formats.recognise(new Sample("web.json", SPLUNK.getBytes(StandardCharsets.UTF_8))))
                .hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("zscaler-web"));
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                // Zscaler's admin audit log is another log: not web transactions
                assertThat(reader.probe(IdentityTestSupport.sample(f))).as(f.toString()).isZero();
            }
        }
    }

    @Test
    void mutatedTransactionsAreAllAccountedFor() {
        for (long seed = 1; seed <= 60; seed++) {
            IdentityTestSupport.checkMutations(reader, seed % 2 == 0 ? WRAPPED : SPLUNK, seed);
        }
    }
}
