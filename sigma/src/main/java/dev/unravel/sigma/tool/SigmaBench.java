package dev.unravel.sigma.tool;

import dev.unravel.core.Count;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.unravel.core.Event;
import dev.unravel.core.evtx.EvtxFile;
import dev.unravel.sigma.RuleProfile;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.windows.EvtxJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unravel bench sigma --rules PATH... --events FILE...}: single-thread throughput of
 * parse-only (evtx JSON bytes → Event) and parse+match (the same, then every loaded rule through
 * the session), over the given records repeated to at least {@code minEvents}. Each figure is the
 * best of several timed passes after warm-up passes, in events per second. A quick, honest
 * number for the command line; the JMH benchmarks in the test tree are the careful measurement.
 */
public final class SigmaBench {
    private SigmaBench() {
    }

    /** Figures of one run. */
    public record Result(int rules, int records, int events, double parseOnlyPerSecond, double parseMatchPerSecond,
            long matchesPerPass, double rulesEvaluatedPerEvent) {
        /** parse+match throughput as a share of parse-only throughput. */
        public double ratio() {
            return parseMatchPerSecond / parseOnlyPerSecond;
        }
    }

    public static Result run(List<Path> rules, List<Path> events, List<String> pipelines, int minEvents,
            PrintWriter out) throws IOException {
        return run(rules, events, pipelines, minEvents, 0, out);
    }

