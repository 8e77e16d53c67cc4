package dev.unravel.sim.out;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One RFC 4180 CSV file written through an {@link OutputDir}: a header row, then one row per
 * record, UTF-8 without a byte-order mark.
 *
 * <p>Lines end in LF, not the CRLF that RFC 4180 names: every reader we target (spreadsheets,
 * pandas, Spark, Java CSV libraries) accepts both, and LF keeps the files stable across
 * platforms and readable in diffs. A field is quoted only when it holds a comma, a double quote,
 * CR or LF, with embedded quotes doubled. Null is an empty field. {@link Instant}s are written
 * as ISO-8601 UTC to the second ({@code 2025-03-04T05:06:07Z}) and dates by their ISO-8601
 * {@code toString} ({@code 2025-03-04}), so every file of an export formats time the same way.
 */
public final class Csv implements Closeable {
    private final OutputDir out;
    private final String path;
    private final Writer writer;
    private final int columns;
    private long rows;

    private Csv(OutputDir out, String path, Writer writer, int columns) {
        this.out = out;
        this.path = path;
        this.writer = writer;
        this.columns = columns;
    }

    /** Creates the file and writes its header row. */
    public static Csv open(OutputDir out, String relative, String... header) throws IOException {
        Csv csv = new Csv(out, relative, out.createText(relative), header.length);
        csv.line(header);
        return csv;
    }

    /** Writes one record; it must have exactly as many fields as the header. */
    public void row(Object... values) throws IOException {
        if (values.length != columns) {
            throw new IllegalArgumentException(
                    path + ": a row has " + values.length + " fields but the header has " + columns);
        }
        line(values);
        rows++;
    }

    private void line(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            field(text(values[i]));
        }
        writer.write('\n');
    }

    private void field(String s) throws IOException {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        if (!quote) {
            writer.write(s);
            return;
        }
        writer.write('"');
        writer.write(s.replace("\"", "\"\""));
        writer.write('"');
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Instant t) {
            return t.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return value.toString();
    }

    /** Closes the file and adds its record count (header excluded) to the manifest. */
    @Override
    public void close() throws IOException {
        writer.close();
        out.count(path, rows);
    }
}
