package dev.unravel.sim.out;

import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.Mail;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

/**
 * Inbound mail as the company's mail server stores it: one RFC 5322 {@code .eml} file per message
 * under {@code email/<mailbox>/}, with the trace headers the receiving MX adds (Return-Path,
 * Received, Authentication-Results) above the sender's own headers, a quoted-printable UTF-8 text
 * body and base64 attachments in a {@code multipart/mixed} message. Everything is CRLF, lines stay
 * within RFC limits, and all ids and boundaries derive from the Message-ID, so the same mail always
 * gives the same bytes.
 */
public final class EmailWriter implements SourceWriter {
    /** The company's inbound MX: it writes the top Received header and the Authentication-Results. */
    public static final String MX = "mx1." + World.DOMAIN;

    private static final String CRLF = "\r\n";
    private static final int LINE = 78;
    /** Bytes per RFC 2047 encoded-word: 52 base64 characters, so "Subject: " and the word fit in 78. */
    private static final int ENCODED_WORD_BYTES = 39;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss xx", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final OutputDir out;
    private long records;

    public EmailWriter(OutputDir out) {
        this.out = out;
    }

    @Override
    public String source() {
        return "email";
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof Mail mail) {
            String path = path(mail);
            try (OutputStream file = out.create(path)) {
                file.write(render(mail));
            }
            out.count(path, 1);
            records++;
        }
    }

    @Override
    public long records() {
        return records;
    }

    /** Each message is written and closed in {@link #accept}; nothing stays open. */
    @Override
    public void close() {
    }

    /** {@code email/<recipient local part>/<yyyyMMdd'T'HHmmss'Z'>-<8 hex of the Message-ID hash>.eml}. */
    public static String path(Mail mail) {
        String local = mail.to().substring(0, mail.to().indexOf('@')).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9._+-]", "_");
        return "email/" + local + "/" + FILE_STAMP.format(mail.time()) + "-" + digest(mail).substring(0, 8) + ".eml";
    }

    /** The message as stored, bytes exactly as written to the file. */
    public static byte[] render(Mail mail) {
        String digest = digest(mail);
        String date = DATE.format(mail.time());
        String fromDomain = mail.fromAddress().substring(mail.fromAddress().indexOf('@') + 1);
        StringBuilder m = new StringBuilder(2048);
        raw(m, "Return-Path", "<" + mail.fromAddress() + ">");
        raw(m, "Received", "from " + mail.senderHelo() + " (" + mail.senderHelo() + " [" + mail.senderIp() + "])" + CRLF
                + "\tby " + MX + " with ESMTPS id " + digest.substring(0, 12).toUpperCase(Locale.ROOT) + CRLF
                + "\tfor <" + mail.to() + ">; " + date);
        raw(m, "Authentication-Results", MX + ";" + CRLF
                + "\tspf=pass (sender IP is " + mail.senderIp() + ") smtp.mailfrom=" + fromDomain + ";" + CRLF
                + "\tdkim=none (message not signed) header.d=none;" + CRLF
                + "\tdmarc=pass action=none header.from=" + fromDomain);
        // The sender's provider accepted the message from the author's client (or its own webmail
        // front end) before relaying it; many providers name the client's address here.
        String client = mail.clientIp() == null ? "[127.0.0.1] (localhost [127.0.0.1])"
                : "[" + mail.clientIp() + "] ([" + mail.clientIp() + "])";
        raw(m, "Received", "from " + client + CRLF
                + "\tby " + mail.senderHelo() + " with ESMTPSA id " + digest.substring(12, 24) + CRLF
                + "\tfor <" + mail.to() + ">; " + date);
        raw(m, "Date", date);
        folded(m, "From", mailbox(mail.fromName(), mail.fromAddress()));
        folded(m, "To", mail.to());
        folded(m, "Subject", phrase(mail.subject(), false));
        raw(m, "Message-ID", "<" + mail.messageId() + ">");
        raw(m, "MIME-Version", "1.0");
        String text = quotedPrintable(mail.body());
        if (mail.attachments().isEmpty()) {
            textHeaders(m);
            m.append(CRLF).append(text).append(text.endsWith(CRLF) ? "" : CRLF);
            return m.toString().getBytes(StandardCharsets.US_ASCII);
        }
        // "=_" cannot occur in quoted-printable or base64 content, so the boundary never collides.
        String boundary = "=_Part_" + digest.substring(24, 48);
        raw(m, "Content-Type", "multipart/mixed;" + CRLF + "\tboundary=\"" + boundary + "\"");
        m.append(CRLF).append("--").append(boundary).append(CRLF);
        textHeaders(m);
        m.append(CRLF).append(text).append(CRLF);
        for (Mail.Attachment a : mail.attachments()) {
            m.append("--").append(boundary).append(CRLF);
            raw(m, "Content-Type", a.contentType() + ";" + CRLF + "\t" + parameter("name", a.fileName()));
            raw(m, "Content-Disposition", "attachment;" + CRLF + "\t" + parameter("filename", a.fileName()));
            raw(m, "Content-Transfer-Encoding", "base64");
            m.append(CRLF).append(Base64.getMimeEncoder().encodeToString(a.content())).append(CRLF);
        }
        m.append("--").append(boundary).append("--").append(CRLF);
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void textHeaders(StringBuilder m) {
        raw(m, "Content-Type", "text/plain; charset=UTF-8");
        raw(m, "Content-Transfer-Encoding", "quoted-printable");
    }

    /** A header whose value the caller already folded. */
    private static void raw(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append(CRLF);
    }

    /** A header folded at spaces so lines stay within 78 characters where the words allow. */
    private static void folded(StringBuilder m, String name, String value) {
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must be one line: " + value);
        }
        m.append(name).append(':');
        int column = name.length() + 1;
        for (String word : value.split(" ", -1)) {
            if (column + 1 + word.length() > LINE && column > name.length() + 1) {
                m.append(CRLF);
                column = 0;
            }
            m.append(' ').append(word);
            column += 1 + word.length();
        }
        m.append(CRLF);
    }

    private static String mailbox(String name, String address) {
        if (name == null || name.isBlank()) {
            return "<" + address + ">";
        }
        return phrase(name, true) + " <" + address + ">";
    }

    /**
     * Header text: as is when it is plain ASCII, else RFC 2047 base64 encoded-words of whole
     * characters. A display name with characters that are special in an address is quoted.
     */
    private static String phrase(String text, boolean displayName) {
        if (!text.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return encodedWords(text);
        }
        if (displayName && !text.matches("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]*")) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return text;
    }

    private static String encodedWords(String text) {
        StringBuilder words = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            int bytes = ch.getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + bytes > ENCODED_WORD_BYTES) {
                appendWord(words, chunk);
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(ch);
            chunkBytes += bytes;
            i += ch.length();
        }
        appendWord(words, chunk);
        return words.toString();
    }

    private static void appendWord(StringBuilder words, CharSequence chunk) {
        if (words.length() > 0) {
            words.append(' ');
        }
        words.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                .append("?=");
    }

    /** A MIME parameter: quoted when ASCII, RFC 2231 percent-encoded UTF-8 otherwise. */
    private static String parameter(String name, String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return name + "*=UTF-8''" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * RFC 2045 quoted-printable of UTF-8 text: line breaks become CRLF hard breaks, lines are
     * softly broken to at most 76 characters, whitespace before a break is encoded.
     */
    static String quotedPrintable(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                out.append(CRLF);
            }
            byte[] bytes = lines[l].getBytes(StandardCharsets.UTF_8);
            int column = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xFF;
                boolean whitespace = b == ' ' || b == '\t';
                boolean literal = (b >= 33 && b <= 126 && b != '=') || (whitespace && i < bytes.length - 1);
                String piece = literal ? String.valueOf((char) b) : String.format("=%02X", b);
                if (column + piece.length() > 75) {
                    out.append('=').append(CRLF);
                    column = 0;
                }
                out.append(piece);
                column += piece.length();
            }
        }
        return out.toString();
    }

    /** Hex SHA-256 of the Message-ID: the seed of the file name, queue ids and boundary. */
    private static String digest(Mail mail) {
        return dev.unravel.core.Sha256.hex(mail.messageId());
    }
}
