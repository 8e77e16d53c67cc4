package dev.unravel.triage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.triage.archive.ArchiveLimits;
import dev.unravel.triage.inventory.EntryMatch;
import dev.unravel.triage.inventory.Inventory;
import dev.unravel.triage.inventory.InventoryBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole emails, in real MIME structures, through the triage: verdicts, reasons and findings. */
class EmailTriageTest {

    static final String DEMAND = "Hello Northwind Labs team,\r\n\r\nWe have a full copy of your private source code "
            + "and internal data. It was taken from your GitHub organisation northwind-labs.\r\n\r\nAs proof, the "
            + "attached proof.zip contains files from these repositories. Check them yourself.\r\n\r\nTo keep this "
            + "private, send 4.5 BTC to this Bitcoin address:\r\n\r\n    bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
            + "\r\n\r\nThe deadline is December 3, 2026, 23:59 UTC.\r\n\r\nIf we do not receive payment by then, we "
            + "will publish everything on public forums and sell it to your competitors. Do not contact law "
            + "enforcement.\r\n";

    static final Map<String, String> PAYMENTS = Map.of(
            "src/main/java/com/northwind/payments/Ledger.java", "package com.northwind.payments;\nclass Ledger {}\n",
            "src/main/java/com/northwind/payments/Refunds.java", "package com.northwind.payments;\nclass Refunds {}\n",
            "config/prod.yml", "name: payments\nenv:\n  LOG_LEVEL: info\n",
            "src/Main.java", "class Main {}\n");

    @TempDir
    static Path dir;
    static Inventory inventory;
    static EmailTriage triage;

    @BeforeAll
    static void company() throws IOException {
        Path repo = dir.resolve("payments-api");
        for (Map.Entry<String, String> f : PAYMENTS.entrySet()) {
            Path p = repo.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        inventory = new InventoryBuilder().addDirectory(repo).build();
        triage = new EmailTriage(inventory, ArchiveLimits.defaults(), null);
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, byte[]> proofFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : List.of("src/main/java/com/northwind/payments/Ledger.java",
                "src/main/java/com/northwind/payments/Refunds.java", "config/prod.yml")) {
            files.put("payments-api/" + path, PAYMENTS.get(path).getBytes(StandardCharsets.UTF_8));
        }
        files.put("README.txt", "A small sample. We hold the full copy.\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** A multipart/mixed message: a text part in {@code charset}, then base64 attachments. */
    static String mail(String subject, String charset, String body, Map<String, byte[]> attachments) {
        StringBuilder m = new StringBuilder();
        m.append("Received: from smtp7.proton.me (smtp7.proton.me [185.70.40.1])\r\n\tby mx.northwindlabs.com; ")
                .append("Sat, 14 Mar 2026 10:00:02 +0000\r\n");
        m.append("Received: from laptop ([156.146.37.14]) by submit.proton.me with ESMTPSA;\r\n")
                .append("\tSat, 14 Mar 2026 10:00:01 +0000\r\n");
        m.append("Date: Sat, 14 Mar 2026 10:00:00 +0000\r\nFrom: \"Dana Reyes\" <dana.reyes77@proton.me>\r\n");
        m.append("To: security@northwindlabs.com\r\nSubject: ").append(subject).append("\r\n");
        m.append("Message-ID: <m1@proton.me>\r\nMIME-Version: 1.0\r\n");
        m.append("Content-Type: multipart/mixed; boundary=\"=_b1\"\r\n\r\nThis is a MIME message.\r\n");
        m.append("--=_b1\r\nContent-Type: text/plain; charset=").append(charset)
                .append("\r\nContent-Transfer-Encoding: 8bit\r\n\r\n").append(body).append("\r\n");
        for (Map.Entry<String, byte[]> a : attachments.entrySet()) {
            String type = a.getKey().endsWith(".eml") ? "message/rfc822" : "application/octet-stream";
            m.append("--=_b1\r\nContent-Type: ").append(type).append("; name=\"").append(a.getKey()).append("\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"").append(a.getKey()).append("\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(a.getValue())).append("\r\n");
        }
        m.append("--=_b1--\r\n");
        return m.toString();
    }

    static EmailTriage.Result run(EmailTriage t, String name, String mail) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, mail, StandardCharsets.UTF_8);
        return t.triage(file);
    }

    static MessageTriage only(EmailTriage.Result r) {
        assertThat(r.failures()).isEmpty();
        assertThat(r.messages()).hasSize(1);
        return r.messages().get(0);
    }

