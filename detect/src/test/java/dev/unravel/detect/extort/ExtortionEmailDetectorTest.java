package dev.unravel.detect.extort;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.steal.RepoHarvestDetectorTestAccess;
import dev.unravel.detect.testing.DetectorHarness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ExtortionEmailDetectorTest {

    static final String DEMAND = "Hello Acme team,\r\n\r\nWe have a full copy of your private source code and internal "
            + "data. It was taken from your GitHub organisation acme.\r\n\r\nAs proof, the attached proof.zip contains "
            + "3 files from these repositories. Check them yourself.\r\n\r\nTo keep this private, send 4.5 BTC to this "
            + "Bitcoin address:\r\n\r\n    bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4\r\n\r\nThe deadline is December 3, "
            + "2026, 23:59 UTC.\r\n\r\nIf we do not receive payment by then, we will publish everything on public forums "
            + "and sell it to your competitors. Do not contact law enforcement.\r\n";

    static String mail(String from, String fromName, String clientIp, String subject, String body, byte[] zip) {
        StringBuilder m = new StringBuilder();
        m.append("Received: from mail.example.net (mail.example.net [203.0.113.7])\r\n\tby mx.acme.com; Sat, 14 Mar 2026 ")
                .append("10:00:02 +0000\r\n");
        m.append("Received: from laptop ([").append(clientIp).append("]) by smtp.example.net with ESMTPSA;\r\n\tSat, 14 ")
                .append("Mar 2026 10:00:01 +0000\r\n");
        m.append("Date: Sat, 14 Mar 2026 10:00:00 +0000\r\n");
        m.append("From: \"").append(fromName).append("\" <").append(from).append(">\r\n");
        m.append("To: security@acme.com\r\nSubject: ").append(subject).append("\r\nMessage-ID: <x1@example.net>\r\n");
        m.append("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        m.append("--b\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").append(body).append("\r\n");
        if (zip != null) {
            m.append("--b\r\nContent-Type: application/zip; name=\"proof.zip\"\r\n")
                    .append("Content-Disposition: attachment; filename=\"proof.zip\"\r\n")
                    .append("Content-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(zip)).append("\r\n");
        }
        m.append("--b--\r\n");
        return m.toString();
    }

    static byte[] proof(String... paths) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (String p : paths) {
                z.putNextEntry(new ZipEntry(p));
                z.write(("// " + p + "\n").getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Three engineers; E2 (Dana Reyes) left on 2026-03-11 after cloning payments-api and web-console from 185.242.5.85. */
    static DetectorHarness company() {
        String hr = EMPLOYEES_HEADER
                + employee("E1", "Alex", "Smith", "asmith", "2025-01-05")
                + employee("E2", "Dana", "Reyes", "dreyes", "2026-02-02").replace("2026-02-02,,,",
                        "2026-02-02,2026-03-11,involuntary,")
                + employee("E3", "Sam", "Lee", "slee", "2024-06-01");
        String audit = access("git.clone", "dreyes-gh", "dana.reyes@example.com", "payments-api", "185.242.5.85",
                Instant.parse("2026-02-04T15:00:00Z"))
                + access("git.clone", "dreyes-gh", "dana.reyes@example.com", "web-console", "185.242.5.85",
                        Instant.parse("2026-02-04T15:01:00Z"))
                + access("git.clone", "asmith-gh", "alex.smith@example.com", "payments-api", "98.97.10.4",
                        Instant.parse("2026-02-05T15:00:00Z"));
        return new DetectorHarness().with("hr-employees", hr).with("github-audit", audit);
    }

    static String access(String action, String login, String email, String repo, String ip, Instant time) {
        return RepoHarvestDetectorTestAccess.access(action, login, email, repo, false, time).replace("185.242.5.85", ip);
    }

    @Test
    void theFiredWorkersPersonalAddressAndCloneTieThemToTheDemand() throws IOException {
        String eml = mail("dana.reyes@gmail.com", "Dana Reyes", "156.146.37.14", "Your source code", DEMAND,
                proof("payments-api/src/Main.java", "web-console/app.ts", "payments-api/README.md"));
        List<Signal> signals = company().with("email-eml", eml).run(new ExtortionEmailDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.stage()).isEqualTo(Stage.EXTORT);
            assertThat(s.technique()).isEqualTo("T1657");
            assertThat(s.strength()).isGreaterThan(0.9);
            assertThat(s.time()).isEqualTo(Instant.parse("2026-03-14T10:00:00Z"));
            assertThat(s.explanation()).contains("Dana Reyes").contains("ended on 2026-03-11")
                    .contains("personal address").contains("payments-api").contains("web-console")
                    .contains("cloned all of them");
        });
    }

    @Test
    void aWalletOnAPublishedList_isSaidInTheFinding_forCounselBeforeAnyPayment(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws IOException {
        java.nio.file.Path list = java.nio.file.Files.writeString(dir.resolve("sdn.csv"), """
                type,value,source,note
                wallet,BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4,OFAC SDN list,DPRK IT workers
                wallet,0x52908400098527886E0F7030069857D2E4169EE7,OFAC SDN list,
                """);
        String eml = mail("dana.reyes@gmail.com", "Dana Reyes", "156.146.37.14", "Your source code", DEMAND,
                proof("payments-api/src/Main.java"));
        List<Signal> signals = company().with("email-eml", eml).run(new ExtortionEmailDetector(
                dev.unravel.detect.intel.IndicatorLists.read(List.of(list), "indicators")));
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.explanation()).contains(
                "The demand's wallet is on a published list of the scheme's indicators: "
                        + "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 (OFAC SDN list (DPRK IT workers), sdn.csv line 2). "
                        + "Paying a listed address may breach sanctions"));
        assertThat(company().with("email-eml", eml).run(new ExtortionEmailDetector())).singleElement()
                .satisfies(s -> assertThat(s.explanation()).doesNotContain("published list"));
    }

    @Test
    void aLookalikeAddressSentFromTheirSignInAddressStillTiesThem() throws IOException {
        String eml = mail("danareyes77@proton.me", "D R", "185.242.5.85", "Regarding your data", DEMAND,
                proof("payments-api/src/Main.java"));
        List<Signal> signals = company().with("email-eml", eml).run(new ExtortionEmailDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.explanation()).contains("look-alike");
            assertThat(s.strength()).isGreaterThan(0.8);
        });
    }

    @Test
    void anInvoiceWithAZipAndABitcoinQuestionRaiseNothing() throws IOException {
        String invoice = mail("billing@stackline.io", "Stackline Billing", "54.240.1.1", "Invoice INV-2026-01234",
                "Hi Dana,\r\n\r\nYour invoice INV-2026-01234 for USD 1,234.56 is attached.\r\nPayment is due within 30 "
                        + "days by card or bank transfer.\r\n", proof("invoice/INV-2026-01234.pdf"));
        String question = mail("dana.reyes@gmail.com", "Dana Reyes", "156.146.37.14", "Renewal payment: bitcoin?",
                "Our finance team asked whether you accept bitcoin for the annual renewal. If not, a bank transfer is "
                        + "fine as usual.\r\n", null);
        List<Signal> signals = company().with("email-eml", invoice).with("email-eml", question)
                .run(new ExtortionEmailDetector());
        assertThat(signals).isEmpty();
    }

    @Test
    void aDemandFromAStrangerTiesNobody() throws IOException {
        String eml = mail("x.ops@proton.me", "Unknown", "156.146.37.14", "Your repositories", DEMAND, null);
        assertThat(company().with("email-eml", eml).run(new ExtortionEmailDetector())).isEmpty();
    }

    @Test
    void aMissingInventoryStopsTheScanBeforeItStartsWithTheSettingNamed() {
        ExtortionEmailDetector d = new ExtortionEmailDetector();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.check(new dev.unravel.detect.Settings(
                ExtortionEmailDetector.ID, java.util.Map.of("inventory", "/no/such/inventory.jsonl.gz"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("detectors.extort.extortion-email.inventory")
                .hasMessageContaining("no such file");
    }

    @Test
    void lookalikesNeedTheSameLettersAndAFreeOrTheSameProvider() {
        assertThat(SenderTies.lookalike("danareyes77@proton.me", "dana.reyes@gmail.com")).isTrue();
        assertThat(SenderTies.lookalike("dana.reyyes@gmail.com", "dana.reyes@gmail.com")).isTrue();
        assertThat(SenderTies.lookalike("dana.reyes@gmail.com", "dana.reyes@gmail.com")).isFalse();
        assertThat(SenderTies.lookalike("dana.reyes@acme-partner.com", "dana.reyes@gmail.com")).isFalse();
        assertThat(SenderTies.lookalike("dan@gmail.com", "dan1@gmail.com")).isFalse(); // too short to say
        assertThat(SenderTies.lookalike("dana.rey@gmail.com", "dana.reyes@gmail.com")).isFalse();
    }
}
