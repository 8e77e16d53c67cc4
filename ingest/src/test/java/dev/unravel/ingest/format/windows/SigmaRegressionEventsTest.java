package dev.unravel.ingest.format.windows;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.unravel.core.Event;
import dev.unravel.core.WindowsLogSources;
import dev.unravel.ingest.ReaderHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * SigmaHQ's regression events (evtx_dump JSON beside each rule's .evtx) read as Windows events,
 * with no rejection, and land in the logsource their rule asks for: every event of a test folder
 * must be selected by the logsource of the rule its {@code info.yml} names (product, service, and a
 * category that {@link WindowsLogSources#categories} gives the event).
 */
class SigmaRegressionEventsTest {

    private static final Pattern RULE_ID = Pattern.compile("(?m)^id:\\s*['\"]?([0-9a-fA-F-]{36})");

    @TestFactory
    Stream<DynamicTest> every_regression_event_reads_with_the_logsource_its_rule_asks_for() throws IOException {
        Path sigma = SharedData.require().resolve("data/sigma");
        Map<String, Path> rules = ruleIndex(sigma);
        List<Path> infos;
        try (Stream<Path> walk = Files.walk(sigma.resolve("regression_data"))) {
            infos = walk.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path info : infos) {
            List<Path> jsons;
            try (Stream<Path> files = Files.list(info.getParent())) {
                jsons = files.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsoncls")).sorted()
                        .toList();
            }
            if (jsons.isEmpty()) {
                continue; // a test without JSON events (the Cisco .raw one)
            }
            String ruleId = ruleIdOf(info);
            for (Path json : jsons) {
                tests.add(dynamicTest(sigma.relativize(json).toString(), () -> {
                    ReaderHarness.Result r = ReaderHarness.read(new EvtxJsonReader(), json);
                    assertThat(r.errors()).as("rejections").isEmpty();
                    assertThat(r.failure()).isNull();
                    assertThat(r.events()).isNotEmpty().hasSize((int) r.records());
                    Path rule = rules.get(ruleId);
                    assertThat(rule).as("rule " + ruleId + " in rules*/").isNotNull();
                    Map<String, Object> logsource = logsource(rule);
                    for (Event e : r.events()) {
                        assertSelects(logsource, e);
                    }
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(200);
        return tests.stream();
    }

    static void assertSelects(Map<String, Object> logsource, Event e) {
        String channel = (String) e.document().get("Channel");
        int id = ((Number) e.document().get("EventID")).intValue();
        Object product = logsource.get("product");
        Object service = logsource.get("service");
        Object category = logsource.get("category");
        assertThat(e.logSource().product()).as("product").isEqualTo(product == null ? "windows" : product);
        if (service != null) {
            assertThat(e.logSource().service()).as("service of " + e.type()).isEqualTo(service);
        }
        if (category != null) {
            assertThat(WindowsLogSources.categories(channel, id, (String) e.document().get("EventType")))
                    .as("categories of " + e.type()).contains((String) category);
        }
        assertThat(e.type()).isEqualTo(e.logSource().service() + "." + id);
    }

    private static String ruleIdOf(Path info) throws IOException {
        Map<?, ?> yaml = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(info));
        List<?> meta = (List<?>) yaml.get("rule_metadata");
        return (String) ((Map<?, ?>) meta.get(0)).get("id");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> logsource(Path rule) throws IOException {
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(rule))) {
            if (doc instanceof Map<?, ?> m && m.get("logsource") instanceof Map<?, ?> ls) {
                return (Map<String, Object>) ls;
            }
        }
        throw new AssertionError("no logsource in " + rule);
    }

    private static Map<String, Path> ruleIndex(Path sigma) throws IOException {
        Map<String, Path> index = new HashMap<>();
        try (Stream<Path> dirs = Files.list(sigma)) {
            for (Path dir : dirs.filter(p -> p.getFileName().toString().startsWith("rules")).toList()) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path yml : walk.filter(p -> p.toString().endsWith(".yml")).toList()) {
                        Matcher m = RULE_ID.matcher(Files.readString(yml));
                        if (m.find()) {
                            index.put(m.group(1), yml);
                        }
                    }
                }
            }
        }
        return index;
    }
}
