package dev.unravel.flink;

import dev.unravel.core.Event;
import dev.unravel.flink.bench.DetectCapacity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the event log costs the detection task: the events the readers would send, appended to a
 * log as the task appends them (timed on the calling thread: copying into chunks, and waiting when
 * the log's thread falls behind), then the segment closed (waiting for the rest to be compressed and
 * written), then applied again as a restore does (decompressing only).
 *
 * <pre>
 * java -Xmx12g -cp flink/target/test-classes:flink/target/classes:$(cat flink/target/test-cp.txt) \
 *     dev.unravel.flink.EventLogBench 3 /tmp/demo-sim
 * </pre>
 */
public final class EventLogBench {

    private EventLogBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        List<Event> events = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        DetectCapacity.read(inputs, new ArrayList<>(), events, new ArrayList<>(), bytes);
        long total = bytes.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%,d events, %,d bytes as the readers encode them%n", bytes.size(), total);
        Path dir = Files.createTempDirectory("event-log-bench");
        for (int round = 1; round <= rounds; round++) {
            EventLog log = new EventLog(new org.apache.flink.core.fs.Path(dir.toUri()), "round-" + round);
            long t0 = System.nanoTime();
            for (byte[] b : bytes) {
                log.append(b);
            }
            double appending = (System.nanoTime() - t0) / 1e9;
            EventLog.Segment segment = log.roll();
            double closed = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            long[] read = new long[1];
            EventLog.replay(List.of(segment), b -> read[0] += b.length);
            double replay = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d  appending on the task's thread %.2f s (%,.0f events/s); closed after "
                    + "%.2f s, %,d bytes written; read back %.2f s (%,.0f events/s, %s)%n", round, appending,
                    bytes.size() / appending, closed, log.written(), replay, bytes.size() / replay,
                    read[0] == total ? "the same bytes" : "DIFFERENT BYTES");
            log.delete();
        }
    }
}
