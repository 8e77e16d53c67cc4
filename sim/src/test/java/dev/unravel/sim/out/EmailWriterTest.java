package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.sim.Rng;
import dev.unravel.sim.activity.Mail;
import dev.unravel.sim.plan.AddressChecks;
import dev.unravel.sim.plan.MailFactory;
import dev.unravel.sim.plan.MailFixtures;
import dev.unravel.sim.world.World;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.DefaultFieldParser;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailWriterTest {
    private static final Instant AT = Instant.parse("2026-03-02T14:03:11Z");

    @TempDir
    Path dir;

    /** Extortion and benign mail for a handful of seeds, a few minutes apart. */
    private static List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (int seed = 0; seed < 8; seed++) {
            Instant at = AT.plusSeconds(300L * seed);
            mails.add(MailFactory.extortion(MailFixtures.operator(), at, MailFixtures.stolen(), Rng.of(seed),
                    "45.76.12." + (10 + seed)));
            mails.add(MailFactory.benign(MailFixtures.recipient(), at.plusSeconds(60), Rng.of(100 + seed)));
        }
        return mails;
    }

    private Map<Path, Mail> write(Path root, List<Mail> mails) throws IOException {
        OutputDir out = new OutputDir(root);
        Map<Path, Mail> written = new LinkedHashMap<>();
        try (EmailWriter writer = new EmailWriter(out)) {
            writer.startDay(LocalDate.of(2026, 3, 2));
            for (Mail m : mails) {
                writer.accept(m);
                written.put(root.resolve(EmailWriter.path(m)), m);
            }
            assertThat(writer.source()).isEqualTo("email");
            assertThat(writer.records()).isEqualTo(mails.size());
        }
        assertThat(out.files()).hasSize(mails.size()).allSatisfy((path, n) -> assertThat(n).isEqualTo(1L));
        return written;
    }

    @Test
    void everyMessageParsesStrictlyWithTheActivitysHeaders() throws Exception {
        Map<Path, Mail> written = write(dir, mails());
        try (Stream<Path> files = Files.walk(dir.resolve("email"))) {
            assertThat(files.filter(Files::isRegularFile).collect(Collectors.toSet())).isEqualTo(written.keySet());
        }
        for (Map.Entry<Path, Mail> e : written.entrySet()) {
            Mail mail = e.getValue();
            assertThat(dir.relativize(e.getKey()).toString().replace('\\', '/'))
                    .matches("email/[a-z.]+/20260302T\\d{6}Z-[0-9a-f]{8}\\.eml");
            Message msg = parse(Files.readAllBytes(e.getKey()));
            assertThat(msg.getFrom()).singleElement().satisfies(from -> {
                assertThat(from.getAddress()).isEqualTo(mail.fromAddress());
                assertThat(from.getName()).isEqualTo(mail.fromName());
            });
            assertThat(msg.getTo().flatten()).extracting(Mailbox::getAddress).containsExactly(mail.to());
            assertThat(msg.getDate()).isEqualTo(Date.from(mail.time()));
            assertThat(msg.getSubject()).isEqualTo(mail.subject());
            assertThat(msg.getMessageId()).isEqualTo("<" + mail.messageId() + ">");
            List<Field> received = msg.getHeader().getFields("Received");
            assertThat(received).hasSize(2);
            assertThat(received.get(1).getBody()).startsWith(mail.clientIp() == null ? "from [127.0.0.1]"
                    : "from [" + mail.clientIp() + "]");
            assertThat(received.get(0).getBody())
                    .contains("(" + mail.senderHelo() + " [" + mail.senderIp() + "])")
                    .contains("by " + EmailWriter.MX).endsWith("; Mon, 02 Mar 2026 " + time(mail) + " +0000");
            assertThat(msg.getHeader().getField("Return-Path").getBody()).isEqualTo("<" + mail.fromAddress() + ">");
            assertThat(msg.getHeader().getField("Authentication-Results").getBody())
                    .startsWith(EmailWriter.MX + ";").contains("sender IP is " + mail.senderIp());
            assertThat(text(msg)).isEqualTo(mail.body());
            assertThat(attachments(msg).keySet())
                    .containsExactlyElementsOf(mail.attachments().stream().map(Mail.Attachment::fileName).toList());
            for (Mail.Attachment a : mail.attachments()) {
                assertThat(attachments(msg).get(a.fileName())).isEqualTo(a.content());
            }
        }
    }

    @Test
    void extortionArrivesWithAZipOfOurRepositoryPathsAndWalletsThatVerify() throws Exception {
        Set<String> real = MailFixtures.stolen().stream()
                .flatMap(r -> r.paths().stream().map(p -> r.name() + "/" + p)).collect(Collectors.toSet());
        Mail mail = MailFactory.extortion(MailFixtures.operator(), AT, MailFixtures.stolen(), Rng.of(3), "45.76.1.2");
        Message msg = parse(EmailWriter.render(mail));
        Map<String, byte[]> files = attachments(msg);
        assertThat(files).hasSize(1);
        Set<String> entries = MailFixtures.unzip(files.values().iterator().next()).keySet();
        assertThat(entries).contains("README.txt");
        assertThat(entries.stream().filter(n -> !n.equals("README.txt"))).isNotEmpty().allMatch(real::contains);
        Matcher segwit = Pattern.compile("bc1q[a-z0-9]{38}").matcher(text(msg));
        assertThat(segwit.find()).isTrue();
        assertThat(AddressChecks.validSegwitV0(segwit.group())).isTrue();
    }

    @Test
    void theSameMailGivesTheSameBytes() throws Exception {
        Map<Path, Mail> first = write(dir.resolve("a"), mails());
        Map<Path, Mail> second = write(dir.resolve("b"), mails());
        List<Path> a = List.copyOf(first.keySet());
        List<Path> b = List.copyOf(second.keySet());
        for (int i = 0; i < a.size(); i++) {
            assertThat(dir.resolve("a").relativize(a.get(i))).isEqualTo(dir.resolve("b").relativize(b.get(i)));
            assertThat(Files.readAllBytes(b.get(i))).isEqualTo(Files.readAllBytes(a.get(i)));
        }
    }

    @Test
    void nonAsciiNameAndSubjectRoundTripThroughEncodedWords() throws Exception {
        String name = "Zoë Ñúñez-Lindqvist 東京デザイン事務所";
        String subject = "Rechnung für März — 請求書をお送りします: Überweisung bis Freitag, danke schön! 🚀";
        Mail mail = new Mail(AT, "abc123@fjordlinestudio.com", "zoe@fjordlinestudio.com", name,
                "avery.chen@" + World.DOMAIN, subject, "Grüße aus Malmö.\nZeile zwei = zwei Zeilen.  \n", "159.65.3.4",
                "mail.fjordlinestudio.com", null, List.of());
        byte[] eml = EmailWriter.render(mail);
        String raw = new String(eml, StandardCharsets.US_ASCII);
        assertThat(raw).contains("Subject: =?UTF-8?B?").contains("From: =?UTF-8?B?");
        Message msg = parse(eml);
        assertThat(msg.getFrom().get(0).getName()).isEqualTo(name);
        assertThat(msg.getSubject()).isEqualTo(subject);
        assertThat(text(msg)).isEqualTo(mail.body());
    }

    @Test
    void linesEndInCrlfAndStayWithinTheirLimits() throws Exception {
        for (Mail mail : mails()) {
            byte[] eml = EmailWriter.render(mail);
            for (int i = 0; i < eml.length; i++) {
                assertThat(eml[i]).as("byte %d", i).isBetween((byte) 1, (byte) 126);
                if (eml[i] == '\n') {
                    assertThat(eml[i - 1]).as("LF at %d", i).isEqualTo((byte) '\r');
                }
                if (eml[i] == '\r') {
                    assertThat(eml[i + 1]).as("CR at %d", i).isEqualTo((byte) '\n');
                }
            }
            String text = new String(eml, StandardCharsets.US_ASCII);
            assertThat(text).endsWith("\r\n");
            int bodyStart = text.indexOf("\r\n\r\n");
            // Trace headers are laid out as Postfix writes them, which may pass 78; RFC 5322 caps lines at 998.
            assertThat(text.substring(0, bodyStart).split("\r\n"))
                    .allSatisfy(line -> assertThat(line)
                            .hasSizeLessThanOrEqualTo(line.startsWith("Received:") ? 998 : 78));
            // Quoted-printable and base64 lines are at most 76 characters (RFC 2045).
            assertThat(text.substring(bodyStart + 4).split("\r\n"))
                    .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76));
            int qp = text.indexOf("quoted-printable\r\n\r\n") + 20;
            int qpEnd = mail.attachments().isEmpty() ? text.length() : text.indexOf("\r\n--=_Part_", qp);
            assertThat(text.substring(qp, qpEnd).split("\r\n"))
                    .allSatisfy(line -> assertThat(line).matches("([^=]|=[0-9A-F]{2})*=?"));
            if (!mail.attachments().isEmpty()) {
                String base64 = text.substring(text.indexOf("base64\r\n\r\n") + 10);
                assertThat(base64.split("\r\n")[0]).hasSize(76);
            }
        }
    }

    @Test
    void theStrictParserUsedHereRejectsMalformedMessages() {
        String[] garbage = {
            "From: a@example.com\r\nnot a header\r\n\r\nbody\r\n",
            "From: a@example.com\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n--x\r\n\r\nunterminated\r\n",
            "From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n\r\n!!not base64\r\n",
            "From: a@example.com\r\nDate: yesterday-ish\r\n\r\nbody\r\n"};
        for (String eml : garbage) {
            assertThatThrownBy(() -> {
                Message msg = parse(eml.getBytes(StandardCharsets.US_ASCII));
                ((SingleBody) msg.getBody()).getInputStream().readAllBytes();
            }).as(eml).isInstanceOfAny(IOException.class, AssertionError.class);
        }
    }

    private static String time(Mail mail) {
        return mail.time().toString().substring(11, 19);
    }

    /** Strict parsing, strict decoding and the strict field parser: malformed MIME or headers fail here. */
    private static Message parse(byte[] eml) throws IOException {
        DefaultMessageBuilder builder = new DefaultMessageBuilder();
        builder.setMimeEntityConfig(MimeConfig.STRICT);
        builder.setDecodeMonitor(DecodeMonitor.STRICT);
        builder.setFieldParser(DefaultFieldParser.getParser());
        Message msg = builder.parseMessage(new ByteArrayInputStream(eml));
        assertValidFields(msg);
        return msg;
    }

    private static void assertValidFields(Entity entity) {
        for (Field f : entity.getHeader().getFields()) {
            if (f instanceof ParsedField parsed) {
                assertThat(parsed.getParseException()).as(f.getName()).isNull();
            }
        }
        if (entity.getBody() instanceof Multipart multipart) {
            multipart.getBodyParts().forEach(EmailWriterTest::assertValidFields);
        }
    }

    private static String text(Message msg) throws IOException {
        Entity part = msg.getBody() instanceof Multipart m ? m.getBodyParts().get(0) : msg;
        assertThat(part.getMimeType()).isEqualTo("text/plain");
        assertThat(part.getCharset()).isEqualTo("UTF-8");
        try (Reader r = ((TextBody) part.getBody()).getReader()) {
            StringWriter out = new StringWriter();
            r.transferTo(out);
            return out.toString().replace("\r\n", "\n");
        }
    }

    private static Map<String, byte[]> attachments(Message msg) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (msg.getBody() instanceof Multipart m) {
            assertThat(m.getSubType()).isEqualTo("mixed");
            for (Entity part : m.getBodyParts().subList(1, m.getBodyParts().size())) {
                assertThat(part.getDispositionType()).isEqualTo("attachment");
                assertThat(part.getContentTransferEncoding()).isEqualTo("base64");
                try (InputStream in = ((BinaryBody) part.getBody()).getInputStream()) {
                    files.put(part.getFilename(), in.readAllBytes());
                }
            }
        }
        return files;
    }
}