    /**
     * As {@link #run(List, List, List, int, PrintWriter)}, then, when {@code profileTop} is
     * positive, where matching time goes on these events ({@link RuleProfile}): by logsource, and
     * the {@code profileTop} rules that cost the most, with why each is evaluated.
     */
    public static Result run(List<Path> rules, List<Path> events, List<String> pipelines, int minEvents,
            int profileTop, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        RuleSet.Builder b = RuleSet.builder();
        (pipelines.isEmpty() ? List.of("evtx") : pipelines).forEach(b::pipeline);
        RuleSet set = b.paths(rules).build();
        out.printf("loaded %s (%d failed) in %.1f s%n", Count.of(set.report().rules(), "rule", "rules"),
                set.report().failed(),
                (System.nanoTime() - t0) / 1e9);
        List<byte[]> records = new ArrayList<>();
        for (Path f : EventFiles.expand(events)) {
            byte[] bytes = Files.readAllBytes(f);
            // a binary log is timed as the evtx_dump JSON of its records: parsing is timed on JSON
            records.addAll(EvtxFile.isEvtx(bytes) ? evtxRecords(f, bytes) : split(bytes));
        }
        if (records.isEmpty()) {
            throw new IOException("no event records in " + events);
        }
        int reps = (minEvents + records.size() - 1) / records.size();
        byte[][] corpus = new byte[records.size() * reps][];
        for (int i = 0; i < corpus.length; i++) {
            corpus[i] = records.get(i % records.size());
        }
        out.printf("%d records repeated to %d events%n", records.size(), corpus.length);
        out.flush();
        double parse = 0;
        double match = 0;
        long matches = 0;
        double evaluated = 0;
        for (int pass = 0; pass < 8; pass++) {
            long s = System.nanoTime();
            long sink = 0;
            for (int i = 0; i < corpus.length; i++) {
                sink += EvtxJson.parse(corpus[i], "bench", i + 1).document().size();
            }
            double ps = corpus.length / ((System.nanoTime() - s) / 1e9);
            SigmaSession session = set.newSession();
            s = System.nanoTime();
            long m = 0;
            for (int i = 0; i < corpus.length; i++) {
                Event e = EvtxJson.parse(corpus[i], "bench", i + 1);
                m += session.count(e);
            }
            double ms = corpus.length / ((System.nanoTime() - s) / 1e9);
            if (pass >= 3) { // the first passes warm up the JIT
                parse = Math.max(parse, ps);
                match = Math.max(match, ms);
            }
            matches = m;
            evaluated = (double) session.evaluated() / session.events();
            if (sink == 42) {
                out.print("");
            }
        }
        Result r = new Result(set.report().rules(), records.size(), corpus.length, parse, match, matches, evaluated);
        out.printf("parse only:    %,12.0f events/s%n", r.parseOnlyPerSecond());
        out.printf("parse + match: %,12.0f events/s (%.0f%% of parse only)%n", r.parseMatchPerSecond(),
                100 * r.ratio());
        out.printf("matches per pass: %d; rules evaluated per event after dispatch and prefilter: %.1f%n",
                r.matchesPerPass(), r.rulesEvaluatedPerEvent());
        out.flush();
        if (profileTop > 0) {
            List<Event> parsed = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                parsed.add(EvtxJson.parse(records.get(i), "bench", i + 1));
            }
            printProfile(RuleProfile.measure(set, parsed, reps), profileTop, out);
        }
        return r;
    }

    /** The profile as a table: the whole, each logsource, then the {@code top} costliest rules. */
    static void printProfile(RuleProfile.Result p, int top, PrintWriter out) {
        double n = p.events();
        out.printf("%nwhere matching time goes (%,d events matched without parsing, each scan and rule timed on "
                + "its own; a timed section adds %.0f ns, subtracted):%n", p.events(), p.timerNanos());
        double rules = p.nanos() - p.scanNanos();
        out.printf("  %.2f µs per event: prefilter scan %.2f, rules %.2f (their guards and gates %.2f, evaluations %.2f)%n",
                p.nanos() / n / 1e3, p.scanNanos() / n / 1e3, rules / n / 1e3,
                Math.max(0, rules - p.evalNanos()) / n / 1e3, p.evalNanos() / n / 1e3);
        out.printf("  %-44s %7s %6s %8s %6s %6s%n", "logsource", "events", "rules", "µs/event", "scan", "share");
        for (RuleProfile.SourceCost s : p.sources()) {
            double ev = Math.max(1, s.events());
            out.printf("  %-44s %6.1f%% %6d %8.2f %6.2f %5.1f%%%n", s.logSource(), 100 * s.events() / n, s.rules(),
                    s.nanos() / ev / 1e3, s.scanNanos() / ev / 1e3, 100 * s.nanos() / p.nanos());
        }
        out.printf("  the %d costliest rules of the %,d looked at (evaluated: share of the events of their logsource):%n",
                Math.min(top, p.rules().size()), p.rules().size());
        out.printf("  %6s %9s %8s %8s  %-24s %s%n", "share", "evaluated", "matches", "µs/eval", "why evaluated",
                "rule");
        for (RuleProfile.RuleCost c : p.rules().subList(0, Math.min(top, p.rules().size()))) {
            String file = c.rule().rule().file();
            String name = file == null ? "" : " (" + Path.of(file).getFileName() + ")";
            out.printf("  %5.1f%% %8.1f%% %8d %8.2f  %-24s %s%s%n", 100 * c.nanos() / p.nanos(),
                    100 * c.evaluatedShare(), c.matches(), c.evalNanos() / Math.max(1, c.evaluations()) / 1e3,
                    c.reason().label(), c.rule().rule().title(), name);
        }
        out.flush();
    }

    /** The records of a binary event log as evtx_dump JSON; a record that cannot be decoded fails the run. */
    private static List<byte[]> evtxRecords(Path file, byte[] bytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        EvtxFile.read(new java.io.ByteArrayInputStream(bytes), new EvtxFile.Visitor() {
            @Override
            public void record(long ordinal, long recordId, byte[] json) {
                out.add(json);
            }

            @Override
            public void bad(long ordinal, long recordId, String reason) {
                bad.add(file + ": record " + ordinal + ": " + reason);
            }
        });
        if (!bad.isEmpty()) {
            throw new IOException(bad.get(0) + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : ""));
        }
        return out;
    }

    /** Splits back-to-back JSON documents into one byte array each. */
    public static List<byte[]> split(byte[] bytes) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(bytes)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException("expected a JSON object at byte " + p.currentTokenLocation().getByteOffset());
                }
                int start = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int end = (int) p.currentLocation().getByteOffset();
                out.add(java.util.Arrays.copyOfRange(bytes, start, end));
            }
        }
        return out;
    }
}
