package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Event;
import dev.unravel.sigma.tool.SigmaMatchCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sigma match} with the rules evaluated on other threads (as the CLI's reader threads do)
 * writes what it writes on one, byte for byte: the same matches, explanations and correlations,
 * in the events' order.
 */
class ParallelMatchTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static final String RULES = """
            title: Whoami
            id: 00000000-0000-4000-8000-000000000011
            name: whoami
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\\\whoami.exe'
                condition: selection
            ---
            title: Encoded PowerShell
            id: 00000000-0000-4000-8000-000000000012
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    CommandLine|contains: ' -enc '
                condition: selection
            ---
            title: Admin named anywhere
            id: 00000000-0000-4000-8000-000000000013
            logsource: {product: windows, category: process_creation}
            detection:
                keywords:
                    - 'administrator'
                condition: keywords
            ---
            title: Three whoami on one host within a minute
            id: 00000000-0000-4000-8000-000000000014
            correlation:
                type: event_count
                rules: [whoami]
                group-by: [Computer]
                timespan: 1m
                condition: {gte: 3}
            """;

    private static List<Event> events(int n) {
        Random random = new Random(11);
        String[] images = {"C:\\Windows\\System32\\whoami.exe", "C:\\Windows\\System32\\cmd.exe",
            "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "C:\\Windows\\notepad.exe"};
        String[] commands = {"whoami /all", "powershell -enc SQBFAFgA", "cmd /c dir", "net user administrator"};
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Rules.event(Rules.PROC, Rules.doc("Image", images[random.nextInt(images.length)],
                    "CommandLine", commands[random.nextInt(commands.length)], "Computer", "pc" + random.nextInt(5)),
                    T0.plusSeconds(i * 3L), i + 1));
        }
        return out;
    }

    private static String run(Path rules, List<Event> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SigmaMatchCommand.Result r = SigmaMatchCommand.run(List.of(rules), List.of(), sink -> events.forEach(sink),
                out);
        assertThat(r.events()).isEqualTo(events.size());
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The matcher run on {@code threads} threads, each event's result handed over in order. */
    private static String runOnThreads(Path rules, List<Event> events, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SigmaMatchCommand.run(List.of(rules), List.of(), (SigmaMatchCommand.MatchingSource) (matcher, sink) -> {
                List<Future<Object>> results = new ArrayList<>();
                for (Event e : events) {
                    results.add(pool.submit(() -> matcher.apply(e)));
                }
                for (int i = 0; i < events.size(); i++) {
                    try {
                        sink.accept(events.get(i), results.get(i).get());
                    } catch (InterruptedException | ExecutionException ex) {
                        throw new IOException(ex);
                    }
                }
            }, out);
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void matchedOnOtherThreads_writesWhatOneThreadWrites(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULES);
        List<Event> events = events(5_000);
        String one = run(rules, events);
        assertThat(one).contains("\"kind\":\"correlation\"").contains("Encoded PowerShell")
                .contains("Admin named anywhere");
        assertThat(one.lines().filter(l -> l.contains("\"kind\":\"correlation\"")).count()).isGreaterThan(100);
        for (int threads : new int[] {2, 8}) {
            assertThat(runOnThreads(rules, events, threads)).as("%d threads", threads).isEqualTo(one);
        }
    }

    @Test
    void aReadingFailure_endsTheRun_withItsError(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("r.yml"), RULES);
        List<Event> events = events(1_000);
        assertThatThrownBy(() -> SigmaMatchCommand.run(List.of(rules), List.of(), sink -> {
            for (int i = 0; i < 700; i++) {
                sink.accept(events.get(i));
            }
            throw new IOException("events.json: record 701: cut off");
        }, new ByteArrayOutputStream())).isInstanceOf(IOException.class).hasMessageContaining("record 701");
    }
}
