package dev.unravel.ingest.format.github;

import dev.unravel.ingest.format.IdentityTestSupport;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GithubAuditReaderPropertiesTest {

    @Property(tries = 300)
    void mutatedAndTruncatedRecordsEndAsEventsOrErrors(@ForAll("records") String record, @ForAll long seed) {
        IdentityTestSupport.checkMutations(new GithubAuditReader(), record, seed);
    }

    @Provide
    Arbitrary<String> records() {
        return Arbitraries.of(IdentityTestSupport.realRecords("GitHub_Audit.ndjson",
                List.of(GithubAuditReaderTest.CLONE)));
    }
}
