package dev.unravel.ingest.format.zeek;

import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.JsonLineMutations;
import dev.unravel.ingest.read.Limits;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ZeekPropertyTest {
    private static final List<String> REAL_JSON = List.of(ZeekJsonReaderTest.NATIVE_CONN,
            ZeekJsonReaderTest.EXPORTED_DNS,
            "{\"@stream\":\"files\",\"@system\":\"test-nsm\",\"@proc\":\"zeek\",\"ts\":1588317581.633415,"
                    + "\"fuid\":\"FD5KIi39IbPe8eJSk5\",\"tx_hosts\":[\"13.107.42.12\"],\"rx_hosts\":[\"10.0.1.5\"],"
                    + "\"conn_uids\":[\"CaWnfw1s0PAvXinTZ9\"],\"source\":\"SSL\",\"depth\":0,\"analyzers\":[\"X509\","
                    + "\"MD5\"],\"mime_type\":\"application/x-x509-user-cert\",\"duration\":0.0,\"is_orig\":false,"
                    + "\"seen_bytes\":5382,\"timedout\":false,\"md5\":\"26289a2b50360e6c4a6a1be4f698419a\"}");

    @Provide
    Arbitrary<String> mutatedJsonLogs() {
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(REAL_JSON), Arbitraries.integers().between(0, 5),
                Arbitraries.longs()).as(JsonLineMutations::mutate);
        return line.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("\n", l));
    }

    @Property(tries = 400)
    void everyMutatedJsonRecordEndsAsEventsOrAnError(@ForAll("mutatedJsonLogs") String text) {
        var r = ReaderHarness.read(new ZeekJsonReader(), "conn.log",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), Limits.DEFAULT);
        JsonLineMutations.assertEveryRecordAccountedFor(r);
    }

    @Provide
    Arbitrary<String> mutatedTsvLogs() {
        return Combinators.combine(Arbitraries.of(ZeekTsvReaderTest.CONN, ZeekTsvReaderTest.DNS,
                ZeekTsvReaderTest.CONN + ZeekTsvReaderTest.DNS), Arbitraries.integers().between(0, 6).list()
                .ofMinSize(1).ofMaxSize(4), Arbitraries.longs()).as(ZeekPropertyTest::mutateTsv);
    }

    /** Line-level damage: drop a value, swap in a random string, drop a header line, truncate, random bytes. */
    static String mutateTsv(String text, List<Integer> kinds, long seed) {
        Random rnd = new Random(seed);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        for (int kind : kinds) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            String[] values = line.split("\t", -1);
            switch (kind) {
                case 0 -> { // drop one value
                    List<String> v = new ArrayList<>(Arrays.asList(values));
                    v.remove(rnd.nextInt(v.size()));
                    lines.set(i, String.join("\t", v));
                }
                case 1 -> { // a value of the wrong type
                    values[rnd.nextInt(values.length)] = List.of("", "-", "(empty)", "T", "x\\x0", "1e400", "\\",
                            "-1", "18446744073709551616", "nan").get(rnd.nextInt(10));
                    lines.set(i, String.join("\t", values));
                }
                case 2 -> lines.remove(i); // a header line or a row gone
                case 3 -> { // truncated mid-line
                    lines.set(i, line.substring(0, rnd.nextInt(line.length() + 1)));
                    lines = new ArrayList<>(lines.subList(0, i + 1));
                }
                case 4 -> { // random bytes in place of a line
                    byte[] b = new byte[rnd.nextInt(120)];
                    rnd.nextBytes(b);
                    lines.set(i, new String(b, StandardCharsets.ISO_8859_1));
                }
                case 5 -> lines.add(i, "#fields\tts\tuid"); // a header that changes the schema midway
                default -> { // unchanged
                }
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines);
    }

    @Property(tries = 400)
    void everyMutatedTsvRecordEndsAsEventsOrAnError(@ForAll("mutatedTsvLogs") String text) {
        var r = ReaderHarness.read(new ZeekTsvReader(), "conn.log",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), Limits.DEFAULT);
        JsonLineMutations.assertEveryRecordAccountedFor(r);
    }
}
