package dev.unravel.ingest;

import dev.unravel.core.Event;
import dev.unravel.ingest.format.windows.EvtxReader;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.source.Inputs;
import dev.unravel.ingest.source.Utf8Stream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads files and folders into events: expands folders and archives, recognises each file's
 * format from its content (or takes the one forced), reads it with that format's reader, sends
 * rejected records to the quarantine, and summarises every file.
 *
 * <p>A file that cannot be read at all, or fails midway (a truncated gzip), is reported in its
 * summary; the run goes on with the next file and the events already read stand.
 */
public final class Ingest {

    /** Told as each file finishes, for progress display. */
    public interface Progress {
        Progress NONE = (done, total, summary) -> {
        };

        void fileDone(int done, int total, FileSummary summary);
    }

    private final Reader forced;
    private final Limits limits;
    private final Quarantine quarantine;
    private final Consumer<Event> events;
    private final int errorsKept;
    private Progress progress = Progress.NONE;
    private List<Reader> extraReaders = List.of();
    private java.time.Instant notAfter;
    private String notAfterWhy;
    private java.util.function.Predicate<Event> notAfterApplies;

    /**
     * @param forced     the reader to use for every file, or null to recognise each
     * @param quarantine where rejected records go
     * @param events     receives every event, in file order
     * @param errorsKept how many errors each summary keeps
     */
    public Ingest(Reader forced, Limits limits, Quarantine quarantine, Consumer<Event> events, int errorsKept) {
        this.forced = forced;
        this.limits = limits;
        this.quarantine = quarantine;
        this.events = events;
        this.errorsKept = errorsKept;
    }

    public Ingest progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /**
     * Readers tried before the built-in formats when a file is recognised, e.g. those of column-mapping
     * files ({@code Mappings.readers()}).
     */
    public Ingest extraReaders(List<Reader> readers) {
        this.extraReaders = List.copyOf(readers);
        return this;
    }

    /**
     * Quarantines each event {@code applies} to that is stamped after {@code limit} instead of
     * delivering it, the reason saying {@code why} (what the limit is). A log cannot come from the
     * future: one stamped far ahead (a device whose clock is off by years, a wrong time field) would
     * carry a scan's clock, or a following job's event time, past every other event.
     */
    public Ingest notAfter(java.time.Instant limit, String why, java.util.function.Predicate<Event> applies) {
        this.notAfter = limit;
        this.notAfterWhy = why;
        this.notAfterApplies = applies;
        return this;
    }

    /** Reads everything under {@code paths} and returns one summary per logical file. */
    public List<FileSummary> run(List<Path> paths) throws IOException {
        List<FileSummary> summaries = new ArrayList<>();
        List<Path> files = Inputs.expand(paths, (path, reason) -> summaries.add(skipped(path.toString(), reason)));
        int done = 0;
        for (Path f : files) {
            int before = summaries.size();
            Inputs.visit(f, summarising(summaries));
            done++;
            for (int i = before; i < summaries.size(); i++) {
                progress.fileDone(done, files.size(), summaries.get(i));
            }
        }
        return summaries;
    }

    /**
     * Reads one batch that did not come from a file (a Kafka message, say) as {@link #run} reads a
     * file named {@code name}: gzip, ZIP and the text encodings undone, the format recognised from
     * the content (and the name's extension), one summary per logical file.
     */
    public List<FileSummary> read(String name, InputStream batch) {
        List<FileSummary> summaries = new ArrayList<>();
        Inputs.Visitor visitor = summarising(summaries);
        try {
            Inputs.visit(name, batch, visitor);
        } catch (IOException e) {
            visitor.unreadable(name, "cannot be read: " + e.getMessage());
        }
        return summaries;
    }

    /** Reads each logical file it is shown, adding its summary (or why it was not read) to {@code summaries}. */
    private Inputs.Visitor summarising(List<FileSummary> summaries) {
        return new Inputs.Visitor() {
            @Override
            public void file(String name, Sample sample, InputStream content, Utf8Stream.Encoding encoding) {
                summaries.add(read(name, sample, content, encoding));
            }

            @Override
            public void skipped(String name, String reason) {
                summaries.add(Ingest.skipped(name, reason));
            }

            @Override
            public void unreadable(String name, String reason) {
                RecordError e = new RecordError(name, 0, 0, null, reason, null);
                quarantine(e);
                summaries.add(new FileSummary(name, "unreadable", 0, null, 0, 0, 0, 0, List.of(e), reason));
            }
        };
    }

