package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.Scan;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The detection task's checkpoints: a job that fails halfway and is restored writes the report a scan writes. */
class CheckpointTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() throws IOException {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(60, 12, 10, 5, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE).run();
    }

    /** Set once the detection task below has failed, so that its restored attempt goes on. */
    static final AtomicBoolean FAILED = new AtomicBoolean();

    /**
     * A detection task that fails once, at its first input after a checkpoint that listed hundreds of
     * entries of its event log completed: the restored task must apply that log again. Until then it takes each
     * event slowly, as a loaded task would.
     */
    static final class FailsOnce extends DetectOperator {
        /** Entries the task must have applied at the checkpoint: events decoded into the scan, not only summaries. */
        static final long ENOUGH = 500;
        private final long enough;
        private transient long appliedAtSnapshot;
        private transient volatile boolean failNext;

        private final boolean slow;

        FailsOnce(JobSettings settings) {
            this(settings, ENOUGH, true);
        }

        /**
         * Fails after a checkpoint at which more than {@code enough} entries were applied; {@code slow}:
         * takes each event slowly until then.
         */
        FailsOnce(JobSettings settings, long enough, boolean slow) {
            super(settings);
            this.enough = enough;
            this.slow = slow;
        }

        @Override
        public void snapshotState(StateSnapshotContext context) throws Exception {
            super.snapshotState(context);
            appliedAtSnapshot = applied();
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) throws Exception {
            super.notifyCheckpointComplete(checkpointId);
            if (appliedAtSnapshot > enough && !FAILED.get()) {
                failNext = true;
            }
        }

        @Override
        public void processElement(StreamRecord<byte[]> element) {
            failIfDue();
            if (slow && !FAILED.get()) {
                // slow until the failure, so that a checkpoint completes while events still come
                java.util.concurrent.locks.LockSupport.parkNanos(300_000);
            }
            super.processElement(element);
        }

        @Override
        public void endInput() throws Exception {
            failIfDue();
            super.endInput();
        }

        private void failIfDue() {
            if (failNext && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("failed on purpose, after a checkpoint");
            }
        }
    }

    @Test
    void aJobThatFailsHalfway_isRestoredFromItsCheckpoint_andWritesTheReportAScanWrites() throws Exception {
        Report local = Scan.run(Scan.Options.of(List.of(sim)), Scan.Progress.NONE);

        UnravelJob job = new UnravelJob();
        Path reportFile = dir.resolve("restored-report.json");
        new CommandLine(job).parseArgs("--report", reportFile.toString(), sim.toString());
        JobSettings settings = job.settings();
        List<String[]> days = UnravelJob.days(settings);

        Path checkpoints = dir.resolve("checkpoints");
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, java.time.Duration.ofMillis(100));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        FAILED.set(false);
        ScanGraph.build(env, settings, days, FailsOnce::new).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("checkpointed");

        assertThat(FAILED).as("the detection task failed once after a checkpoint").isTrue();
        Long replayed = result.getAccumulatorResult(DetectOperator.REPLAYED);
        assertThat(replayed).as("the restored task applied the checkpoint's event log again")
                .isGreaterThan(FailsOnce.ENOUGH);

        JsonNode flink = ReportJson.mapper().readTree(reportFile.toFile());
        JsonNode embedded = ReportJson.mapper().readTree(json(local));
        assertThat(flink.at("/ingest/events").asLong()).isEqualTo(local.ingest().events())
                .isGreaterThan(replayed);
        assertThat(FlinkScanTest.withoutQuarantineFile(flink.get("ingest")))
                .as("each file counted once, though some were read again after the restore")
                .isEqualTo(FlinkScanTest.withoutQuarantineFile(embedded.get("ingest")));
        FlinkScanTest.assertSameFindings(flink, embedded);
        assertThat(local.workers()).anyMatch(w -> w.score() > 0.5);

        Path log = checkpoints.resolve(ScanGraph.EVENT_LOG).resolve(result.getJobID().toString());
        assertThat(log).as("the event log is deleted once the report is written").doesNotExist();
    }

    @Test
    void checkpointsWithNowhereToKeepTheLog_areRefusedBeforeTheJobStarts() throws Exception {
        UnravelJob job = new UnravelJob();
        new CommandLine(job).parseArgs("--report", dir.resolve("r.json").toString(), sim.toString());
        JobSettings settings = job.settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.enableCheckpointing(60_000);
        assertThatThrownBy(() -> ScanGraph.build(env, settings, UnravelJob.days(settings)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("execution.checkpointing.dir").hasMessageContaining("--event-log");

        UnravelJob withLog = new UnravelJob();
        new CommandLine(withLog).parseArgs("--report", dir.resolve("r.json").toString(), "--event-log",
                dir.resolve("log").toString(), sim.toString());
        assertThat(ScanGraph.withEventLog(env, withLog.settings()).eventLog()).isEqualTo(dir.resolve("log").toString());

        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://bucket/checkpoints");
        StreamExecutionEnvironment withCheckpoints = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        withCheckpoints.enableCheckpointing(60_000);
        assertThat(ScanGraph.withEventLog(withCheckpoints, settings).eventLog())
                .isEqualTo("s3://bucket/checkpoints/" + ScanGraph.EVENT_LOG);
        assertThat(ScanGraph.withEventLog(StreamExecutionEnvironment.getExecutionEnvironment(conf), settings)
                .eventLog()).as("no checkpoints, no log").isNull();
    }

    @Test
    void theStatefulOperatorsCarryFixedIds_soThatASavepointRestoresIntoALaterBuild() throws Exception {
        UnravelJob job = new UnravelJob();
        new CommandLine(job).parseArgs("--report", dir.resolve("r.json").toString(), sim.toString());
        JobSettings settings = job.settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        ScanGraph.build(env, settings, UnravelJob.days(settings)).sinkTo(new DiscardingSink<>());
        List<String> uids = env.getStreamGraph().getStreamNodes().stream()
                .map(org.apache.flink.streaming.api.graph.StreamNode::getTransformationUID)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(uids).contains("unravel-days", "unravel-detect");
    }

    @Test
    void theLog_givesBackWhatWasAppended_andTellsASegmentCutOffOrGone() throws Exception {
        EventLog log = new EventLog(new org.apache.flink.core.fs.Path(dir.resolve("unit-log").toUri()), "attempt-0");
        assertThat(log.roll()).as("nothing appended, nothing to list").isNull();
        log.append("first".getBytes(StandardCharsets.UTF_8));
        log.append(new byte[0]);
        EventLog.Segment one = log.roll();
        log.append("third".getBytes(StandardCharsets.UTF_8));
        EventLog.Segment two = log.roll();
        assertThat(one.entries()).isEqualTo(2);
        assertThat(two.path()).isNotEqualTo(one.path());

        List<String> back = new ArrayList<>();
        assertThat(EventLog.replay(List.of(one, two), b -> back.add(new String(b, StandardCharsets.UTF_8))))
                .isEqualTo(3);
        assertThat(back).containsExactly("first", "", "third");

        Path file = Path.of(java.net.URI.create(one.path()).getPath());
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 2));
        assertThatThrownBy(() -> EventLog.replay(List.of(one), b -> { }))
                .hasMessageContaining(one.path()).hasMessageContaining("of its 2 entries")
                .hasMessageContaining("cut off or damaged");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> EventLog.replay(List.of(one), b -> { }))
                .hasMessageContaining("cannot be read past 0 of its 2 entries");
        assertThatThrownBy(() -> EventLog.replay(List.of(new EventLog.Segment(two.path(), 0)), b -> { }))
                .hasMessageContaining("holds more than its 0 entries");

        log.delete();
        assertThatThrownBy(() -> EventLog.replay(List.of(two), b -> { }))
                .hasMessageContaining(two.path()).hasMessageContaining("gone");

        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "x");
        EventLog cannot = new EventLog(new org.apache.flink.core.fs.Path(notAFolder.toUri()), "attempt-0");
        cannot.append("lost".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(cannot::roll).as("the writer's failure is told at the checkpoint")
                .hasMessageContaining("could not write the event log");
        assertThatThrownBy(() -> cannot.append(new byte[1])).hasMessageContaining("could not write the event log");
        cannot.abandon();
    }

    @Test
    void theLog_keepsEntriesLargerThanItsChunks_andManyChunksInOrder() throws Exception {
        EventLog log = new EventLog(new org.apache.flink.core.fs.Path(dir.resolve("big-log").toUri()), "attempt-0");
        byte[] big = new byte[3 << 20];
        java.util.Arrays.fill(big, (byte) 'b');
        List<byte[]> appended = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            byte[] entry = (i == 20_000 ? big : ("entry " + i + " " + "x".repeat(i % 700)).getBytes(StandardCharsets.UTF_8));
            appended.add(entry);
            log.append(entry);
        }
        EventLog.Segment s = log.roll();
        List<byte[]> back = new ArrayList<>();
        EventLog.replay(List.of(s), back::add);
        assertThat(back).hasSize(appended.size());
        for (int i = 0; i < back.size(); i++) {
            assertThat(back.get(i)).as("entry %d", i).isEqualTo(appended.get(i));
        }
        assertThat(log.written()).as("compressed").isPositive().isLessThan(big.length);
        log.delete();
    }

    @Test
    void theTaskState_readsBackWhatItWrote_andTellsRecordFilesThatChanged() throws Exception {
        Path hr = dir.resolve("hr.csv");
        Files.writeString(hr, "id,name\nE1,Ann\n");
        List<TaskState.RecordFile> then = TaskState.RecordFile.of(List.of(hr.toString()));
        TaskState state = new TaskState(List.of(new EventLog.Segment("file:/log/attempt-0-1.events", 12)), 1_700_000L,
                5, 1, then, List.of(new DetectOperator.Held(1_700_001L, 4, new byte[] {'E', 1, 2})));
        TaskState back = TaskState.read(state.bytes());
        assertThat(back.segments()).isEqualTo(state.segments());
        assertThat(back.watermark()).isEqualTo(1_700_000L);
        assertThat(back.arrived()).isEqualTo(5);
        assertThat(back.afterWatermark()).isEqualTo(1);
        assertThat(back.recordFiles()).isEqualTo(then);
        assertThat(back.held()).singleElement().satisfies(h -> {
            assertThat(h.time()).isEqualTo(1_700_001L);
            assertThat(h.bytes()).containsExactly('E', 1, 2);
        });

        assertThat(TaskState.RecordFile.changed(then, TaskState.RecordFile.of(List.of(hr.toString())))).isNull();
        Files.writeString(hr, "id,name\nE1,Ann\nE2,Bo\n");
        assertThat(TaskState.RecordFile.changed(then, TaskState.RecordFile.of(List.of(hr.toString()))))
                .isEqualTo(hr + " changed");
        Files.delete(hr);
        assertThat(TaskState.RecordFile.changed(then, TaskState.RecordFile.of(List.of(hr.toString()))))
                .isEqualTo(hr + " is gone");

        ByteArrayOutputStream later = new ByteArrayOutputStream();
        net.jpountz.lz4.LZ4BlockOutputStream lz4 = new net.jpountz.lz4.LZ4BlockOutputStream(later);
        new java.io.DataOutputStream(lz4).writeInt(9);
        lz4.finish();
        assertThatThrownBy(() -> TaskState.read(later.toByteArray())).hasMessageContaining("version 9");
    }

    private static String json(Report r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportJson.write(r, b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
