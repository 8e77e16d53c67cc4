package dev.unravel.ingest.format;

import dev.unravel.core.Event;
import dev.unravel.ingest.format.entra.EntraSignInReader;
import dev.unravel.ingest.format.github.GithubAuditReader;
import dev.unravel.ingest.format.gworkspace.GoogleWorkspaceReader;
import dev.unravel.ingest.format.okta.OktaReader;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Single-thread records/s of the identity readers, for the closing note; not a test (tests never
 * time anything). Run with the test classpath: {@code java -cp … dev.unravel.ingest.format.IdentityThroughput}.
 * Input is the simulator's output (1,000 employees, 10 days), concatenated per source and held in
 * memory, so the figure is parsing and conversion, not disk.
 */
public final class IdentityThroughput {
    private IdentityThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Files.createTempDirectory("unravel-throughput");
        new Simulator(new SimConfig(1000, 10, 11, 20, LocalDate.of(2026, 3, 2), out, false),
                Simulator.Progress.NONE).run();
        byte[] okta = concat(IdentityTestSupport.files(out, "okta/*.ndjson"));
        byte[] entra = concat(IdentityTestSupport.files(out, "entra/**/PT1H.json"));
        byte[] github = concat(IdentityTestSupport.files(out, "github/*.json"));
        String lowered = lowerOkta(okta);
        byte[] gws = workspace(200_000);

        for (int round = 1; round <= 2; round++) {
            System.out.println(round == 1 ? "warm-up round:" : "measured round:");
            run("okta", new OktaReader(), okta);
            run("okta (lower-cased keys)", new OktaReader(), lowered.getBytes(StandardCharsets.UTF_8));
            run("entra-signin", new EntraSignInReader(), entra);
            run("github-audit", new GithubAuditReader(), github);
            run("gworkspace", new GoogleWorkspaceReader(), gws);
        }
    }

    private static void run(String name, Reader reader, byte[] content) throws Exception {
        double best = 0;
        long records = 0;
        for (int i = 0; i < 5; i++) {
            long[] n = {0, 0};
            long t0 = System.nanoTime();
            reader.read(new Input(name, new ByteArrayInputStream(content), Limits.DEFAULT), new RecordSink() {
                @Override
                public void accept(Event event) {
                    n[0]++;
                }

                @Override
                public void reject(RecordError error) {
                    n[1]++;
                }
            });
            double secs = (System.nanoTime() - t0) / 1e9;
            records = n[0] + n[1];
            if (n[1] > 0) {
                throw new IllegalStateException(name + ": " + n[1] + " rejected");
            }
            best = Math.max(best, records / secs);
        }
        System.out.printf("%-26s %,10d records %,8.1f MB  best of 5: %,10.0f records/s%n", name, records,
                content.length / 1e6, best);
    }

    private static byte[] concat(List<Path> files) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Path f : files) {
            b.write(Files.readAllBytes(f));
        }
        return b.toByteArray();
    }

    /** The same events with every key lower-cased, as some exports write them. */
    private static String lowerOkta(byte[] okta) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String line : new String(okta, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                b.append(IdentityTestSupport.write(lower(IdentityTestSupport.parse(line)))).append('\n');
            }
        }
        return b.toString();
    }

    private static Object lower(Object node) {
        if (node instanceof java.util.Map<?, ?> m) {
            java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k.toString().toLowerCase(java.util.Locale.ROOT), lower(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(IdentityThroughput::lower).toList();
        }
        return node;
    }

    private static byte[] workspace(int n) {
        StringBuilder b = new StringBuilder();
        Instant t = Instant.parse("2026-03-02T00:00:00Z");
        for (int i = 0; i < n; i++) {
            b.append("{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"").append(t.plusSeconds(i))
                    .append("\",\"uniqueQualifier\":\"").append(-4812937750151843202L + i)
                    .append("\",\"applicationName\":\"login\",\"customerId\":\"C03az79cb\"},\"actor\":{\"callerType\":"
                            + "\"USER\",\"email\":\"user").append(i % 1000).append("@example.com\",\"profileId\":\"1052505")
                    .append(i % 1000).append("\"},\"ipAddress\":\"203.0.113.").append(i % 250).append("\",\"events\":[{"
                            + "\"type\":\"login\",\"name\":\"login_success\",\"parameters\":[{\"name\":\"login_type\","
                            + "\"value\":\"google_password\"},{\"name\":\"login_challenge_method\",\"multiValue\":["
                            + "\"password\",\"google_authenticator\"]},{\"name\":\"is_suspicious\",\"boolValue\":false}]}]}\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
