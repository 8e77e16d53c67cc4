package dev.unravel.ingest.format.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackAccessLogsReaderTest {

    final SlackAccessLogsReader reader = new SlackAccessLogsReader();

    /** An entry as team.accessLogs gives it; {@code email} as unravel collect slack adds it, or null. */
    static String entry(String email, String last, String ip) {
        return "{\"user_id\":\"U045ZRL9Q\",\"username\":\"ryan.ramos\",\"date_first\":1772722800,\"date_last\":" + last
                + ",\"count\":14,\"ip\":" + ip + ",\"user_agent\":\"Slack/4.41.105 (Windows 10.0.22631)\","
                + "\"isp\":\"Astrill Systems Corp\",\"country\":\"US\",\"region\":\"CA\""
                + (email == null ? "" : ",\"email\":\"" + email + "\"") + "}";
    }

    @Test
    void anEntryIsTheLatestUseOfSlackFromAnAddress_byTheAccountsEmailWhenGiven() {
        String response = "{\"ok\":true,\"logins\":[" + entry("ryan.ramos@northwindlabs.com", "1772730000",
                "\"185.242.5.85\"") + "," + entry(null, "1772733600", "\"73.12.40.2\"") + "],\"paging\":{\"count\":100,"
                + "\"total\":2,\"page\":1,\"pages\":1}}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "slack/access.json", response);

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1772730000L));
        assertThat(e.source()).isEqualTo("slack");
        assertThat(e.type()).isEqualTo(SlackAccessLogsReader.TYPE);
        assertThat(e.logSource()).isEqualTo(LogSource.of("slack", null, "access"));
        assertThat(e.user()).isEqualTo("ryan.ramos@northwindlabs.com");
        assertThat(e.sourceIp()).isEqualTo("185.242.5.85");
        assertThat(e.field("isp")).isEqualTo("Astrill Systems Corp");
        assertThat(r.events().get(1).user()).as("no email: the username").isEqualTo("ryan.ramos");
        assertThat(r.events().stream().map(Event::origin).map(o -> o.record())).containsExactly(1L, 2L);
    }

    @Test
    void anEntryWithoutItsLastUseOrAddressIsRejectedByName_andTheOthersAreRead() {
        String lines = entry("a@x.com", "1772730000", "\"1.2.3.4\"") + "\n" + entry("b@x.com", "null", "\"1.2.3.4\"")
                + "\n" + entry("c@x.com", "1772730000", "null") + "\n" + entry("d@x.com", "1772733600", "\"5.6.7.8\"")
                + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "slack/access.ndjson", lines);

        assertThat(r.events()).extracting(Event::user).containsExactly("a@x.com", "d@x.com");
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).toString()).contains("record 2", "date_last", "is missing");
        assertThat(r.errors().get(1).toString()).contains("record 3", "ip");
    }

    /** Timestamps no clock gives — past the year 9999, text, an object — are quarantined by name, not a crash. */
    @Test
    void anImpossibleLastUseIsRejectedByName() {
        String lines = entry("a@x.com", "99999999999999999999", "\"1.2.3.4\"") + "\n"
                + entry("b@x.com", "\"yesterday\"", "\"1.2.3.4\"") + "\n"
                + entry("c@x.com", "{\"s\":1}", "\"1.2.3.4\"") + "\n"
                + entry("d@x.com", "1772733600", "\"5.6.7.8\"") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "slack/access.ndjson", lines);

        assertThat(r.events()).extracting(Event::user).containsExactly("d@x.com");
        assertThat(r.errors()).hasSize(3).allSatisfy(e -> assertThat(e.toString()).contains("date_last"));
    }

    @Test
    void slacksAccessLogsAreRecognisedAndOtherJsonIsNot() {
        Sample slack = new Sample("slack/a.ndjson", (entry(null, "1772730000", "\"1.2.3.4\"") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Formats.recognise(slack)).get().satisfies(g -> assertThat(g.reader().id()).isEqualTo("slack-access"));
        assertThat(reader.probe(new Sample("x.ndjson", "{\"date_last\":1,\"name\":\"x\"}\n"
                .getBytes(StandardCharsets.UTF_8)))).isZero();
    }
}
