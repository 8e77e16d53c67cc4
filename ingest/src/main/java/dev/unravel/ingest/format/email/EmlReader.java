package dev.unravel.ingest.format.email;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.util.List;

/**
 * One RFC 5322 message per file ({@code .eml}): an {@code email.message} event and one
 * {@code email.attachment} per attachment (see {@link MailParser} for the fields).
 */
public final class EmlReader implements Reader {

    @Override
    public String id() {
        return "email-eml";
    }

    @Override
    public String description() {
        return "E-mail message, RFC 5322 (.eml): email.message and email.attachment events";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.binaryShare() > 0.01) {
                return 0;
            }
            String[] lines = MailProbe.lines(sample);
            if (lines.length == 0 || lines[0].startsWith("From ")) {
                return 0;
            }
            int known = MailProbe.knownHeaders(lines, 0);
            if (known < 2) {
                return 0;
            }
            return (known >= 3 ? 85 : 65) + (sample.name().endsWith(".eml") ? 10 : 0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        sink.record();
        List<Event> events;
        try {
            events = MailParser.parse(input.stream(), input.name(), 1, input.limits());
        } catch (RecordException e) {
            sink.reject(input.error(1, 1, e.field(), e.getMessage(), null));
            return;
        }
        for (Event e : events) {
            sink.accept(e);
        }
    }
}
