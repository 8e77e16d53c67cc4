package dev.unravel.flink;

import dev.unravel.engine.Scan;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Quarantine;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.runtime.state.OperatorStateCheckpointOutputStream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StatePartitionStreamProvider;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The detection task (parallelism 1): the part of a scan that needs every event in time order in
 * one place — the roster, identity resolution, each detector's state, scoring. It reads the HR and
 * other record files first, as a scan does, then takes the readers' events, holds each until the
 * watermark says no earlier event can still come, and hands them over in time order. At the end of
 * the input it finishes the scan, writes the report and emits it as JSON. Following Kafka without
 * end, it writes the report as things stand at the end of each day of event time and emits that
 * ({@link Scan#scoringDaily}: when the watermark releases the first event of the next day).
 *
 * <p>Why one task: detectors compare a worker's events with each other and with other workers'
 * (shared addresses, devices, VPN exits), so they cannot be split by key without changing what they
 * find. What this task does per event is small (the costly parsing and rule matching happened on
 * the readers), so one task keeps up with many readers.
 *
 * <p>Events are held as the readers' bytes, decoded when released: held events are the memory this
 * task needs beyond the scan's own, about as many as the readers deliver within the watermark's lag
 * and the spread between the days the readers are on.
 *
 * <p>Checkpoints: what the task applied to its scan is appended to an {@link EventLog}; a checkpoint
 * lists the log's segments, the held events and the counters ({@link TaskState}), and a restored
 * task reads the record files again and applies the segments again. Not final: the tests make one
 * that fails halfway.
 */
class DetectOperator extends AbstractStreamOperator<String>
        implements OneInputStreamOperator<byte[], String>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private transient Scan scan;
    private transient EventCodec codec;
    private transient PriorityQueue<Held> held;
    /**
     * What was read, by name and format. Summaries of one name and format add up: a file has one,
     * a Kafka topic one per message (named by its topic: a report lists topics, not messages).
     */
    private transient java.util.Map<Named, FileSummary> files;

    /** A summary's key: its name and format. */
    private record Named(String file, String format) {
    }
    private transient long arrived;
    /** Entries the readers (and this task, for the record files) added to their quarantines. */
    private transient long quarantined;
    private transient long watermark;
    /** Events that came after the watermark had passed their time: delivered at once, out of order. */
    private transient long afterWatermark;

    /** An event waiting for the watermark; {@code seq} keeps arrival order among equal times. */
    record Held(long time, long seq, byte[] bytes) {
    }

    private static final java.util.Comparator<Held> HELD_ORDER = (a, b) -> a.time != b.time
            ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq);

    /** What the task applied to its scan, for checkpoints; null when the job has no event log. */
    private transient EventLog log;
    /** The log's segments the last checkpoint listed, and those before: what a restore applies again. */
    private transient List<EventLog.Segment> segments;
    /** The record files read at the start, as they were: a restore reads them again, and they must not have changed. */
    private transient List<TaskState.RecordFile> recordFiles;
    /** What the checkpoint this task was restored from held, until {@link #open()} applies it. */
    private transient TaskState restored;
    /** Whether the log's entries are being applied again: no signal is sent twice, no entry logged twice. */
    private transient boolean replaying;
    /** Entries applied to the scan (events, summaries, quarantine counts), those applied again included. */
    private transient long applied;
    /** Whether the input ended and the report was written: the log is then no longer needed. */
    private transient boolean ended;

    DetectOperator(JobSettings settings) {
        this.settings = settings;
    }

    /**
     * Takes back, on a restore, what the last checkpoint listed: the event log's segments, the held
     * events and the counters. {@link #open()} then applies the segments again.
     */
    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        if (context.isRestored()) {
            for (StatePartitionStreamProvider part : context.getRawOperatorStateInputs()) {
                try (java.io.InputStream in = part.getStream()) {
                    restored = TaskState.read(in);
                }
            }
        }
    }

    /**
     * Closes the event log's segment and lists it, with the events still held and the counters:
     * all a restored task needs, beside the files it reads at its start.
     */
    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        if (log == null) {
            throw new IllegalStateException("the detection task keeps what it has taken in an event log for "
                    + "checkpoints and savepoints, and none is set: give the job --event-log DIR (a folder every "
                    + "TaskManager can write) or set execution.checkpointing.dir");
        }
        segments = EventLog.plus(segments, log.roll());
        List<Held> waiting = new ArrayList<>(held);
        waiting.sort(HELD_ORDER);
        OperatorStateCheckpointOutputStream out = context.getRawOperatorStateOutput();
        out.startNewPartition();
        new TaskState(segments, watermark, arrived, afterWatermark, recordFiles, waiting).write(out);
    }

    /** Each signal as the detectors find it, keyed by the person it resolves to then (else its subject). */
    static final OutputTag<Tuple2<String, String>> SIGNALS = new OutputTag<>("signals",
            Types.TUPLE(Types.STRING, Types.STRING));

    @Override
    public void open() throws Exception {
        super.open();
        // The signal is sent from inside the scan's call, on this task's thread, as Flink requires.
        Scan.Options options = settings.scanOptions();
        if (options.pii().ephemeralKey()) {
            LOG.warn("UNRAVEL_PII_KEY is not set on this TaskManager: identifier hashes in this report are only "
                    + "comparable within it (containerized.taskmanager.env.UNRAVEL_PII_KEY sets it on Kubernetes and "
                    + "YARN)");
        }
        scan = settings.signals() == null ? Scan.open(options) : Scan.open(options, (signal, person) -> {
            if (replaying) { // sent before the checkpoint already
                getRuntimeContext().getLongCounter(SIGNALS_NOT_SENT_AGAIN).add(1);
            } else {
                output.collect(SIGNALS, new StreamRecord<>(Tuple2.of(person != null ? person
                        : signal.subject().toString(), SignalJson.of(signal, person))));
            }
        });
        if (reportsAsItGoes()) {
            // the day's report when the watermark releases the first event of the next (Scan.scoringDaily)
            scan.scoringDaily(new Scan.Days() {
                @Override
                public void ended(Report report) {
                    if (replaying) { // published before the checkpoint
                        return;
                    }
                    try {
                        publish(report);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException("could not write the report as things stand", e);
                    }
                    LOG.info("Wrote the report as things stand at the end of a day (logs up to {}): {} workers scored",
                            report.period().to(), report.workers().size());
                }

                @Override
                public List<FileSummary> files() {
                    return read();
                }

                @Override
                public long quarantined() {
                    return quarantined;
                }

                @Override
                public java.nio.file.Path quarantine() {
                    return quarantineFolder();
                }
            });
        }
        codec = new EventCodec(scan.runner());
        held = new PriorityQueue<>(HELD_ORDER);
        files = new java.util.HashMap<>();
        watermark = Long.MIN_VALUE;
        segments = List.of();
        if (settings.eventLog() != null) {
            var task = getRuntimeContext();
            log = new EventLog(new org.apache.flink.core.fs.Path(settings.eventLog(),
                    task.getJobInfo().getJobId().toString()), "attempt-" + task.getTaskInfo().getAttemptNumber());
        }
        for (JobSettings.PassedOver p : settings.passedOver()) {
            keep(new FileSummary(p.path(), FileSummary.SKIPPED, 0, null, 0, 0, 0, 0, List.of(), p.reason()));
        }
        recordFiles = TaskState.RecordFile.of(settings.records());
        // restored, the record files are read again, and their signals were sent before
        replaying = restored != null;
        if (!settings.records().isEmpty()) {
            java.nio.file.Path file = null;
            if (settings.quarantine() != null) {
                file = Files.createDirectories(java.nio.file.Path.of(settings.quarantine()))
                        .resolve("quarantine-records.ndjson");
            }
            try (Quarantine quarantine = new Quarantine(file)) {
                Scan.readGroup(JobSettings.paths(settings.records()), quarantine,
                        JobSettings.paths(settings.mappings()), null, scan::accept).forEach(this::keep);
                quarantined = quarantine.count();
            }
        }
        if (restored != null) {
            restore(restored);
            restored = null;
        }
    }

    /**
     * Applies again what the task had applied when the checkpoint was taken, and takes back the
     * events it was holding. The record files were read again just before, so they must be the
     * files the run started with.
     */
    private void restore(TaskState from) throws java.io.IOException {
        String changed = TaskState.RecordFile.changed(from.recordFiles(), recordFiles);
        if (changed != null) {
            throw new IllegalStateException(changed + " since the run started, and the detection task reads the "
                    + "record files again when it is restored: the report would mix two versions. Run the job again "
                    + "from its start");
        }
        long started = System.nanoTime();
        long replayed;
        try {
            replayed = EventLog.replay(from.segments(), this::apply);
        } finally {
            replaying = false;
        }
        segments = from.segments();
        watermark = from.watermark();
        arrived = from.arrived();
        afterWatermark = from.afterWatermark();
        held.addAll(from.held());
        getRuntimeContext().getLongCounter(REPLAYED).add(replayed);
        LOG.info("Restored the detection task: applied {} entries of {} event log segments again in {} ms; {} events "
                + "held for the watermark", replayed, from.segments().size(), (System.nanoTime() - started) / 1_000_000,
                from.held().size());
    }

    /** The accumulator counting the signals a restored task found again in its log and did not send again. */
    static final String SIGNALS_NOT_SENT_AGAIN = "unravel-signals-not-sent-again";

    /** Entries applied to the scan so far, those a restore applied again included. */
    long applied() {
        return applied;
    }

    /** The accumulator counting the entries a restored detection task applied again (0 when never restored). */
    static final String REPLAYED = "unravel-replayed-entries";

    @Override
    public void processElement(StreamRecord<byte[]> element) {
        byte[] bytes = element.getValue();
        if (!EventCodec.isEvent(bytes)) {
            apply(bytes);
            return;
        }
        long time = EventCodec.timeMillis(bytes);
        if (time <= watermark) {
            if (time > 0) { // undated rows (an inventory) have no time to be late for
                afterWatermark++;
            }
            apply(bytes);
        } else {
            held.add(new Held(time, arrived++, bytes));
        }
    }

    /**
     * Applies a reader's entry to the scan — an event, a file's summary, a quarantine count — and
     * logs it: everything that changes the scan passes here, in the order it does.
     */
    private void apply(byte[] bytes) {
        applied++;
        if (log != null && !replaying) {
            try {
                log.append(bytes);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not write the event log in " + log.dir(), e);
            }
        }
        if (EventCodec.isEvent(bytes)) {
            EventCodec.Decoded d = codec.decode(bytes);
            scan.accept(d.event(), d.prepared());
            return;
        }
        long added = EventCodec.quarantinedOf(bytes);
        if (added >= 0) {
            quarantined += added;
        } else {
            keep(EventCodec.summary(bytes));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = Math.max(watermark, mark.getTimestamp());
        releaseUpTo(watermark);
        super.processWatermark(mark);
    }

    /**
     * Whether the job, following Kafka without end, writes the report (and sends assessments) as
     * things stand at the end of each day of event time: a job that scores as it goes.
     */
    private boolean reportsAsItGoes() {
        return settings.follow() && (settings.report() != null || settings.html() != null
                || settings.assessments() != null);
    }

    @Override
    public void endInput() throws Exception {
        releaseUpTo(Long.MAX_VALUE);
        if (settings.kafka() != null) {
            // a topic that gave nothing is a blind spot (a stopped shipper): say so in the report (one that
            // does not exist fails the run at its start, in the Kafka source)
            for (String topic : settings.kafka().topics()) {
                String name = ReadMessages.topicName(topic);
                if (files.keySet().stream().noneMatch(k -> k.file().equals(name))) {
                    keep(new FileSummary(name, "empty", 0, null, 0, 0, 0, 0, List.of(), "no messages read: the "
                            + "topic is empty from --kafka-from to its offsets at the start of the run"));
                }
            }
        }
        publish(scan.finish(read(), quarantined, quarantineFolder()));
        if (afterWatermark > 0) {
            LOG.warn("{} events came after the watermark had passed their time and were detected out of order; "
                    + "raise --max-disorder", afterWatermark);
        }
        ended = true;
    }

    /** What was read, by name and format, in the report's order. */
    private List<FileSummary> read() {
        List<FileSummary> read = new ArrayList<>(files.values());
        read.sort(java.util.Comparator.comparing(FileSummary::file).thenComparing(FileSummary::format,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return read;
    }

    private java.nio.file.Path quarantineFolder() {
        return settings.quarantine() == null ? null : java.nio.file.Path.of(settings.quarantine());
    }

    /** Writes the report where the settings say and emits its JSON (the assessments are made from it). */
    private void publish(Report report) throws java.io.IOException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ReportJson.write(report, json);
        if (settings.report() != null) {
            write(settings.report(), json.toByteArray());
        }
        if (settings.html() != null) {
            write(settings.html(), dev.unravel.engine.report.HtmlReport.render(report).getBytes(StandardCharsets.UTF_8));
        }
        output.collect(new StreamRecord<>(json.toString(StandardCharsets.UTF_8)));
    }

    /** Deletes the event log once the report is out; a stopped or failed task leaves it for a restore. */
    @Override
    public void close() throws Exception {
        try {
            if (log != null) {
                if (ended) {
                    log.delete();
                    LOG.info("Deleted the event log {} once the report was written: {} bytes in {} segments",
                            log.dir(), log.written(), log.segments());
                } else {
                    log.abandon();
                }
            }
        } finally {
            super.close();
        }
    }

    /** Writes {@code bytes} to a path or a URI of any file system Flink has (s3://, hdfs://, file://). */
    private static void write(String where, byte[] bytes) throws java.io.IOException {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(where);
        try (FSDataOutputStream out = path.getFileSystem().create(path, FileSystem.WriteMode.OVERWRITE)) {
            out.write(bytes);
        }
    }

    /** Errors kept per name and format in the report (for a topic, each names its message: partition and offset). */
    static final int ERRORS_KEPT = 20;

    private void keep(FileSummary s) {
        files.merge(new Named(s.file(), s.format()), s, DetectOperator::add);
    }

    /** Two summaries of one name and format added up: counts summed, the first errors and failure kept. */
    static FileSummary add(FileSummary a, FileSummary b) {
        // once per Kafka message on this one task: the errors are copied only when there are some to add
        List<dev.unravel.ingest.read.RecordError> errors = a.errors();
        if (!b.errors().isEmpty() && errors.size() < ERRORS_KEPT) {
            errors = new ArrayList<>(errors);
            for (var e : b.errors()) {
                if (errors.size() < ERRORS_KEPT) {
                    errors.add(e);
                }
            }
        }
        return new FileSummary(a.file(), a.format(), Math.min(a.confidence(), b.confidence()),
                a.encoding() != null ? a.encoding() : b.encoding(), a.records() + b.records(),
                a.accepted() + b.accepted(), a.quarantined() + b.quarantined(), a.events() + b.events(), errors,
                a.failure() != null ? a.failure() : b.failure());
    }

    private void releaseUpTo(long time) {
        Held h;
        while ((h = held.peek()) != null && h.time <= time) {
            held.poll();
            apply(h.bytes);
        }
    }

}
