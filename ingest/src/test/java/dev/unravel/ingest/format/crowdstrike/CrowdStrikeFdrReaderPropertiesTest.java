package dev.unravel.ingest.format.crowdstrike;

import dev.unravel.ingest.format.windows.WindowsReaderPropertiesTest;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Mutated and truncated FDR lines (raw and Panther-wrapped): nothing escapes, every record is an event or an error. */
class CrowdStrikeFdrReaderPropertiesTest {

    static final List<String> SEEDS = List.of(CrowdStrikeFdrReaderTest.RAW_PROCESS,
            "{\"aid\":\"877761efa8db44d7\",\"aip\":\"1.1.1.1\",\"event\":{\"ContextTimeStamp\":\"1682707777.731\","
                    + "\"LocalAddressIP4\":\"10.0.0.1\",\"LocalPort\":\"137\",\"RemoteAddressIP4\":\"152.206.0.1\",\"RemotePort\":\"443\","
                    + "\"aid\":\"877761efa8db44d7\",\"event_platform\":\"Win\",\"event_simpleName\":\"NetworkConnectIP4\","
                    + "\"timestamp\":\"1682707778681\"},\"event_platform\":\"Win\",\"event_simpleName\":\"NetworkConnectIP4\","
                    + "\"fdr_event_type\":\"NetworkConnectIP4\",\"p_log_type\":\"Crowdstrike.FDREvent\",\"timestamp\":\"2023-04-28 18:49:38.681\"}",
            "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"01\",\"aip\":\"111.111.111.111\",\"event_platform\":\"Mac\","
                    + "\"timestamp\":\"2021-10-01 00:00:00.000Z\",\"ContextTimeStamp\":\"2021-10-08 19:55:04.448Z\","
                    + "\"DomainName\":\"baddomain.com\",\"RequestType\":\"1\"}");

    @Property(tries = 300)
    void fdr_mutated_records_end_as_events_or_errors(@ForAll Random random) {
        WindowsReaderPropertiesTest.check(new CrowdStrikeFdrReader(), SEEDS, random);
    }
}
