package dev.unravel.ingest.format.email;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.records.SimOutput;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class EmailReaderTest {

    static final EmlReader EML = new EmlReader();

    static Sample sample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Sample(file.getFileName().toString(), in.readNBytes(Sample.SIZE));
        }
    }

    static ReaderHarness.Result read(dev.unravel.ingest.read.Reader r, String name, byte[] bytes) {
        return ReaderHarness.read(r, name, new ByteArrayInputStream(bytes), Limits.DEFAULT);
    }

    static ReaderHarness.Result read(dev.unravel.ingest.read.Reader r, String name, String text) {
        return read(r, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---------------------------------------------------------------- simulator output

    @Test
    void simulatorMailReadsWithZeroRejectionsAndTheExtortionZipIsListed() throws IOException {
        Path sim = SimOutput.get();
        List<Path> files;
        try (Stream<Path> s = Files.walk(sim.resolve("email"))) {
            files = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(10);
        int messages = 0;
        int attachments = 0;
        Event extortion = null;
        Event evidence = null;
        for (Path f : files) {
            assertThat(Formats.recognise(sample(f))).get().satisfies(r -> {
                assertThat(r.reader().id()).isEqualTo("email-eml");
                assertThat(r.confidence()).isEqualTo(95);
            });
            ReaderHarness.Result r = ReaderHarness.read(EML, f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.records()).isEqualTo(1);
            Event m = r.events().get(0);
            assertThat(m.type()).isEqualTo("email.message");
            assertThat(m.logSource()).isEqualTo(LogSource.of("unravel", null, "email"));
            assertThat(m.sourceIp()).as(f.toString()).isNotNull();
            // the file name carries the message time to the second
            String stamp = f.getFileName().toString().substring(0, 16);
            assertThat(m.time()).isEqualTo(java.time.LocalDateTime.parse(stamp,
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")).toInstant(
                    java.time.ZoneOffset.UTC));
            messages++;
            for (Event e : r.events().subList(1, r.events().size())) {
                assertThat(e.type()).isEqualTo("email.attachment");
                attachments++;
                if ("evidence.zip".equals(e.document().get("file_name"))) {
                    extortion = m;
                    evidence = e;
                }
            }
            assertThat((List<?>) m.document().get("attachments")).hasSize(r.events().size() - 1);
        }
        assertThat(messages).isEqualTo(files.size());
        assertThat(attachments).isPositive();
        assertThat(extortion).as("the extortion email").isNotNull();
        assertThat(extortion.document().get("to")).isEqualTo(List.of("legal@northwindlabs.com"));
        assertThat(extortion.user()).endsWith("@outlook.com");
        // the author's VPN exit, named in the submission hop, not the provider's relay
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hops = (List<Map<String, Object>>) extortion.document().get("received");
        assertThat(hops).hasSize(2);
        assertThat(extortion.sourceIp()).isEqualTo(hops.get(1).get("from_ip"));
        assertThat(hops.get(0).get("by")).isEqualTo("mx1.northwindlabs.com");
        assertThat((String) extortion.document().get("body")).contains("BTC");
        @SuppressWarnings("unchecked")
        Map<String, Object> listing = (Map<String, Object>) evidence.document().get("zip");
        assertThat(listing.get("truncated")).isEqualTo(false);
        assertThat(listing).doesNotContainKey("error");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> entries = (List<Map<String, Object>>) listing.get("entries");
        assertThat(entries).hasSize((Integer) listing.get("entry_count")).isNotEmpty();
        assertThat(entries).allSatisfy(e -> assertThat((Long) e.get("size")).isPositive());
        assertThat((String) evidence.document().get("sha256")).hasSize(64);
        assertThat(evidence.document().get("content_type")).isEqualTo("application/zip");
    }

    // ---------------------------------------------------------------- hand-written messages

    static String message(String extraHeaders, String body) {
        return "Return-Path: <x.ops@proton.me>\r\n"
                + "Received: from mx.proton.me (mx.proton.me [185.70.40.1])\r\n"
                + "\tby mx1.northwindlabs.com with ESMTPS id AB12\r\n"
                + "\tfor <legal@northwindlabs.com>; Fri, 20 Mar 2026 02:21:51 +0000\r\n"
                + "Received: from [10.0.0.5] (unknown [10.0.0.5])\r\n"
                + "\tby relay.proton.me with ESMTPSA id 77; Fri, 20 Mar 2026 02:21:50 +0000\r\n"
                + "Received: from laptop ([156.146.37.14]) by submit.proton.me with ESMTPSA;\r\n"
                + "\tFri, 20 Mar 2026 02:21:49 +0000\r\n"
                + "Received: from localhost (localhost [127.0.0.1]) by laptop; Fri, 20 Mar 2026 02:21:48 +0000\r\n"
                + "Authentication-Results: mx1.northwindlabs.com; spf=pass smtp.mailfrom=proton.me\r\n"
                + "X-Originating-IP: [156.146.37.14]\r\n"
                + extraHeaders
                + "From: =?UTF-8?B?SsO2cmcgT3Bz?= <X.Ops@Proton.me>\r\n"
                + "To: legal@northwindlabs.com, \"CEO\" <ceo@northwindlabs.com>\r\n"
                + "Cc: undisclosed-recipients:;\r\n"
                + "Subject: =?UTF-8?Q?Your_repositories_=E2=80=94_final_notice?=\r\n"
                + "Message-ID: <abc@proton.me>\r\n"
                + "MIME-Version: 1.0\r\n"
                + body;
    }

    @Test
    void aHandWrittenExtortionMailMapsHeadersHopsAndTheZipWithoutExtractingIt() throws Exception {
        byte[] proof = zip(Map.of("billing-service/src/Main.java", "class Main {}\n",
                "payments-config/.env", "SECRET=1\n"));
        String mail = message("Date: Fri, 20 Mar 2026 02:21:51 +0000\r\n",
                "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nSend 2 BTC to bc1qxyz.\r\n"
                        + "--b1\r\nContent-Type: application/octet-stream; name=\"proof.zip\"\r\n"
                        + "Content-Disposition: attachment; filename=\"proof.zip\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(proof) + "\r\n--b1--\r\n");
        ReaderHarness.Result r = read(EML, "mail/1.eml", mail);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Event m = r.events().get(0);
        assertThat(m.time()).isEqualTo(Instant.parse("2026-03-20T02:21:51Z"));
        assertThat(m.user()).isEqualTo("x.ops@proton.me");
        assertThat(m.sourceIp()).isEqualTo("156.146.37.14"); // lowest hop with a public bracketed address
        assertThat(m.source()).isEqualTo("email");
        assertThat(m.document()).containsEntry("subject", "Your repositories — final notice")
                .containsEntry("from_name", "Jörg Ops")
                .containsEntry("message_id", "<abc@proton.me>")
                .containsEntry("return_path", "x.ops@proton.me")
                .containsEntry("x_originating_ip", "156.146.37.14")
                .containsEntry("to", List.of("legal@northwindlabs.com", "ceo@northwindlabs.com"))
                .containsEntry("attachments", List.of("proof.zip"))
                .containsEntry("body", "Send 2 BTC to bc1qxyz.");
        assertThat((List<?>) m.document().get("received")).hasSize(4);
        assertThat((List<?>) m.document().get("authentication_results")).hasSize(1);
        Event a = r.events().get(1);
        assertThat(a.type()).isEqualTo("email.attachment");
        assertThat(a.time()).isEqualTo(m.time());
        assertThat(a.user()).isEqualTo(m.user());
        assertThat(a.document()).containsEntry("file_name", "proof.zip").containsEntry("size", (long) proof.length)
                .containsEntry("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(proof)));
        @SuppressWarnings("unchecked")
        Map<String, Object> listing = (Map<String, Object>) a.document().get("zip");
        assertThat(listing).containsEntry("entry_count", 2);
        assertThat(((List<?>) listing.get("entries")).stream().map(e -> (Object) ((Map<?, ?>) e).get("name")).toList())
                .containsExactlyInAnyOrder("billing-service/src/Main.java", "payments-config/.env");
    }

    @Test
    void withoutADateHeaderTheTopReceivedDatesTheMessageAndWithNeitherItIsRejected() {
        ReaderHarness.Result r = read(EML, "a.eml", message("", "Content-Type: text/plain\r\n\r\nhi\r\n"));
        assertThat(r.events()).first().satisfies(e -> {
            assertThat(e.time()).isEqualTo(Instant.parse("2026-03-20T02:21:51Z"));
            assertThat(e.document()).containsEntry("time_from", "Received");
        });
        ReaderHarness.Result none = read(EML, "b.eml", "From: a@b.c\r\nSubject: x\r\nTo: d@e.f\r\n\r\nbody\r\n");
        assertThat(none.events()).isEmpty();
        assertThat(none.errors()).singleElement().extracting(RecordError::field, RecordError::reason)
                .containsExactly("Date", "is missing, and no Received header has a date: the message has no time");
        ReaderHarness.Result bad = read(EML, "c.eml", "From: a@b.c\r\nDate: sometime soon\r\nTo: d@e.f\r\n\r\nx\r\n");
        assertThat(bad.errors()).singleElement().extracting(RecordError::field, RecordError::reason)
                .containsExactly("Date", "is not a date: \"sometime soon\"");
    }

    @Test
    void malformedMimeWrongCharsetsAndHugeHeadersYieldEventsOrErrorsNeverExceptions() {
        // a boundary that never closes, an unknown charset, 8-bit Latin-1 bytes, a broken base64 attachment
        byte[] latin = ("From: a@b.c\r\nDate: Mon, 2 Mar 2026 10:00:00 +0100\r\n"
                + "Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n"
                + "Content-Type: text/plain; charset=x-klingon\r\n\r\nGr\u00fc\u00dfe\r\n"
                + "--zz\r\nContent-Type: application/zip; name=a.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "UEsDBBQ!!!not base64\r\n").getBytes(StandardCharsets.ISO_8859_1);
        ReaderHarness.Result r = read(EML, "m.eml", latin);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("email.message", "email.attachment");
        assertThat(r.events().get(0).time()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(r.events().get(0).sourceIp()).isNull();

        StringBuilder many = new StringBuilder("From: a@b.c\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n");
        for (int i = 0; i < 1500; i++) {
            many.append("X-H").append(i).append(": v\r\n");
        }
        assertThat(read(EML, "many.eml", many + "\r\nx\r\n").errors()).singleElement()
                .extracting(RecordError::reason).asString().contains("more than 1000 header fields");

        String huge = "From: a@b.c\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\nSubject: " + "x".repeat(200_000)
                + "\r\n\r\nx\r\n";
        ReaderHarness.Result h = read(EML, "huge.eml", huge);
        assertThat(h.records()).isEqualTo(1);
        assertThat(h.errors().size() + (h.events().isEmpty() ? 0 : 1)).isEqualTo(1);

        ReaderHarness.Result junk = read(EML, "junk.eml", new byte[] {0, 1, 2, (byte) 0xFF, 10, 13, 10, 65});
        assertThat(junk.records()).isEqualTo(1);
        assertThat(junk.errors()).hasSize(1);

        ReaderHarness.Result big = ReaderHarness.read(EML, "big.eml", new ByteArrayInputStream(
                message("Date: Fri, 20 Mar 2026 02:21:51 +0000\r\n", "\r\n" + "y".repeat(5000)).getBytes(
                        StandardCharsets.UTF_8)), new Limits(2000, 8, 1000, 40));
        assertThat(big.errors()).singleElement().extracting(RecordError::reason).asString()
                .contains("larger than the record limit of 2000 bytes");
    }

    @Test
    void aZipBombIsListedWithinBoundsNotInflatedWhole() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 3; i++) {
                z.putNextEntry(new ZipEntry("zeros" + i));
                for (int k = 0; k < 40; k++) {
                    z.write(zeros);
                }
                z.closeEntry();
            }
        }
        String mail = "From: a@b.c\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n"
                + "Content-Type: application/zip; name=bomb.zip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(bytes.toByteArray()) + "\r\n";
        ReaderHarness.Result r = read(EML, "bomb.eml", mail);
        assertThat(r.errors()).isEmpty();
        @SuppressWarnings("unchecked")
        Map<String, Object> listing = (Map<String, Object>) r.events().get(1).document().get("zip");
        assertThat(listing).containsEntry("truncated", true);
        assertThat(r.events().get(1).document()).containsEntry("size", (long) bytes.size());
    }

    // ---------------------------------------------------------------- mbox

    static final String MBOX = "From alice@example.com Mon Mar  2 10:00:00 2026\n"
            + "From: Alice <alice@example.com>\nTo: bob@northwindlabs.com\nSubject: one\n"
            + "Date: Mon, 2 Mar 2026 10:00:00 +0000\nMessage-ID: <1@example.com>\n\n"
            + "Hello\n>From the start, this line was quoted.\n>>From twice quoted.\n\n"
            + "From mallory@example.com Tue Mar  3 11:00:00 2026\n"
            + "From: mallory@example.com\nTo: bob@northwindlabs.com\nSubject: no date\n\nbody\n\n"
            + "From carol@example.com Wed Mar  4 12:00:00 2026\n"
            + "Received: from mail.example.com (mail.example.com [203.0.113.9]) by mx1; Wed, 4 Mar 2026 12:00:01 +0000\n"
            + "From: carol@example.com\nTo: bob@northwindlabs.com\nSubject: three\n"
            + "Date: Wed, 4 Mar 2026 12:00:00 +0000\n\nbye\n";

    @Test
    void anMboxSplitsAtFromLinesUnquotesFromAndRejectsOnlyTheBadMessage() {
        assertThat(MBOX_READER_PROBE()).isEqualTo(95);
        assertThat(EML.probe(new Sample("inbox", MBOX.getBytes(StandardCharsets.UTF_8)))).isZero();
        ReaderHarness.Result r = read(MBOX_READER, "inbox.mbox", MBOX);
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.events()).extracting(Event::user).containsExactly("alice@example.com", "carol@example.com");
        assertThat(r.events().get(0).document().get("body"))
                .isEqualTo("Hello\nFrom the start, this line was quoted.\n>From twice quoted.\n\n");
        assertThat(r.events().get(1).sourceIp()).isEqualTo("203.0.113.9");
        assertThat(r.events().get(1).origin().record()).isEqualTo(3);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.line()).isEqualTo(12);
            assertThat(e.field()).isEqualTo("Date");
            assertThat(e.excerpt()).startsWith("From mallory@example.com");
        });
    }

    static final MboxReader MBOX_READER = new MboxReader();

    static int MBOX_READER_PROBE() {
        return MBOX_READER.probe(new Sample("inbox", MBOX.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anOversizedMboxMessageIsSkippedToTheNextSeparator() {
        String big = "From x@y Mon Mar  2 10:00:00 2026\nFrom: x@y.z\nDate: Mon, 2 Mar 2026 10:00:00 +0000\n\n"
                + "z".repeat(10_000) + "\n" + MBOX;
        ReaderHarness.Result r = ReaderHarness.read(MBOX_READER, "big.mbox",
                new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)), new Limits(4000, 8, 4000, 40));
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.errors()).extracting(RecordError::record).containsExactly(1L, 3L);
        assertThat(r.events()).hasSize(2);
    }

    @Test
    void emailProbesSayZeroForTheVendorSamplesAndTheCsvFiles() throws IOException {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                assertThat(EML.probe(sample(f))).as(f.toString()).isZero();
                assertThat(MBOX_READER.probe(sample(f))).as(f.toString()).isZero();
            }
        }
        Path sim = SimOutput.get();
        for (String csv : List.of("hr/employees.csv", "applicants/interviews.csv", "intel/ip-ranges.csv",
                "truth.json", "applicants/resumes/" + firstResume(sim))) {
            assertThat(EML.probe(sample(sim.resolve(csv)))).as(csv).isZero();
            assertThat(MBOX_READER.probe(sample(sim.resolve(csv)))).as(csv).isZero();
        }
    }

    static String firstResume(Path sim) throws IOException {
        try (Stream<Path> s = Files.list(sim.resolve("applicants/resumes"))) {
            return s.sorted().findFirst().orElseThrow().getFileName().toString();
        }
    }
}
