package dev.unravel.ingest.format;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.unravel.core.Event;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Shared by the identity-source reader tests (Okta, Entra, GitHub, Google Workspace): the
 * simulator's output (generated once per JVM), accounting of records against events and errors,
 * and mutations of real records for property tests.
 */
public final class IdentityTestSupport {
    private static final JsonFactory JSON = new JsonFactory();
    private static Path simulated;

    private IdentityTestSupport() {
    }

    /** The simulator's output for 60 employees, 3 days, seed 7, 3 fraudulent workers; made once. */
    public static synchronized Path simulated() {
        if (simulated == null) {
            try {
                Path dir = Files.createTempDirectory("unravel-sim-identity");
                new Simulator(new SimConfig(60, 3, 7, 3, LocalDate.of(2026, 3, 2), dir, false),
                        Simulator.Progress.NONE).run();
                simulated = dir;
            } catch (Exception e) {
                throw new IllegalStateException("the simulator failed", e);
            }
        }
        return simulated;
    }

    /** The record count the simulator's manifest gives each file, by path relative to the output. */
    public static Map<String, Long> manifestFiles(Path out) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        Map<String, Object> doc = JsonLineMutations.parse(Files.readString(out.resolve("simulation.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) doc.get("files");
        f.forEach((k, v) -> files.put(k, ((Number) v).longValue()));
        return files;
    }

    /** Files under {@code out} whose relative path (with '/') matches {@code glob}. */
    public static List<Path> files(Path out, String glob) throws IOException {
        var matcher = out.getFileSystem().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(out)) {
            return s.filter(Files::isRegularFile).filter(p -> matcher.matches(out.relativize(p))).sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * Every record ended as at least one event or an error; nothing failed as a whole. Looser than
     * {@link JsonLineMutations#assertEveryRecordAccountedFor}: a Graph API page is one record whose
     * good entries become events while each bad entry gets its own error.
     */
    public static void assertAccounted(ReaderHarness.Result r) {
        assertThat(r.failure()).isNull();
        Set<Long> seen = new HashSet<>();
        for (Event e : r.events()) {
            seen.add(e.origin().record());
        }
        for (RecordError e : r.errors()) {
            seen.add(e.record());
        }
        for (long n = 1; n <= r.records(); n++) {
            assertThat(seen).as("record %d ends as events or an error", n).contains(n);
        }
        Set<Long> rejected = new HashSet<>();
        r.errors().forEach(e -> rejected.add(e.record()));
        for (Event e : r.events()) {
            assertThat(rejected).as("record %d is both read and rejected", e.origin().record())
                    .doesNotContain(e.origin().record());
        }
    }

    /** Errors as "field: reason" with their counts, for exact assertions on vendor samples. */
    public static Map<String, Long> reasons(ReaderHarness.Result r) {
        return r.errors().stream().collect(Collectors.groupingBy(e -> e.field() + ": " + e.reason(), TreeMap::new,
                Collectors.counting()));
    }

    /** The reader's id that recognises the file's head. */
    public static String recognised(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] head = Arrays.copyOf(all, Math.min(all.length, Sample.SIZE));
        return Formats.recognise(new Sample(file.getFileName().toString(), head)).map(x -> x.reader().id())
                .orElse(null);
    }

    /** No vendor sample in {@code ../shared} (another product's records) is claimed by {@code reader}. */
    public static void assertClaimsNoVendorSample(dev.unravel.ingest.read.Reader reader) throws IOException {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                assertThat(reader.probe(sample(f))).as(f.toString()).isZero();
            }
        }
    }

    /**
     * Text logs of one line a record, damaged at random — cut short, a character or a
     * {@code damage} character spliced in — six lines to a file over {@code seeds} files: every
     * line ends as events or an error, never both, never nothing.
     */
    public static void assertDamagedLinesAccounted(dev.unravel.ingest.read.Reader reader, String damage, int seeds,
            String... lines) {
        for (long seed = 1; seed <= seeds; seed++) {
            Random rnd = new Random(seed);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                String line = lines[rnd.nextInt(lines.length)];
                int at = rnd.nextInt(line.length());
                switch (rnd.nextInt(4)) {
                    case 0 -> line = line.substring(0, at) + "x";
                    case 1 -> line = line.substring(0, at) + (char) (32 + rnd.nextInt(95)) + line.substring(at);
                    case 2 -> line = line.substring(0, at) + damage + line.substring(at);
                    default -> {
                    }
                }
                text.append(line).append('\n');
            }
            ReaderHarness.Result r = ReaderHarness.read(reader, "damaged.log", text.toString());
            assertThat(r.records()).as("seed %d", seed).isEqualTo(6);
            assertAccounted(r);
        }
    }

    public static Sample sample(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return new Sample(file.getFileName().toString(), Arrays.copyOf(all, Math.min(all.length, Sample.SIZE)));
    }

    /** The non-blank lines of a file. */
    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- mutations for property tests

