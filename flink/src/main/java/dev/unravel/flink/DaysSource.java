package dev.unravel.flink;

import dev.unravel.engine.Scan;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Quarantine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The days of log files as a Flink source: the reading tasks. Each takes one day's files at a time
 * from the job's coordinator, reads them as a scan reads a day (side by side, merged by time, bad
 * records quarantined), runs the detectors' state-free work on each event (Sigma matching above
 * all), and sends each event with that work on as bytes ({@link EventCodec}), then each file's
 * summary. This is the part of a scan that grows with the logs, and the part that runs on every
 * task slot.
 *
 * <p>Why a source that hands out days on request, rather than a list of days spread over the
 * readers: a reader asks for its next day when it has read the last, so a reader given large days
 * does not hold up days another could read; and no day waits in a reader's input, so a checkpoint's
 * barrier leaves each reader as it ends its day — a day is read whole, before a checkpoint or after
 * it, never across one. A checkpoint holds the days not yet handed out and those a reader holds
 * unread; a restored run reads from there.
 */
final class DaysSource implements Source<byte[], DaysSource.Day, List<DaysSource.Day>> {

    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private final List<Day> days;

    /** One day of log files, numbered in time order. */
    record Day(int index, List<String> files) implements SourceSplit, java.io.Serializable {
        Day {
            files = List.copyOf(files);
        }

        @Override
        public String splitId() {
            return Integer.toString(index);
        }
    }

