package dev.unravel.ingest.format.windows;

import dev.unravel.ingest.format.JsonLineMutations;
import dev.unravel.ingest.format.crowdstrike.CrowdStrikeFdrReaderBenchSeeds;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Single-thread records/s for the endpoint readers (run by hand, not a test): java ... EndpointReadBench. */
public final class EndpointReadBench {
    public static void main(String[] args) throws Exception {
        int n = 200_000;
        run("windows-evtx-json (NDJSON)", new EvtxJsonReader(), lines(List.of(JsonLineMutations.write(JsonLineMutations.parse(EvtxJsonReaderTest.SYSMON_1))), n));
        run("windows-evtx-json (pretty)", new EvtxJsonReader(), EvtxJsonReaderTest.SYSMON_1.repeat(n));
        run("windows-flat-json", new FlatWindowsJsonReader(), lines(WindowsReaderPropertiesTest.FLAT, n));
        run("winlogbeat", new WinlogbeatReader(), lines(WinlogbeatReaderTest.sample().lines().toList(), n));
        run("crowdstrike-fdr", new dev.unravel.ingest.format.crowdstrike.CrowdStrikeFdrReader(),
                lines(CrowdStrikeFdrReaderBenchSeeds.seeds(), n));
    }

    static String lines(List<String> seeds, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(seeds.get(i % seeds.size())).append('\n');
        }
        return b.toString();
    }

    static void run(String name, Reader reader, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        double best = 0;
        for (int round = 0; round < 5; round++) {
            long[] counts = new long[2];
            long t0 = System.nanoTime();
            reader.read(new Input(name, new ByteArrayInputStream(bytes), Limits.DEFAULT), new RecordSink() {
                @Override
                public void accept(dev.unravel.core.Event event) {
                    counts[0]++;
                }

                @Override
                public void reject(dev.unravel.ingest.read.RecordError error) {
                    counts[1]++;
                }
            });
            double secs = (System.nanoTime() - t0) / 1e9;
            best = Math.max(best, (counts[0] + counts[1]) / secs);
            if (counts[1] > 0) {
                throw new IllegalStateException(name + ": " + counts[1] + " rejected");
            }
        }
        System.out.printf("%-28s %,10.0f records/s (%,d bytes/record)%n", name, best, bytes.length / 200_000);
    }
}
