package dev.unravel.sim;

import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.out.OutputDir;
import dev.unravel.sim.out.SourceWriter;
import dev.unravel.sim.plan.DayPlanner;
import dev.unravel.sim.plan.Step;
import dev.unravel.sim.plan.Truth;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.PopulationBuilder;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a simulation: builds the company, plans every working day, and streams each day's
 * activities, in time order, to the source writers.
 *
 * <p><b>Streaming.</b> People are planned in their own working time zone, so one local day's
 * activities spread over up to three UTC days. Local day {@code L} never produces anything
 * earlier than {@code L-1 10:00Z} (UTC+14 is the easternmost zone), so once local days up to
 * {@code L} are planned, UTC day {@code L-1} is complete: it is sorted and written, and only about
 * two days of activities are ever held in memory, however many days are simulated.
 *
 * <p><b>Atomic output.</b> Everything is written into a hidden sibling folder that is renamed to
 * the requested name only when the run succeeds; a failed or interrupted run never leaves a
 * folder that looks complete.
 */
public final class Simulator {

    /** Told after each simulated day; used for the progress bar. */
    public interface Progress {
        Progress NONE = (done, total, records) -> {
        };

        void day(int done, int total, long records);
    }

    /** What a run wrote. */
    public record Result(Path out, long records, Map<String, Long> perSource, int people, int fraudulent) {
    }

    private final SimConfig config;
    private final Progress progress;

    public Simulator(SimConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    /** The output folder cannot be used; the message says why in one line. */
    public static final class OutputProblem extends IOException {
        private static final long serialVersionUID = 1L;

        OutputProblem(String message) {
            super(message);
        }
    }

    /** Checks the output folder without touching it: the errors a user should see before any work. */
    public static void checkOutput(SimConfig config) throws IOException {
        Path out = config.out().toAbsolutePath().normalize();
        if (Files.exists(out)) {
            if (!Files.isDirectory(out)) {
                throw new OutputProblem(out + " exists and is not a folder");
            }
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent() && !config.force()) {
                    throw new OutputProblem(out + " is not empty (use --force to replace it)");
                }
            }
        }
        for (Path p = out.getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw new OutputProblem("cannot create " + out + ": " + p + " is a file, not a folder");
                }
                if (!Files.isWritable(p)) {
                    throw new OutputProblem("cannot create " + out + ": " + p + " is not writable");
                }
                break;
            }
        }
    }

    public Result run() throws IOException {
        checkOutput(config);
        Path out = config.out().toAbsolutePath().normalize();
        Files.createDirectories(out.getParent());
        Path partial = out.resolveSibling("." + out.getFileName() + ".partial-" + ProcessHandle.current().pid());
        deleteRecursively(partial);
        Files.createDirectories(partial);
        try {
            Result r = simulate(new OutputDir(partial));
            if (Files.exists(out)) {
                deleteRecursively(out);
            }
            Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
            return new Result(out, r.records(), r.perSource(), r.people(), r.fraudulent());
        } catch (IOException | RuntimeException | Error e) {
            deleteRecursively(partial);
            throw e;
        }
    }

    private Result simulate(OutputDir dir) throws IOException {
        World world = new PopulationBuilder(config).build();
        Truth truth = new Truth();
        recordStaticSteps(world, truth);
        DayPlanner planner = new DayPlanner(world, truth, config.start(), config.days(),
                config.vpn() != SimConfig.Vpn.NONE, config.office());
        List<SourceWriter> writers = Outputs.writers(dir, world, config);
        Mailroom mailroom = new Mailroom(world, truth, planner, config);

        List<Activity> pending = new ArrayList<>();
        LocalDate start = config.start();
        LocalDate end = config.end();
        long records = 0;
        int daysDone = 0;
        try {
            for (LocalDate local = start.minusDays(1); !local.isAfter(end); local = local.plusDays(1)) {
                for (Person p : world.people) {
                    planner.plan(p, local, pending);
                }
                if (local.isBefore(end)) {
                    mailroom.deliver(local, pending);
                }
                LocalDate complete = local.minusDays(1);
                if (!complete.isBefore(start)) {
                    pending = flush(complete, pending, writers);
                    records = writers.stream().mapToLong(SourceWriter::records).sum();
                    progress.day(++daysDone, config.days(), records);
                }
            }
        } finally {
            for (SourceWriter w : writers) {
                w.close();
            }
        }
        Map<String, String> repositories = Outputs.records(dir, world, truth, config);
        Map<String, Long> perSource = new LinkedHashMap<>();
        for (SourceWriter w : writers) {
            perSource.merge(w.source(), w.records(), Long::sum);
        }
        Outputs.manifest(dir, config, perSource, repositories);
        return new Result(dir.root(), perSource.values().stream().mapToLong(Long::longValue).sum(), perSource,
                world.people.size(), world.fraudulent().size());
    }

    /** Writes UTC day {@code day}'s activities in time order and returns those that belong to later days. */
    private static List<Activity> flush(LocalDate day, List<Activity> pending, List<SourceWriter> writers)
            throws IOException {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Activity> today = new ArrayList<>();
        List<Activity> later = new ArrayList<>(pending.size() / 2);
        for (Activity a : pending) {
            if (a.time().isBefore(from)) {
                continue; // before the first simulated day
            }
            (a.time().isBefore(until) ? today : later).add(a);
        }
        // Stable sort: ties keep planning order, which is deterministic.
        today.sort(Comparator.comparing(Activity::time));
        for (SourceWriter w : writers) {
            w.startDay(day);
        }
        for (Activity a : today) {
            for (SourceWriter w : writers) {
                w.accept(a);
            }
        }
        return later;
    }

    private void recordStaticSteps(World world, Truth truth) {
        for (Person p : world.fraudulent()) {
            world.applicants.stream().filter(a -> a.id.equals(p.applicantId)).findFirst()
                    .ifPresent(a -> truth.mark(p, Step.APPLIED, a.appliedAt, "applicants", "applied_at of " + a.id));
            truth.mark(p, Step.HIRED, p.hireDate.atStartOfDay(ZoneOffset.UTC).toInstant(), "hr",
                    "hire_date " + p.hireDate);
            if (p.shipment != null) {
                truth.mark(p, Step.LAPTOP_SHIPPED, p.shipment.shippedAt(), "assets",
                        "shipped_at of " + p.shipment.id() + " to " + p.shipment.shipTo().oneLine());
            }
            if (p.terminationDate != null && p.terminationDate.isBefore(config.end())) {
                truth.mark(p, Step.TERMINATED, p.terminationDate.atStartOfDay(ZoneOffset.UTC).toInstant(), "hr",
                        "termination_date " + p.terminationDate);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (NoSuchFileException ignored) {
                    // already gone
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
