package dev.unravel.flink;

import dev.unravel.engine.Scan;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Quarantine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * A reading task: takes one day's log files at a time, reads them as a scan reads a day (side by
 * side, merged by time, bad records quarantined), runs the detectors' state-free work on each
 * event (Sigma matching above all), and sends each event with that work on as bytes
 * ({@link EventCodec}), then each file's summary. This is the part of a scan that grows with the
 * logs, and the part that runs on every task slot.
 */
final class ReadDays extends RichFlatMapFunction<String[], byte[]> {

    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private transient Scan scan;
    private transient EventCodec codec;
    private transient Quarantine quarantine;

    ReadDays(JobSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        // Only the detectors' preparing half is used here; the scan's roster stays empty.
        scan = Scan.open(settings.scanOptions());
        codec = new EventCodec(scan.runner());
        Path file = null;
        if (settings.quarantine() != null) {
            Path dir = Files.createDirectories(Path.of(settings.quarantine()));
            var task = getRuntimeContext().getTaskInfo();
            file = dir.resolve("quarantine-" + task.getIndexOfThisSubtask() + "-" + task.getAttemptNumber()
                    + ".ndjson");
        }
        quarantine = new Quarantine(file);
    }

    @Override
    public void flatMap(String[] day, Collector<byte[]> out) throws Exception {
        long before = quarantine.count();
        List<FileSummary> summaries = Scan.readGroup(JobSettings.paths(List.of(day)), quarantine,
                JobSettings.paths(settings.mappings()), settings.parsers(), scan.prepares() ? scan::prepare : null,
                (e, prepared) -> out.collect(codec.encode(e, prepared)));
        for (FileSummary s : summaries) {
            out.collect(codec.encode(s));
        }
        if (quarantine.count() != before) {
            out.collect(EventCodec.quarantined(quarantine.count() - before));
        }
    }

    @Override
    public void close() throws Exception {
        if (quarantine != null) {
            quarantine.close();
        }
    }
}
