package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.Mutations;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Mutated and truncated versions of real rows (the simulator's files, one per kind) fed to every
 * records reader: nothing escapes as an exception, and every record read ends as events or an error.
 */
class RecordsPropertyTest {

    static String file(RecordKind kind) {
        try {
            String text = Files.readString(SimOutput.get().resolve(kind.file()));
            // header and a handful of rows keep each try fast
            String[] lines = text.split("\n", 12);
            return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 11))) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Tuple.Tuple2<RecordKind, byte[]>> mutatedFiles() {
        return Arbitraries.of(RecordKind.ALL).flatMap(kind -> Mutations.mutated(
                file(kind).getBytes(StandardCharsets.UTF_8), List.of(",", "\"", "\n", "\r\n", "2024-13-45", "", ";"))
                .map(bytes -> Tuple.of(kind, bytes)));
    }

    @Property(tries = 300)
    void mutatedRowsBecomeEventsOrErrorsNeverExceptions(@ForAll("mutatedFiles") Tuple.Tuple2<RecordKind, byte[]> t) {
        check(new RecordsCsvReader(t.get1()), t.get2());
        check(new ResumeTextReader(), t.get2());
    }

    static void check(Reader reader, byte[] bytes) {
        ReaderHarness.Result r = ReaderHarness.read(reader, "mutated.csv", new ByteArrayInputStream(bytes),
                new Limits(4096, 16, 1024, 80));
        assertThat(r.failure()).isNull();
        long rejected = r.errors().stream().filter(e -> e.record() > 0).map(e -> e.record()).distinct().count();
        assertThat(r.accepted() + rejected).isEqualTo(r.records());
        // every accepted record gave at least one event
        long withEvents = r.events().stream().map(e -> e.origin().record()).distinct().count();
        assertThat(withEvents).isEqualTo(r.accepted());
    }
}
