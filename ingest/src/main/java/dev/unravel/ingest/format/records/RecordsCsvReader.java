package dev.unravel.ingest.format.records;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.CsvRecords;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one {@link RecordKind} of our HR/applicant/asset/reference CSV schema, recognised by its
 * header row; or, with a {@link Mapping}, another system's export of that kind with its own column
 * names, date formats and delimiter.
 *
 * <p>Checks: the header must have the kind's {@linkplain RecordKind#headerRequired() id and time
 * columns} (else one file-level error naming the column, and no rows are read); in each row the
 * required columns must be non-empty and every date and timestamp must parse (else the row is
 * rejected naming the column). The event's document is the row: our column names, each value as
 * written (empty fields as null), plus any further columns of the file under their own names. With a
 * mapping, dates and timestamps in the document are rewritten to ISO-8601 ({@code 2025-03-04},
 * {@code 2025-03-04T15:06:07Z}) so that detectors see one schema.
 */
public final class RecordsCsvReader implements Reader {

    private final RecordKind kind;
    private final Mapping mapping;
    private final LogSource logSource;

    /** A reader of our own schema. */
    public RecordsCsvReader(RecordKind kind) {
        this(kind, null);
    }

    /** A reader of another export mapped onto {@code kind}; {@code mapping} null for our schema. */
    public RecordsCsvReader(RecordKind kind, Mapping mapping) {
        this.kind = kind;
        this.mapping = mapping;
        this.logSource = LogSource.of("unravel", null, kind.service());
    }

    /** One reader per kind of our schema, for the format registry. */
    public static List<Reader> all() {
        List<Reader> readers = new ArrayList<>();
        for (RecordKind k : RecordKind.ALL) {
            readers.add(new RecordsCsvReader(k));
        }
        return List.copyOf(readers);
    }

    public RecordKind kind() {
        return kind;
    }

    @Override
    public String id() {
        return mapping == null ? kind.id() : mapping.readerId();
    }

    @Override
    public String description() {
        return mapping == null ? kind.description() + "; " + kind.file()
                : kind.description() + ", columns mapped by " + mapping.file();
    }

