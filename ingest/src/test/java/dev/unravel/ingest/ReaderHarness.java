package dev.unravel.ingest;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.source.Utf8Stream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one reader over text or a file and collects what it delivered, for reader tests. */
public final class ReaderHarness {
    private ReaderHarness() {
    }

    /** What a reader delivered. */
    public record Result(long records, List<Event> events, List<RecordError> errors, IOException failure) {
        /** Records that were not rejected. */
        public long accepted() {
            return records - errors.stream().filter(e -> e.record() > 0).map(RecordError::record).distinct().count();
        }
    }

    public static Result read(Reader reader, String name, String text) {
        return read(reader, name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), Limits.DEFAULT);
    }

    public static Result read(Reader reader, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(reader, file.toString(), Utf8Stream.decode(in).utf8(), Limits.DEFAULT);
        }
    }

    public static Result read(Reader reader, String name, InputStream content, Limits limits) {
        List<Event> events = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        long[] records = {0};
        IOException failure = null;
        try {
            reader.read(new Input(name, content, limits), new RecordSink() {
                @Override
                public void accept(Event event) {
                    events.add(event);
                }

                @Override
                public void reject(RecordError error) {
                    errors.add(error);
                }

                @Override
                public void record() {
                    records[0]++;
                }
            });
        } catch (IOException e) {
            failure = e;
        }
        return new Result(records[0], events, errors, failure);
    }
}
