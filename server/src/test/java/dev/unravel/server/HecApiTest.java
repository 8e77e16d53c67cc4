package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.engine.report.ReportJson;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Splunk's HTTP Event Collector protocol, as GitHub's audit log streaming and Fluent Bit speak it. */
class HecApiTest extends SpoolConsoleTestBase {

    /** A git clone from GitHub's audit log, as its streaming sends it. */
    static final String CLONE = """
            {"@timestamp":1772413931123,"_document_id":"mF0lq6f7YjZbKg2Yj3tq2w","action":"git.clone",\
            "actor":"dwu-dev","actor_id":91234567,"actor_ip":"203.0.113.7","actor_location":{"country_code":"CN"},\
            "business":"example","business_id":24811,"created_at":1772413931123,\
            "external_identity_nameid":"dana.wu@example.com","operation_type":"access","org":"example",\
            "org_id":61234567,"programmatic_access_type":"Personal access token (classic)",\
            "repo":"example/payments-core","repository":"example/payments-core","repository_public":false,\
            "transport_protocol":1,"transport_protocol_name":"http","user":"","user_agent":"git/2.43.0","user_id":0}""";

    HttpResponse<String> hec(String path, String authorization, byte[] body, String... headers) throws Exception {
        return send(path, authorization, body, headers);
    }

    HttpResponse<String> hec(String body) throws Exception {
        return hec("/services/collector/event", "Splunk " + ingestToken, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stackedEvents_areKeptOneRecordALine_underTheirSourcetype_andARetryOnce() throws Exception {
        String push = CLONE.replace("git.clone", "git.push");
        String body = "{\"time\":1772413931.123,\"sourcetype\":\"github:enterprise:audit\",\"event\":" + CLONE + "}\n"
                + "{\"sourcetype\":\"github:enterprise:audit\",\"event\":" + push + "}"
                + "{\"sourcetype\":\"syslog\",\"event\":\"<134>Mar  2 01:12:11 fw01 allow tcp 10.0.0.7\"}";

        HttpResponse<String> r = hec(body);

        assertThat(r.statusCode()).as("a syslog line is in no format Unravel reads").isEqualTo(400);
        assertThat(json(r).get("code").asInt()).isEqualTo(6);
        assertThat(json(r).get("text").asText()).contains("the syslog events").contains("cannot be read");
        assertThat(kept("syslog")).isEmpty();
        List<Path> github = kept("github-enterprise-audit");
        assertThat(github).as("the events that could be read are kept").singleElement().satisfies(f -> {
            assertThat(f.getParent().getFileName().toString()).isEqualTo("2026-03-02");
            List<String> lines = Files.readAllLines(f);
            assertThat(lines).hasSize(2);
            assertThat(ReportJson.mapper().readTree(lines.get(0))).isEqualTo(ReportJson.mapper().readTree(CLONE));
        });
        assertThat(store.ingestBatches("github-enterprise-audit", 5)).singleElement().satisfies(b -> {
            assertThat(b.format()).isEqualTo("github-audit");
            assertThat(b.events()).isEqualTo(2);
        });

        String githubOnly = body.substring(0, body.indexOf("{\"sourcetype\":\"syslog\""));
        HttpResponse<String> retried = hec(githubOnly);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).get("text").asText()).isEqualTo("Success");
        assertThat(json(retried).get("code").asInt()).isZero();
        assertThat(kept("github-enterprise-audit")).as("a retry is kept once").hasSize(1);
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("ingest-again");
    }

