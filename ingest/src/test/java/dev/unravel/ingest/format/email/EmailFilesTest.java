package dev.unravel.ingest.format.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmailFilesTest {

    static String multipart(String html, byte[] attachment) {
        return EmailReaderTest.message("Date: Fri, 20 Mar 2026 02:21:51 +0000\r\n",
                "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
                        + "--b1\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n"
                        + "--b1\r\nContent-Type: application/zip; name=\"proof.zip\"\r\n"
                        + "Content-Disposition: attachment; filename=\"proof.zip\"\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(attachment) + "\r\n--b1--\r\n");
    }

    @Test
    void attachmentBytesAreKeptAndAnHtmlOnlyBodyIsReadAsText() throws Exception {
        byte[] proof = EmailReaderTest.zip(Map.of("billing/src/Main.java", "class Main {}\n"));
        String html = "<html><head><style>p{color:red}</style></head><body><p>We have your code.</p>"
                + "<p>Send 2&nbsp;BTC to <b>bc1qxyz</b> &amp; wait.</p><script>alert(1)</script></body></html>";
        EmailFiles.Result r = EmailFiles.parse("mail/1.eml", multipart(html, proof).getBytes(StandardCharsets.UTF_8),
                1 << 20);
        assertThat(r.failures()).isEmpty();
        assertThat(r.messages()).hasSize(1);
        EmailFiles.Message m = r.messages().get(0);
        assertThat(m.message().document()).containsEntry("body", "We have your code.\nSend 2 BTC to bc1qxyz & wait.")
                .containsEntry("body_from_html", true);
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("proof.zip");
            assertThat(a.size()).isEqualTo(proof.length);
            assertThat(a.content()).isEqualTo(proof);
        });
        assertThat(m.attachmentEvents()).hasSize(1);
    }

    @Test
    void anAttachmentOverTheBoundIsListedWithoutItsBytes() throws Exception {
        byte[] big = new byte[10_000];
        EmailFiles.Result r = EmailFiles.parse("m.eml", multipart("<p>x</p>", big).getBytes(StandardCharsets.UTF_8),
                1_000);
        EmailFiles.Attachment a = r.messages().get(0).attachments().get(0);
        assertThat(a.kept()).isFalse();
        assertThat(a.size()).isEqualTo(10_000);
    }

    @Test
    void anMboxGivesEachMessageAndNamesTheOneThatFails() throws Exception {
        String good = multipart("<p>hello</p>", new byte[] {1, 2, 3});
        String mbox = "From a@b Fri Mar 20 02:21:51 2026\n" + good.replace("\r\n", "\n") + "\n"
                + "From c@d Fri Mar 20 02:21:52 2026\nSubject: no date anywhere\n\nbody\n"
                + "From e@f Fri Mar 20 02:21:53 2026\n" + good.replace("\r\n", "\n") + "\n";
        EmailFiles.Result r = EmailFiles.parse("inbox.mbox", mbox.getBytes(StandardCharsets.UTF_8), 1 << 20);
        assertThat(r.messages()).extracting(EmailFiles.Message::record).containsExactly(1L, 3L);
        assertThat(r.failures()).singleElement().satisfies(f -> {
            assertThat(f.record()).isEqualTo(2);
            assertThat(f.reason()).contains("Date");
        });
    }
}
