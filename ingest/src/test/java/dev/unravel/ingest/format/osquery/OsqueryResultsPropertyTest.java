package dev.unravel.ingest.format.osquery;

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

class OsqueryResultsPropertyTest {
    private static final List<String> REAL = List.of(OsqueryResultsReaderTest.PROCESS_ADDED,
            OsqueryResultsReaderTest.USB_SNAPSHOT, OsqueryResultsReaderTest.BATCH,
            // from the Panther sample: an osqueryd 3 line with every number as a string
            "{\"action\":\"added\",\"calendarTime\":\"Tue Sep 11 16:14:21 2018 UTC\",\"columns\":{\"build_distro\":"
                    + "\"10.12\",\"pid\":\"223\",\"version\":\"3.1.2\"},\"counter\":\"255\",\"decorations\":"
                    + "{\"host_uuid\":\"1111\",\"environment\":\"corp\"},\"epoch\":\"0\",\"hostIdentifier\":\"test.lan\","
                    + "\"log_type\":\"result\",\"name\":\"pack_it-compliance_osquery_info\",\"unixTime\":\"1536682461\"}");

    @Provide
    Arbitrary<String> mutatedResultsLogs() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(REAL), Arbitraries.integers().between(0, 5),
                Arbitraries.longs()).as(JsonLineMutations::mutate);
        return line.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
    }

    @Property(tries = 400)
    void everyMutatedRecordEndsAsEventsOrAnError(@ForAll("mutatedResultsLogs") String text) {
        var r = ReaderHarness.read(new OsqueryResultsReader(), "osqueryd.results.log",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)),
                dev.unravel.ingest.read.Limits.DEFAULT);
        JsonLineMutations.assertEveryRecordAccountedFor(r);
    }
}