    /**
     * Zscaler's Cloud NSS pushes its web and firewall feeds to a Splunk HTTP Event Collector: each
     * object's event is a transaction (or session) as the feed names its fields, kept as a batch per
     * feed and read by the Zscaler readers.
     */
    @Test
    void zscalersCloudNssFeeds_areKeptPerFeed_andReadAsZscalersLogs() throws Exception {
        String web = "{\"datetime\":\"2026-03-02 01:12:11\",\"action\":\"Allowed\",\"transactionsize\":\"734005248\","
                + "\"responsesize\":\"2048\",\"requestsize\":\"734003200\",\"urlcategory\":\"File Host\","
                + "\"serverip\":\"31.216.145.5\",\"requestmethod\":\"POST\",\"useragent\":\"MEGAsync/4.12\","
                + "\"ClientIP\":\"203.0.113.44\",\"user\":\"dana.wu@example.com\",\"url\":\"mega.nz/ul/x\","
                + "\"hostname\":\"mega.nz\",\"urlsupercategory\":\"Internet Communication\",\"appclass\":\"File Sharing\","
                + "\"pagerisk\":\"0\",\"deviceowner\":\"dwu\",\"devicehostname\":\"NWL-LT-0142\"}";
        String fw = "{\"datetime\":\"2026-03-02 01:20:00\",\"user\":\"dana.wu@example.com\",\"cdport\":21116,"
                + "\"csport\":55018,\"csip\":\"203.0.113.44\",\"cdip\":\"45.76.49.203\",\"tuntype\":"
                + "\"ZscalerClientConnector\",\"action\":\"Allow\",\"nwsvc\":\"Any\",\"inbytes\":90000,"
                + "\"outbytes\":465600555,\"devicehostname\":\"NWL-LT-0142\"}";
        HttpResponse<String> r = hec("{\"sourcetype\":\"zscalernss-web\",\"event\":" + web + "}"
                + "{\"sourcetype\":\"zscalernss-fw\",\"event\":" + fw + "}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(store.ingestBatches("zscalernss-web", 5)).singleElement().satisfies(b -> {
            assertThat(b.format()).isEqualTo("zscaler-web");
            assertThat(b.events()).isEqualTo(1);
        });
        assertThat(store.ingestBatches("zscalernss-fw", 5)).singleElement().satisfies(b -> {
            assertThat(b.format()).isEqualTo("zscaler-firewall");
            assertThat(b.events()).isEqualTo(1);
        });
    }

    @Test
    void gzip_healthAndErrorsSpeakHec() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(("{\"event\":" + CLONE.replace("dwu-dev", "lee-dev") + "}").getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = hec("/services/collector", "Splunk " + ingestToken, zipped.toByteArray(),
                "Content-Encoding", "gzip");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(kept("hec")).as("no sourcetype: the source is hec").hasSize(1);

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/services/collector/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("code").asInt()).isEqualTo(17);

        byte[] one = ("{\"event\":" + CLONE + "}").getBytes(StandardCharsets.UTF_8);
        assertThat(json(hec("/services/collector", null, one)).get("code").asInt()).isEqualTo(2);
        assertThat(json(hec("/services/collector", "Basic abc", one)).get("code").asInt()).isEqualTo(3);
        HttpResponse<String> wrongScope = hec("/services/collector", "Splunk " + apiToken, one);
        assertThat(wrongScope.statusCode()).isEqualTo(403);
        assertThat(json(wrongScope).get("code").asInt()).isEqualTo(4);
        assertThat(hec("/services/collector", "Splunk unr_made-up", one).statusCode()).isEqualTo(403);
        assertThat(hec("/services/collector", "Bearer " + ingestToken, one).statusCode()).isEqualTo(200);

        HttpResponse<String> noEvent = hec("{\"event\":" + CLONE + "}{\"time\":1}");
        assertThat(noEvent.statusCode()).isEqualTo(400);
        assertThat(json(noEvent).get("code").asInt()).isEqualTo(12);
        assertThat(json(noEvent).get("invalid-event-number").asInt()).isEqualTo(1);
        assertThat(json(hec("{\"event\":\"  \"}")).get("code").asInt()).isEqualTo(13);
        assertThat(json(hec("{\"event\": {\"a\":")).get("code").asInt()).isEqualTo(6);
        assertThat(json(hec("[1, 2]")).get("code").asInt()).isEqualTo(6);
        assertThat(json(hec("")).get("code").asInt()).isEqualTo(5);
        HttpResponse<String> big = hec(("{\"event\":" + CLONE + "}\n").repeat(64 * 1024 / CLONE.length() + 2));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(kept("github-enterprise-audit")).as("nothing of a refused request is kept").hasSizeLessThan(2);
    }

    static final String CHANNEL = "0aa1a6e8-5c4c-4b7e-9f3e-2d1f6a0b9c11";

    @Test
    void onAChannel_eachBatchGetsAnAckId_whichTheAckEndpointAcknowledgesOnce() throws Exception {
        byte[] first = ("{\"sourcetype\":\"firehose\",\"event\":" + CLONE.replace("dwu-dev", "ack-1") + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = ("{\"sourcetype\":\"firehose\",\"event\":" + CLONE.replace("dwu-dev", "ack-2") + "}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> a = hec("/services/collector/event", "Splunk " + ingestToken, first,
                "X-Splunk-Request-Channel", CHANNEL);
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(json(a).get("ackId").asLong()).isZero();
        HttpResponse<String> b = hec("/services/collector/event?channel=" + CHANNEL.toUpperCase(), "Splunk "
                + ingestToken, second);
        assertThat(json(b).get("ackId").asLong()).as("the channel in the query, in capitals").isEqualTo(1);
        assertThat(kept("firehose")).hasSize(2);

        HttpResponse<String> acked = hec("/services/collector/ack", "Splunk " + ingestToken,
                "{\"acks\":[0,1,7]}".getBytes(StandardCharsets.UTF_8), "X-Splunk-Request-Channel", CHANNEL);
        assertThat(acked.statusCode()).as(acked.body()).isEqualTo(200);
        assertThat(json(acked).get("acks").toString()).isEqualTo("{\"0\":true,\"1\":true,\"7\":false}");
        HttpResponse<String> again = hec("/services/collector/ack?channel=" + CHANNEL, "Splunk " + ingestToken,
                "{\"acks\":[0]}".getBytes(StandardCharsets.UTF_8));
        assertThat(json(again).get("acks").get("0").asBoolean()).as("acknowledged once, then forgotten").isFalse();

        HttpResponse<String> other = hec("/services/collector/event", "Splunk " + ingestToken, first,
                "X-Splunk-Request-Channel", "1bb1a6e8-5c4c-4b7e-9f3e-2d1f6a0b9c11");
        assertThat(json(other).get("ackId").asLong()).as("a retry on another channel: its own ids").isZero();
        assertThat(kept("firehose")).as("and kept once").hasSize(2);
        assertThat(json(hec("{\"event\":" + CLONE + "}")).has("ackId")).as("no channel, no ackId").isFalse();

        HttpResponse<String> notGuid = hec("/services/collector/event", "Splunk " + ingestToken,
                ("{\"sourcetype\":\"elsewhere\",\"event\":" + CLONE + "}").getBytes(StandardCharsets.UTF_8),
                "X-Splunk-Request-Channel", "c1");
        assertThat(notGuid.statusCode()).isEqualTo(400);
        assertThat(json(notGuid).get("code").asInt()).isEqualTo(11);
        assertThat(kept("elsewhere")).isEmpty();
        HttpResponse<String> noChannel = hec("/services/collector/ack", "Splunk " + ingestToken,
                "{\"acks\":[0]}".getBytes(StandardCharsets.UTF_8));
        assertThat(noChannel.statusCode()).isEqualTo(400);
        assertThat(json(noChannel).get("code").asInt()).isEqualTo(10);
        for (String bad : List.of("{\"acks\":\"0\"}", "{\"acks\":[0.5]}", "[0]", "{")) {
            HttpResponse<String> r = hec("/services/collector/ack", "Splunk " + ingestToken,
                    bad.getBytes(StandardCharsets.UTF_8), "X-Splunk-Request-Channel", CHANNEL);
            assertThat(json(r).get("code").asInt()).as(bad).isEqualTo(6);
        }
        assertThat(json(hec("/services/collector/ack", "Splunk " + apiToken, "{\"acks\":[0]}".getBytes(
                StandardCharsets.UTF_8), "X-Splunk-Request-Channel", CHANNEL)).get("code").asInt())
                .as("an ingest token only").isEqualTo(4);
    }

    @Test
    void theRawEndpointKeepsTheSendersLinesAsTheyCame() throws Exception {
        String push = CLONE.replace("git.push", "git.clone").replace("git.clone", "git.push");
        String lines = CLONE + "\n" + push + "\n";
        HttpResponse<String> r = hec("/services/collector/raw?sourcetype=github:enterprise:audit&channel=" + CHANNEL,
                "Splunk " + ingestToken, lines.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("code").asInt()).isZero();
        assertThat(kept("github-enterprise-audit")).singleElement()
                .satisfies(f -> assertThat(Files.readString(f)).isEqualTo(lines));
        assertThat(store.accessLog("dana", 1).get(0).target()).contains("HEC raw").contains("2 records");

        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(CLONE.replace("dwu-dev", "kim-dev").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(hec("/services/collector/raw/1.0?source=audit", "Splunk " + ingestToken, zipped.toByteArray(),
                "Content-Encoding", "gzip").statusCode()).isEqualTo(200);
        assertThat(kept("audit")).hasSize(1);

        byte[] one = CLONE.getBytes(StandardCharsets.UTF_8);
        assertThat(json(hec("/services/collector/raw", null, one)).get("code").asInt()).isEqualTo(2);
        assertThat(json(hec("/services/collector/raw", "Splunk " + apiToken, one)).get("code").asInt()).isEqualTo(4);
        assertThat(json(hec("/services/collector/raw", "Splunk " + ingestToken, new byte[0])).get("code").asInt())
                .as("no data").isEqualTo(5);
        HttpResponse<String> syslog = hec("/services/collector/raw?sourcetype=syslog", "Splunk " + ingestToken,
                "<134>Mar  2 01:12:11 fw01 allow tcp 10.0.0.7\n".getBytes(StandardCharsets.UTF_8));
        assertThat(syslog.statusCode()).isEqualTo(400);
        assertThat(json(syslog).get("code").asInt()).isEqualTo(6);
        assertThat(json(syslog).get("text").asText()).contains("the syslog events");
        HttpResponse<String> wrongFormat = hec("/services/collector/raw?sourcetype=okta&format=okta",
                "Splunk " + ingestToken, one);
        assertThat(json(wrongFormat).get("code").asInt()).as(wrongFormat.body()).isEqualTo(6);
        assertThat(kept("okta")).isEmpty();
        HttpResponse<String> big = hec("/services/collector/raw?sourcetype=big", "Splunk " + ingestToken,
                (CLONE + "\n").repeat(64 * 1024 / CLONE.length() + 2).getBytes(StandardCharsets.UTF_8));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(json(big).get("code").asInt()).isEqualTo(27);
    }

    @Test
    void eventsTheDiskCannotTakeAreAnsweredBusy() throws Exception {
        java.nio.file.Files.createDirectories(spool.resolve("blocked"));
        java.nio.file.Files.writeString(spool.resolve("blocked/2026-03-02"), "in the way");
        HttpResponse<String> r = hec("{\"sourcetype\":\"blocked\",\"event\":" + CLONE + "}");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("code").asInt()).isEqualTo(9);
    }

    @Test
    void sourcetypesBecomeSourceNames() throws Exception {
        var m = ReportJson.mapper();
        assertThat(HecApi.source(m.readTree("{\"sourcetype\":\"github:enterprise:audit\"}")))
                .isEqualTo("github-enterprise-audit");
        assertThat(HecApi.source(m.readTree("{\"source\":\"/var/log/Okta System Log.json\"}")))
                .isEqualTo("var-log-okta-system-log-json");
        assertThat(HecApi.source(m.readTree("{\"sourcetype\":\"::\",\"source\":7}"))).isEqualTo("hec");
        assertThat(HecApi.source(m.readTree("{\"sourcetype\":\"" + "x".repeat(50) + "\"}"))).hasSize(40);
        assertThat(HecApi.token("Splunk  " + ingestToken)).isEqualTo(ingestToken);
        assertThat(HecApi.token("Basic " + ingestToken)).isNull();
    }

    @Test
    void aConsoleThatTakesNoLogsSaysSo() throws Exception {
        Javalin plain = Console.create(store, "test").start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port()
                    + "/services/collector/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("--spool");
        } finally {
            plain.stop();
        }
    }
}
