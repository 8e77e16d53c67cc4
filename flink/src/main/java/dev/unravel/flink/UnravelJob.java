package dev.unravel.flink;

import dev.unravel.core.Durations;
import dev.unravel.engine.Scan;
import dev.unravel.engine.ScanConfigFile;
import dev.unravel.engine.run.FileOrder;
import dev.unravel.ingest.source.Inputs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A scan as an Apache Flink job, for logs past what one machine reads in time:
 *
 * <pre>
 *  days of log files ─► DaysSource × parallelism ─────┐ (read, parse, quarantine, Sigma and the other
 *  Kafka partitions ─► ReadMessages in the source ─────┤  state-free detector work; events as bytes)
 *        ─► watermarks (event time, --max-disorder; per partition for Kafka)
 *        ─► DetectOperator × 1 (HR and other records first; events in time order; roster, detectors,
 *           resolution, scoring) ─► the report (JSON, to --report on any Flink file system)
 * </pre>
 *
 * The report is the one {@code unravel scan} writes over the same files with the same settings.
 * Submit it with Flink's own client: {@code flink run unravel-flink.jar --report … PATH…}; the
 * paths must be readable from every TaskManager (a shared file system).
 */
@Command(name = "unravel-flink", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scans files as an Apache Flink job and writes the scan report: the logs are read, parsed "
                + "and matched against Sigma rules on every task slot; one task detects, resolves and scores.",
        footer = {"", "Examples:", "  flink run -p 8 unravel-flink.jar --report /shared/out/report.json "
                + "--config /shared/unravel.yaml /shared/exports/hr /shared/logs",
            "  flink run -p 12 unravel-flink.jar --report s3://sec/unravel/report.json --kafka-bootstrap kafka:9092 "
                + "--kafka-topic okta --kafka-topic sysmon --kafka-from 30d /shared/exports/hr /shared/exports/assets"})
