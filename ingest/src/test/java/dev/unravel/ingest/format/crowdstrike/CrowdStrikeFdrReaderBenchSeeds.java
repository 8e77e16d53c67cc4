package dev.unravel.ingest.format.crowdstrike;

import java.util.List;

/** The FDR seed records, for the hand-run benchmark in the windows test package. */
public final class CrowdStrikeFdrReaderBenchSeeds {
    private CrowdStrikeFdrReaderBenchSeeds() {
    }

    public static List<String> seeds() {
        return CrowdStrikeFdrReaderPropertiesTest.SEEDS;
    }
}
