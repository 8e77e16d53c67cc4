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
import java.util.List;
import org.junit.jupiter.api.Test;

class UmbrellaReaderTest {

    final UmbrellaReader reader = new UmbrellaReader();

    /** A DNS log row, format version 13: an AD user on a roaming laptop (the name holds a comma). */
    static final String DNS = "\"2026-03-03 02:13:58\",\"Lovelace, Ada (ada.lovelace@example.com)\","
            + "\"Lovelace, Ada (ada.lovelace@example.com),NWL-LT-0142\",\"192.168.1.23\",\"203.0.113.44\",\"Allowed\","
            + "\"1 (A)\",\"NOERROR\",\"g.api.mega.co.nz.\",\"Online Storage and Backup,File Transfer Services\","
            + "\"AD Users\",\"AD Users,Anyconnect Roaming Client\",\"\"";

    /** The first DNS format (ten columns), spaces after some commas as the early exports wrote them. */
    static final String DNS_V1 = "\"2026-03-03 02:14:00\",\"NWL-LT-0142\", \"NWL-LT-0142,Home,Network\", "
            + "\"192.168.1.23\",\"203.0.113.44\",\"Blocked\",\"28 (AAAA)\", \"NXDOMAIN\",\"file.io.\", \"File Storage\"";

    /** A proxy (Secure Web Gateway) log row: an upload from the same laptop. */
    static final String PROXY = "\"2026-03-03 02:14:09\",\"NWL-LT-0142\",\"192.168.1.23\",\"203.0.113.44\","
            + "\"66.203.125.11\",\"application/octet-stream\",\"ALLOWED\",\"https://gfs270n171.userstorage.mega.co.nz/"
            + "ul/AbCdEf\",\"\",\"MEGAsync/4.12\",\"200\",\"734003200\",\"512\",\"0\",\"\",\"Online Storage and Backup\","
            + "\"\",\"\",\"\",\"\",\"\",\"Roaming Computers\",\"\",\"NWL-LT-0142,Lovelace, Ada (ada.lovelace@example.com)\","
            + "\"Roaming Computers,AD Users\",\"POST\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"";

    @Test
    void aDnsRow_namesTheUserByTheAddressInTheirIdentity_andTheLaptop() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "dnslogs/2026-03-03/2026-03-03-02-20-a1b2.csv", DNS + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-03T02:13:58Z"));
        assertThat(e.type()).isEqualTo("umbrella.dns");
        assertThat(e.logSource()).isEqualTo(LogSource.of("umbrella", "dns", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.sourceIp()).isEqualTo("192.168.1.23");
        assertThat(e.field("query")).as("without the root's dot").isEqualTo("g.api.mega.co.nz");
        assertThat(e.field("record_type")).isEqualTo("A");
        assertThat(e.field("domain")).as("the vendor's column stays").isEqualTo("g.api.mega.co.nz.");
        assertThat(e.field("blocked_categories")).as("an empty column is absent").isNull();
        assertThat(e.field("client_public_ip")).as("where the roaming client's network reached Umbrella")
                .isEqualTo("203.0.113.44");
    }

