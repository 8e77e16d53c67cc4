package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.tool.EventFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two readers of evtx_dump JSON — the sigma module's own ({@code sigma test}, {@code bench
 * sigma}) and ingest's ({@code sigma match}, scans) — make the same event of every record of
 * SigmaHQ's regression data, and every rule matches the same records through both. They once
 * differed: ingest kept Defender's {@code Threat Name} with its space, so {@code sigma match}
 * missed a rule that {@code sigma test} passed. Both read the binary logs ({@code .evtx}) beside
 * the JSON too. The same records shipped as Winlogbeat would ship them match the same rules too.
 */
class SigmaReadersAgreeTest {

    /**
     * What only the sigma reader adds: System attributes also under the specification's
     * element_attribute names, and the bare elements that hold nothing else.
     */
    private static final Pattern SIGMA_ONLY = Pattern.compile(
            "(Execution|Security|Correlation|TimeCreated|Provider)_\\w+|Correlation|Security");

    private static RuleSet rules;
    private static Map<String, Event> viaSigma;
    private static Map<String, Event> viaIngest;

    @BeforeAll
    static void read() throws Exception {
        Path sigma = SharedData.require().resolve("data/sigma");
        rules = RuleSet.builder().pipeline("evtx").paths(List.of(sigma.resolve("rules"),
                sigma.resolve("rules-emerging-threats"), sigma.resolve("rules-threat-hunting"),
                sigma.resolve("rules-placeholder"))).build();
        Path regression = sigma.resolve("regression_data");
        viaSigma = new TreeMap<>();
        List<Path> files = new java.util.ArrayList<>(EventFiles.expand(List.of(regression)));
        files.addAll(SharedData.regressionLogs()); // the binary twins too
        for (Path f : files) {
            EventFiles.forEach(f, e -> viaSigma.put(e.origin().toString(), e));
        }
        viaIngest = new TreeMap<>();
        // the folders also hold info.yml files: ingest quarantines those
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> viaIngest.put(e.origin().toString(), e), 0)
                .run(List.of(regression));
    }

    @Test
    void everyRecordIsTheSameEventThroughBothReaders() {
        assertThat(viaSigma).hasSizeGreaterThan(200);
        assertThat(viaIngest.keySet()).isEqualTo(viaSigma.keySet());
        List<String> differences = new ArrayList<>();
        viaSigma.forEach((at, s) -> {
            Event i = viaIngest.get(at);
            if (!s.logSource().equals(i.logSource())) {
                differences.add(at + ": logsource " + s.logSource() + " / " + i.logSource());
            }
            if (!s.type().equals(i.type()) || !s.source().equals(i.source())) {
                differences.add(at + ": source/type " + s.source() + " " + s.type() + " / " + i.source() + " " + i.type());
            }
            Map<String, Object> sd = s.document();
            Map<String, Object> id = i.document();
            for (String k : new TreeSet<>(id.keySet())) {
                if (!sd.containsKey(k)) {
                    differences.add(at + ": only ingest has " + k);
                } else if (!sameValue(sd.get(k), id.get(k))) {
                    differences.add(at + ": " + k + " = " + sd.get(k) + " / " + id.get(k));
                }
            }
            for (String k : new TreeSet<>(sd.keySet())) {
                if (!id.containsKey(k) && !SIGMA_ONLY.matcher(k).matches()) {
                    differences.add(at + ": only sigma's reader has " + k);
                }
            }
        });
        assertThat(differences).isEmpty();
    }

    @Test
    void everyRuleMatchesTheSameRecordsThroughBothReaders() throws Exception {
        SigmaSession a = rules.newSession();
        SigmaSession b = rules.newSession();
        List<String> differences = new ArrayList<>();
        int matches = 0;
        for (Map.Entry<String, Event> e : viaSigma.entrySet()) {
            List<String> s = ruleIds(a, e.getValue());
            List<String> i = ruleIds(b, viaIngest.get(e.getKey()));
            if (!s.equals(i)) {
                differences.add(e.getKey() + ": " + s + " / " + i);
            }
            matches += s.size();
        }
        assertThat(differences).isEmpty();
        assertThat(matches).as("matches over the regression records").isGreaterThan(300);
    }

    /**
     * The same records as Winlogbeat 8 would ship them without its Sysmon module's ECS moves
     * ({@code winlog.channel}, {@code winlog.event_id}, …, {@code winlog.event_data}), built from
     * what ingest's evtx reader made of them: read back by the Winlogbeat reader, every rule
     * matches the same records.
     */
    @Test
    void winlogbeatRecordsOfTheSameEventsMatchTheSameRules(@TempDir Path tmp) throws Exception {
        assertSameMatchesWhenShippedAs(SigmaReadersAgreeTest::winlogbeat, tmp.resolve("winlogbeat.ndjson"));
    }

    /** As above, as Fluent Bit's winevtlog and Panther ship them: flat System names, {@code EventData} beside. */
    @Test
    void flatWindowsRecordsOfTheSameEventsMatchTheSameRules(@TempDir Path tmp) throws Exception {
        assertSameMatchesWhenShippedAs(SigmaReadersAgreeTest::flat, tmp.resolve("windows-flat.ndjson"));
    }

    private static void assertSameMatchesWhenShippedAs(Function<Map<String, Object>, Map<String, Object>> shape,
            Path file) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder lines = new StringBuilder();
        List<String> order = new ArrayList<>(viaIngest.keySet());
        for (String at : order) {
            lines.append(json.writeValueAsString(shape.apply(viaIngest.get(at).document()))).append('\n');
        }
        Files.writeString(file, lines);
        List<Event> read = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        try (Quarantine q = new Quarantine(file.resolveSibling("quarantine.ndjson"))) {
            new Ingest(null, Limits.DEFAULT, q, read::add, 10).run(List.of(file))
                    .forEach(s -> s.errors().forEach(e -> rejected.add(e.line() + " " + e.field() + " " + e.reason())));
        }
        assertThat(rejected).isEmpty();
        assertThat(read).hasSize(order.size());
        SigmaSession a = rules.newSession();
        SigmaSession b = rules.newSession();
        List<String> differences = new ArrayList<>();
        for (int k = 0; k < order.size(); k++) {
            Event evtx = viaIngest.get(order.get(k));
            Event shipped = read.get(k);
            if (!evtx.logSource().equals(shipped.logSource())) {
                differences.add(order.get(k) + ": logsource " + evtx.logSource() + " / " + shipped.logSource());
            }
            List<String> x = ruleIds(a, evtx);
            List<String> y = ruleIds(b, shipped);
            if (!x.equals(y)) {
                differences.add(order.get(k) + ": " + x + " / " + y);
            }
        }
        assertThat(differences).isEmpty();
    }

    /** System field of the flat document → where Winlogbeat 8 puts it under {@code winlog}. */
    private static final Map<String, String> WINLOG = Map.ofEntries(Map.entry("Channel", "channel"),
            Map.entry("EventID", "event_id"), Map.entry("Computer", "computer_name"),
            Map.entry("Provider_Name", "provider_name"), Map.entry("Provider_Guid", "provider_guid"),
            Map.entry("EventRecordID", "record_id"), Map.entry("Version", "version"), Map.entry("Level", "level"),
            Map.entry("Task", "task"), Map.entry("Opcode", "opcode"), Map.entry("Keywords", "keywords"),
            Map.entry("TimeCreated", "time_created"));

    private static Map<String, Object> winlogbeat(Map<String, Object> flat) {
        Map<String, Object> winlog = new java.util.LinkedHashMap<>();
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        flat.forEach((k, v) -> {
            if (WINLOG.containsKey(k)) {
                winlog.put(WINLOG.get(k), v);
            } else if (k.equals("ProcessID")) {
                winlog.put("process", Map.of("pid", v));
            } else if (k.equals("UserID")) {
                winlog.put("user", Map.of("identifier", v));
            } else if (!k.equals("ThreadID")) {
                data.put(k.startsWith("EventData.") || k.startsWith("UserData.") ? k.substring(k.indexOf('.') + 1) : k, v);
            }
        });
        winlog.put("event_data", data);
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("@timestamp", flat.get("TimeCreated"));
        record.put("winlog", winlog);
        return record;
    }

    private static Map<String, Object> flat(Map<String, Object> doc) {
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        doc.forEach((k, v) -> {
            if (k.equals("Provider_Name") || k.equals("Provider_Guid")) {
                record.put(k.replace("_", ""), v);
            } else if (WINLOG.containsKey(k) || k.equals("ProcessID") || k.equals("ThreadID") || k.equals("UserID")) {
                record.put(k, v);
            } else {
                data.put(k.startsWith("EventData.") || k.startsWith("UserData.") ? k.substring(k.indexOf('.') + 1) : k, v);
            }
        });
        record.put("EventData", data);
        return record;
    }

    private static List<String> ruleIds(SigmaSession session, Event e) {
        List<String> ids = new ArrayList<>();
        session.matchingRules(e, r -> ids.add(r.rule().key()));
        ids.sort(null);
        return ids;
    }

    /** Equal, numbers by value (one reader may hold an Integer where the other holds a Long). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.toString().equals(y.toString());
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            return x.size() == y.size() && java.util.stream.IntStream.range(0, x.size())
                    .allMatch(k -> sameValue(x.get(k), y.get(k)));
        }
        return java.util.Objects.equals(a, b) || Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }
}