    /** @param days the log files of the inputs, one group per day, in time order ({@link UnravelJob#days}) */
    DaysSource(JobSettings settings, List<String[]> days) {
        this.settings = settings;
        List<Day> numbered = new ArrayList<>();
        for (String[] day : days) {
            numbered.add(new Day(numbered.size(), List.of(day)));
        }
        this.days = List.copyOf(numbered);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<Day, List<Day>> createEnumerator(SplitEnumeratorContext<Day> context) {
        return new Days(context, days);
    }

    @Override
    public SplitEnumerator<Day, List<Day>> restoreEnumerator(SplitEnumeratorContext<Day> context, List<Day> left) {
        return new Days(context, left);
    }

    @Override
    public SimpleVersionedSerializer<Day> getSplitSerializer() {
        return new DaySerializer();
    }

    @Override
    public SimpleVersionedSerializer<List<Day>> getEnumeratorCheckpointSerializer() {
        return new DaysSerializer();
    }

    @Override
    public SourceReader<byte[], Day> createReader(SourceReaderContext context) {
        return new Reader(settings, context);
    }

    /** The coordinator's side: the days not yet handed out, the earliest first to whichever reader asks. */
    static final class Days implements SplitEnumerator<Day, List<Day>> {
        private final SplitEnumeratorContext<Day> context;
        private final ArrayDeque<Day> left = new ArrayDeque<>();

        Days(SplitEnumeratorContext<Day> context, List<Day> days) {
            this.context = context;
            add(days);
        }

        private void add(List<Day> days) {
            List<Day> all = new ArrayList<>(left);
            all.addAll(days);
            all.sort(Comparator.comparingInt(Day::index));
            left.clear();
            left.addAll(all);
        }

        @Override
        public void start() {
        }

        @Override
        public void handleSplitRequest(int reader, String host) {
            Day next = left.poll();
            if (next == null) {
                context.signalNoMoreSplits(reader);
            } else {
                context.assignSplit(next, reader);
            }
        }

        /** Days a failed reader held unread since the last checkpoint: handed out again, in order. */
        @Override
        public void addSplitsBack(List<Day> days, int reader) {
            add(days);
        }

        @Override
        public void addReader(int reader) {
            // each reader asks for a day when it starts
        }

        @Override
        public List<Day> snapshotState(long checkpointId) {
            return new ArrayList<>(left);
        }

        @Override
        public void close() {
        }
    }

    /** A reading task: reads the days it is given, one after the other, each whole within one call. */
    static final class Reader implements SourceReader<byte[], Day> {
        private final JobSettings settings;
        private final SourceReaderContext context;
        private final ArrayDeque<Day> given = new ArrayDeque<>();
        private boolean noMore;
        private CompletableFuture<Void> available = new CompletableFuture<>();
        private Scan scan;
        private EventCodec codec;

        Reader(JobSettings settings, SourceReaderContext context) {
            this.settings = settings;
            this.context = context;
        }

        @Override
        public void start() {
            // Only the detectors' preparing half is used here; the scan's roster stays empty.
            scan = Scan.open(settings.scanOptions());
            codec = new EventCodec(scan.runner());
            if (given.isEmpty()) { // restored with days it held, it reads those first
                context.sendSplitRequest();
            }
        }

        @Override
        public InputStatus pollNext(ReaderOutput<byte[]> output) throws Exception {
            Day day = given.poll();
            if (day == null) {
                if (noMore) {
                    return InputStatus.END_OF_INPUT;
                }
                if (available.isDone()) {
                    available = new CompletableFuture<>();
                }
                return InputStatus.NOTHING_AVAILABLE;
            }
            read(day, output);
            if (given.isEmpty() && !noMore) {
                context.sendSplitRequest();
            }
            return given.isEmpty() && noMore ? InputStatus.END_OF_INPUT : InputStatus.MORE_AVAILABLE;
        }

        /**
         * Reads one day whole. Its rejected records go to a file of that day's, which a reading of the
         * day after a restore writes again, so no rejection is kept twice.
         */
        private void read(Day day, ReaderOutput<byte[]> output) throws IOException {
            Path file = settings.quarantine() == null ? null
                    : Path.of(settings.quarantine()).resolve("quarantine-day-" + (day.index() + 1) + ".ndjson");
            try (Quarantine quarantine = new Quarantine(file)) {
                List<FileSummary> summaries = Scan.readGroup(JobSettings.paths(day.files()), quarantine,
                        JobSettings.paths(settings.mappings()), settings.parsers(),
                        scan.prepares() ? scan::prepare : null,
                        (e, prepared) -> output.collect(codec.encode(e, prepared)));
                for (FileSummary s : summaries) {
                    output.collect(codec.encode(s));
                }
                if (quarantine.count() > 0) {
                    output.collect(EventCodec.quarantined(quarantine.count()));
                }
            }
        }

        @Override
        public List<Day> snapshotState(long checkpointId) {
            return new ArrayList<>(given);
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return available;
        }

        @Override
        public void addSplits(List<Day> days) {
            given.addAll(days);
            available.complete(null);
        }

        @Override
        public void notifyNoMoreSplits() {
            noMore = true;
            available.complete(null);
        }

        @Override
        public void close() {
        }
    }

    /** A day as bytes: its number and its files. */
    static final class DaySerializer implements SimpleVersionedSerializer<Day> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Day day) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                write(day, out);
            }
            return b.toByteArray();
        }

        @Override
        public Day deserialize(int version, byte[] bytes) throws IOException {
            check(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                return read(in);
            }
        }

        static void write(Day day, DataOutputStream out) throws IOException {
            out.writeInt(day.index());
            out.writeInt(day.files().size());
            for (String f : day.files()) {
                out.writeUTF(f);
            }
        }

        static Day read(DataInputStream in) throws IOException {
            int index = in.readInt();
            List<String> files = new ArrayList<>();
            for (int n = in.readInt(); n > 0; n--) {
                files.add(in.readUTF());
            }
            return new Day(index, files);
        }

        static void check(int version) throws IOException {
            if (version != 1) {
                throw new IOException("days of logs saved by version " + version + " of this job; this build reads "
                        + "version 1: run the job again from its start");
            }
        }
    }

    /** The days not yet handed out, as bytes. */
    static final class DaysSerializer implements SimpleVersionedSerializer<List<Day>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<Day> days) throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(b)) {
                out.writeInt(days.size());
                for (Day d : days) {
                    DaySerializer.write(d, out);
                }
            }
            return b.toByteArray();
        }

        @Override
        public List<Day> deserialize(int version, byte[] bytes) throws IOException {
            DaySerializer.check(version);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                List<Day> days = new ArrayList<>();
                for (int n = in.readInt(); n > 0; n--) {
                    days.add(DaySerializer.read(in));
                }
                return days;
            }
        }
    }
}
