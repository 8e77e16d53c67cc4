package dev.unravel.flink;

import dev.unravel.engine.Scan;
import dev.unravel.engine.ScanConfigFile;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What every task of the job needs to build the same scan: the settings {@code unravel scan} takes,
 * as text, since Flink ships them to each task by Java serialisation (a {@link Path} is not
 * serialisable). Each task opens its own {@link Scan} from them, so that the readers' Sigma rules
 * and the detection task's are the same rules in the same order.
 *
 * @param inputs        the paths as given, for the report
 * @param records       HR, applicant, asset, payroll and reference files: read by the detection task first
 * @param config        {@code --config} (intel, rules, detector settings), or null
 * @param intel         {@code --intel} files
 * @param rules         {@code --rules} files and folders
 * @param scoring       {@code --scoring}, or null
 * @param mappings      {@code --mapping} files (CSV column mappings)
 * @param reorderWindow events the detection task's reorder buffer holds, as in a scan
 * @param maxDisorderMs how far behind the newest event a reader's events may still come (the watermark's lag)
 * @param parsers       files each reading task parses at once (0: one per processor of its TaskManager)
 * @param report        where the detection task writes the JSON report (any Flink file system), or null
 * @param html          where it writes the HTML report, or null
 * @param quarantine    a folder for each reader's rejected records, or null to count them only
 * @param passedOver    files the inputs hold that are not read (hidden, a git repository), each with why,
 *                      listed in the report as a scan lists them
 * @param kafka         topics to read logs from as well, or null
 * @param assessments   the topic each scored person is sent to, or null
 * @param signals       the topic each signal is sent to as it is found, or null
 * @param follow        read the topics on as messages come, without end (the report, if any, written as things
 *                      stand each day of event time)
 * @param eventLog      a folder (any Flink file system) where the detection task keeps what it applied, for
 *                      checkpoints and savepoints ({@link EventLog}), or null when the job takes none
 */
public record JobSettings(List<String> inputs, List<String> records, String config, List<String> intel,
        List<String> rules, String scoring, List<String> mappings, int reorderWindow, long maxDisorderMs, int parsers,
        String report, String html, String quarantine, List<PassedOver> passedOver, KafkaInput kafka,
        KafkaOutput assessments, KafkaOutput signals, boolean follow, String eventLog) implements Serializable {

    /** A file or folder not read, and why. */
    public record PassedOver(String path, String reason) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final long serialVersionUID = 1L;

    public JobSettings {
        inputs = List.copyOf(inputs);
        records = List.copyOf(records);
        intel = List.copyOf(intel);
        rules = List.copyOf(rules);
        mappings = List.copyOf(mappings);
        passedOver = List.copyOf(passedOver);
    }

    /** These settings with the detection task's event log in {@code folder}. */
    JobSettings withEventLog(String folder) {
        return new JobSettings(inputs, records, config, intel, rules, scoring, mappings, reorderWindow, maxDisorderMs,
                parsers, report, html, quarantine, passedOver, kafka, assessments, signals, follow, folder);
    }

    /** The scan's options, as {@code unravel scan} builds them from the same settings. */
    Scan.Options scanOptions() {
        try {
            Scan.Options o = ScanConfigFile.options(paths(inputs), path(config), paths(intel), paths(rules),
                    path(scoring), paths(mappings));
            // the report lists what was read: the paths, and the topics as kafka:TOPIC
            List<Path> read = new java.util.ArrayList<>(o.inputs());
            if (kafka != null) {
                kafka.topics().forEach(t -> read.add(Path.of(ReadMessages.topicName(t))));
            }
            // following, events reach the scan in time order already (the watermark), and a reorder
            // window of 10,000 events would hold a quiet night's signals until morning
            return o.withInputs(read).withReorderWindow(follow ? 1 : reorderWindow);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> paths(List<String> names) {
        return names.stream().map(Path::of).toList();
    }

    private static Path path(String name) {
        return name == null ? null : Path.of(name);
    }
}
