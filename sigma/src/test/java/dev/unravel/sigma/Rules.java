package dev.unravel.sigma;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.sigma.pipeline.ProcessingPipeline;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: a rule set from YAML text, events from key/value pairs. */
final class Rules {
    static final LogSource PROC = LogSource.of("windows", "process_creation", "sysmon");

    private Rules() {
    }

    static RuleSet of(String yaml, ProcessingPipeline... pipelines) {
        RuleSet.Builder b = RuleSet.builder();
        for (ProcessingPipeline p : pipelines) {
            b.pipeline(p);
        }
        return b.text("test.yml", yaml).build();
    }

    /** A process_creation rule whose detection is the given YAML (indented under detection:). */
    static RuleSet detection(String detectionBody) {
        String yaml = "title: t\nid: 11111111-1111-4111-8111-111111111111\nlogsource:\n    product: windows\n"
                + "    category: process_creation\ndetection:\n" + detectionBody.stripIndent().lines()
                .map(l -> "    " + l).reduce("", (a, l) -> a + l + "\n");
        RuleSet r = of(yaml);
        if (!r.report().errors().isEmpty()) {
            throw new AssertionError(r.report().errors().get(0).getMessage());
        }
        return r;
    }

    static Map<String, Object> doc(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Event event(LogSource ls, Map<String, Object> doc) {
        return event(ls, doc, Instant.parse("2026-03-02T14:00:00Z"), 1);
    }

    static Event event(LogSource ls, Map<String, Object> doc, Instant time, long record) {
        return new Event(time, "sysmon", "sysmon.1", ls, null, null, null, new HashMap<>(doc),
                new EventRef("test.json", record));
    }

    /** True when the rule set's rules match a process_creation event with this document. */
    static boolean matches(RuleSet r, Object... kv) {
        return r.newSession().count(event(PROC, doc(kv))) > 0;
    }

    static List<SigmaMatch> process(RuleSet r, Event e) {
        return r.newSession().process(e);
    }
}
