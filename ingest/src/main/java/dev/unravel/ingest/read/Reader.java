package dev.unravel.ingest.read;

import java.io.IOException;

/**
 * Reads one source format into events. A reader is stateless and thread-safe; everything about
 * one file lives in the {@link Input} and the sink.
 *
 * <p>Contract: {@link #probe} never throws and never reads beyond the sample. {@link #read}
 * turns every record into events or a {@link RecordError}; a bad record never stops the file.
 * It throws only for I/O failures (a truncated gzip, a vanished file), after which the records
 * already delivered stand.
 */
public interface Reader {

    /** Stable id for {@code --format} and summaries, e.g. {@code okta}, {@code windows-evtx-json}. */
    String id();

    /** One line for {@code unravel ingest formats}. */
    String description();

    /**
     * How sure this reader is that the sample is its format: 0 not mine, 1–49 plausible (e.g. the
     * name fits), 50–89 the content has the format's marks, 90–100 certain.
     */
    int probe(Sample sample);

    void read(Input input, RecordSink sink) throws IOException;
}
