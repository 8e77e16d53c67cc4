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
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Where the events come from: the CLI passes every ingest reader, tests the evtx JSON files. */
    @FunctionalInterface
    public interface EventSource {
        void forEach(java.util.function.Consumer<dev.unravel.core.Event> sink) throws IOException;
    }

    /** Matches evtx_dump JSON event files (the regression data's form). */
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
        return run(rules, pipelines, events, out, 1);
    }

    /**
     * Matches the events of {@code events}, whatever reads them. With {@code threads} above one,
     * that many threads evaluate the rules ({@link SigmaSession#matches}, a session each) on
     * batches of events while this thread reads the events, and explains, correlates
     * ({@link SigmaSession#replay}) and writes the matches in the events' order: the output is the
     * same as on one thread, byte for byte.
     */
    public static Result run(List<Path> rules, List<String> pipelines, EventSource events, OutputStream out,
            int threads) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        RuleSet.Builder b = RuleSet.builder();
        (pipelines.isEmpty() ? List.of("evtx") : pipelines).forEach(b::pipeline);
        RuleSet set = b.paths(rules).build();
        SigmaSession session = set.newSession();
        JsonGenerator g = new JsonFactory().createGenerator(out);
        g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        Writer writer = new Writer(g);
        long count;
        try {
            if (threads == 1) {
                long[] n = new long[1];
                events.forEach(e -> {
                    n[0]++;
                    writer.write(session.process(e));
                });
                count = n[0];
            } else {
                try (Parallel p = new Parallel(set, session, writer, threads)) {
                    events.forEach(p::add);
                    p.finish();
                    count = p.events;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        g.writeRaw('\n');
        g.flush();
        return new Result(set.report(), count, writer.matches);
    }

    /** Writes matches as NDJSON and counts them; I/O errors escape unchecked from inside the event loop. */
    private static final class Writer {
        private final JsonGenerator g;
        long matches;

        Writer(JsonGenerator g) {
            this.g = g;
        }

        void write(List<SigmaMatch> found) {
            for (SigmaMatch m : found) {
                matches++;
                try {
                    SigmaMatchCommand.write(g, m);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
    }

    /**
     * Rules evaluated on worker threads, batch by batch, and the batches replayed here in the
     * order they were read. At most two batches per worker wait, so memory stays bounded
     * whatever the input's size.
     */
    private static final class Parallel implements AutoCloseable {
        private static final int BATCH = 256;
        private final SigmaSession session;
        private final Writer writer;
        private final ExecutorService pool;
        private final ThreadLocal<SigmaSession> sessions;
        private final int window;
        private final ArrayDeque<Batch> pending = new ArrayDeque<>();
        private Event[] batch = new Event[BATCH];
        private int size;
        long events;

        private record Batch(Event[] events, int size, Future<int[][]> hits) {
        }

        Parallel(RuleSet set, SigmaSession session, Writer writer, int threads) {
            this.session = session;
            this.writer = writer;
            this.sessions = ThreadLocal.withInitial(set::newSession);
            this.window = 2 * threads;
            java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "sigma-match-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }

        void add(Event e) {
            events++;
            batch[size++] = e;
            if (size == BATCH) {
                submit();
            }
        }

        private void submit() {
            Event[] evs = batch;
            int n = size;
            pending.add(new Batch(evs, n, pool.submit(() -> {
                SigmaSession s = sessions.get();
                int[][] hits = new int[n][];
                for (int i = 0; i < n; i++) {
                    hits[i] = s.matches(evs[i]);
                }
                return hits;
            })));
            batch = new Event[BATCH];
            size = 0;
            while (pending.size() > window) {
                replay(pending.poll());
            }
        }

        void finish() {
            if (size > 0) {
                submit();
            }
            while (!pending.isEmpty()) {
                replay(pending.poll());
            }
        }

        private void replay(Batch b) {
            int[][] hits;
            try {
                hits = b.hits().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while matching", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
            for (int i = 0; i < b.size(); i++) {
                writer.write(session.replay(b.events()[i], hits[i]));
            }
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
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
