package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.JsonLineParser;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shortcut for one-line evtx_dump records builds exactly the event the general path builds
 * (document tree, then {@link EvtxJsonReader#convert}), or declines.
 */
class EvtxJsonShortcutTest {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventRef ORIGIN = new EventRef("sysmon.json", 7);

    static final String SYSMON_3 = "{\"Event\":{\"#attributes\":{\"xmlns\":\"http://schemas.microsoft.com/win/2004/08/events/event\"},"
            + "\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\",\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\"}},"
            + "\"EventID\":3,\"Version\":5,\"Level\":4,\"Task\":3,\"Opcode\":0,\"Keywords\":\"0x8000000000000000\","
            + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-20T00:00:00.000000Z\"}},\"EventRecordID\":37037,"
            + "\"Correlation\":null,\"Execution\":{\"#attributes\":{\"ProcessID\":4060,\"ThreadID\":5920}},"
            + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"NWL-LT-10589.corp.northwindlabs.com\","
            + "\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}},"
            + "\"EventData\":{\"RuleName\":\"-\",\"UtcTime\":\"2026-03-20 00:00:00.000\",\"ProcessId\":4594,"
            + "\"Image\":\"C:\\\\Program Files\\\\Google\\\\Chrome\\\\Application\\\\chrome.exe\",\"User\":\"NORTHWIND\\\\scox\","
            + "\"Protocol\":\"tcp\",\"Initiated\":true,\"SourceIsIpv6\":false,\"SourceIp\":\"10.20.2.83\",\"SourcePort\":52942,"
            + "\"DestinationIp\":\"52.28.141.232\",\"DestinationHostname\":\"update.googleapis.com\",\"DestinationPort\":443}}}";

    @Test
    void a_sysmon_line_is_taken_and_built_as_the_general_path_builds_it() throws IOException {
        Event fast = shortcut(SYSMON_3);
        assertThat(fast).isNotNull();
        assertThat(render(fast)).isEqualTo(render(general(SYSMON_3)));
        assertThat(fast.document()).containsEntry("EventID", 3).containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("TimeCreated", "2026-03-20T00:00:00.000000Z").containsEntry("Initiated", true)
                .containsEntry("DestinationPort", 443);
        assertThat(fast.user()).isEqualTo("NORTHWIND\\scox");
        assertThat(fast.sourceIp()).isEqualTo("10.20.2.83");
    }

    @Test
    void every_variant_is_either_declined_or_built_exactly_as_the_general_path_builds_it() throws IOException {
        // Variants of the common line: each must give the general path's event, or be declined.
        List<String> taken = List.of(
                SYSMON_3.replace("\"EventID\":3", "\"EventID\":{\"#attributes\":{\"Qualifiers\":16384},\"#text\":3}"),
                SYSMON_3.replace("\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-20T00:00:00.000000Z\"}}",
                        "\"TimeCreated\":\"2026-03-20T00:00:00.000000Z\""),
                SYSMON_3.replace("\"Correlation\":null", "\"Correlation\":{\"#attributes\":{\"ActivityID\":\"{A1}\"}}"),
                SYSMON_3.replace("\"Security\":{\"#attributes\":{\"UserID\":\"S-1-5-18\"}}", "\"Security\":null"),
                SYSMON_3.replace("{\"Event\":{", "{\"meta\":[1,{\"a\":\"b\"}],\"Event\":{"),
                SYSMON_3.replace("\"EventData\":{", "\"EventData\":{\"@Name\":\"x\",\"xmlns\":\"y\",\"Channel\":\"inner\","),
                SYSMON_3.replace("\"Image\":", "\"ProcessId\":99,\"Image\":"), // a repeated EventData key
                SYSMON_3.replace("\"RuleName\":\"-\"", "\"RuleName\":\"\",\"\":\"nameless\""),
                SYSMON_3.replace(",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\"", ""));
        List<String> declined = List.of(
                SYSMON_3.replace("\"EventID\":3,", "\"EventID\":3,\"EventID\":3,"),
                SYSMON_3.replace("\"EventData\":{", "\"UserData\":{\"X\":{\"a\":1}},\"EventData\":{"),
                SYSMON_3.replace("\"EventData\":{\"RuleName\":\"-\",", "\"EventData\":{\"Data\":[{\"#attributes\":{\"Name\":\"RuleName\"},\"#text\":\"-\"}],"),
                SYSMON_3.replace("\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\",\"Guid\":\"5770385F-C22A-43E0-BF4C-06F5698FFBD9\"}}",
                        "\"Provider\":{\"@Name\":\"Microsoft-Windows-Sysmon\"}"),
                SYSMON_3.replace("\"Protocol\":\"tcp\"", "\"Protocol\":{\"#text\":\"tcp\"}"),
                SYSMON_3.replace("\"EventID\":3", "\"EventID\":70000"),
                SYSMON_3.replace("2026-03-20T00:00:00.000000Z", "yesterday"),
                SYSMON_3.replace("\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-20T00:00:00.000000Z\"}},", ""),
                SYSMON_3.replace("{\"Event\":{", "{\"Event\":1,\"Other\":{"));
        for (String line : taken) {
            Event fast = shortcut(line);
            assertThat(fast).as(line).isNotNull();
            assertThat(render(fast)).as(line).isEqualTo(render(general(line)));
        }
        for (String line : declined) {
            assertThat(shortcut(line)).as(line).isNull();
        }
    }

    @Test
    void a_file_of_lines_reads_alike_through_the_reader_bad_lines_rejected_with_their_record(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("sysmon.json");
        Files.writeString(file, String.join("\n", SYSMON_3,
                SYSMON_3.replace("\"EventID\":3", "\"EventID\":70000"),
                SYSMON_3.replace("\"EventData\":{\"RuleName\":\"-\",", "\"EventData\":{\"Data\":[{\"#attributes\":{\"Name\":\"RuleName\"},\"#text\":\"-\"}],"),
                SYSMON_3.substring(0, 200),
                SYSMON_3 + " {\"x\":1}",
                SYSMON_3) + "\n", StandardCharsets.UTF_8);
        ReaderHarness.Result r = ReaderHarness.read(new EvtxJsonReader(), file);
        assertThat(r.records()).isEqualTo(6);
        assertThat(r.events()).hasSize(3);
        assertThat(r.events().get(1).document()).containsEntry("RuleName", "-"); // the Data list, read the general way
        assertThat(r.errors()).hasSize(3);
        assertThat(r.errors().get(0).record()).isEqualTo(2);
        assertThat(r.errors().get(0).field()).isEqualTo("Event.System.EventID");
        assertThat(r.errors().get(1).record()).isEqualTo(4);
        assertThat(r.errors().get(2).record()).isEqualTo(5);
        assertThat(r.errors().get(2).reason()).contains("text after the JSON object");
    }

    @Test
    void every_sigma_regression_event_as_one_line_is_built_as_the_general_path_builds_it() throws IOException {
        Path data = SharedData.require().resolve("data/sigma/regression_data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int documents = 0;
        int takenCount = 0;
        for (Path file : files) {
            try (JsonParser p = JSON.createParser(file.toFile())) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String line = MAPPER.writeValueAsString(MAPPER.readTree(p));
                    documents++;
                    Event fast = shortcut(line);
                    if (fast != null) {
                        takenCount++;
                        assertThat(render(fast)).as(file + ": " + line).isEqualTo(render(general(line)));
                    }
                }
            }
        }
        assertThat(documents).isGreaterThan(200);
        // Most real records have the common shape; the rest (Data lists, UserData) go the general way.
        assertThat(takenCount).as("records taken of " + documents).isGreaterThan(documents / 2);
    }

    private static final JsonLineParser TOKENS = new JsonLineParser(Limits.DEFAULT);

    /** The shortcut's event, or null where it declines (as JsonRecords calls it). */
    private static Event shortcut(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        try {
            TOKENS.start(b, 0, b.length);
            Event e = EvtxJsonShortcut.INSTANCE.read(TOKENS, ORIGIN);
            return e != null && TOKENS.nextToken() == null ? e : null;
        } catch (JsonLineParser.Declined d) {
            return null;
        } finally {
            TOKENS.finish();
        }
    }

    @SuppressWarnings("unchecked")
    private static Event general(String line) throws IOException {
        try {
            return new EvtxJsonReader().convert(MAPPER.readValue(line, Map.class), ORIGIN);
        } catch (RecordException e) {
            throw new AssertionError("the general path rejects a line the shortcut took: " + e.getMessage(), e);
        }
    }

    /** Everything of an event, the document's order and value types included. */
    private static String render(Event e) {
        List<String> fields = new ArrayList<>();
        e.document().forEach((k, v) -> fields.add(k + "=" + (v == null ? "null" : v.getClass().getSimpleName() + ":" + v)));
        return String.join("|", e.time().toString(), e.source(), e.type(), String.valueOf(e.logSource()),
                String.valueOf(e.user()), String.valueOf(e.host()), String.valueOf(e.sourceIp()),
                String.valueOf(e.origin()), String.join(", ", fields));
    }
}
