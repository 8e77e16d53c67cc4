package dev.unravel.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames a delimited text file (RFC 4180 CSV, or another single-byte delimiter) into records: a
 * header row, then one record per row. Fields may be quoted, with embedded quotes doubled; a quoted
 * field may span lines; lines end in CRLF or LF. Blank lines are skipped.
 *
 * <p>Streaming and bounded: the file is read a buffer at a time; a field longer than
 * {@link Limits#maxStringBytes()} or a record longer than {@link Limits#maxRecordBytes()} is consumed
 * to its end without being held and rejected (an unclosed quote therefore costs at most the rest of
 * the file, never memory). A row with more or fewer fields than the header is rejected with its line
 * number; a quoted field with text after its closing quote is rejected naming the column.
 *
 * <p>Parsing is done on bytes (the delimiter, quote, CR and LF are ASCII, so UTF-8 multi-byte
 * characters never collide with them); each field is decoded as UTF-8 once complete.
 */
public final class CsvRecords {

    /** Told the header row; returns the handler for the rows, or null to stop (after rejecting). */
    @FunctionalInterface
    public interface Header {
        Rows start(List<String> columns, long line);
    }

    /** Converts one row into events; throws {@link RecordException} for a bad row. */
    @FunctionalInterface
    public interface Rows {
        void row(Row row) throws RecordException;
    }

    /** One data row: its fields in header order, where it is, and the raw start for errors. */
    public static final class Row {
        private final List<String> header;
        private final String[] fields;
        private final long record;
        private final long line;

        Row(List<String> header, String[] fields, long record, long line) {
            this.header = header;
            this.fields = fields;
            this.record = record;
            this.line = line;
        }

        public List<String> header() {
            return header;
        }

        /** The field at {@code index}; the empty string for an empty field. */
        public String get(int index) {
            return fields[index];
        }

        public int size() {
            return fields.length;
        }

        /** 1-based data-record number (the header is not a record). */
        public long record() {
            return record;
        }

        /** 1-based line where the row starts. */
        public long line() {
            return line;
        }
    }

    private static final int MAX_COLUMNS = 4096;

    private final Input input;
    private final InputStream in;
    private final byte delimiter;
    private final Limits limits;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private long lineNumber = 1;

    // the record being read
    private final List<String> fields = new ArrayList<>();
    private byte[] field = new byte[256];
    private int fieldLen;
    private long recordBytes;
    private boolean tooLong;
    private boolean fieldTooLong;
    private int badQuoteColumn = -1;
    /** For {@link #readRows}: the column whose quote the line ended inside, or -1. */
    private int openQuoteColumn = -1;
    private byte[] raw = new byte[0];
    private int rawLen;

    /** No header row, rows of any width, spaces allowed before an opening quote ({@link #readRows}). */
    private final boolean headerless;
    /** For {@link #readRows}: tells a header row at the top, asked of the first row only. */
    private java.util.function.Predicate<List<String>> optionalHeader;

    private CsvRecords(Input input, char delimiter, boolean headerless) {
        this.headerless = headerless;
        this.input = input;
        this.in = input.stream();
        this.delimiter = (byte) delimiter;
        this.limits = input.limits();
    }

    /** Reads a comma-separated file. */
    public static void read(Input input, RecordSink sink, Header header) throws IOException {
        read(input, sink, ',', header);
    }

    /**
     * Reads every row of {@code input}: the first non-blank line is the header, handed to
     * {@code header}; each later row is reported to {@code sink} and converted by the returned handler.
     */
    public static void read(Input input, RecordSink sink, char delimiter, Header header) throws IOException {
        if (delimiter == '"' || delimiter == '\r' || delimiter == '\n' || delimiter > 0x7F) {
            throw new IllegalArgumentException("the delimiter must be one ASCII character other than a quote or "
                    + "line end: " + Limits.quote(String.valueOf(delimiter)));
        }
        new CsvRecords(input, delimiter, false).run(sink, header);
    }

    /**
     * Reads a file with no header row whose rows may differ in width, as logs whose columns grew
     * from one version to the next (Cisco Umbrella's exports): every non-blank line is a record,
     * handed to {@code rows} with an empty {@link Row#header()}, which checks the width itself.
     * Spaces between a delimiter and a field's opening quote are allowed ({@code "a", "b"}). A first
     * row that {@code optionalHeader} accepts is a header some exports add on request: skipped, not
     * a record.
     */
    public static void readRows(Input input, RecordSink sink, char delimiter,
            java.util.function.Predicate<List<String>> optionalHeader, Rows rows) throws IOException {
        CsvRecords csv = new CsvRecords(input, delimiter, true);
        csv.optionalHeader = optionalHeader;
        csv.run(sink, (columns, line) -> rows);
    }

    private void run(RecordSink sink, Header header) throws IOException {
        if (headerless) {
            rows(sink, List.of(), header.start(List.of(), 0));
            return;
        }
        long line;
        // the header row
        do {
            line = lineNumber;
            if (!nextRecord()) {
                return; // empty file: no header, no records
            }
        } while (blankRecord());
        if (tooLong) {
            sink.reject(input.error(0, line, null, "has a header row longer than the record limit of "
                    + limits.maxRecordBytes() + " bytes (an unclosed quote?); the file cannot be read", excerpt()));
            return;
        }
        List<String> columns = new ArrayList<>(fields.size());
        for (String f : fields) {
            columns.add(f.strip());
        }
        Rows rows = header.start(List.copyOf(columns), line);
        if (rows == null) {
            return;
        }
        rows(sink, List.copyOf(columns), rows);
    }

    /** The data rows, each checked against {@code columns} (when there is a header) and handed to {@code rows}. */
    private void rows(RecordSink sink, List<String> columns, Rows rows) throws IOException {
        long line;
        long record = 0;
        while (true) {
            line = lineNumber;
            if (!nextRecord()) {
                return;
            }
            if (blankRecord()) {
                continue;
            }
            if (optionalHeader != null) {
                java.util.function.Predicate<List<String>> first = optionalHeader;
                optionalHeader = null; // only the first row can be the header
                if (!tooLong && first.test(List.copyOf(fields))) {
                    continue;
                }
            }
            record++;
            sink.record();
            if (tooLong) {
                sink.reject(input.error(record, line, null, "is longer than the record limit of "
                        + limits.maxRecordBytes() + " bytes (an unclosed quote?); skipped", excerpt()));
                continue;
            }
            if (fieldTooLong) {
                sink.reject(input.error(record, line, null, "has a field longer than the limit of "
                        + limits.maxStringBytes() + " bytes; skipped", excerpt()));
                continue;
            }
            if (openQuoteColumn >= 0) {
                sink.reject(input.error(record, line, "#" + (openQuoteColumn + 1), "has a quote opened and not "
                        + "closed on its line; skipped", excerpt()));
                continue;
            }
            if (badQuoteColumn >= 0) {
                String col = badQuoteColumn < columns.size() ? columns.get(badQuoteColumn) : "#" + (badQuoteColumn + 1);
                sink.reject(input.error(record, line, col, "has text after the closing quote of a quoted field",
                        excerpt()));
                continue;
            }
            if (!headerless && fields.size() != columns.size()) {
                sink.reject(input.error(record, line, null, "has " + fields.size() + " fields but the header has "
                        + columns.size(), excerpt()));
                continue;
            }
            Row row = new Row(columns, fields.toArray(new String[0]), record, line);
            try {
                rows.row(row);
            } catch (RecordException e) {
                sink.reject(input.error(record, line, e.field(), e.getMessage(), excerpt()));
            } catch (RuntimeException e) {
                // A reader bug must not lose the rest of the file; the row is quarantined with the cause.
                sink.reject(input.error(record, line, null, "could not be read (" + e + ")", excerpt()));
            }
        }
    }

    private boolean blankRecord() {
        return !tooLong && fields.size() == 1 && fields.get(0).isBlank();
    }

    /** The start of the record as written (quotes and delimiters included), for errors. */
    private String excerpt() {
        String s = new String(raw, 0, rawLen, StandardCharsets.UTF_8);
        return s.length() <= limits.excerptChars() ? s : s.substring(0, limits.excerptChars());
    }

    // ---------------------------------------------------------------- bytes

    private int read() throws IOException {
        if (pos == len) {
            if (eof) {
                return -1;
            }
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                eof = true;
                return -1;
            }
        }
        return buf[pos++] & 0xFF;
    }

    private int peek() throws IOException {
        int b = read();
        if (b != -1) {
            pos--;
        }
        return b;
    }

    /** Reads one record's fields; false at the end of the input with nothing read. */
    private boolean nextRecord() throws IOException {
        fields.clear();
        fieldLen = 0;
        recordBytes = 0;
        tooLong = false;
        fieldTooLong = false;
        badQuoteColumn = -1;
        openQuoteColumn = -1;
        rawLen = 0;
        if (raw.length == 0) {
            raw = new byte[limits.excerptChars() * 4];
        }
        int b = read();
        if (b == -1) {
            return false;
        }
        boolean quoted = false;
        boolean afterQuote = false; // a quoted field's closing quote was seen
        boolean fieldStart = true;
        while (true) {
            if (b == -1) {
                if (quoted && headerless) {
                    openQuoteColumn = fields.size(); // the file's last line, cut inside a quote
                }
                endField();
                return true;
            }
            if (++recordBytes > limits.maxRecordBytes()) {
                tooLong = true;
            }
            if (rawLen < raw.length && b != '\n' && b != '\r') {
                raw[rawLen++] = (byte) b;
            }
            if (quoted && headerless && (b == '\n' || b == '\r')) {
                // A log row is one line: a quote left open ends with it, rather than swallowing the
                // rows after it into one field until the record limit.
                openQuoteColumn = fields.size();
                quoted = false;
                continue;
            }
            if (quoted) {
                if (b == '"') {
                    if (peek() == '"') {
                        read();
                        append('"');
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (b == '\n') {
                        lineNumber++;
                    }
                    append(b);
                }
            } else if (b == delimiter) {
                endField();
                afterQuote = false;
                fieldStart = true;
                b = read();
                continue;
            } else if (b == '\n' || b == '\r') {
                if (b == '\r' && peek() == '\n') {
                    read();
                }
                lineNumber++;
                endField();
                return true;
            } else if (b == '"' && (fieldStart || headerless && onlySpaces())) {
                fieldLen = 0; // the spaces before the quote are not the field's
                quoted = true;
            } else {
                if (afterQuote && badQuoteColumn < 0 && b != ' ' && b != '\t') {
                    badQuoteColumn = fields.size();
                }
                append(b);
            }
            fieldStart = false;
            b = read();
        }
    }

    /** Whether the field read so far is only spaces (and not yet closed by a quote). */
    private boolean onlySpaces() {
        for (int i = 0; i < fieldLen; i++) {
            if (field[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    private void append(int b) {
        if (tooLong || fieldTooLong) {
            return;
        }
        if (fieldLen >= limits.maxStringBytes()) {
            fieldTooLong = true;
            return;
        }
        if (fieldLen == field.length) {
            field = Arrays.copyOf(field, (int) Math.min((long) limits.maxStringBytes(), field.length * 2L));
        }
        field[fieldLen++] = (byte) b;
    }

    private void endField() {
        if (fields.size() < MAX_COLUMNS) {
            fields.add(tooLong || fieldTooLong ? "" : new String(field, 0, fieldLen, StandardCharsets.UTF_8));
        } else {
            tooLong = true;
        }
        fieldLen = 0;
    }
}
