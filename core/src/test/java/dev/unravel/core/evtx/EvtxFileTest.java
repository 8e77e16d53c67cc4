package dev.unravel.core.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.json.JsonBytesParser;
import dev.unravel.core.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Binary event logs read natively give, record for record, the documents evtx_dump gives: every
 * .evtx of SigmaHQ's regression data against its JSON twin (written by evtx_dump).
 */
class EvtxFileTest {

    /**
     * The one twin that is not evtx_dump's output of its log: it was edited by hand (a time with
     * nanoseconds, which evtx_dump never writes, and {@code Explorer.exe} where the log has
     * Windows' own {@code Explorer.EXE}).
     */
    private static final String EDITED_TWIN = "ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx";

    @Test
    void everyRegressionLog_readsAsItsEvtxDumpTwin_butForTheSpacesEvtxDumpTrims() throws IOException {
        List<Path> logs = SharedData.regressionLogs();
        assertThat(logs).hasSizeGreaterThan(150);
        int records = 0;
        int trimmedByEvtxDump = 0;
        for (Path log : logs) {
            List<Map<String, Object>> expected = documents(Files.readAllBytes(SharedData.jsonTwin(log)));
            List<Map<String, Object>> actual = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            try (InputStream in = Files.newInputStream(log)) {
                EvtxFile.read(in, visitor(actual, bad));
            }
            assertThat(bad).as(log.toString()).isEmpty();
            assertThat(actual).as(log.toString()).hasSameSizeAs(expected);
            List<String> differences = new ArrayList<>();
            for (int i = 0; i < actual.size(); i++) {
                differences("", actual.get(i), expected.get(i), differences);
            }
            List<String> beyondSpaces = differences.stream().filter(d -> !d.endsWith("(spaces)")).toList();
            if (log.getFileName().toString().equals(EDITED_TWIN)) {
                assertThat(beyondSpaces).containsExactlyInAnyOrder(".Event.System.TimeCreated.#attributes.SystemTime",
                        ".Event.EventData.ParentCommandLine");
            } else {
                assertThat(beyondSpaces).as(log.toString()).isEmpty();
            }
            trimmedByEvtxDump += differences.size() - beyondSpaces.size();
            records += actual.size();
        }
        assertThat(records).isGreaterThan(200);
        // Command lines ending in a space ("cmd.exe" ), as the log holds them; evtx_dump trims text.
        assertThat(trimmedByEvtxDump).isBetween(50, 200);
    }

    static EvtxFile.Visitor visitor(List<Map<String, Object>> docs, List<String> bad) {
        return new EvtxFile.Visitor() {
            @Override
            public void record(long ordinal, long recordId, byte[] json) {
                docs.add(new JsonBytesParser(64, 1 << 24).parse(json, 0, json.length));
            }

            @Override
            public void bad(long ordinal, long recordId, String reason) {
                bad.add(ordinal + " " + recordId + " " + reason);
            }
        };
    }

    /** The paths where the two documents differ; "(spaces)" marks text that differs only in surrounding spaces. */
    static void differences(String path, Object a, Object b, List<String> out) {
        if (a instanceof Map<?, ?> m && b instanceof Map<?, ?> n) {
            Set<Object> keys = new LinkedHashSet<>(m.keySet());
            keys.addAll(n.keySet());
            for (Object k : keys) {
                differences(path + "." + k, m.get(k), n.get(k), out);
            }
        } else if (!Objects.equals(a, b)) {
            boolean spaces = a instanceof String s && b instanceof String t && s.strip().equals(t.strip());
            out.add(spaces ? path + " (spaces)" : path);
        }
    }

    /** The documents of an evtx_dump JSON file, pretty-printed back to back. */
    static List<Map<String, Object>> documents(byte[] json) {
        List<Map<String, Object>> out = new ArrayList<>();
        JsonBytesParser p = new JsonBytesParser(64, 1 << 24);
        int at = 0;
        while (true) {
            while (at < json.length && Character.isWhitespace(json[at])) {
                at++;
            }
            if (at >= json.length) {
                return out;
            }
            Map<String, Object> d = p.parseFirst(json, at, json.length - at);
            assertThat(d).isNotNull();
            out.add(d);
            at = p.next();
        }
    }

