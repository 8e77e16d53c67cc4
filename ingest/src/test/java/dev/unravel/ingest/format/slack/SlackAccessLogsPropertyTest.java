package dev.unravel.ingest.format.slack;

import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.JsonLineMutations;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Mutated access-log entries are read or rejected by name, never lost. */
class SlackAccessLogsPropertyTest {
    private static final List<String> REAL = List.of(
            SlackAccessLogsReaderTest.entry("ryan.ramos@northwindlabs.com", "1772730000", "\"185.242.5.85\""),
            SlackAccessLogsReaderTest.entry(null, "1772733600", "\"73.12.40.2\""));

    @Provide
    Arbitrary<String> mutatedEntries() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(REAL), Arbitraries.integers().between(0, 5),
                Arbitraries.longs()).as(JsonLineMutations::mutate);
        return line.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
    }

    @Property(tries = 300)
    void everyMutatedEntryEndsAsAnEventOrAnError(@ForAll("mutatedEntries") String text) {
        var r = ReaderHarness.read(new SlackAccessLogsReader(), "slack/access.ndjson",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                dev.unravel.ingest.read.Limits.DEFAULT);
        JsonLineMutations.assertEveryRecordAccountedFor(r);
    }
}
