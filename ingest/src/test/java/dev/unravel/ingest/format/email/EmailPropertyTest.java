package dev.unravel.ingest.format.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.Mutations;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.records.SimOutput;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Mutated and truncated versions of real messages (the simulator's mail, the extortion email among
 * them, and an mbox of them) fed to both e-mail readers: nothing escapes as an exception, and every
 * record read ends as events or an error.
 */
class EmailPropertyTest {

    private static List<byte[]> messages;

    static synchronized List<byte[]> messages() {
        if (messages == null) {
            try (Stream<Path> s = Files.walk(SimOutput.get().resolve("email"))) {
                List<Path> files = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
                List<byte[]> out = new java.util.ArrayList<>();
                for (Path f : files) {
                    byte[] b = Files.readAllBytes(f);
                    if (b.length < 6000 || new String(b, StandardCharsets.US_ASCII).contains("evidence.zip")) {
                        out.add(b);
                    }
                }
                messages = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return messages;
    }

    static final List<String> MARKS = List.of("From ", ">From ", "\r\n\r\n", "--", "=?UTF-8?B?", "Date:", "[",
            "Content-Type: multipart/mixed; boundary=", "base64", "PK\u0003\u0004", "");

    @Provide
    Arbitrary<byte[]> mutatedMessages() {
        return Arbitraries.of(messages()).flatMap(m -> Mutations.mutated(m, MARKS));
    }

    @Provide
    Arbitrary<byte[]> mutatedMailboxes() {
        return Arbitraries.of(messages()).list().ofMinSize(1).ofMaxSize(3).flatMap(list -> {
            StringBuilder mbox = new StringBuilder();
            for (byte[] m : list) {
                mbox.append("From sender@example.com Mon Mar  2 10:00:00 2026\n")
                        .append(new String(m, StandardCharsets.ISO_8859_1).replace("\nFrom ", "\n>From ")).append('\n');
            }
            return Mutations.mutated(mbox.toString().getBytes(StandardCharsets.ISO_8859_1), MARKS);
        });
    }

    @Property(tries = 300)
    void mutatedMessagesBecomeEventsOrErrorsNeverExceptions(@ForAll("mutatedMessages") byte[] bytes) {
        check(new EmlReader(), bytes);
        check(new MboxReader(), bytes);
    }

    @Property(tries = 150)
    void mutatedMailboxesBecomeEventsOrErrorsNeverExceptions(@ForAll("mutatedMailboxes") byte[] bytes) {
        check(new MboxReader(), bytes);
    }

    static void check(Reader reader, byte[] bytes) {
        ReaderHarness.Result r = ReaderHarness.read(reader, "mutated", new ByteArrayInputStream(bytes),
                new Limits(64 * 1024, 16, 16 * 1024, 80));
        assertThat(r.failure()).isNull();
        long rejected = r.errors().stream().filter(e -> e.record() > 0).map(e -> e.record()).distinct().count();
        assertThat(r.accepted() + rejected).isEqualTo(r.records());
        long withEvents = r.events().stream().map(e -> e.origin().record()).distinct().count();
        assertThat(withEvents).isEqualTo(r.accepted());
        assertThat(r.events().stream().filter(e -> e.type().equals("email.message")).count()).isEqualTo(r.accepted());
    }
}
