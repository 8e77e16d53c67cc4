package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.Closeable;
import java.io.IOException;

/**
 * Newline-delimited JSON written to a sequence of files, one record a line: the layout most log
 * exports and streaming sinks use. Subclasses decide when to move on to the next file. A writer
 * calls {@link #begin()} for each record, writes its fields and calls {@link #end()}.
 */
public class JsonLines implements Closeable {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final OutputDir out;
    private JsonGenerator json;
    private String currentPath;
    private long records;

    public JsonLines(OutputDir out) {
        this.out = out;
    }

    /** Moves on to {@code path}; the file is created when its first record arrives. */
    protected void rotateTo(String path) throws IOException {
        if (!path.equals(currentPath)) {
            close();
            currentPath = path;
        }
    }

    /** Starts a record and returns the generator positioned inside its top-level object. */
    public JsonGenerator begin() throws IOException {
        if (json == null) {
            if (currentPath == null) {
                throw new IllegalStateException("no file to write to yet");
            }
            json = JSON.createGenerator(out.create(currentPath), JsonEncoding.UTF8);
            // One record a line: the separator between root values is a newline.
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        }
        json.writeStartObject();
        return json;
    }

    public void end() throws IOException {
        json.writeEndObject();
        records++;
        out.count(currentPath, 1);
    }

    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.writeRaw('\n');
            json.close();
            json = null;
        }
    }
}