    /** A hidden file or a git repository passed over: listed in the summaries so that nothing goes unmentioned. */
    private static FileSummary skipped(String name, String reason) {
        return new FileSummary(name, FileSummary.SKIPPED, 0, null, 0, 0, 0, 0, List.of(), reason);
    }

    private static final Reader EVTX = new EvtxReader();

    /** Reads one logical file (already decompressed and decoded). */
    public FileSummary read(String name, Sample sample, InputStream content, Utf8Stream.Encoding encoding) {
        String enc = encoding.name().toLowerCase(java.util.Locale.ROOT);
        if (sample.head().length == 0 || sample.firstChar() == -1) {
            return new FileSummary(name, "empty", 100, enc, 0, 0, 0, 0, List.of(), null);
        }
        // a binary event log, whatever format was named: no text reader can make sense of it
        Reader reader = EVTX.probe(sample) > 0 ? EVTX : forced;
        int confidence = 100;
        if (reader == null) {
            var recognised = Formats.recognise(sample, extraReaders);
            if (recognised.isEmpty()) {
                String why = sample.binaryShare() > 0.1 ? "is not text in any format Unravel reads (binary content)"
                        : "is in no format Unravel recognises";
                RecordError e = new RecordError(name, 0, 0, null, why, null);
                quarantine(e);
                return new FileSummary(name, FileSummary.UNKNOWN, 0, enc, 0, 0, 0, 0, List.of(e), why);
            }
            reader = recognised.get().reader();
            confidence = recognised.get().confidence();
        }
        Counting sink = new Counting(name);
        String failure = null;
        try {
            reader.read(new Input(name, content, limits), sink);
        } catch (IOException e) {
            failure = "could not be read to the end after record " + sink.records + ": " + e.getMessage();
            sink.reject(new RecordError(name, 0, 0, null, failure, null));
        } catch (UncheckedIOException e) {
            failure = "could not be read to the end after record " + sink.records + ": " + e.getCause().getMessage();
            sink.reject(new RecordError(name, 0, 0, null, failure, null));
        } catch (RuntimeException e) {
            // A reader bug must not end the run; the file is reported with the cause.
            failure = "reader " + reader.id() + " failed after record " + sink.records + ": " + e;
            sink.reject(new RecordError(name, 0, 0, null, failure, null));
        }
        return new FileSummary(name, reader.id(), confidence, enc, sink.records, Math.max(0,
                sink.records - sink.quarantined), sink.quarantined, sink.events, List.copyOf(sink.errors), failure);
    }

    private void quarantine(RecordError e) {
        try {
            quarantine.add(e);
        } catch (IOException io) {
            throw new UncheckedIOException("cannot write the quarantine file", io);
        }
    }

    /** The error of an event stamped after {@link #notAfter}: where it is, its time, and what it shows. */
    private RecordError ahead(Event event, String name) {
        String file = event.origin() == null ? name : event.origin().file();
        long record = event.origin() == null ? 0 : event.origin().record();
        String shown = String.valueOf(event.document());
        if (shown.length() > limits.excerptChars()) {
            shown = shown.substring(0, limits.excerptChars()) + "…";
        }
        return new RecordError(file, record, 0, "time", "stamped " + event.time() + ", after " + notAfter + " ("
                + notAfterWhy + "): a clock set wrong or a wrong time field; left out, as no log read now can be "
                + "from so late", shown);
    }

    /** Counts and forwards what a reader delivers. */
    private final class Counting implements RecordSink {
        final String name;
        long records;
        long quarantined;
        long events;
        long lastRejected = -1;
        final List<RecordError> errors = new ArrayList<>();

        Counting(String name) {
            this.name = name;
        }

        @Override
        public void record() {
            records++;
        }

        @Override
        public void accept(Event event) {
            if (notAfter != null && event.time().isAfter(notAfter) && notAfterApplies.test(event)) {
                reject(ahead(event, name));
                return;
            }
            events++;
            Ingest.this.events.accept(event);
        }

        @Override
        public void reject(RecordError error) {
            if (error.record() > 0 && error.record() != lastRejected) {
                quarantined++;
                lastRejected = error.record();
            }
            if (errors.size() < errorsKept) {
                errors.add(error);
            }
            quarantine(error);
        }
    }
}
