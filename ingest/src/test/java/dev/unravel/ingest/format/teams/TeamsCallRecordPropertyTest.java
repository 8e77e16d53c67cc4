package dev.unravel.ingest.format.teams;

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

/** Mutated call records (deeply nested: sessions, segments, media, devices) are read or rejected by name, never lost. */
class TeamsCallRecordPropertyTest {
    private static final List<String> REAL = List.of(
            TeamsCallRecordReaderTest.call("e523d2ed", TeamsCallRecordReaderTest.session("s1",
                    "\"2026-03-05T15:00:12.2169889Z\"", TeamsCallRecordReaderTest.participant(
                            "ryan.ramos@northwindlabs.com", "Ryan Ramos", "NWL-LT-10511"),
                    "Microphone (Voicemod Virtual Audio Device (WDM))", "OBS Virtual Camera", "185.242.5.85")),
            TeamsCallRecordReaderTest.call("b", null));

    @Provide
    Arbitrary<String> mutatedCallRecords() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(REAL), Arbitraries.integers().between(0, 5),
                Arbitraries.longs()).as(JsonLineMutations::mutate);
        return line.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
    }

    @Property(tries = 300)
    void everyMutatedRecordEndsAsEventsOrAnError(@ForAll("mutatedCallRecords") String text) {
        var r = ReaderHarness.read(new TeamsCallRecordReader(), "teams/callrecords.ndjson",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                dev.unravel.ingest.read.Limits.DEFAULT);
        JsonLineMutations.assertEveryRecordAccountedFor(r);
    }
}
