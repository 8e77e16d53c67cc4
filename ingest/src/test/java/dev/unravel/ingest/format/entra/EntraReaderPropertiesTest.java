package dev.unravel.ingest.format.entra;

import dev.unravel.ingest.format.IdentityTestSupport;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EntraReaderPropertiesTest {

    @Property(tries = 300)
    void mutatedSignInAndAuditRecordsEndAsEventsOrErrors(@ForAll("records") String record, @ForAll long seed) {
        IdentityTestSupport.checkMutations(new EntraSignInReader(), record, seed);
    }

    @Property(tries = 100)
    void mutatedGraphPagesEndAsEventsOrErrors(@ForAll("records") String record, @ForAll long seed) {
        String page = IdentityTestSupport.mutate("{\"value\":[" + record + "," + record + "]}", seed);
        IdentityTestSupport.assertAccounted(dev.unravel.ingest.ReaderHarness.read(new EntraAuditReader(),
                "page.json", page));
    }

    @Provide
    Arbitrary<String> records() {
        return Arbitraries.of(IdentityTestSupport.realRecords("Azure_Audit.ndjson",
                List.of(EntraReaderTest.GRAPH_SIGNIN, EntraReaderTest.GRAPH_AUDIT)));
    }
}
