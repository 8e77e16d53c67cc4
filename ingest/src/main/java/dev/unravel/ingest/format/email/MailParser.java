package dev.unravel.ingest.format.email;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Times;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.DateTimeField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * One RFC 5322 message to events: {@code email.message} with the headers a triage needs, and one
 * {@code email.attachment} per attachment with its size, SHA-256 and, for ZIP archives, the entry
 * names and sizes read from the stream (nothing is extracted or written to disk).
 *
 * <p>Streaming, with mime4j's event parser: attachments are hashed as they pass and never held.
 * Bounded: the raw message by {@link Limits#maxRecordBytes()}, headers by count and length, lines by
 * length, the kept body text, the header values kept, and ZIP listings by entries and inflated bytes.
 * Lenient: malformed headers start the body, unknown charsets decode as UTF-8 with replacement, broken
 * MIME yields what could be read. A message over a bound is rejected with the reason.
 */
final class MailParser {

    static final LogSource LOGSOURCE = LogSource.of("unravel", null, "email");
    static final int MAX_HEADERS = 1000;
    static final int MAX_HEADER_BYTES = 100_000;
    static final int MAX_LINE_BYTES = 1 << 20;
    static final int MAX_BODY_CHARS = 64 * 1024;
    static final int MAX_HEADER_VALUES = 200;
    static final int MAX_HEADER_VALUE_CHARS = 2000;
    static final int MAX_ZIP_ENTRIES = 10_000;
    static final int MAX_ZIP_LISTED = 1000;
    static final long MAX_ZIP_INFLATED = 64L << 20;

    private static final Pattern BRACKETED = Pattern.compile("\\[(?:IPv6:)?([0-9A-Fa-f:.]{2,45})\\]");
    private static final Pattern PAREN_IPV4 = Pattern.compile("[(\\s]((?:\\d{1,3}\\.){3}\\d{1,3})[)\\s]");
    private static final Pattern CLAUSE = Pattern.compile("(?i)(?:^|\\s)(from|by|via|with|id|for)\\s+(\\S+)");

    private MailParser() {
    }

    /** Thrown by the bounded stream when a message passes the record limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("the message is larger than the record limit of " + limit + " bytes", null);
        }
    }

    /** A stream that counts and stops with {@link TooLarge} past a limit. */
    static final class Bounded extends FilterInputStream {
        private final long limit;
        long count;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > limit) {
                throw new TooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new TooLarge(limit);
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the underlying stream
        }
    }

    static MimeConfig config(Limits limits) {
        return new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMalformedHeaderStartsBody(true)
                .setMaxHeaderCount(MAX_HEADERS)
                .setMaxHeaderLen(MAX_HEADER_BYTES)
                .setMaxLineLen(MAX_LINE_BYTES)
                .setMaxContentLen(limits.maxRecordBytes())
                .build();
    }

    /**
     * Parses one message from {@code raw} (read to its end or to the limit) into its events, all or
     * nothing.
     */
    static List<Event> parse(InputStream raw, String file, long record, Limits limits) throws RecordException,
            IOException {
        return parse(raw, file, record, limits, null);
    }

    /** Receives each attachment's bytes, up to a bound, as the parser hashes it (for triage). */
    interface AttachmentKeeper {
        /** Bytes kept per attachment; a larger one is passed with {@code content} null. */
        long maxBytes();

        void keep(int index, String fileName, String contentType, long size, byte[] content);
    }

    /** As {@link #parse(InputStream, String, long, Limits)}, handing attachment bytes to {@code keeper}. */
    static List<Event> parse(InputStream raw, String file, long record, Limits limits, AttachmentKeeper keeper)
            throws RecordException, IOException {
        Bounded in = new Bounded(raw, limits.maxRecordBytes());
        Handler h = new Handler(keeper);
        MimeStreamParser parser = new MimeStreamParser(config(limits), DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        parser.setContentDecoding(true);
        parser.setNoRecurse(); // an attached message is an attachment, not parts of this one
        parser.setContentHandler(h);
        try {
            parser.parse(in);
        } catch (TooLarge e) {
            throw new RecordException(null, "is larger than the record limit of " + limits.maxRecordBytes()
                    + " bytes; skipped");
        } catch (MaxHeaderLimitException e) {
            throw new RecordException(null, "has more than " + MAX_HEADERS + " header fields; skipped");
        } catch (MaxHeaderLengthLimitException e) {
            throw new RecordException(null, "has a header field longer than " + MAX_HEADER_BYTES + " bytes; skipped");
        } catch (MaxLineLimitException e) {
            throw new RecordException(null, "has a line longer than " + MAX_LINE_BYTES + " bytes; skipped");
        } catch (MimeException e) {
            throw new RecordException(null, "is not a readable MIME message: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new RecordException(null, "is not a readable MIME message (" + e + ")");
        }
        if (!h.sawHeader || h.headerCount == 0) {
            throw new RecordException(null, "has no header fields: it is not an RFC 5322 message");
        }
        return h.events(file, record, in.count);
    }

    // ---------------------------------------------------------------- the handler

    private static final class Handler extends AbstractContentHandler {
        final AttachmentKeeper keeper;
        int depth; // header blocks seen: 1 = the message's own header
        boolean inTopHeader;
        boolean sawHeader;
        int headerCount;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        int keptValues;
        String date;
        Instant dateTime;
        String subject;
        String messageId;
        String returnPath;
        String xOriginatingIp;
        String fromAddress;
        String fromName;
        final List<String> to = new ArrayList<>();
        final List<String> cc = new ArrayList<>();
        final List<String> replyTo = new ArrayList<>();
        final List<Map<String, Object>> received = new ArrayList<>();
        final List<String> authResults = new ArrayList<>();
        final StringBuilder body = new StringBuilder();
        boolean bodyTruncated;
        final List<Map<String, Object>> attachments = new ArrayList<>();
        /** HTML body text, used (tags stripped) when the message has no text/plain part. */
        final StringBuilder html = new StringBuilder();

        Handler(AttachmentKeeper keeper) {
            this.keeper = keeper;
        }

        @Override
        public void startHeader() {
            depth++;
            inTopHeader = depth == 1;
            sawHeader = true;
        }

        @Override
        public void endHeader() {
            inTopHeader = false;
        }

        @Override
        public void field(Field field) {
            if (!inTopHeader) {
                return;
            }
            headerCount++;
            String name = field.getName() == null ? "" : field.getName().strip();
            String lower = name.toLowerCase(Locale.ROOT);
            String value = unfold(field.getBody());
            if (keptValues < MAX_HEADER_VALUES) {
                keptValues++;
                headers.computeIfAbsent(lower, k -> new ArrayList<>()).add(cut(decodeWords(value),
                        MAX_HEADER_VALUE_CHARS));
            }
            switch (lower) {
                case "date" -> {
                    if (date == null) {
                        date = value.strip();
                        dateTime = parseDate(value);
                    }
                }
                case "subject" -> {
                    if (subject == null) {
                        subject = cut(decodeWords(value).strip(), MAX_HEADER_VALUE_CHARS);
                    }
                }
                case "message-id" -> {
                    if (messageId == null) {
                        messageId = cut(value.strip(), MAX_HEADER_VALUE_CHARS);
                    }
                }
                case "return-path" -> {
                    if (returnPath == null) {
                        returnPath = cut(stripAngles(value), MAX_HEADER_VALUE_CHARS);
                    }
                }
                case "x-originating-ip" -> {
                    if (xOriginatingIp == null) {
                        String ip = value.strip().replace("[", "").replace("]", "").strip();
                        xOriginatingIp = ip.isEmpty() ? null : cut(ip, 64);
                    }
                }
                case "from" -> {
                    if (fromAddress == null) {
                        from(name, value);
                    }
                }
                case "to" -> addresses(name, value, to);
                case "cc" -> addresses(name, value, cc);
                case "reply-to" -> addresses(name, value, replyTo);
                case "received" -> {
                    if (received.size() < MAX_HEADER_VALUES) {
                        received.add(received(value));
                    }
                }
                case "authentication-results" -> {
                    if (authResults.size() < MAX_HEADER_VALUES) {
                        authResults.add(cut(value.strip(), MAX_HEADER_VALUE_CHARS));
                    }
                }
                default -> {
                }
            }
        }

        private void from(String name, String value) {
            try {
                ParsedField f = LenientFieldParser.parse(name + ": " + value, DecodeMonitor.SILENT);
                if (f instanceof MailboxListField m && m.getMailboxList() != null && !m.getMailboxList().isEmpty()) {
                    Mailbox box = m.getMailboxList().get(0);
                    fromAddress = box.getAddress();
                    fromName = box.getName();
                    return;
                }
            } catch (MimeException | RuntimeException e) {
                // fall through to the plain-text fallback
            }
            fromAddress = fallbackAddress(value);
        }

        private static void addresses(String name, String value, List<String> out) {
            if (out.size() >= MAX_HEADER_VALUES) {
                return;
            }
            try {
                ParsedField f = LenientFieldParser.parse(name + ": " + value, DecodeMonitor.SILENT);
                if (f instanceof AddressListField a && a.getAddressList() != null && !a.getAddressList().isEmpty()) {
                    for (Mailbox m : a.getAddressList().flatten()) {
                        if (out.size() < MAX_HEADER_VALUES && !out.contains(m.getAddress())) {
                            out.add(m.getAddress());
                        }
                    }
                    return;
                }
            } catch (MimeException | RuntimeException e) {
                // fall through
            }
            String addr = fallbackAddress(value);
            if (addr != null) {
                out.add(addr);
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            MaximalBodyDescriptor d = bd instanceof MaximalBodyDescriptor m ? m : null;
            String mime = bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            String fileName = d == null ? null : d.getContentDispositionFilename();
            if (fileName == null && d != null && d.getContentTypeParameters() != null) {
                fileName = d.getContentTypeParameters().get("name");
            }
            if (fileName != null) {
                fileName = cut(decodeWords(fileName).strip(), 1024);
            }
            String disposition = d == null || d.getContentDispositionType() == null ? null
                    : d.getContentDispositionType().toLowerCase(Locale.ROOT);
            boolean textual = mime.startsWith("text/");
            boolean attachment = "attachment".equals(disposition) || fileName != null && !fileName.isEmpty()
                    || !textual && !mime.startsWith("multipart/");
            if (!attachment) {
                if (mime.equals("text/plain")) {
                    text(is, bd.getCharset(), body);
                } else if (mime.equals("text/html")) {
                    text(is, bd.getCharset(), html);
                } else {
                    is.transferTo(OutputStreamSink.INSTANCE);
                }
                return;
            }
            attachments.add(attachment(is, fileName, mime));
        }

        private void text(InputStream is, String charset, StringBuilder into) throws IOException {
            Charset cs = StandardCharsets.UTF_8;
            try {
                if (charset != null && Charset.isSupported(charset.strip())) {
                    cs = Charset.forName(charset.strip());
                }
            } catch (RuntimeException e) {
                // an illegal charset name: UTF-8
            }
            CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            java.io.Reader r = new java.io.InputStreamReader(is, dec);
            char[] buf = new char[8192];
            int n;
            while ((n = r.read(buf)) > 0) {
                int room = MAX_BODY_CHARS - into.length();
                if (room > 0) {
                    into.append(buf, 0, Math.min(room, n));
                }
                if (n > room && into == body) {
                    bodyTruncated = true;
                }
            }
        }

        private Map<String, Object> attachment(InputStream is, String fileName, String mime) throws IOException {
            if (keeper != null) {
                is = new Keeping(is, keeper.maxBytes());
            }
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Counting counted = new Counting(new DigestInputStream(is, sha));
            BufferedInputStream buffered = new BufferedInputStream(counted, 8192);
            buffered.mark(4);
            byte[] magic = buffered.readNBytes(4);
            buffered.reset();
            boolean zip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("file_name", fileName);
            a.put("content_type", mime);
            if (zip) {
                a.put("zip", zipListing(buffered));
            }
            buffered.transferTo(OutputStreamSink.INSTANCE);
            a.put("size", counted.count);
            a.put("sha256", HexFormat.of().formatHex(sha.digest()));
            if (is instanceof Keeping k) {
                keeper.keep(attachments.size(), fileName, mime, counted.count, k.content());
            }
            return a;
        }

        /** Entry names and sizes from a ZIP read as a stream, within bounds; never extracted. */
        private static Map<String, Object> zipListing(InputStream in) {
            Map<String, Object> listing = new LinkedHashMap<>();
            List<Map<String, Object>> entries = new ArrayList<>();
            long inflated = 0;
            int count = 0;
            boolean truncated = false;
            String error = null;
            // The ZIP reader must not close the attachment stream: the rest is still hashed afterwards.
            ZipInputStream zip = new ZipInputStream(new FilterInputStream(in) {
                @Override
                public void close() {
                }
            });
            byte[] buf = new byte[8192];
            try {
                ZipEntry e;
                outer:
                while ((e = zip.getNextEntry()) != null) {
                    if (count >= MAX_ZIP_ENTRIES) {
                        truncated = true;
                        break;
                    }
                    count++;
                    long size = 0;
                    int n;
                    while ((n = zip.read(buf)) > 0) {
                        size += n;
                        inflated += n;
                        if (inflated > MAX_ZIP_INFLATED) {
                            truncated = true;
                            break outer;
                        }
                    }
                    if (entries.size() < MAX_ZIP_LISTED) {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("name", cut(e.getName(), 1024));
                        entry.put("size", size);
                        entry.put("directory", e.isDirectory());
                        entries.add(entry);
                    } else {
                        truncated = true;
                    }
                }
            } catch (IOException | RuntimeException ex) {
                error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            }
            listing.put("entry_count", count);
            listing.put("entries", entries);
            listing.put("truncated", truncated);
            if (error != null) {
                listing.put("error", cut(error, 200));
            }
            return listing;
        }

        List<Event> events(String file, long record, long size) throws RecordException {
            Instant time = dateTime;
            String timeField = "Date";
            if (time == null && !received.isEmpty()) {
                Object top = received.get(0).get("date");
                time = top == null ? null : parseDate(top.toString());
                timeField = "Received";
            }
            if (time == null) {
                if (date != null) {
                    throw RecordException.invalid("Date", "a date", date);
                }
                throw new RecordException("Date", "is missing, and no Received header has a date: the message has no "
                        + "time");
            }
            String user = fromAddress == null ? null : fromAddress.toLowerCase(Locale.ROOT);
            String sourceIp = originatingIp();
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("message_id", messageId);
            doc.put("date", date);
            doc.put("time_from", timeField);
            doc.put("subject", subject);
            doc.put("from", fromAddress);
            doc.put("from_name", fromName);
            doc.put("to", List.copyOf(to));
            doc.put("cc", List.copyOf(cc));
            doc.put("reply_to", List.copyOf(replyTo));
            doc.put("return_path", returnPath);
            doc.put("received", List.copyOf(received));
            doc.put("authentication_results", List.copyOf(authResults));
            doc.put("x_originating_ip", xOriginatingIp);
            doc.put("originating_ip", sourceIp);
            List<String> names = new ArrayList<>();
            for (Map<String, Object> a : attachments) {
                names.add((String) a.get("file_name"));
            }
            doc.put("attachments", names);
            boolean fromHtml = body.toString().isBlank() && !html.isEmpty();
            doc.put("body", fromHtml ? HtmlText.of(html) : body.toString());
            doc.put("body_truncated", bodyTruncated);
            doc.put("body_from_html", fromHtml);
            doc.put("size", size);
            doc.put("headers", headers);
            EventRef origin = new EventRef(file, record);
            List<Event> events = new ArrayList<>(1 + attachments.size());
            events.add(new Event(time, "email", "email.message", LOGSOURCE, user, null, sourceIp, doc, origin));
            int i = 0;
            for (Map<String, Object> a : attachments) {
                Map<String, Object> ad = new LinkedHashMap<>();
                ad.put("message_id", messageId);
                ad.put("from", fromAddress);
                ad.put("to", List.copyOf(to));
                ad.put("subject", subject);
                ad.put("index", i++);
                ad.putAll(a);
                events.add(new Event(time, "email", "email.attachment", LOGSOURCE, user, null, sourceIp, ad, origin));
            }
            return events;
        }

        /** The lowest Received hop's client address that is not internal; else X-Originating-IP when public. */
        private String originatingIp() {
            for (int i = received.size() - 1; i >= 0; i--) {
                Object ip = received.get(i).get("from_ip");
                if (ip != null && !Ips.isInternal(ip.toString())) {
                    return ip.toString();
                }
            }
            if (xOriginatingIp != null && Ips.isIp(xOriginatingIp) && !Ips.isInternal(xOriginatingIp)) {
                return xOriginatingIp;
            }
            return null;
        }
    }

    // ---------------------------------------------------------------- header values

    /** One Received header: its clauses, the addresses it names, the client address, and its date. */
    static Map<String, Object> received(String value) {
        Map<String, Object> hop = new LinkedHashMap<>();
        String v = cut(value.strip(), MAX_HEADER_VALUE_CHARS);
        int semi = v.lastIndexOf(';');
        String clauses = semi >= 0 ? v.substring(0, semi) : v;
        String dateText = semi >= 0 ? v.substring(semi + 1).strip() : null;
        Matcher c = CLAUSE.matcher(clauses);
        while (c.find()) {
            String key = c.group(1).toLowerCase(Locale.ROOT);
            if (!hop.containsKey(key)) {
                hop.put(key, stripAngles(c.group(2)));
            }
        }
        // the "from" clause runs to " by "; the client's address is bracketed there
        String lowerClauses = clauses.toLowerCase(Locale.ROOT);
        int by = lowerClauses.indexOf(" by ");
        String fromPart = lowerClauses.startsWith("from") ? clauses.substring(0, by < 0 ? clauses.length() : by) : "";
        List<String> ips = new ArrayList<>();
        String fromIp = null;
        Matcher m = BRACKETED.matcher(clauses);
        while (m.find() && ips.size() < 16) {
            String ip = m.group(1);
            if (Ips.isIp(ip) && !ips.contains(ip)) {
                ips.add(ip);
                if (fromIp == null && m.start() < fromPart.length()) {
                    fromIp = ip;
                }
            }
        }
        Matcher p = PAREN_IPV4.matcher(clauses);
        while (p.find() && ips.size() < 16) {
            String ip = p.group(1);
            if (Ips.ipv4(ip) != null && !ips.contains(ip)) {
                ips.add(ip);
            }
        }
        hop.put("ips", ips);
        hop.put("from_ip", fromIp);
        if (dateText != null && !dateText.isEmpty()) {
            hop.put("date", dateText);
            Instant t = parseDate(dateText);
            hop.put("time", t == null ? null : t.toString());
        }
        hop.put("raw", v);
        return hop;
    }

    /** An RFC 5322 date, leniently (comments, two-digit years, missing day name), to an instant; null when not one. */
    static Instant parseDate(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = cut(value.strip(), 200);
        try {
            ParsedField f = LenientFieldParser.parse("Date: " + v, DecodeMonitor.SILENT);
            if (f instanceof DateTimeField d && d.getDate() != null) {
                return d.getDate().toInstant();
            }
        } catch (MimeException | RuntimeException e) {
            // try the generic shapes
        }
        return Times.parse(v);
    }

    static String unfold(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r\n", "\n").replace("\n\t", " ").replace("\n ", " ").replace('\n', ' ').replace('\r', ' ');
    }

    static String decodeWords(String s) {
        try {
            return DecoderUtil.decodeEncodedWords(s, DecodeMonitor.SILENT);
        } catch (RuntimeException e) {
            return s;
        }
    }

    static String stripAngles(String s) {
        String t = s.strip();
        if (t.startsWith("<")) {
            t = t.substring(1);
        }
        int close = t.indexOf('>');
        if (close >= 0) {
            t = t.substring(0, close);
        }
        return t.strip();
    }

    /** The first thing that looks like an address in a header a parser could not read. */
    static String fallbackAddress(String value) {
        String v = cut(value, MAX_HEADER_VALUE_CHARS);
        int lt = v.indexOf('<');
        int gt = lt < 0 ? -1 : v.indexOf('>', lt);
        if (lt >= 0 && gt > lt && v.substring(lt + 1, gt).contains("@")) {
            return v.substring(lt + 1, gt).strip();
        }
        for (String word : v.split("[\\s,;]+")) {
            if (word.indexOf('@') > 0) {
                return word.replaceAll("^[\"'(<]+|[\"')>]+$", "");
            }
        }
        return null;
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Counts bytes read. */
    /** Copies what passes, up to a bound, for {@link AttachmentKeeper}; past it keeps nothing. */
    private static final class Keeping extends FilterInputStream {
        private final long max;
        private java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();

        Keeping(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                keep(b, off, n);
            }
            return n;
        }

        private void keep(byte[] b, int off, int n) {
            if (copy != null) {
                if (copy.size() + (long) n > max) {
                    copy = null;
                } else {
                    copy.write(b, off, n);
                }
            }
        }

        byte[] content() {
            return copy == null ? null : copy.toByteArray();
        }
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** Discards what is written. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
