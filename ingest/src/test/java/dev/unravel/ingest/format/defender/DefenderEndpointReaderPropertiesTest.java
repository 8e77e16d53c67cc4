package dev.unravel.ingest.format.defender;

import dev.unravel.ingest.format.windows.WindowsReaderPropertiesTest;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Mutated and truncated Defender records and batches: nothing escapes, every record is an event or an error. */
class DefenderEndpointReaderPropertiesTest {

    @Property(tries = 300)
    void defender_mutated_records_end_as_events_or_errors(@ForAll Random random) {
        WindowsReaderPropertiesTest.check(new DefenderEndpointReader(), List.of(DefenderEndpointReaderTest.PROCESS,
                DefenderEndpointReaderTest.BATCH), random);
    }
}
