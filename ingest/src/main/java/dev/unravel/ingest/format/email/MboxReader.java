package dev.unravel.ingest.format.email;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A mailbox in mbox format: messages each introduced by a {@code From } separator line, with body
 * lines that began with {@code From } quoted as {@code >From } (mboxo) or with more {@code >}
 * (mboxrd); one {@code >} is removed again. Each message is one record, read like an {@code .eml}
 * ({@link MailParser}); a message over the record limit is rejected and the reader moves on to the
 * next separator.
 */
public final class MboxReader implements Reader {

    @Override
    public String id() {
        return "email-mbox";
    }

    @Override
    public String description() {
        return "Mailbox in mbox format (From_-separated RFC 5322 messages): email.message and email.attachment events";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.binaryShare() > 0.01) {
                return 0;
            }
            String[] lines = MailProbe.lines(sample);
            if (lines.length < 2 || !lines[0].startsWith("From ")) {
                return 0;
            }
            int known = MailProbe.knownHeaders(lines, 1);
            return known >= 2 ? 95 : known == 1 ? 60 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        MboxSplitter split = new MboxSplitter(input.stream());
        long record = 0;
        while (split.nextMessage()) {
            record++;
            sink.record();
            long line = split.messageLine();
            InputStream message = split.message();
            List<Event> events;
            try {
                events = MailParser.parse(message, input.name(), record, input.limits());
            } catch (RecordException e) {
                split.skipMessage();
                sink.reject(input.error(record, line, e.field(), e.getMessage(), split.separator()));
                continue;
            }
            split.skipMessage();
            for (Event e : events) {
                sink.accept(e);
            }
        }
    }
}
