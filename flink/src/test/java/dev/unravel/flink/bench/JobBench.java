package dev.unravel.flink.bench;

import dev.unravel.engine.Scan;
import dev.unravel.engine.report.Report;
import dev.unravel.flink.ScanGraph;
import dev.unravel.flink.UnravelJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The job on a local Flink (a mini cluster in this JVM) against {@code unravel scan}'s engine, over
 * the same files, one after the other, each {@code rounds} times: wall time and events/s
 * ({@code -Djobbench.jobOnly=true}: the job alone, for a profile; {@code -Djobbench.parsers=N}: the
 * job's {@code --parsers-per-task}, 0 by default; {@code -Djobbench.checkpoints=10s}: checkpoints that
 * often, and the detection task's event log, in the temporary folder). One
 * machine says what the job costs over a scan (serialising events, watermarks, one more copy); the
 * gain is in adding TaskManagers, which one machine cannot show.
 *
 * <pre>
 * ./unravel simulate --employees 500 --days 60 --out /tmp/demo-sim --quiet
 * (cd flink &amp;&amp; ../mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-cp.txt)
 * java -Xmx6g -cp flink/target/test-classes:flink/target/classes:$(cat flink/target/test-cp.txt) \
 *     dev.unravel.flink.bench.JobBench 2 3 /tmp/demo-sim
 * </pre>
 */
public final class JobBench {

    private JobBench() {
    }

    public static void main(String[] args) throws Exception {
        int parallelism = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        List<Path> inputs = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            inputs.add(Path.of(args[i]));
        }
        for (int round = 1; round <= rounds; round++) {
            long t0 = System.nanoTime();
            long scanned = -1;
            if (!Boolean.getBoolean("jobbench.jobOnly")) {
                Report local = Scan.run(Scan.Options.of(inputs), Scan.Progress.NONE);
                double scan = (System.nanoTime() - t0) / 1e9;
                scanned = local.ingest().events();
                System.out.printf("round %d  scan: %,d events in %.1f s (%,.0f events/s)%n", round, scanned, scan,
                        scanned / scan);
            }

            UnravelJob job = new UnravelJob();
            List<String> cli = new ArrayList<>(List.of("--report", Path.of(System.getProperty("java.io.tmpdir"),
                    "jobbench-report.json").toString()));
            cli.add("--parsers-per-task=" + Integer.getInteger("jobbench.parsers", 0));
            inputs.forEach(p -> cli.add(p.toString()));
            new picocli.CommandLine(job).parseArgs(cli.toArray(String[]::new));
            var settings = job.settings();
            t0 = System.nanoTime();
            org.apache.flink.configuration.Configuration conf = new org.apache.flink.configuration.Configuration();
            String every = System.getProperty("jobbench.checkpoints");
            if (every != null) {
                conf.set(org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY, Path.of(
                        System.getProperty("java.io.tmpdir"), "jobbench-checkpoints").toUri().toString());
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism + 1, conf);
            env.setParallelism(parallelism);
            if (every != null) {
                env.enableCheckpointing(dev.unravel.core.Durations.parse("jobbench.checkpoints", every).toMillis());
            }
            String report;
            try (CloseableIterator<String> it = ScanGraph.build(env, settings, UnravelJob.days(settings))
                    .executeAndCollect("bench")) {
                report = it.next();
            }
            double flink = (System.nanoTime() - t0) / 1e9;
            long events = dev.unravel.engine.report.ReportJson.mapper().readTree(report).at("/ingest/events").asLong();
            System.out.printf("round %d  job (%d readers): %,d events in %.1f s (%,.0f events/s), the same count: %s%n",
                    round, parallelism, events, flink, events / flink, scanned < 0 ? "not scanned" : events == scanned);
        }
    }
}
