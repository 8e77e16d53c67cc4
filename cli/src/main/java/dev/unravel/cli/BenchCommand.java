package dev.unravel.cli;

import dev.unravel.core.Event;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.source.Inputs;
import dev.unravel.ingest.source.Utf8Stream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unravel bench}: measured speed of the hot paths, on this machine, one thread. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures the speed of Unravel's hot paths on this machine (ingest and sigma: one thread; "
                + "scan: end to end).", ""},
        subcommands = {BenchCommand.IngestBench.class, BenchCommand.SigmaBenchCommand.class,
            BenchCommand.ScanBench.class})
public final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = {"Reads the given files into memory (decompressed), then parses them with their readers "
                    + "repeatedly on one thread and prints records/s and MB/s per format. Warm-up rounds are not "
                    + "counted.", ""},
            footer = {"", "Example:", "  unravel bench ingest --rounds 5 sim-out"})
    static final class IngestBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read.")
        List<Path> paths;

        @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds. Default: ${DEFAULT-VALUE}.")
        int rounds = 5;

        @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured rounds first. Default: ${DEFAULT-VALUE}.")
        int warmup = 2;

        private record Loaded(String name, Reader reader, byte[] content) {
        }

        @Override
        public Integer call() throws IOException {
            List<Loaded> files = new ArrayList<>();
            for (Path f : Inputs.expand(paths)) {
                Inputs.visit(f, new Inputs.Visitor() {
                    @Override
                    public void file(String name, Sample sample, InputStream content, Utf8Stream.Encoding encoding)
                            throws IOException {
                        Formats.recognise(sample).ifPresent(r -> {
                            try {
                                files.add(new Loaded(name, r.reader(), content.readAllBytes()));
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                    }

                    @Override
                    public void unreadable(String name, String reason) {
                        // not measurable; ingest check reports it
                    }
                });
            }
            Map<String, long[]> perFormat = new TreeMap<>(); // records, bytes, nanos
            for (int round = 0; round < warmup + rounds; round++) {
                for (Loaded l : files) {
                    long[] records = {0};
                    RecordSink sink = new RecordSink() {
                        @Override
                        public void accept(Event event) {
                        }

                        @Override
                        public void reject(RecordError error) {
                        }

                        @Override
                        public void record() {
                            records[0]++;
                        }
                    };
                    long t0 = System.nanoTime();
                    l.reader().read(new Input(l.name(), new ByteArrayInputStream(l.content()), Limits.DEFAULT), sink);
                    long nanos = System.nanoTime() - t0;
                    if (round >= warmup) {
                        long[] acc = perFormat.computeIfAbsent(l.reader().id(), k -> new long[3]);
                        acc[0] += records[0];
                        acc[1] += l.content().length;
                        acc[2] += nanos;
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(BenchHost.line());
            out.printf(Locale.ROOT, "%-28s %14s %12s %10s%n", "format", "records/s", "MB/s", "records");
            for (Map.Entry<String, long[]> e : perFormat.entrySet()) {
                long[] a = e.getValue();
                double s = a[2] / 1e9;
                out.printf(Locale.ROOT, "%-28s %,14.0f %12.1f %,10d%n", e.getKey(), a[0] / s, a[1] / 1e6 / s,
                        a[0] / Math.max(1, rounds));
            }
            out.printf(Locale.ROOT, "(%d files, %d measured rounds after %d warm-up, one thread)%n", files.size(),
                    rounds, warmup);
            return 0;
        }
    }

    @Command(name = "sigma", mixinStandardHelpOptions = true,
            description = {"Loads the rules, repeats the given evtx_dump JSON events to at least --events-min, and "
                    + "prints single-thread events/s for parsing alone and for parsing plus matching, with the "
                    + "rules loaded and the matches found.", ""},
            footer = {"", "Examples:", "  unravel bench sigma --rules ../shared/data/sigma/rules "
                + "--events ../shared/data/sigma/regression_data",
                "  unravel bench sigma --rules my-rules --events sysmon.json --profile 20"})
    static final class SigmaBenchCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        RuleOptions rules;

        @Option(names = "--events", paramLabel = "PATH", required = true, arity = "1..*",
                description = "evtx_dump JSON event files or folders.")
        List<Path> events;

        @Option(names = "--events-min", paramLabel = "N",
                description = "Repeat the events to at least this many. Default: ${DEFAULT-VALUE}.")
        int minEvents = 100_000;

        @Option(names = "--profile", paramLabel = "N",
                description = "Then show where matching time goes on these events: by logsource, and the N rules "
                        + "that cost the most, with how often each is evaluated and why (no literal the prefilter "
                        + "can look for, or its literals found).")
        int profileTop;

        @Override
        public Integer call() throws IOException {
            List<Path> ruleFiles = rules.rules();
            RuleOptions.exists(events, "--events");
            if (profileTop < 0) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--profile takes a number of rules, 0 or more; got " + profileTop);
            }
            spec.commandLine().getOut().println(BenchHost.line());
            dev.unravel.sigma.tool.SigmaBench.run(ruleFiles, events, rules.pipelines, minEvents, profileTop,
                    spec.commandLine().getOut());
            return 0;
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Scans the given files end to end (ingest, detect, resolve, score) without writing a "
                    + "report and prints events/s, the CPU per event of the detection thread and of the whole process, "
                    + "the heap live when the last file has been read (after a full GC, "
                    + "not counted in the time) and that heap per worker scanned: the state a scan keeps per "
                    + "person.", ""},
            footer = {"", "Examples:", "  JAVA_OPTS=-Xmx2g unravel bench scan sim-10k",
                    "  JAVA_OPTS=-Xmx2g unravel bench scan sim-10k --rules ../shared/data/sigma/rules"})
    static final class ScanBench implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to scan.")
        List<Path> paths;

        @Option(names = "--read-only", description = "Only read the files, merge their events by time and "
                + "restore time order, as a scan does, without roster, detectors or report: the reading side's "
                + "throughput alone.")
        boolean readOnly;

        @Option(names = "--rules", paramLabel = "PATH", description = "Extra Sigma rules (files or folders), as "
                + "scan takes them; repeatable.")
        List<Path> rules = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (readOnly && !rules.isEmpty()) {
                throw new IllegalArgumentException("--rules has no effect with --read-only (no detectors run)");
            }
            out.println(BenchHost.line());
            if (readOnly) {
                return readOnly(out);
            }
            for (Path p : rules) {
                if (!java.nio.file.Files.exists(p)) {
                    throw new IllegalArgumentException(p + ": no such file or folder");
                }
            }
            Runtime rt = Runtime.getRuntime();
            long before = usedAfterGc(rt);
            dev.unravel.engine.Scan.Options o = dev.unravel.engine.Scan.Options.of(paths)
                    .withDetect(dev.unravel.engine.ScanConfigFile.load(null, List.of(), rules));
            long[] held = {0};
            long[] gcNanos = {0};
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long main0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            // measured when the last file is read: roster, activity, signals and detector state all live
            dev.unravel.engine.report.Report r = dev.unravel.engine.Scan.run(o, (done, total, file, events) -> {
                if (done == total && held[0] == 0) {
                    long g = System.nanoTime();
                    held[0] = Math.max(1, usedAfterGc(rt) - before);
                    gcNanos[0] = System.nanoTime() - g;
                }
            });
            double seconds = (System.nanoTime() - t0 - gcNanos[0]) / 1e9;
            double mainCpu = (threads.getCurrentThreadCpuTime() - main0) / 1e9;
            double allCpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            out.printf(Locale.ROOT, "scan: %,d files, %,d events in %.1f s = %,.0f events/s, %,d late%s%n",
                    r.ingest().files(), r.ingest().events(), seconds, r.ingest().events() / seconds, r.ingest().lateEvents(),
                    notCounted(r.ingest().quarantined(), r.ingest().wrongFiles().size(), "with problems"));
            for (dev.unravel.engine.report.Report.FileProblem f : r.ingest().wrongFiles()) {
                spec.commandLine().getErr().println("problem: " + f.file() + ": " + f.problem());
            }
            out.printf(Locale.ROOT, "workers scanned %,d; signals %,d; heap live after the last file %,.1f MB = %,d "
                    + "bytes per worker, reorder window included (max heap %,d MB)%n", r.workersScanned(),
                    r.detectors().stream().mapToLong(d -> d.signals()).sum(), held[0] / 1e6,
                    r.workersScanned() == 0 ? 0 : held[0] / r.workersScanned(), rt.maxMemory() >> 20);
            // The detection thread is the pipeline's serial stage: its CPU per event bounds throughput
            // whatever the cores, and it is steadier than wall time on a shared host.
            long n = Math.max(1, r.ingest().events());
            out.printf(Locale.ROOT, "CPU: detection thread %.1f s = %.2f µs/event; all threads %.1f s = %.2f µs/event "
                    + "(the collector and the full GCs of the heap measurement included)%n", mainCpu, mainCpu * 1e6 / n,
                    allCpu, allCpu * 1e6 / n);
            return 0;
        }

        private int readOnly(PrintWriter out) throws IOException {
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            dev.unravel.engine.Scan.ReadOnly read = dev.unravel.engine.Scan.readOnly(paths,
                    dev.unravel.engine.Scan.Options.of(paths).reorderWindow(), e -> { });
            long events = read.events();
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            out.printf(Locale.ROOT, "read only: %,d events in %.1f s = %,.0f events/s; CPU %.1f s = %.2f µs/event%s%n",
                    events, seconds, events / seconds, cpu, cpu * 1e6 / Math.max(1, events),
                    notCounted(read.quarantined(), read.notRead().size(), "not read in full"));
            for (String f : read.notRead()) {
                spec.commandLine().getErr().println("not read: " + f);
            }
            return 0;
        }

        /** What the figures leave out, so that a benchmark of bad input does not pass for one of good input. */
        private static String notCounted(long quarantined, int files, String what) {
            return (quarantined == 0 ? "" : String.format(Locale.ROOT, "; %,d records quarantined", quarantined))
                    + (files == 0 ? "" : String.format(Locale.ROOT, "; %,d files %s (listed on standard error)", files,
                            what));
        }

        private static long usedAfterGc(Runtime rt) {
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            return rt.totalMemory() - rt.freeMemory();
        }
    }
}
