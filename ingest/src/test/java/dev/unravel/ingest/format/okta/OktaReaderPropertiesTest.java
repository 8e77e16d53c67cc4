package dev.unravel.ingest.format.okta;

import dev.unravel.ingest.format.IdentityTestSupport;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class OktaReaderPropertiesTest {
    private final OktaReader reader = new OktaReader();

    @Property(tries = 300)
    void mutatedAndTruncatedRecordsEndAsEventsOrErrors(@ForAll("records") String record, @ForAll long seed) {
        IdentityTestSupport.checkMutations(reader, record, seed);
    }

    @Provide
    Arbitrary<String> records() {
        return Arbitraries.of(IdentityTestSupport.realRecords("Okta_SystemLog.ndjson",
                List.of(OktaReaderTest.SESSION_START)));
    }
}
