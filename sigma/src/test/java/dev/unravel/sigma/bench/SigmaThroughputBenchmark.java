package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.tool.EventFiles;
import dev.unravel.sigma.tool.SigmaBench;
import dev.unravel.sigma.windows.EvtxJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Sigma hot path, one thread, every SigmaHQ rule loaded ({@code rules},
 * {@code rules-emerging-threats}, {@code rules-threat-hunting}, {@code rules-placeholder}), over
 * the SigmaHQ regression events (evtx_dump JSON) cycled: each invocation handles one event, so
 * the score is events per second.
 *
 * <ul>
 * <li>{@code parseOnly}: JSON bytes → {@link Event} (the evtx reader of this module);</li>
 * <li>{@code parseAndMatch}: the same, then the event through every rule;</li>
 * <li>{@code matchOnly}: pre-parsed events through every rule.</li>
 * </ul>
 *
 * Reads {@code ../shared/data/sigma} (override with {@code -Dunravel.shared=/path/to/shared}).
 * Run: see {@code sigma/BENCHMARKS.md}. Never run by the build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Threads(1)
public class SigmaThroughputBenchmark {
    private byte[][] records;
    private Event[] events;
    private SigmaSession session;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path shared = Path.of(System.getProperty("unravel.shared", "../shared"));
        if (!Files.isDirectory(shared.resolve("data/sigma"))) {
            shared = Path.of("../../shared");
        }
        Path sigma = shared.resolve("data/sigma");
        RuleSet rules = RuleSet.builder().pipeline("evtx").path(sigma.resolve("rules"))
                .path(sigma.resolve("rules-emerging-threats")).path(sigma.resolve("rules-threat-hunting"))
                .path(sigma.resolve("rules-placeholder")).build();
        List<byte[]> recs = new ArrayList<>();
        for (Path f : EventFiles.expand(List.of(sigma.resolve("regression_data")))) {
            recs.addAll(SigmaBench.split(Files.readAllBytes(f)));
        }
        records = recs.toArray(byte[][]::new);
        events = new Event[records.length];
        for (int i = 0; i < records.length; i++) {
            events[i] = EvtxJson.parse(records[i], "bench", i + 1);
        }
        session = rules.newSession();
    }

    private int index() {
        int i = next;
        next = i + 1 == records.length ? 0 : i + 1;
        return i;
    }

    @Benchmark
    public Event parseOnly() {
        int i = index();
        return EvtxJson.parse(records[i], "bench", i + 1);
    }

    @Benchmark
    public int parseAndMatch() {
        int i = index();
        return session.count(EvtxJson.parse(records[i], "bench", i + 1));
    }

    @Benchmark
    public int matchOnly() {
        return session.count(events[index()]);
    }
}
