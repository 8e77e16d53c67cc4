package dev.unravel.ingest.format.email;

import dev.unravel.ingest.read.Sample;
import java.util.Locale;
import java.util.Set;

/** How sure a sample is an RFC 5322 header block: header fields with the names mail uses. */
final class MailProbe {
    private MailProbe() {
    }

    private static final Set<String> KNOWN = Set.of("received", "from", "to", "cc", "subject", "date", "message-id",
            "mime-version", "return-path", "delivered-to", "content-type", "reply-to", "x-mailer", "sender",
            "authentication-results", "dkim-signature", "arc-seal", "x-originating-ip", "user-agent", "in-reply-to",
            "references", "thread-topic", "x-received", "received-spf", "content-transfer-encoding", "envelope-to");

    /** Known header names in the header block starting at line {@code from} of the sample's lines. */
    static int knownHeaders(String[] lines, int from) {
        int known = 0;
        for (int i = from; i < lines.length && i < from + 400; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue; // a folded continuation
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !isFieldName(line, colon)) {
                return i == from ? 0 : known; // not a header line: the block ends (or never began)
            }
            if (KNOWN.contains(line.substring(0, colon).toLowerCase(Locale.ROOT))) {
                known++;
            }
        }
        return known;
    }

    static boolean isFieldName(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    static String[] lines(Sample sample) {
        String text = sample.text();
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        return text.substring(start).split("\n", 500);
    }
}