    @Test
    void theFirstFormatVersion_withSpacesBeforeQuotes_reads() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "dns.csv", DNS_V1 + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.field("query")).isEqualTo("file.io");
        assertThat(e.field("record_type")).isEqualTo("AAAA");
        assertThat(e.field("identities")).isEqualTo("NWL-LT-0142,Home,Network");
        assertThat(e.field("action")).isEqualTo("Blocked");
        assertThat(e.user()).isNull();
        assertThat(e.host()).as("no identity types in this version: no computer named").isNull();
    }

    @Test
    void aProxyRow_becomesAProxyEventWithTheRequestsBytes() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "proxylogs/2026-03-03/x.csv", PROXY + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("umbrella.proxy");
        assertThat(e.logSource()).isEqualTo(LogSource.of("umbrella", "proxy", null));
        assertThat(e.user()).isEqualTo("ada.lovelace@example.com");
        assertThat(e.host()).isEqualTo("NWL-LT-0142");
        assertThat(e.field("cs-host")).isEqualTo("gfs270n171.userstorage.mega.co.nz");
        assertThat(e.field("cs-bytes")).isEqualTo(734_003_200L);
        assertThat(e.field("sc-bytes")).isEqualTo(512L);
        assertThat(e.field("cs-method")).isEqualTo("POST");
        assertThat(e.field("verdict")).isEqualTo("ALLOWED");
        assertThat(e.field("dst_ip")).isEqualTo("66.203.125.11");
        assertThat(e.field("client_public_ip")).isEqualTo("203.0.113.44");
    }

    @Test
    void mixedRows_aHeaderRow_andBadRows_eachAccountedFor() {
        String header = "\"Timestamp\",\"Most Granular Identity\",\"Identities\",\"Internal Ip\",\"External Ip\","
                + "\"Action\",\"QueryType\",\"ResponseCode\",\"Domain\",\"Categories\"";
        String badTime = DNS.replace("2026-03-03 02:13:58", "03/03/2026");
        String badSize = PROXY.replace("\"734003200\"", "\"7e8\"");
        String neither = "\"2026-03-03 02:14:09\",\"x\",\"y\"";
        String noDomain = DNS.replace("\"g.api.mega.co.nz.\"", "\"\"");
        ReaderHarness.Result r = ReaderHarness.read(reader, "umbrella.csv",
                "\n" + String.join("\n", header, DNS, badTime, PROXY, badSize, neither, noDomain, DNS_V1) + "\n");

        assertThat(r.records()).as("the header row is not a record").isEqualTo(7);
        assertThat(r.events()).extracting(Event::type).containsExactly("umbrella.dns", "umbrella.proxy", "umbrella.dns");
        assertThat(reasons(r)).containsOnlyKeys(
                "timestamp: is not a time (2024-03-14 18:59:23, UTC): \"03/03/2026\"",
                "request_size: is not a byte count: \"7e8\"",
                "null: is neither an Umbrella DNS log row (the query type, such as \"1 (A)\", in column 7) nor a "
                        + "proxy log row (a URL in column 8); 3 columns",
                "domain: is missing");
        assertThat(r.errors()).as("lines counted from the file's first, blank or not").extracting(e -> e.line())
                .containsExactly(4L, 6L, 7L, 8L);
        assertAccounted(r);
    }

    /** A quote left open ends with its line: the rows after it are read, not swallowed into its field. */
    @Test
    void aQuoteLeftOpenCostsOnlyItsOwnRow() {
        String open = DNS.substring(0, DNS.indexOf("\"NOERROR\"") + 4); // cut inside a quoted field
        ReaderHarness.Result r = ReaderHarness.read(reader, "dns.csv",
                String.join("\n", DNS, open, DNS_V1, PROXY, open) + "\n");

        assertThat(r.records()).isEqualTo(5);
        assertThat(r.events()).hasSize(3);
        assertThat(r.errors()).extracting(e -> e.line()).containsExactly(2L, 5L);
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.reason()).isEqualTo("has a quote opened and not closed "
                + "on its line; skipped"));
        assertAccounted(r);
        ReaderHarness.Result last = ReaderHarness.read(reader, "dns.csv", DNS + "\n" + open);
        assertThat(last.events()).hasSize(1);
        assertThat(last.errors()).singleElement().satisfies(e -> assertThat(e.field()).isEqualTo("#8"));
    }

    @Test
    void identities_pairWithTheirTypes() {
        assertThat(UmbrellaReader.identity("Hopper, Grace (ghopper@example.com)",
                "Hopper, Grace (ghopper@example.com),NWL-LT-0007,Office,Network",
                "AD Users,Roaming Computers,Sites,Networks"))
                .isEqualTo(new UmbrellaReader.Identity("ghopper@example.com", "NWL-LT-0007"));
        assertThat(UmbrellaReader.identity("ghopper", "ghopper,NWL-LT-0007", "AD Users, AD Computers"))
                .isEqualTo(new UmbrellaReader.Identity("ghopper", "NWL-LT-0007"));
        assertThat(UmbrellaReader.identity("Office", "Office,Network", "Sites,Networks"))
                .isEqualTo(new UmbrellaReader.Identity(null, null));
        assertThat(UmbrellaReader.identity("x", List.of("x", "Lovelace (ada@example.com)"), List.of("Sites", "Other")))
                .as("the JSON form's lists").isEqualTo(new UmbrellaReader.Identity("ada@example.com", null));
    }

    @Test
    void queryTypesAndAddressesInIdentities_areReadByHand_asTheFormatWritesThem() {
        assertThat(UmbrellaReader.recordType("1 (A)")).isEqualTo("A");
        assertThat(UmbrellaReader.recordType("28 (AAAA)")).isEqualTo("AAAA");
        assertThat(UmbrellaReader.recordType("255 (*)")).isEqualTo("*");
        assertThat(UmbrellaReader.recordType("65 (https)")).isEqualTo("HTTPS");
        for (String no : List.of("", "A", "1 A", "(A)", "1 ()", "x (A)", "1 (A", "1 (A) ", "1 (A-B)", "1  (A)")) {
            assertThat(UmbrellaReader.recordType(no)).as(no).isNull();
        }
        assertThat(UmbrellaReader.emailIn("Lovelace, Ada (ada@example.com)")).isEqualTo("ada@example.com");
        assertThat(UmbrellaReader.emailIn("LastName, Ti M (Ti) (ti.last@example.com)")).isEqualTo("ti.last@example.com");
        for (String no : List.of("ada", "Ada (ada)", "Ada (@example.com)", "Ada (ada@)", "Ada (a da@x.com)", "Ada (",
                "Ada (ada@x.com")) {
            assertThat(UmbrellaReader.emailIn(no)).as(no).isNull();
        }
    }

    @Test
    void theVendorSample_asJsonLines_isRecognisedAndRead() throws Exception {
        Path sample = SharedData.vendorRecords("CiscoUmbrella_DNS.ndjson");
        assertThat(IdentityTestSupport.recognised(sample)).isEqualTo("cisco-umbrella");

        ReaderHarness.Result r = ReaderHarness.read(reader, sample);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(4).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("umbrella.dns");
            assertThat(e.time()).isEqualTo(Instant.parse("2020-05-21T19:20:25Z"));
            assertThat(e.sourceIp()).isEqualTo("136.24.229.58");
            assertThat(e.field("client_public_ip")).as("externalIp").isEqualTo("136.24.229.58");
        });
        assertThat(r.events()).extracting(e -> e.field("query"))
                .containsExactly("malware.gvt2.com", "beacons3.gvt2.com", "cron.photoscape.ch", "google.com");
        assertAccounted(r);
    }

    @Test
    void probe_recognisesBothKindsOfRow_theHeader_andNoOtherVendorSample() throws Exception {
        for (String head : List.of(DNS, DNS_V1, PROXY, "\"Timestamp\",\"Most Granular Identity\",\"Identities\","
                + "\"InternalIp\",\"ExternalIp\",\"Action\",\"QueryType\",\"ResponseCode\",\"Domain\",\"Categories\"")) {
            assertThat(Formats.recognise(new Sample("x.csv", head.getBytes(StandardCharsets.UTF_8))))
                    .as(head).hasValueSatisfying(x -> assertThat(x.reader().id()).isEqualTo("cisco-umbrella"));
        }
        assertThat(reader.probe(new Sample("x.csv", "\"2026-03-03 02:14:09\",\"a\",\"b\"\n"
                .getBytes(StandardCharsets.UTF_8)))).isZero();
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().equals("CiscoUmbrella_DNS.ndjson")) {
                    assertThat(score).as(f.toString()).isGreaterThanOrEqualTo(80);
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
    }

    /**
     * Damaged exports (a row cut short, bytes spliced in, a quote lost): every row ends as an event
     * or a quarantined error, and nothing escapes the reader.
     */
    @Test
    void damagedRowsAreAllAccountedFor() {
        java.util.Random rnd = new java.util.Random(7);
        List<String> rows = List.of(DNS, DNS_V1, PROXY);
        for (int round = 0; round < 300; round++) {
            StringBuilder text = new StringBuilder();
            for (int n = 0; n < 4; n++) {
                String row = rows.get(rnd.nextInt(rows.size()));
                int cut = rnd.nextInt(row.length() + 1);
                row = switch (rnd.nextInt(4)) {
                    case 0 -> row.substring(0, cut);
                    case 1 -> row.substring(0, cut) + (char) rnd.nextInt(0x3000) + row.substring(cut);
                    case 2 -> row.replaceFirst("\"", "");
                    default -> row;
                };
                text.append(row).append('\n');
            }
            assertAccounted(ReaderHarness.read(reader, "umbrella.csv", text.toString()));
        }
    }
}
