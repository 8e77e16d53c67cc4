package dev.unravel.sigma.tool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.sigma.LoadReport;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaMatch;
import dev.unravel.sigma.SigmaSession;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * {@code unravel sigma match --rules PATH... --events FILE... [--pipeline NAME] --out FILE}: one
 * NDJSON line per match with the event's position (file, record), the rule id, title, level,
 * tags and the matched fields (for correlations: the group and the measured value, and every
 * event position kept as evidence).
 */
public final class SigmaMatchCommand {
    private SigmaMatchCommand() {
    }

    /** Counts of one run. */
    public record Result(LoadReport load, long events, long matches) {
    }

    /** Where the events come from, read and matched on the calling thread. */
    @FunctionalInterface
    public interface EventSource {
        void forEach(java.util.function.Consumer<Event> sink) throws IOException;
    }

    /**
     * Where the events come from when the source reads on several threads: it calls {@code
     * matcher} on every event on the thread that read it (the matcher is thread-safe) and hands
     * each event with the matcher's result to {@code sink}, on one thread, in the order the
     * matches are to be written and correlated (the CLI passes the scan's reader: files side by
     * side, merged by time).
     */
    @FunctionalInterface
    public interface MatchingSource {
        void forEach(Function<Event, Object> matcher, BiConsumer<Event, Object> sink) throws IOException;
    }

    /** Matches evtx_dump JSON event files (the regression data's form), file after file. */
    public static Result run(List<Path> rules, List<Path> events, List<String> pipelines, OutputStream out)
            throws IOException {
        List<Path> files = EventFiles.expand(events);
        return run(rules, pipelines, sink -> {
            for (Path f : files) {
                EventFiles.forEach(f, sink);
            }
        }, out);
    }

    /** Matches the events of {@code events}, whatever reads them, on this thread. */
    public static Result run(List<Path> rules, List<String> pipelines, EventSource events, OutputStream out)
            throws IOException {
        return run(rules, pipelines, (MatchingSource) (matcher, sink) -> events.forEach(e -> sink.accept(e,
                matcher.apply(e))), out);
    }

    /**
     * Matches the events of {@code events}: the rules are evaluated wherever the source calls the
     * matcher ({@link SigmaSession#matches}, one session per thread), and the matches explained,
     * correlated ({@link SigmaSession#replay}) and written on the thread that receives the events,
     * in their order. The output does not depend on which threads evaluated.
     */
    public static Result run(List<Path> rules, List<String> pipelines, MatchingSource events, OutputStream out)
            throws IOException {
        RuleSet.Builder b = RuleSet.builder();
        (pipelines.isEmpty() ? List.of("evtx") : pipelines).forEach(b::pipeline);
        RuleSet set = b.paths(rules).build();
        SigmaSession session = set.newSession();
        ThreadLocal<SigmaSession> matching = ThreadLocal.withInitial(set::newSession);
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        long[] counts = new long[2];
        try {
            events.forEach(e -> matching.get().matches(e), (e, hits) -> {
                counts[0]++;
                for (SigmaMatch m : session.replay(e, (int[]) hits)) {
                    counts[1]++;
                    try {
                        write(g, m);
                    } catch (IOException ex) {
                        throw new UncheckedIOException(ex);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeRaw('\n');
        g.flush();
        return new Result(set.report(), counts[0], counts[1]);
    }

    static void write(JsonGenerator g, SigmaMatch m) throws IOException {
        g.writeStartObject();
        EventRef first = m.events().isEmpty() ? null : m.events().get(0);
        g.writeStringField("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (first != null) {
            g.writeStringField("file", first.file());
            g.writeNumberField("record", first.record());
        }
        g.writeStringField("rule_id", m.ruleId());
        g.writeStringField("title", m.title());
        if (m.level() != null) {
            g.writeStringField("level", m.level());
        }
        g.writeArrayFieldStart("tags");
        for (String t : m.tags()) {
            g.writeString(t);
        }
        g.writeEndArray();
        if (m.time() != null) {
            g.writeStringField("time", m.time().toString());
        }
        g.writeObjectFieldStart("fields");
        for (Map.Entry<String, Object> e : m.fields().entrySet()) {
            g.writeFieldName(e.getKey());
            writeValue(g, e.getValue());
        }
        g.writeEndObject();
        if (m.kind() == SigmaMatch.Kind.CORRELATION) {
            g.writeArrayFieldStart("events");
            for (EventRef r : m.events()) {
                g.writeString(r.toString());
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Number n) {
            if (v instanceof Double || v instanceof Float) {
                g.writeNumber(n.doubleValue());
            } else {
                g.writeNumber(n.longValue());
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }
}
