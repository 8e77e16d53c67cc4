package dev.unravel.flink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job's graph: where {@link UnravelJob}'s settings become Flink operators. Kept apart from the
 * command so that the command (its help, its checks) needs no Flink on the class path.
 */
public final class ScanGraph {

    /** How far in event time one Kafka partition may read ahead of the slowest. */
    static final Duration KAFKA_DRIFT = Duration.ofHours(1);
    /** Following, a partition with no message for this long no longer holds the watermark back. */
    static final Duration IDLE = Duration.ofMinutes(1);

    private ScanGraph() {
    }

    /** Builds the graph on the environment Flink's client gives and runs it to its end. */
    static void execute(JobSettings settings, List<String[]> days) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        DataStream<String> report = build(env, settings, days);
        if (settings.assessments() == null && settings.signals() == null) {
            report.sinkTo(new DiscardingSink<>());
        }
        List<String> read = new ArrayList<>(settings.inputs());
        if (settings.kafka() != null) {
            settings.kafka().topics().forEach(t -> read.add(ReadMessages.topicName(t)));
        }
        env.execute("Unravel scan of " + String.join(", ", read));
    }

    /**
     * The job's graph on {@code env}: the days of log files handed out to the readers (the
     * environment's parallelism) as each asks for one, and the Kafka topics read by their own
     * readers (one per partition at most), then one detection task. Returns the report's JSON as a
     * stream of one element.
     *
     * @throws IllegalArgumentException when there are neither log files nor topics
     */
    public static DataStream<String> build(StreamExecutionEnvironment env, JobSettings settings, List<String[]> days) {
        return build(env, settings, days, DetectOperator::new);
    }

    /** The job's graph with the detection task {@code detect} makes (the tests' makes one that fails halfway). */
    static DataStream<String> build(StreamExecutionEnvironment env, JobSettings settings, List<String[]> days,
            java.util.function.Function<JobSettings, DetectOperator> detect) {
        Duration lag = Duration.ofMillis(settings.maxDisorderMs());
        List<DataStream<byte[]>> logs = new ArrayList<>();
        if (!days.isEmpty()) {
            logs.add(env.fromSource(new DaysSource(settings, days), eventTime(lag), "days of logs: read, parse, "
                    + "match rules", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO).uid("unravel-days"));
        }
        if (settings.kafka() != null) {
            // Watermarks per partition, made by the source from the events' own times; a partition
            // more than an hour of event time ahead of the slowest waits, so that the detection task
            // does not hold its events meanwhile (a backlog is read partition by partition).
            WatermarkStrategy<byte[]> time = eventTime(lag).withWatermarkAlignment("unravel-kafka", KAFKA_DRIFT,
                    Duration.ofSeconds(1));
            if (settings.follow()) {
                // a partition with no new messages must not hold every other one's events back
                time = time.withIdleness(IDLE);
            }
            logs.add(env.fromSource(kafkaSource(settings), time, "Kafka: read, parse, match rules").uid("unravel-kafka"));
        }
        if (logs.isEmpty()) {
            throw new IllegalArgumentException("no log files among the inputs and no Kafka topics: for HR, applicant "
                    + "and asset records alone, run unravel scan");
        }
        DataStream<byte[]> events = logs.get(0);
        for (DataStream<byte[]> more : logs.subList(1, logs.size())) {
            events = events.union(more);
        }
        // Operators carry fixed ids (uid): a savepoint taken by one build restores into the next, whose
        // graph may differ (a sink added), as long as these stay.
        SingleOutputStreamOperator<String> report = events.transform("detect, resolve, score", Types.STRING,
                detect.apply(withEventLog(env, settings))).setParallelism(1).setMaxParallelism(1)
                .uid("unravel-detect");
        if (settings.assessments() != null) {
            sendTo(settings.assessments(), report.flatMap(new Assessments(), Types.TUPLE(Types.STRING, Types.STRING))
                    .setParallelism(1).name("people").uid("unravel-people"), "unravel-assessments");
        }
        if (settings.signals() != null) {
            sendTo(settings.signals(), report.getSideOutput(DetectOperator.SIGNALS), "unravel-signals");
        }
        return report;
    }

    /** The folder of the detection task's event log under these settings and checkpoints. */
    static final String EVENT_LOG = "unravel-event-log";

    /**
     * The settings with the event log the job's checkpoints need: {@code --event-log}, else a folder
     * in the checkpoints' own. Without checkpoints and without {@code --event-log} the task keeps no
     * log (and refuses a savepoint with the reason).
     *
     * @throws IllegalArgumentException when checkpoints are on and there is nowhere to keep the log
     */
    static JobSettings withEventLog(StreamExecutionEnvironment env, JobSettings settings) {
        if (settings.eventLog() != null || !env.getCheckpointConfig().isCheckpointingEnabled()) {
            return settings;
        }
        String checkpoints = env.getConfiguration().get(org.apache.flink.configuration.CheckpointingOptions
                .CHECKPOINTS_DIRECTORY);
        if (checkpoints == null) {
            throw new IllegalArgumentException("checkpoints are on, and the detection task keeps what it has taken "
                    + "in an event log beside them: set execution.checkpointing.dir, or give --event-log DIR (a "
                    + "folder every TaskManager can write)");
        }
        return settings.withEventLog(new org.apache.flink.core.fs.Path(checkpoints, EVENT_LOG).toString());
    }

    /** @param uid the sink's operator id, fixed so that a savepoint finds its state in a later build's graph */
    private static void sendTo(KafkaOutput k, DataStream<Tuple2<String, String>> messages, String uid) {
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(k.properties());
        messages.sinkTo(KafkaSink.<Tuple2<String, String>>builder()
                        .setBootstrapServers(k.bootstrap())
                        .setKafkaProducerConfig(properties)
                        .setRecordSerializer(new KeyedMessages(k.topic()))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .setParallelism(1)
                .name("Kafka: " + k.topic())
                .uid(uid);
    }

    private static WatermarkStrategy<byte[]> eventTime(Duration lag) {
        return WatermarkStrategy.<byte[]>forBoundedOutOfOrderness(lag)
                .withTimestampAssigner((bytes, previous) -> EventCodec.timeMillis(bytes));
    }

    static KafkaSource<byte[]> kafkaSource(JobSettings settings) {
        KafkaInput k = settings.kafka();
        long start = KafkaInput.startMillis(k.from(), java.time.Instant.now());
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(k.properties());
        var builder = KafkaSource.<byte[]>builder()
                .setBootstrapServers(k.bootstrap())
                .setTopics(k.topics())
                .setGroupId(k.group())
                .setProperties(properties)
                .setStartingOffsets(start < 0 ? OffsetsInitializer.earliest() : OffsetsInitializer.timestamp(start))
                .setDeserializer(new ReadMessages(settings));
        if (!settings.follow()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

}
