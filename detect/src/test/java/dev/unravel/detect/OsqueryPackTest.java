package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The osquery pack Unravel ships ({@code docs/osquery/unravel.conf}): the queries the detectors
 * read, by the names and columns they know them by, and the simulator's results are that pack's.
 */
class OsqueryPackTest {
    static final Path PACK = Path.of("..", "docs", "osquery", "unravel.conf");
    private static final Pattern SELECT = Pattern.compile("(?is)^SELECT (.+?) FROM (\\w+)(?:\\s.*?)?;?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** Query name → the columns it selects, in order. */
    static Map<String, List<String>> columns() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode queries = JSON.readTree(PACK.toFile()).get("queries");
        for (Iterator<Map.Entry<String, JsonNode>> it = queries.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> q = it.next();
            Matcher m = SELECT.matcher(q.getValue().path("query").asText().strip());
            assertThat(m.matches()).as(q.getKey() + ": SELECT columns FROM table").isTrue();
            out.put(q.getKey(), Arrays.stream(m.group(1).split(",")).map(String::strip).toList());
        }
        return out;
    }

    @Test
    void everyQueryIsOneOsqueryRuns_andSaysWhatItIsFor() throws IOException {
        JsonNode queries = JSON.readTree(PACK.toFile()).get("queries");
        assertThat(queries.size()).isGreaterThanOrEqualTo(10);
        queries.fields().forEachRemaining(q -> {
            JsonNode v = q.getValue();
            assertThat(v.path("interval").asInt()).as(q.getKey()).isBetween(60, 86_400);
            assertThat(v.path("description").asText()).as(q.getKey()).hasSizeGreaterThan(30);
            if (v.has("platform")) {
                assertThat(Set.of(v.get("platform").asText().split(","))).as(q.getKey())
                        .isSubsetOf("darwin", "linux", "windows", "posix");
            }
            if (v.has("snapshot")) {
                assertThat(v.get("snapshot").isBoolean()).isTrue();
            }
        });
        assertThat(columns().values()).allSatisfy(c -> assertThat(c).doesNotContain("*").doesNotHaveDuplicates());
    }

    @Test
    void theDetectorsFindEveryQueryTheyRead() throws IOException {
        Map<String, List<String>> pack = columns();
        // known by the query's name (the part after the pack's)
        assertThat(pack).containsKeys("processes", "programs", "apps", "usb_devices", "disk_events", "file_events");
        // known by their columns
        assertThat(pack.get("interface_addresses")).contains("interface", "address");
        assertThat(pack.get("interface_addresses_windows")).contains("interface", "address", "friendly_name");
        assertThat(pack.get("time")).containsExactly("local_timezone");
        assertThat(pack.get("keyboard_layouts")).contains("path", "data");
        assertThat(pack.get("input_sources")).contains("domain", "key", "subkey", "value");
        Map<String, Object> row = new HashMap<>();
        pack.get("arp_cache").forEach(c -> row.put(c, "x"));
        Map<String, Object> doc = new HashMap<>(Map.of("columns", row, "query", "arp_cache"));
        Event arp = new Event(Instant.EPOCH, "osquery", "osquery.pack_unravel_arp_cache",
                LogSource.of("osquery", null, "arp_cache"), null, "NWL-LT-1", null, doc, null);
        assertThat(EndpointEvents.arpCacheRow(arp)).isNotNull();
    }

    @Test
    void theSimulatorWritesThePacksResults_eachWithTheColumnsItSelects() throws IOException {
        Path out = dir.resolve("sim");
        new Simulator(new SimConfig(40, 5, 3, 2, LocalDate.of(2026, 3, 2), out, false), Simulator.Progress.NONE).run();
        Map<String, List<String>> pack = columns();
        Set<String> written = new HashSet<>();
        List<Path> logs;
        try (Stream<Path> files = Files.list(out.resolve("osquery"))) {
            logs = files.sorted().toList();
        }
        for (Path log : logs) {
            for (String line : Files.readAllLines(log)) {
                JsonNode r = JSON.readTree(line);
                String name = r.path("name").asText();
                assertThat(name).startsWith("pack_unravel_");
                String query = name.substring("pack_unravel_".length());
                assertThat(pack).as(name).containsKey(query);
                written.add(query);
                List<JsonNode> rows = new ArrayList<>();
                if (r.has("snapshot")) {
                    r.get("snapshot").forEach(rows::add);
                } else {
                    rows.add(r.get("columns"));
                }
                for (JsonNode row : rows) {
                    List<String> keys = new ArrayList<>();
                    row.fieldNames().forEachRemaining(keys::add);
                    assertThat(keys).as(name).containsExactlyElementsOf(pack.get(query));
                }
            }
        }
        assertThat(written).contains("processes", "programs", "interface_addresses", "interface_addresses_windows",
                "arp_cache", "usb_devices");
    }
}