public final class UnravelJob implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders to read (on a file system "
            + "every TaskManager sees): HR, applicant and asset exports, and log files.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT,...", description = "Kafka brokers to read logs "
            + "from as well (with --kafka-topic).")
    String kafkaBootstrap;

    @Option(names = "--kafka-topic", paramLabel = "TOPIC", description = "A topic of logs: each message a batch in "
            + "any format unravel ingest formats lists (one record or many, plain or gzip); repeatable.")
    List<String> kafkaTopics = new ArrayList<>();

    @Option(names = "--kafka-from", paramLabel = "WHEN", description = "The first messages read: earliest, an "
            + "instant (2026-03-01T00:00:00Z) or a duration back from now (30d). The run reads up to the offsets "
            + "the topics have when it starts. Default: ${DEFAULT-VALUE}.")
    String kafkaFrom = "earliest";

    @Option(names = "--kafka-group", paramLabel = "ID", description = "Consumer group id. Default: ${DEFAULT-VALUE}.")
    String kafkaGroup = "unravel";

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A Kafka consumer property "
            + "(security.protocol, sasl.mechanism, sasl.jaas.config, ssl.truststore.location, …); repeatable.")
    java.util.Map<String, String> kafkaProperties = new java.util.LinkedHashMap<>();

    @Option(names = "--report", paramLabel = "FILE.json", description = "Where the detection task "
            + "writes the JSON report: a path on a shared file system, or a URI of a file system Flink has a plugin "
            + "for (s3://, hdfs://).")
    String report;

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the report as one HTML page (a path "
            + "or a URI, as --report).")
    String html;

    @Option(names = "--kafka-assessments-topic", paramLabel = "TOPIC", description = "Also send each scored worker "
            + "and applicant as a message to this topic (keyed by id; schema unravel.assessment/1), for a SIEM or a "
            + "SOAR playbook. Needs --kafka-bootstrap; the --kafka-property settings apply.")
    String assessmentsTopic;

    @Option(names = "--kafka-signals-topic", paramLabel = "TOPIC", description = "Also send each signal the moment "
            + "a detector finds it (schema unravel.signal/1, keyed by the person it resolves to then), for alerts "
            + "before the run ends. Needs --kafka-bootstrap.")
    String signalsTopic;

    @Option(names = "--kafka-follow", description = "Read the Kafka topics on as messages come, without end; stop "
            + "it with flink cancel. The job sends signals (--kafka-signals-topic) as it finds them, and writes the "
            + "report (--report, --html) and sends the assessments (--kafka-assessments-topic) as things stand at the "
            + "end of each day of event time, each person's with the first day a report put them at high or above.")
    boolean follow;

    @Option(names = "--config", paramLabel = "FILE", description = "Scan configuration (YAML), as for unravel scan.")
    Path config;

    @Option(names = "--intel", paramLabel = "PATH", description = "IP intelligence files; repeatable.")
    List<Path> intel = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "PATH", description = "Extra Sigma rules; repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--scoring", paramLabel = "FILE", description = "Scoring weights, as for unravel scan.")
    Path scoring;

    @Option(names = "--mapping", paramLabel = "FILE", description = "Column-mapping files; repeatable.")
    List<Path> mappings = new ArrayList<>();

    @Option(names = "--quarantine", paramLabel = "DIR", description = "A folder for rejected records: one file per "
            + "day of logs that has some (read again after a restore, written again), one per Kafka reading task, one "
            + "for the HR and other records. Default: rejected records are counted, not kept.")
    Path quarantine;

    @Option(names = "--reorder-window", paramLabel = "N", description = "Events the detection task's reorder "
            + "buffer holds, as in unravel scan. Default: ${DEFAULT-VALUE}.")
    int reorderWindow = 10_000;

    @Option(names = "--max-disorder", paramLabel = "DURATION", description = "How far back in time a reader's "
            + "next event may go (90s, 10m, 1h). Events are held this long in event time before "
            + "detection. Default: ${DEFAULT-VALUE}.")
    String maxDisorder = "10m";

    /*
     * 0 by default: on the 2-core build machine, two reading tasks with one parser each took the demo's
     * 801,205 events in 21.2 / 16.0 s, with two each in 19.2 / 14.8 s (JobBench, alternating): a
     * parser that waits on a full queue holds no core, so more of them than cores cost little.
     */
    @Option(names = "--parsers-per-task", paramLabel = "N", description = "Files each reading task parses at once "
            + "(a day's files are merged by time, so a task reads them side by side); 0: one per core of its "
            + "TaskManager, as unravel scan. Lower it when many slots share few cores. Default: ${DEFAULT-VALUE}.")
    int parsers = 0;

    @Option(names = "--event-log", paramLabel = "DIR", description = "Where the detection task keeps the events it "
            + "has taken, for checkpoints and savepoints: a folder every TaskManager can write (a shared path, s3://, "
            + "hdfs://); a restored task takes them again from there. Default: unravel-event-log in "
            + "execution.checkpointing.dir when checkpoints are on.")
    String eventLog;

    public static void main(String[] args) {
        System.exit(new CommandLine(new UnravelJob()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        JobSettings settings = settings();
        List<String[]> days = days(settings);
        if (days.isEmpty() && settings.kafka() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no log files among the inputs and no Kafka "
                    + "topics: for HR, applicant and asset records alone, run unravel scan");
        }
        try {
            ScanGraph.execute(settings, days);
        } catch (NoClassDefFoundError e) {
            if (e.getMessage() != null && e.getMessage().startsWith("org/apache/flink/")) {
                spec.commandLine().getErr().println("Flink is not on the class path: submit the job with Flink's "
                        + "client, flink run unravel-flink.jar …");
                return 1;
            }
            throw e;
        }
        if (settings.report() != null) {
            spec.commandLine().getOut().println("Report written to " + settings.report());
        }
        return 0;
    }

    /** The settings every task gets, with the inputs checked and split into record files and logs. */
    public JobSettings settings() throws java.io.IOException {
        KafkaInput kafka = null;
        for (String[] topic : new String[][] {{"--kafka-assessments-topic", assessmentsTopic},
                {"--kafka-signals-topic", signalsTopic}}) {
            if (topic[1] != null && kafkaBootstrap == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        topic[0] + " needs --kafka-bootstrap: the brokers to send to");
            }
        }
        if (follow) {
            if (kafkaTopics.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kafka-follow reads --kafka-topic on "
                        + "without end: give the topics");
            }
            if (signalsTopic == null && report == null && html == null && assessmentsTopic == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kafka-follow runs without end: give "
                        + "where what it finds goes — --kafka-signals-topic (each signal as it is found), --report or "
                        + "--html (the report as things stand, written again each day of event time), "
                        + "--kafka-assessments-topic (each person's assessment, sent again each day)");
            }
        } else if (report == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--report is needed: where the report goes");
        }
        if (!kafkaTopics.isEmpty() || (kafkaBootstrap != null && assessmentsTopic == null && signalsTopic == null)) {
            if (kafkaBootstrap == null || kafkaTopics.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--kafka-bootstrap and --kafka-topic go together: the brokers and the topics to read");
            }
            try {
                kafka = new KafkaInput(kafkaBootstrap, kafkaTopics, kafkaGroup, kafkaFrom, kafkaProperties);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (inputs.isEmpty() && kafka == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "nothing to read: give files or folders, or Kafka topics (--kafka-bootstrap, --kafka-topic)");
        }
        if (reorderWindow < 1 || parsers < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--reorder-window must be at least 1 and --parsers-per-task not negative");
        }
        Duration lag;
        try {
            lag = Durations.parse("--max-disorder", maxDisorder);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            // as unravel scan checks them, here, and not by every task of a submitted job
            Scan.check(ScanConfigFile.options(inputs, config, intel, rules, scoring, mappings));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> records = new ArrayList<>();
        List<JobSettings.PassedOver> passedOver = new ArrayList<>();
        for (Path f : Inputs.expand(inputs,
                (skipped, reason) -> passedOver.add(new JobSettings.PassedOver(skipped.toString(), reason)))) {
            if (FileOrder.isRecordFile(f, dev.unravel.engine.Scan.FIRST_EVENTS)) { // read before any log
                records.add(f.toAbsolutePath().toString());
            }
        }
        JobSettings settings = new JobSettings(absolute(inputs), records,
                config == null ? null : config.toAbsolutePath().toString(), absolute(intel), absolute(rules),
                scoring == null ? null : scoring.toAbsolutePath().toString(), absolute(mappings), reorderWindow,
                lag.toMillis(), parsers, report, html,
                quarantine == null ? null : quarantine.toAbsolutePath().toString(), passedOver, kafka,
                output(assessmentsTopic), output(signalsTopic), follow, eventLog);
        return settings;
    }

    /** The log files of the inputs, one group per day they name, in time order (what the readers share out). */
    public static List<String[]> days(JobSettings settings) throws java.io.IOException {
        List<Path> files = Inputs.expand(JobSettings.paths(settings.inputs()), (skipped, reason) -> {
        });
        List<String[]> days = new ArrayList<>();
        for (List<Path> group : FileOrder.logGroups(files, dev.unravel.engine.Scan.FIRST_EVENTS)) {
            days.add(group.stream().map(Path::toString).toArray(String[]::new));
        }
        return days;
    }

    private KafkaOutput output(String topic) {
        return topic == null ? null : new KafkaOutput(kafkaBootstrap, topic, kafkaProperties);
    }

    private static List<String> absolute(List<Path> paths) {
        return paths.stream().map(p -> p.toAbsolutePath().toString()).toList();
    }
}