    @Test
    void aDemandWithTheCompanysFilesAsProofIsAConfirmedLeak() throws IOException {
        MessageTriage m = only(run(triage, "leak.eml", mail("Your source code", "UTF-8", DEMAND,
                Map.of("proof.zip", zip(proofFiles())))));
        assertThat(m.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
        assertThat(m.leakedProjects()).containsExactly("payments-api");
        assertThat(m.leak().matched()).hasSize(3).allMatch(e -> e.method() == EntryMatch.Method.CONTENT_HASH);
        assertThat(m.leak().unmatched()).extracting(e -> e.path()).containsExactly("README.txt");
        assertThat(m.reasons()).anyMatch(r -> r.contains("3 of the 4 files") && r.contains("payments-api (3 of 4"));
        assertThat(m.sender().ips()).first().isEqualTo("156.146.37.14");
        assertThat(m.demand().addresses()).singleElement().satisfies(a -> assertThat(a.checksumValid()).isTrue());
    }

    @Test
    void withoutAnInventoryTheSameEmailIsAnUnconfirmedClaimThatSaysWhy() throws IOException {
        EmailTriage blind = new EmailTriage(null, ArchiveLimits.defaults(), null);
        MessageTriage m = only(run(blind, "blind.eml", mail("Your source code", "UTF-8", DEMAND,
                Map.of("proof.zip", zip(proofFiles())))));
        assertThat(m.verdict()).isEqualTo(Verdict.UNCONFIRMED_CLAIM);
        assertThat(m.leak()).isNull();
        assertThat(m.reasons()).anyMatch(r -> r.contains("No inventory"));
    }

    @Test
    void anEncryptedProofIsListedByNameAndStaysAClaimWhenOnePathIsAllThatMatches() throws IOException {
        byte[] encrypted;
        try (InputStream in = getClass().getResourceAsStream("archive/zipcrypto-infozip.zip")) {
            encrypted = in.readAllBytes(); // zip -P: hello.txt, src/, src/Main.java
        }
        MessageTriage m = only(run(triage, "enc.eml", mail("Your source code", "UTF-8", DEMAND,
                Map.of("proof.zip", encrypted))));
        assertThat(m.verdict()).isEqualTo(Verdict.UNCONFIRMED_CLAIM);
        assertThat(m.attachments().get(0).archive().entries()).extracting(e -> e.path())
                .contains("hello.txt", "src/Main.java");
        assertThat(m.findings()).anyMatch(f -> f.contains("encrypted"));
        assertThat(m.reasons()).anyMatch(r -> r.contains("Only one of")).anyMatch(r -> r.contains("encrypted"));
    }

    @Test
    void aZipInsideAZipIsOpenedAndItsFilesStillProveTheLeak() throws IOException {
        byte[] inner = zip(proofFiles());
        byte[] outer = zip(Map.of("samples/part1.zip", inner, "note.txt", "see part1\n".getBytes()));
        MessageTriage m = only(run(triage, "nested.eml", mail("Your data", "UTF-8", DEMAND,
                Map.of("evidence.zip", outer))));
        assertThat(m.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
        assertThat(m.leak().matched()).allSatisfy(e -> assertThat(e.entry().container()).contains("part1.zip"));
    }

    @Test
    void aZipBombAndTraversalNamesAreFindingsNotExpansions() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("../../etc/cron.d/evil"));
            z.write("* * * * * root sh\n".getBytes());
            z.closeEntry();
            z.putNextEntry(new ZipEntry("zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 400; i++) {
                z.write(zeros); // 400 MiB of zeros deflates to about 400 KiB
            }
            z.closeEntry();
        }
        MessageTriage m = only(run(triage, "bomb.eml", mail("Your source code", "UTF-8", DEMAND,
                Map.of("proof.zip", bytes.toByteArray()))));
        assertThat(m.findings()).anyMatch(f -> f.contains("bomb")).anyMatch(f -> f.contains("traversal"));
        assertThat(m.verdict()).isEqualTo(Verdict.UNCONFIRMED_CLAIM);
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().equals("evil"))).isEmpty();
        }
    }

    @Test
    void aPhishingLureWithAScriptInAZipIsNotExtortionAndSaysWhy() throws IOException {
        String body = "Hello,\r\n\r\nPlease find attached the overdue invoice. Open the file to view the amount due "
                + "and pay today to avoid a late fee.\r\n\r\nAccounts Department\r\n";
        MessageTriage m = only(run(triage, "phish.eml", mail("Overdue invoice #88213", "UTF-8", body,
                Map.of("Invoice_88213.zip", zip(Map.of("Invoice_88213.pdf.js", ("var s=new ActiveXObject('WScript"
                        + ".Shell');").getBytes()))))));
        assertThat(m.verdict()).isEqualTo(Verdict.NOT_EXTORTION);
        assertThat(m.findings()).anyMatch(f -> f.contains("executables or scripts"));
        assertThat(m.reasons()).anyMatch(r -> r.contains("phishing"));
    }

    @Test
    void aVendorInvoiceWithAZipIsNotExtortion() throws IOException {
        String body = "Hi Dana,\r\n\r\nYour invoice INV-2026-01234 for USD 1,234.56 is attached.\r\nPayment is due "
                + "within 30 days by card or bank transfer.\r\n\r\nThank you for your business,\r\nStackline Billing\r\n";
        MessageTriage m = only(run(triage, "invoice.eml", mail("Stackline invoice INV-2026-01234", "UTF-8", body,
                Map.of("INV-2026-01234.zip", zip(Map.of("INV-2026-01234.pdf", "%PDF-1.4\n".getBytes()))))));
        assertThat(m.verdict()).isEqualTo(Verdict.NOT_EXTORTION);
        assertThat(m.findings()).isEmpty();
    }

    @Test
    void aForwardedReportIsTriagedThroughToTheAttachedExtortionEmail() throws IOException {
        String original = mail("Your source code", "UTF-8", DEMAND, Map.of("proof.zip", zip(proofFiles())));
        String forward = mail("FW: Your source code", "UTF-8", "Security team, this arrived in the CEO's inbox.\r\n",
                Map.of("Your source code.eml", original.getBytes(StandardCharsets.UTF_8)));
        EmailTriage.Result r = run(triage, "forward.eml", forward);
        assertThat(r.failures()).isEmpty();
        assertThat(r.messages()).extracting(MessageTriage::verdict)
                .containsExactly(Verdict.NOT_EXTORTION, Verdict.CONFIRMED_LEAK);
        assertThat(r.messages().get(1).nestedIn()).isEqualTo("Your source code.eml");
        assertThat(r.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
    }

    @Test
    void brokenMimeAndAnUnknownCharsetAreStillTriagedFromWhatCanBeRead() throws IOException {
        String latin = DEMAND.replace("Hello", "Hall\u00e5");
        String broken = mail("Your source code", "x-no-such-charset", latin, Map.of("proof.zip", zip(proofFiles())))
                .replace("--=_b1--\r\n", ""); // the closing boundary is missing
        MessageTriage m = only(run(triage, "broken.eml", broken));
        assertThat(m.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
        assertThat(m.demand().extortion()).isTrue();
    }

    @Test
    void anMboxOfSeveralMessagesGivesOneTriageEachAndTheWorstVerdict() throws IOException {
        String a = mail("Your source code", "UTF-8", DEMAND, Map.of("proof.zip", zip(proofFiles())));
        String b = mail("Lunch", "UTF-8", "Pizza on Friday?\r\n", Map.of());
        String mbox = "From dana Sat Mar 14 10:00:00 2026\n" + a.replace("\r\n", "\n") + "\n"
                + "From sam Sat Mar 14 11:00:00 2026\n" + b.replace("\r\n", "\n") + "\n";
        EmailTriage.Result r = run(triage, "inbox.mbox", mbox);
        assertThat(r.messages()).extracting(MessageTriage::record).containsExactly(1L, 2L);
        assertThat(r.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
    }

    @Test
    void extractWritesOnlyInsideTheSandbox() throws IOException {
        Path sandbox = dir.resolve("sandbox");
        EmailTriage extracting = new EmailTriage(inventory, ArchiveLimits.defaults(), sandbox);
        Map<String, byte[]> files = new LinkedHashMap<>(proofFiles());
        files.put("../escape.txt", "x".getBytes());
        MessageTriage m = only(run(extracting, "extract.eml", mail("Your source code", "UTF-8", DEMAND,
                Map.of("proof.zip", zip(files)))));
        assertThat(m.verdict()).isEqualTo(Verdict.CONFIRMED_LEAK);
        try (Stream<Path> written = Files.walk(sandbox)) {
            assertThat(written.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .contains("Ledger.java", "README.txt").doesNotContain("escape.txt");
        }
        assertThat(Files.exists(dir.resolve("escape.txt"))).isFalse();
        assertThat(Files.exists(sandbox.getParent().resolve("escape.txt"))).isFalse();
    }
}
