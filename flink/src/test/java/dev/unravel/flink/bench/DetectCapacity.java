package dev.unravel.flink.bench;

import dev.unravel.core.Event;
import dev.unravel.engine.Scan;
import dev.unravel.engine.run.FileOrder;
import dev.unravel.flink.EventCodec;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.source.Inputs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many events per second the job's one detection task can take, whatever the number of
 * readers: the files are read and prepared first, in time order, and kept in memory both as events
 * and as the bytes the readers send; then, timed, a scan takes them as the embedded detection
 * thread does (events as objects) and as the detection task does (bytes decoded first). The
 * difference is what the job adds on its one thread.
 *
 * <pre>
 * java -Xmx12g -cp flink/target/test-classes:flink/target/classes:$(cat flink/target/test-cp.txt) \
 *     dev.unravel.flink.bench.DetectCapacity 3 /tmp/demo-sim
 * </pre>
 */
public final class DetectCapacity {

    private DetectCapacity() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        List<Path> records = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        List<Object> prepared = new ArrayList<>();
        List<byte[]> bytes = new ArrayList<>();
        read(inputs, records, events, prepared, bytes);
        long total = bytes.stream().mapToLong(b -> b.length).sum();
        System.out.printf("%,d log events held, %,d bytes encoded (%,d a event)%n", events.size(), total,
                total / Math.max(1, events.size()));
        for (int round = 1; round <= rounds; round++) {
            Scan scan = open(inputs, records);
            long t0 = System.nanoTime();
            for (int i = 0; i < events.size(); i++) {
                scan.accept(events.get(i), prepared.get(i));
            }
            scan.finish(List.of(), 0, null);
            double objects = (System.nanoTime() - t0) / 1e9;

            scan = open(inputs, records);
            EventCodec reader = new EventCodec(scan.runner());
            t0 = System.nanoTime();
            for (byte[] b : bytes) {
                EventCodec.Decoded d = reader.decode(b);
                scan.accept(d.event(), d.prepared());
            }
            scan.finish(List.of(), 0, null);
            double decoded = (System.nanoTime() - t0) / 1e9;
            EventCodec alone = new EventCodec(scan.runner());
            t0 = System.nanoTime();
            long fields = 0;
            for (byte[] b : bytes) {
                fields += alone.decode(b).event().document().size();
            }
            double decodeOnly = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d  decoding alone: %.2f s (%,.0f events/s, %,d top-level fields)%n", round,
                    decodeOnly, events.size() / decodeOnly, fields);
            System.out.printf("round %d  events as objects: %.2f s (%,.0f events/s); decoded from bytes: %.2f s "
                    + "(%,.0f events/s)%n", round, objects, events.size() / objects, decoded, events.size() / decoded);
        }
    }

    /**
     * Reads the log files of {@code inputs} as the readers do, in time order, into {@code events},
     * their {@code prepared} work and the {@code bytes} the readers send; {@code records} gets the
     * record files.
     */
    public static void read(List<Path> inputs, List<Path> records, List<Event> events, List<Object> prepared,
            List<byte[]> bytes) throws java.io.IOException {
        List<Path> logs = new ArrayList<>();
        for (Path f : Inputs.expand(inputs, (p, why) -> {
        })) {
            (FileOrder.isRecordFile(f) ? records : logs).add(f);
        }
        Scan preparer = Scan.open(Scan.Options.of(inputs));
        EventCodec writer = new EventCodec(preparer.runner());
        for (List<Path> day : FileOrder.groups(logs)) {
            Scan.readGroup(day, Quarantine.NONE, List.of(), preparer::prepare, (e, p) -> {
                events.add(e);
                prepared.add(p);
                bytes.add(writer.encode(e, p));
            });
        }
    }

    private static Scan open(List<Path> inputs, List<Path> records) throws java.io.IOException {
        Scan scan = Scan.open(Scan.Options.of(inputs));
        Scan.readGroup(records, Quarantine.NONE, List.of(), null, scan::accept);
        return scan;
    }
}
