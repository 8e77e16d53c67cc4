package dev.unravel.sim.activity;

import java.time.Instant;
import java.util.List;

/**
 * An email delivered to a company mailbox, written as an RFC 5322 {@code .eml} file.
 *
 * @param time        when the company's mail server received it
 * @param messageId   the Message-ID without angle brackets
 * @param fromAddress sender address
 * @param fromName    sender display name
 * @param to          recipient address
 * @param subject     subject line
 * @param body        plain-text body
 * @param senderIp    the client address the first Received header names
 * @param senderHelo  the name the client gave in HELO
 * @param clientIp    the address the author submitted it from, when the sender's provider records it
 *                    (a webmail or submission hop), else null
 * @param attachments attachments, possibly none
 */
public record Mail(Instant time, String messageId, String fromAddress, String fromName, String to, String subject,
        String body, String senderIp, String senderHelo, String clientIp, List<Attachment> attachments) implements Activity {

    public Mail {
        attachments = List.copyOf(attachments);
    }

    /** An attachment's file name, MIME type and bytes. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }
}