    private static final String SEVEN = "rules/windows/file/file_event/file_event_win_hktl_netexec_file_indicators/"
            + "efc21479-9e83-41da-8cf1-122e06ba8db3.evtx";
    private static final String SIX = "rules/windows/file/file_event/file_event_win_cred_dump_tools_dropped_files/"
            + "8fbf3271-1ef6-4e94-8210-03c2317947f6.evtx";

    private static byte[] log(String name) throws IOException {
        return Files.readAllBytes(SharedData.sigma().resolve("regression_data").resolve(name));
    }

    private static List<Map<String, Object>> read(byte[] file, List<String> bad) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        EvtxFile.read(new ByteArrayInputStream(file), visitor(docs, bad));
        return docs;
    }

    /** Where each record of the first chunk starts (file offsets). */
    private static List<Integer> recordStarts(byte[] file) {
        List<Integer> starts = new ArrayList<>();
        for (int at = 4096 + 512; EvtxFile.u32(file, at) == 0x2a2a; at += (int) EvtxFile.u32(file, at + 4)) {
            starts.add(at);
        }
        return starts;
    }

    @Test
    void aDamagedRecord_isReportedWithItsPlace_andTheOthersAreRead() throws IOException {
        byte[] file = log(SEVEN);
        List<String> bad = new ArrayList<>();
        List<Map<String, Object>> intact = read(file, bad);
        assertThat(intact).hasSize(7);
        int second = recordStarts(file).get(1);
        file[second + 24] = 0x77; // the record's first binary-XML token
        List<Map<String, Object>> docs = read(file, bad);
        assertThat(bad).singleElement().asString().startsWith("2 ").contains("chunk 1", "byte " + second,
                "unexpected token 0x77");
        assertThat(docs).hasSize(6).containsExactlyElementsOf(
                Stream.of(0, 2, 3, 4, 5, 6).map(intact::get).toList());
    }

    @Test
    void chunksAreReadInTurn_eachWithItsOwnNamesAndTemplates_andACutOneIsReported() throws IOException {
        byte[] a = log(SEVEN);
        byte[] b = log(SIX);
        List<String> bad = new ArrayList<>();
        List<Map<String, Object>> expected = new ArrayList<>(read(a, bad));
        expected.addAll(read(b, bad));
        byte[] two = java.util.Arrays.copyOf(a, a.length + 65536 * 2);
        System.arraycopy(b, 4096, two, a.length + 65536, 65536); // an unused (zero) chunk between
        assertThat(read(two, bad)).isEqualTo(expected);
        assertThat(bad).isEmpty();

        byte[] cut = java.util.Arrays.copyOf(two, two.length - 1000);
        assertThat(read(cut, bad)).hasSize(7);
        assertThat(bad).singleElement().asString().startsWith("8 ").contains("chunk 3", "cut short");
    }

    @Test
    void aFileThatIsNotAnEventLog_isRefusedWithAReason() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("{\"Event\": 1}".getBytes(), new ArrayList<>()))
                .isInstanceOf(IOException.class).hasMessageContaining("ElfFile");
    }

    @Test
    void randomDamage_neverEscapesAsAnException_andEveryRecordIsReadOrReported() throws IOException {
        byte[] original = log(SEVEN);
        Random rnd = new Random(7);
        for (int round = 0; round < 1000; round++) {
            byte[] file = original.clone();
            int flips = 1 + rnd.nextInt(20);
            for (int i = 0; i < flips; i++) {
                int at = 4096 + 512 + rnd.nextInt(8000);
                if (rnd.nextBoolean()) {
                    file[at] = (byte) rnd.nextInt(256);
                } else { // a size, an offset or a count: a large or negative number
                    int v = rnd.nextBoolean() ? -1 - rnd.nextInt(1000) : rnd.nextInt(70_000);
                    for (int k = 0; k < 4; k++) {
                        file[at + k] = (byte) (v >>> (8 * k));
                    }
                }
            }
            List<String> bad = new ArrayList<>();
            List<Map<String, Object>> docs = read(file, bad);
            assertThat(docs.size() + bad.size()).as("round %d", round).isBetween(1, 7 + bad.size());
        }
    }
}
