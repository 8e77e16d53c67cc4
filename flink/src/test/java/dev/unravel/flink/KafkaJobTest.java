package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.Scan;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Logs from Kafka (a broker in this process), HR records from files: the job's report against a
 * scan of the same logs as files.
 */
class KafkaJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path sim;
    static KafkaClusterTestKit kafka;

    @BeforeAll
    static void start() throws Exception {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(60, 4, 11, 4, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE).run();
        kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(dir.resolve("kafka")).build())
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .build();
        kafka.format();
        kafka.startup();
        kafka.waitForReadyBrokers();
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            admin.createTopics(List.of(new NewTopic("okta", 2, (short) 1), new NewTopic("github", 1, (short) 1),
                    new NewTopic("quiet", 1, (short) 1)))
                    .all().get();
        }
        Properties p = kafka.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            // one record a message, as log shippers send them; Okta's over two partitions
            int n = 0;
            for (String topic : List.of("okta", "github")) {
                for (Path f : sorted(sim.resolve(topic))) {
                    for (String line : Files.readAllLines(f)) {
                        int partition = topic.equals("okta") ? n++ % 2 : 0;
                        producer.send(new ProducerRecord<>(topic, partition, null, line.getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
            producer.send(new ProducerRecord<>("okta", 1, null, "{\"published\": \"2026-03-03T1".getBytes(
                    StandardCharsets.UTF_8)));
            producer.flush();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
    }

    static List<Path> sorted(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    @Test
    void logsFromKafka_giveTheReportAScanOfTheSameLogsGives() throws Exception {
        List<Path> records = List.of(sim.resolve("hr"), sim.resolve("applicants"), sim.resolve("assets"));
        List<Path> files = new ArrayList<>(records);
        files.add(sim.resolve("okta"));
        files.add(sim.resolve("github"));
        Report local = Scan.run(Scan.Options.of(files), Scan.Progress.NONE);

        UnravelJob job = new UnravelJob();
        List<String> args = new ArrayList<>(List.of("--report", dir.resolve("k.json").toString(), "--quarantine",
                dir.resolve("kq").toString(), "--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-topic", "okta",
                "--kafka-topic", "github", "--kafka-topic", "quiet", "--kafka-from", "earliest", "--kafka-assessments-topic", "assessments", "--kafka-signals-topic", "signals",
                "--html", dir.resolve("k.html").toString()));
        records.forEach(r -> args.add(r.toString()));
        new CommandLine(job).parseArgs(args.toArray(String[]::new));
        JobSettings settings = job.settings();
        assertThat(UnravelJob.days(settings)).as("no log files: the logs come from Kafka").isEmpty();

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = ScanGraph.build(env, settings, List.of()).executeAndCollect("kafka")) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).hasSize(1);
        JsonNode flink = ReportJson.mapper().readTree(out.get(0));
        JsonNode embedded = ReportJson.mapper().readTree(json(local));

        assertThat(flink.at("/ingest/events").asLong()).isEqualTo(local.ingest().events()).isGreaterThan(1_000);
        assertThat(flink.at("/ingest/quarantined").asLong()).as("the broken message").isEqualTo(1);
        assertThat(local.ingest().quarantined()).isZero();
        assertThat(flink.get("inputs").toString()).contains("kafka:okta", "kafka:github");
        assertThat(flink.at("/ingest/problems").toString()).as("the broken message's topic is listed with why")
                .contains("\"file\":\"kafka:okta\"", "\"format\":\"unknown\"", "is in no format Unravel recognises");
        assertThat(flink.at("/ingest/problems").toString()).as("a topic that gave nothing is said")
                .contains("\"file\":\"kafka:quiet\"", "no messages read").doesNotContain("kafka:okta\",\"format\":\"empty");
        assertThat(flink.at("/ingest/by_format/okta/records").asLong()).as("the messages read as Okta, added up")
                .isEqualTo(embedded.at("/ingest/by_format/okta/records").asLong()).isPositive();
        assertThat(Files.readString(Files.list(dir.resolve("kq")).filter(f -> f.getFileName().toString()
                .startsWith("quarantine-kafka-")).filter(f -> f.toFile().length() > 0).findFirst().orElseThrow()))
                .contains("\"file\":\"kafka:okta/1@");

        assertThat(Files.readString(dir.resolve("k.html"))).startsWith("<!DOCTYPE html>").contains("kafka:okta");

        long found = 0;
        for (JsonNode d : flink.get("detectors")) {
            found += d.path("signals").asLong();
        }
        List<JsonNode> signals = read("signals", (int) found, "detector");
        assertThat(signals).as("every signal found is sent, as it is found").hasSize((int) found).isNotEmpty();
        assertThat(signals).allSatisfy(m -> {
            assertThat(m.path("schema").asText()).isEqualTo("unravel.signal/1");
            assertThat(m.path("evidence")).isNotEmpty();
        });
        assertThat(signals).anySatisfy(m -> assertThat(m.path("person").asText()).startsWith("E1"));

        List<JsonNode> people = read("assessments", flink.get("workers").size() + flink.get("applicants").size(),
                null);
        assertThat(people).as("one message a scored person").hasSize(flink.get("workers").size()
                + flink.get("applicants").size());
        JsonNode first = people.stream().filter(m -> m.path("rank").asInt() == 1 && m.path("kind").asText()
                .equals("worker")).findFirst().orElseThrow();
        assertThat(first.path("schema").asText()).isEqualTo("unravel.assessment/1");
        assertThat(first.path("worker_id")).isEqualTo(flink.at("/workers/0/worker_id"));
        assertThat(first.path("score")).isEqualTo(flink.at("/workers/0/score"));
        assertThat(first.at("/scan/period")).isEqualTo(flink.get("period"));

        assertThat(flink.get("detectors")).isEqualTo(embedded.get("detectors"));
        assertThat(withoutEvidence(flink.get("workers"))).as("the same people, scores and signals; evidence names "
                + "the message (kafka:okta/1@37#1) where the scan names the file").isEqualTo(
                withoutEvidence(embedded.get("workers")));
        assertThat(flink.get("workers").toString()).containsPattern("\"kafka:(okta/[01]|github/0)@\\d+#1\"");
        assertThat(flink.get("clusters")).isEqualTo(embedded.get("clusters"));
        assertThat(flink.get("period")).isEqualTo(embedded.get("period"));
    }

    @Test
    void aJobRestoredFromItsCheckpoint_doesNotSendAgainTheSignalsItSentBefore() throws Exception {
        List<Path> files = List.of(sim.resolve("hr"), sim.resolve("applicants"), sim.resolve("assets"),
                sim.resolve("okta"), sim.resolve("github"));
        // a short reorder window, so that the detectors see events (and send signals) before the end
        Report local = Scan.run(Scan.Options.of(files).withReorderWindow(50), Scan.Progress.NONE);
        UnravelJob job = new UnravelJob();
        List<String> args = new ArrayList<>(List.of("--report", dir.resolve("restored.json").toString(),
                "--reorder-window", "50",
                "--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-topic", "okta", "--kafka-topic", "github",
                "--kafka-group", "restored", "--kafka-signals-topic", "restored-signals"));
        List.of("hr", "applicants", "assets").forEach(f -> args.add(sim.resolve(f).toString()));
        new CommandLine(job).parseArgs(args.toArray(String[]::new));
        JobSettings settings = job.settings();

        org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
        conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dir.resolve("kafka-checkpoints").toUri().toString());
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(org.apache.flink.configuration.RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        CheckpointTest.FAILED.set(false);
        // halfway
        long half = local.ingest().events() / 2;
        ScanGraph.build(env, settings, List.of(), s -> new CheckpointTest.FailsOnce(s, half, true))
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>());
        org.apache.flink.api.common.JobExecutionResult result = env.execute("restored");

        assertThat(CheckpointTest.FAILED).as("the detection task failed once after a checkpoint").isTrue();
        assertThat(result.<Long>getAccumulatorResult(DetectOperator.REPLAYED)).isGreaterThan(half);
        Long notAgain = result.getAccumulatorResult(DetectOperator.SIGNALS_NOT_SENT_AGAIN);
        assertThat(notAgain).as("signals found again in the record files and the log, sent before the checkpoint")
                .isPositive();

        JsonNode flink = ReportJson.mapper().readTree(dir.resolve("restored.json").toFile());
        JsonNode embedded = ReportJson.mapper().readTree(json(local));
        assertThat(flink.at("/ingest/events").asLong()).isEqualTo(local.ingest().events());
        assertThat(withoutEvidence(flink.get("workers"))).isEqualTo(withoutEvidence(embedded.get("workers")));
        assertThat(flink.get("detectors")).isEqualTo(embedded.get("detectors"));

        long found = 0;
        for (JsonNode d : flink.get("detectors")) {
            found += d.path("signals").asLong();
        }
        List<JsonNode> sent = readAll("restored-signals");
        assertThat(sent.stream().map(JsonNode::toString).distinct().count()).as("every signal found is sent")
                .isEqualTo(found);
        assertThat(sent.size() - found).as("sent twice: at most those found between the checkpoint and the failure "
                + "(at least once), not the " + notAgain + " sent before the checkpoint").isLessThan(notAgain);
    }

    /**
     * Following: signals come while the job runs, and the report and the assessments as things stand
     * at the end of each day of event time, without an end to the input.
     */
    @Test
    void following_signalsAndReportsComeWhileTheJobRuns() throws Exception {
        UnravelJob job = new UnravelJob();
        Path report = dir.resolve("followed.json");
        List<String> args = new ArrayList<>(List.of("--kafka-bootstrap", kafka.bootstrapServers(), "--kafka-topic",
                "okta", "--kafka-topic", "github", "--kafka-follow", "--kafka-signals-topic", "followed",
                "--report", report.toString(), "--kafka-assessments-topic", "followed-scores",
                "--kafka-group", "follow", "--max-disorder", "1m"));
        List.of("hr", "applicants", "assets").forEach(f -> args.add(sim.resolve(f).toString()));
        new CommandLine(job).parseArgs(args.toArray(String[]::new));
        JobSettings settings = job.settings();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ScanGraph.build(env, settings, List.of());
        org.apache.flink.core.execution.JobClient running = env.executeAsync("follow");
        try {
            List<JsonNode> signals = read("followed", 1, "detector");
            assertThat(signals).as("a signal sent while the job runs on").isNotEmpty();
            List<JsonNode> scores = read("followed-scores", 1, null);
            assertThat(scores).as("assessments sent while the job runs on").isNotEmpty()
                    .allSatisfy(m -> assertThat(m.path("schema").asText()).isEqualTo(Assessments.SCHEMA));
            long until = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(report) && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            JsonNode written = ReportJson.mapper().readTree(report.toFile());
            assertThat(written.path("workers").size()).as("the report as things stand scores the workers").isPositive();
            assertThat(written.path("workers").get(0).has("first_flagged_daily")).as("scored daily").isTrue();
            assertThat(written.at("/period/to").asText()).as("up to a day of the logs, which run on")
                    .startsWith("2026-03-0");
            assertThat(running.getJobStatus().get()).isEqualTo(org.apache.flink.api.common.JobStatus.RUNNING);
        } finally {
            running.cancel().get();
        }
    }

    @Test
    void kafkaOptionsAreChecked() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new UnravelJob()).setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("--report", "r.json", "--kafka-topic", "okta")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-bootstrap and --kafka-topic go together");
        assertThat(cli.execute("--report", "r.json", "--kafka-bootstrap", "k:9092", "--kafka-topic", "okta",
                "--kafka-from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-from 'yesterday': use 'earliest', an instant such as "
                + "2026-03-01T00:00:00Z, or a duration back from now such as 30d");
        assertThat(cli.execute("--report", "r.json", "--kafka-assessments-topic", "scores", ".")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-assessments-topic needs --kafka-bootstrap");
        assertThat(cli.execute("--kafka-bootstrap", "k:9092", "--kafka-topic", "okta", "--kafka-follow")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-follow runs without end: give where what it finds goes");
        assertThat(cli.execute("--kafka-bootstrap", "k:9092", "--kafka-follow", "--report", "r.json", ".")).isEqualTo(2);
        assertThat(err.toString()).contains("--kafka-follow reads --kafka-topic on without end: give the topics");
        assertThat(cli.execute("--kafka-bootstrap", "k:9092", "--kafka-topic", "okta")).isEqualTo(2);
        assertThat(err.toString()).contains("--report is needed");
        assertThat(cli.execute("--report", "r.json")).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to read: give files or folders, or Kafka topics");
        assertThat(KafkaInput.startMillis("1d", java.time.Instant.parse("2026-03-02T00:00:00Z")))
                .isEqualTo(java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        assertThat(KafkaInput.startMillis("earliest", java.time.Instant.now())).isEqualTo(-1);
        assertThat(KafkaInput.startMillis("2026-03-01T06:00:00Z", java.time.Instant.now()))
                .isEqualTo(java.time.Instant.parse("2026-03-01T06:00:00Z").toEpochMilli());
        assertThat(cli.execute("--report", "r.json", "--max-disorder", "PT10M", ".")).isEqualTo(2);
        assertThat(err.toString()).contains("--max-disorder takes a number and a unit, such as 15m");
    }

    /**
     * Reads {@code topic} until {@code expected} messages came or ten seconds passed; each message's
     * key is the person's id ({@code keyField} null) or, for signals, the person or the subject.
     */
    private static List<JsonNode> read(String topic, int expected, String keyField) throws Exception {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + topic);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long until = System.nanoTime() + 20_000_000_000L;
            while (got.size() < expected && System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(java.time.Duration.ofMillis(200))) {
                    JsonNode m = ReportJson.mapper().readTree(r.value());
                    assertThat(r.key()).isEqualTo(keyField == null ? m.path(m.path("kind").asText() + "_id").asText()
                            : m.path("person").isNull() ? m.path("subject").asText() : m.path("person").asText());
                    got.add(m);
                }
            }
        }
        return got;
    }

    /** Every message {@code topic} holds now (the job that wrote it has ended). */
    private static List<JsonNode> readAll(String topic) throws Exception {
        Properties p = kafka.clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<JsonNode> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new org.apache.kafka.common.TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            long until = System.nanoTime() + 20_000_000_000L;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < until) {
                for (ConsumerRecord<String, String> r : consumer.poll(java.time.Duration.ofMillis(200))) {
                    got.add(ReportJson.mapper().readTree(r.value()));
                }
            }
        }
        return got;
    }

    private static JsonNode withoutEvidence(JsonNode workers) {
        JsonNode copy = workers.deepCopy();
        for (JsonNode w : copy) {
            for (JsonNode signal : w.path("signals")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) signal).remove("evidence");
            }
        }
        return copy;
    }

    private static String json(Report r) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportJson.write(r, b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
