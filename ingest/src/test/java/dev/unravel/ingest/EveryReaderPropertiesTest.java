package dev.unravel.ingest;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every registered reader, fed mutated and truncated real records (the simulator's output for
 * each source plus the vendor samples when ../shared is present): nothing escapes as an
 * exception other than an I/O failure, and every record read ends as events or an error.
 */
class EveryReaderPropertiesTest {
    /** Seed files per reader id: the start of a real file of that format. */
    static final Map<String, List<byte[]>> SEEDS = new TreeMap<>();

    @BeforeContainer
    static void seeds() throws IOException {
        Path out = Files.createTempDirectory("unravel-props");
        new Simulator(new SimConfig(30, 2, 5, 2, LocalDate.of(2026, 3, 2), out.resolve("sim"), false),
                Simulator.Progress.NONE).run();
        List<Path> roots = new ArrayList<>(List.of(out.resolve("sim")));
        Path shared = SharedData.root().resolve("data/vendor-samples/records");
        if (Files.isDirectory(shared)) {
            roots.add(shared);
        }
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] head = readHead(f, 16 * 1024);
                    Formats.recognise(new Sample(f.getFileName().toString(), head))
                            .ifPresent(r -> SEEDS.computeIfAbsent(r.reader().id(), k -> new ArrayList<>()).add(head));
                }
            }
        }
    }

    private static byte[] readHead(Path f, int n) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return in.readNBytes(n);
        }
    }

    @Provide
    Arbitrary<Reader> readers() {
        return Arbitraries.of(Formats.all());
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<byte[]> seed = Arbitraries.of(SEEDS.values().stream().flatMap(List::stream).toList());
        return Combinators.combine(seed, Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0,
                1 << 20), Arbitraries.bytes().array(byte[].class).ofMaxSize(64)).as((s, kind, at, noise) -> {
                    int pos = s.length == 0 ? 0 : at % s.length;
                    return switch (kind) {
                        case 0 -> Arrays.copyOf(s, pos); // truncated anywhere
                        case 1 -> splice(s, pos, noise, 0); // random bytes inserted
                        case 2 -> splice(s, pos, noise, Math.min(noise.length, s.length - pos)); // overwritten
                        default -> splice(s, pos, new byte[0], Math.min(40, s.length - pos)); // a piece cut out
                    };
                });
    }

    private static byte[] splice(byte[] s, int pos, byte[] insert, int remove) {
        byte[] out = new byte[s.length - remove + insert.length];
        System.arraycopy(s, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(s, pos + remove, out, pos + insert.length, s.length - pos - remove);
        return out;
    }

    @Property(tries = 400)
    void mutatedInput_becomesEventsOrErrors_neverAnException(@ForAll("readers") Reader reader,
            @ForAll("mutations") byte[] input) {
        ReaderHarness.Result r = ReaderHarness.read(reader, "mutated", new ByteArrayInputStream(input),
                new Limits(1 << 20, 64, 1 << 20, 80));
        // Every error names a record that was counted (or 0: the file itself), and no record is both
        // an event and an error: each input record ends as one or the other.
        java.util.Set<Long> rejected = new java.util.HashSet<>();
        r.errors().forEach(e -> {
            assertThat(e.record()).isBetween(0L, r.records());
            assertThat(e.reason()).isNotBlank();
            rejected.add(e.record());
        });
        r.events().forEach(e -> {
            assertThat(e.origin().record()).isBetween(1L, r.records());
            assertThat(rejected).doesNotContain(e.origin().record());
        });
    }
}