    // ---------------------------------------------------------------- probing

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.firstChar() == '{' || sample.firstChar() == '[' || sample.binaryShare() > 0.01) {
                return 0;
            }
            if (mapping != null) {
                return probeMapped(sample);
            }
            List<String> header = headerOf(sample.text(), delimiterOf(sample.text()));
            Set<String> names = new HashSet<>(header);
            if (!names.containsAll(kind.headerRequired())) {
                return 0;
            }
            int matched = 0;
            for (RecordKind.Column c : kind.columns()) {
                if (names.contains(c.name())) {
                    matched++;
                }
            }
            // a lone id column is not enough: at least half the schema must be there
            if (matched * 2 < kind.columns().size()) {
                return 0;
            }
            return 50 + 45 * matched / Math.max(names.size(), kind.columns().size());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private int probeMapped(Sample sample) {
        if (!mapping.matchesName(sample.name())) {
            return 0;
        }
        Set<String> names = new HashSet<>(headerOf(sample, mapping.delimiter()));
        for (String required : kind.headerRequired()) {
            if (!names.contains(mapping.sourceColumn(required))) {
                return 0;
            }
        }
        // The user named this mapping for such files: it wins over our own schema's readers.
        return mapping.hasGlob() ? 98 : 96;
    }

    /**
     * The delimiter of a file in our schema: a comma (RFC 4180), or a semicolon or a tab, as
     * spreadsheets set to a European locale save CSV — whichever splits the header into the kind's
     * required columns (a comma when none does).
     */
    char delimiterOf(String text) {
        for (char d : DELIMITERS) {
            if (new HashSet<>(headerOf(text, d)).containsAll(kind.headerRequired())) {
                return d;
            }
        }
        return ',';
    }

    private static final char[] DELIMITERS = {',', ';', '\t'};

    /** The header row of the sample: the first non-blank line, split on the delimiter, unquoted, stripped. */
    static List<String> headerOf(Sample sample, char delimiter) {
        return headerOf(sample.text(), delimiter);
    }

    /** The header row of {@code text}: the first non-blank line, split on the delimiter, unquoted, stripped. */
    static List<String> headerOf(String text, char delimiter) {
        int start = 0;
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r')) {
            start++;
        }
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"' && f.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                out.add(f.toString().strip());
                f.setLength(0);
            } else if (c == '\n' || c == '\r') {
                break;
            } else {
                f.append(c);
            }
        }
        out.add(f.toString().strip());
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** Bytes read ahead for the header when choosing the delimiter. */
    private static final int HEAD = 64 * 1024;

    @Override
    public void read(Input given, RecordSink sink) throws IOException {
        Input input = given;
        char delimiter;
        if (mapping != null) {
            delimiter = mapping.delimiter();
        } else {
            // the header decides, as it did when the file was recognised (probe)
            java.io.BufferedInputStream in = new java.io.BufferedInputStream(given.stream(), HEAD);
            in.mark(HEAD);
            String head = new String(in.readNBytes(HEAD), java.nio.charset.StandardCharsets.UTF_8);
            in.reset();
            delimiter = delimiterOf(head);
            input = new Input(given.name(), in, given.limits());
        }
        read(input, sink, delimiter);
    }

    private void read(Input input, RecordSink sink, char delimiter) throws IOException {
        CsvRecords.read(input, sink, delimiter, (header, line) -> {
            Layout layout = layout(header);
            if (layout.missing != null) {
                sink.reject(input.error(0, line, layout.missing, "is not a column of the header, so the file cannot "
                        + "be read as " + id() + (mapping == null ? "" : " (mapping " + mapping.file() + ")")
                        + "; the header has: " + String.join(", ", header.size() > 40 ? header.subList(0, 40) : header),
                        null));
                return null;
            }
            return row -> convert(input, sink, layout, row);
        });
    }

    /** Where each of our columns is in this file, and the file's other columns. */
    private static final class Layout {
        final int[] index;
        final DateTimeFormatter[] formats;
        final List<Integer> extraIndex = new ArrayList<>();
        final List<String> extraName = new ArrayList<>();
        final Map<String, Integer> position = new HashMap<>();
        String missing;

        Layout(int n) {
            index = new int[n];
            formats = new DateTimeFormatter[n];
        }
    }

    private Layout layout(List<String> header) {
        List<RecordKind.Column> columns = kind.columns();
        Layout layout = new Layout(columns.size());
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            at.putIfAbsent(header.get(i), i);
        }
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < columns.size(); i++) {
            String ours = columns.get(i).name();
            String theirs = mapping == null ? ours : mapping.sourceColumn(ours);
            Integer idx = at.get(theirs);
            layout.index[i] = idx == null ? -1 : idx;
            layout.formats[i] = mapping == null ? null : mapping.format(ours);
            layout.position.put(ours, i);
            if (idx != null) {
                used.add(idx);
            }
        }
        for (String required : kind.headerRequired()) {
            if (layout.index[layout.position.get(required)] < 0) {
                layout.missing = mapping == null ? required : mapping.sourceColumn(required);
                return layout;
            }
        }
        Set<String> ourNames = new HashSet<>(layout.position.keySet());
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!used.contains(i) && !name.isEmpty() && !ourNames.contains(name)) {
                layout.extraIndex.add(i);
                layout.extraName.add(name);
            }
        }
        return layout;
    }

    private void convert(Input input, RecordSink sink, Layout layout, CsvRecords.Row row) throws RecordException {
        List<RecordKind.Column> columns = kind.columns();
        Map<String, Object> doc = new dev.unravel.core.FieldMap();
        String[] values = new String[columns.size()];
        Instant[] times = new Instant[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            int idx = layout.index[i];
            if (idx < 0) {
                continue;
            }
            RecordKind.Column c = columns.get(i);
            String raw = row.get(idx);
            String v = raw.isBlank() ? null : raw.strip();
            String field = mapping == null ? c.name() : mapping.sourceColumn(c.name());
            if (v == null) {
                if (c.required()) {
                    throw RecordException.missing(field);
                }
                doc.put(c.name(), null);
                continue;
            }
            switch (c.type()) {
                case DATE -> {
                    java.time.LocalDate d = layout.formats[i] == null ? isoDate(v) : Mapping.parseDate(v, layout.formats[i]);
                    if (d == null) {
                        throw RecordException.invalid(field, layout.formats[i] == null
                                ? "a date (yyyy-MM-dd" + hint(v) + ")"
                                : "a date in the format " + dev.unravel.ingest.read.Limits.quote(mapping.formatPattern(c.name())), v);
                    }
                    times[i] = d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    v = mapping == null ? v : d.toString();
                }
                case TIMESTAMP -> {
                    Instant t = layout.formats[i] == null ? (mapping == null ? timestamp(v)
                            : Mapping.parseIsoTimestamp(v, mapping.zone()))
                            : Mapping.parseTimestamp(v, layout.formats[i], mapping.zone());
                    if (t == null) {
                        throw RecordException.invalid(field, layout.formats[i] == null
                                ? "a timestamp (yyyy-MM-ddTHH:mm:ssZ" + hint(v) + ")"
                                : "a timestamp in the format " + dev.unravel.ingest.read.Limits.quote(mapping.formatPattern(c.name())), v);
                    }
                    times[i] = t;
                    v = mapping == null ? v : t.toString();
                }
                default -> {
                }
            }
            values[i] = v;
            doc.put(c.name(), v);
        }
        for (int e = 0; e < layout.extraIndex.size(); e++) {
            String v = row.get(layout.extraIndex.get(e));
            doc.put(layout.extraName.get(e), v.isEmpty() ? null : v);
        }
        EventRef origin = new EventRef(input.name(), row.record());
        List<Event> events = new ArrayList<>(2);
        kind.convert(new RowView() {
            @Override
            public String get(String column) {
                Integer i = layout.position.get(column);
                return i == null ? null : values[i];
            }

            @Override
            public Instant time(String column) throws RecordException {
                Integer i = layout.position.get(column);
                if (i == null || times[i] == null) {
                    throw new RecordException(column, "is missing: the record has no timestamp");
                }
                return times[i];
            }

            @Override
            public void emit(Instant time, String type, String user, String host, String sourceIp) {
                events.add(new Event(time, kind.source(), type, logSource, user, host, sourceIp, doc, origin));
            }
        });
        // all or nothing: a row is delivered only once all its events are made
        for (Event e : events) {
            sink.accept(e);
        }
    }

    /**
     * For a value written as dates are in another convention ({@code 03/01/2024}, {@code 1.3.2024}):
     * how to read such an export, since every row of it fails the same way.
     */
    static String hint(String v) {
        return OTHER_DATE.matcher(v).find() ? "; a column-mapping file, --mapping, reads dates written otherwise, "
                + "such as MM/dd/yyyy: docs/formats/hr-csv.md" : "";
    }

    private static final java.util.regex.Pattern OTHER_DATE = java.util.regex.Pattern.compile(
            "^\\d{1,4}[/.]\\d{1,2}[/.]\\d{1,4}");

    /** Times.parse reads the schema's own shape by hand before it tries a formatter. */
    private static Instant timestamp(String v) {
        return Times.parse(v);
    }

    private static java.time.LocalDate isoDate(String v) {
        java.time.LocalDate fast = IsoFast.date(v);
        if (fast != null) {
            return fast;
        }
        Instant t = Times.date(v);
        return t == null ? null : t.atOffset(java.time.ZoneOffset.UTC).toLocalDate();
    }

    @Override
    public String toString() {
        return id();
    }

}