    /**
     * A mutated version of one JSON record: a key dropped, a value replaced by a random type, the
     * text truncated at a random byte, random bytes spliced in, or left as it was.
     */
    public static String mutate(String record, long seed) {
        Random rnd = new Random(seed);
        int op = rnd.nextInt(6);
        try {
            switch (op) {
                case 0, 1 -> {
                    Object tree = parse(record);
                    List<Object[]> slots = new ArrayList<>();
                    collect(tree, slots, 0);
                    if (!slots.isEmpty()) {
                        Object[] slot = slots.get(rnd.nextInt(slots.size()));
                        if (op == 0) {
                            remove(slot);
                        } else {
                            set(slot, randomValue(rnd));
                        }
                    }
                    return write(tree);
                }
                case 2 -> {
                    byte[] b = record.getBytes(StandardCharsets.UTF_8);
                    return new String(b, 0, rnd.nextInt(b.length + 1), StandardCharsets.UTF_8);
                }
                case 3 -> {
                    byte[] b = record.getBytes(StandardCharsets.UTF_8);
                    int at = rnd.nextInt(b.length + 1);
                    byte[] junk = new byte[1 + rnd.nextInt(16)];
                    rnd.nextBytes(junk);
                    byte[] out = new byte[b.length + junk.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(junk, 0, out, at, junk.length);
                    System.arraycopy(b, at, out, at + junk.length, b.length - at);
                    return new String(out, StandardCharsets.UTF_8);
                }
                case 4 -> {
                    // Several mutations of the tree at once.
                    Object tree = parse(record);
                    for (int i = 0; i < 3; i++) {
                        List<Object[]> slots = new ArrayList<>();
                        collect(tree, slots, 0);
                        if (!slots.isEmpty()) {
                            set(slots.get(rnd.nextInt(slots.size())), randomValue(rnd));
                        }
                    }
                    return write(tree);
                }
                default -> {
                    return record;
                }
            }
        } catch (IOException e) {
            return record.substring(0, record.length() / 2);
        }
    }

    private static Object randomValue(Random rnd) {
        return switch (rnd.nextInt(12)) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> rnd.nextLong();
            case 3 -> rnd.nextDouble() * 1e15;
            case 4 -> "";
            case 5 -> "2026-13-45T99:99:99Z";
            case 6 -> new LinkedHashMap<String, Object>();
            case 7 -> new ArrayList<>(List.of(1, "x", new LinkedHashMap<>()));
            case 8 -> "\u0000\uFFFD" + rnd.nextInt();
            case 9 -> -1L;
            case 10 -> nested(rnd.nextInt(40));
            default -> "x".repeat(rnd.nextInt(200));
        };
    }

    private static Object nested(int depth) {
        Object v = "deep";
        for (int i = 0; i < depth; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("a", v);
            v = m;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Object[]> slots, int depth) {
        if (depth > 20) {
            return;
        }
        if (node instanceof Map<?, ?> m) {
            for (Object k : new ArrayList<>(m.keySet())) {
                slots.add(new Object[] {m, k});
                collect(m.get(k), slots, depth + 1);
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                slots.add(new Object[] {l, i});
                collect(l.get(i), slots, depth + 1);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object[] slot) {
        if (slot[0] instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).remove(slot[1]);
        } else {
            ((List<Object>) slot[0]).remove((int) (Integer) slot[1]);
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object[] slot, Object v) {
        if (slot[0] instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put((String) slot[1], v);
        } else {
            ((List<Object>) slot[0]).set((Integer) slot[1], v);
        }
    }

    /**
     * Feeds three mutated copies of {@code record} to {@code reader}, one a line and (for odd
     * seeds) as a JSON array, and checks that nothing escapes and every record is accounted for.
     */
    public static void checkMutations(dev.unravel.ingest.read.Reader reader, String record, long seed) {
        List<String> copies = List.of(mutate(record, seed), mutate(record, seed * 31 + 1), mutate(record, seed * 17 + 2));
        String text = (seed & 1) == 0 ? String.join("\n", copies) : "[" + String.join(",", copies) + "]";
        assertAccounted(ReaderHarness.read(reader, "mutated.json", text));
        if (seed % 5 == 0) {
            byte[] junk = new byte[1 + (int) Math.floorMod(seed, 300L)];
            new Random(seed).nextBytes(junk);
            assertAccounted(ReaderHarness.read(reader, "junk.bin", new String(junk, StandardCharsets.ISO_8859_1)));
        }
    }

    /** Real records for property tests: the vendor sample's lines when ../shared is there, plus {@code extra}. */
    public static List<String> realRecords(String vendorFile, List<String> extra) {
        List<String> all = new ArrayList<>(extra);
        Path f = dev.unravel.core.testing.SharedData.root().resolve("data/vendor-samples/records").resolve(vendorFile);
        if (Files.isRegularFile(f)) {
            all.addAll(lines(f));
        }
        return all;
    }

    /** A JSON text as a tree (shared with the other property tests). */
    public static Object parse(String json) throws IOException {
        return JsonLineMutations.parse(json);
    }

    /** A tree as compact JSON text. */
    public static String write(Object tree) throws IOException {
        return JsonLineMutations.write(tree);
    }
}
