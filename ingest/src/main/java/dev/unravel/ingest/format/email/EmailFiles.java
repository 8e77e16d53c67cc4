package dev.unravel.ingest.format.email;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole messages for triage: each message of an {@code .eml} or mbox file (or of bytes, for a
 * message attached to another) as its {@code email.message} and {@code email.attachment} events
 * plus the attachments' bytes up to a bound. Unlike a scan, which only hashes and lists
 * attachments as they stream past, a triage looks inside them, so it keeps them in memory; nothing
 * is written to disk.
 */
public final class EmailFiles {
    /** Messages up to this size are read; triage gets more room than a scan's record limit. */
    public static final int MAX_MESSAGE_BYTES = 256 << 20;

    /** One attachment; {@code content} is null when it was larger than the bound kept. */
    public record Attachment(int index, String fileName, String contentType, long size, byte[] content) {
        public boolean kept() {
            return content != null;
        }
    }

    /** One message: where it is, its events and its attachments in order. */
    public record Message(String file, long record, Event message, List<Event> attachmentEvents,
            List<Attachment> attachments) {
    }

    /** A message that could not be read, with the reason. */
    public record Failure(String file, long record, String reason) {
    }

    /** What a file held. */
    public record Result(List<Message> messages, List<Failure> failures) {
    }

    private EmailFiles() {
    }

    /** Reads {@code file}: mbox when it starts with a {@code From } separator line, else one message. */
    public static Result read(Path file, long keepBytes) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(file.toString(), in, keepBytes);
        }
    }

    /** Reads a message (or mbox) held in memory, e.g. one attached to another message. */
    public static Result parse(String name, byte[] bytes, long keepBytes) throws IOException {
        return read(name, new ByteArrayInputStream(bytes), keepBytes);
    }

    private static Result read(String name, InputStream raw, long keepBytes) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw);
        in.mark(5);
        byte[] head = in.readNBytes(5);
        in.reset();
        Limits limits = new Limits(MAX_MESSAGE_BYTES, Limits.DEFAULT.maxDepth(), Limits.DEFAULT.maxStringBytes(),
                Limits.DEFAULT.excerptChars());
        List<Message> messages = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        if (new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).equals("From ")) {
            MboxSplitter split = new MboxSplitter(in);
            long record = 0;
            while (split.nextMessage()) {
                record++;
                one(split.message(), name, record, limits, keepBytes, messages, failures);
                split.skipMessage();
            }
        } else {
            one(in, name, 1, limits, keepBytes, messages, failures);
        }
        return new Result(messages, failures);
    }

    private static void one(InputStream in, String name, long record, Limits limits, long keepBytes,
            List<Message> messages, List<Failure> failures) throws IOException {
        List<Attachment> kept = new ArrayList<>();
        MailParser.AttachmentKeeper keeper = new MailParser.AttachmentKeeper() {
            @Override
            public long maxBytes() {
                return keepBytes;
            }

            @Override
            public void keep(int index, String fileName, String contentType, long size, byte[] content) {
                kept.add(new Attachment(index, fileName, contentType, size, content));
            }
        };
        try {
            List<Event> events = MailParser.parse(in, name, record, limits, keeper);
            messages.add(new Message(name, record, events.get(0), List.copyOf(events.subList(1, events.size())),
                    List.copyOf(kept)));
        } catch (RecordException e) {
            failures.add(new Failure(name, record, (e.field() == null ? "the message " : e.field() + " ")
                    + e.getMessage()));
        }
    }
}
