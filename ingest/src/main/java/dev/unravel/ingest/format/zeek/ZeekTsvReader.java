package dev.unravel.ingest.format.zeek;

import dev.unravel.core.EventRef;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.LineReader;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Zeek's default log format: tab-separated values under a header that names the separators,
 * the path, the fields and their types ({@code #separator \x09}, {@code #set_separator},
 * {@code #empty_field}, {@code #unset_field}, {@code #path}, {@code #open}, {@code #fields},
 * {@code #types}, {@code #close}). A header may appear again midway (rotated files joined with
 * {@code cat}); each one replaces the schema for the lines after it.
 *
 * <p>Values are typed from {@code #types} into the same shapes Zeek's JSON writer produces, so
 * rules see one document whichever format was read: {@code time}, {@code interval} and
 * {@code double} as numbers of seconds, {@code count}/{@code int}/{@code port} as integers,
 * {@code bool} T/F as booleans, sets and vectors as lists (split on the set separator), the unset
 * field ({@code -}) left out as the JSON writer leaves it out, the empty field ({@code (empty)}) as
 * an empty string or list, and {@code \xHH} escapes decoded.
 *
 * <p>Lines are framed here with a bound of {@link Limits#maxRecordBytes()}: a longer line is
 * consumed without being held and rejected.
 */
public final class ZeekTsvReader implements Reader {

    @Override
    public String id() {
        return "zeek-tsv";
    }

    @Override
    public String description() {
        return "Zeek logs in the default tab-separated format with #separator/#fields/#types headers";
    }

    @Override
    public int probe(Sample sample) {
        try {
            String first = sample.firstLine();
            if (first.startsWith("#separator ")) {
                return 95;
            }
            String text = sample.text();
            if ((first.startsWith("#fields\t") || text.contains("\n#fields\t")) && text.contains("\n#types\t")) {
                return 70;
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        new FileState(input, sink).run();
    }

    /** The header in force and the position in one file. */
    private static final class FileState {
        private final Input input;
        private final RecordSink sink;
        private final Limits limits;
        private String separator = "\t";
        private String setSeparator = ",";
        private String emptyField = "(empty)";
        private String unsetField = "-";
        private String path;
        private String[] fields;
        private String[] types;
        private int tsIndex = -1;
        private long record;

        FileState(Input input, RecordSink sink) {
            this.input = input;
            this.sink = sink;
            this.limits = input.limits();
        }

        void run() throws IOException {
            LineReader lines = new LineReader(input.stream(), limits.maxRecordBytes());
            while (lines.next()) {
                if (lines.overflow()) {
                    record++;
                    sink.record();
                    sink.reject(input.error(record, lines.lineNumber(), null, "is longer than the record limit of "
                            + limits.maxRecordBytes() + " bytes; skipped", lines.excerpt(limits.excerptChars())));
                    continue;
                }
                String line = lines.excerpt(Integer.MAX_VALUE);
                if (line.isBlank()) {
                    continue;
                }
                if (line.charAt(0) == '#') {
                    header(line);
                    continue;
                }
                record++;
                sink.record();
                try {
                    dev.unravel.core.Event e = row(line);
                    if (e != null) {
                        sink.accept(e);
                    }
                } catch (RecordException e) {
                    sink.reject(input.error(record, lines.lineNumber(), e.field(), e.getMessage(), line));
                } catch (RuntimeException e) {
                    // A reader bug must not lose the rest of the file; the line is quarantined with the cause.
                    sink.reject(input.error(record, lines.lineNumber(), null, "could not be read (" + e + ")", line));
                }
            }
        }

        private void header(String line) {
            if (line.startsWith("#separator ")) {
                separator = unescape(line.substring("#separator ".length()));
                if (separator.isEmpty()) {
                    separator = "\t";
                }
                return;
            }
            int cut = line.indexOf(separator);
            String key = cut < 0 ? line : line.substring(0, cut);
            String value = cut < 0 ? "" : line.substring(cut + separator.length());
            switch (key) {
                case "#set_separator" -> setSeparator = value.isEmpty() ? "," : unescape(value);
                case "#empty_field" -> emptyField = value;
                case "#unset_field" -> unsetField = value;
                case "#path" -> path = value.isBlank() ? null : value;
                case "#fields" -> {
                    fields = split(value, separator);
                    types = null;
                    tsIndex = Arrays.asList(fields).indexOf("ts");
                }
                case "#types" -> types = split(value, separator);
                default -> {
                    // #open, #close and comments carry nothing a record needs
                }
            }
        }

        private dev.unravel.core.Event row(String line) throws RecordException {
            if (fields == null) {
                throw new RecordException(null, "comes before any #fields header line, so its columns are unknown");
            }
            if (types != null && types.length != fields.length) {
                throw new RecordException(null, "follows a #types header with " + types.length
                        + " types for " + fields.length + " #fields");
            }
            String[] values = split(line, separator);
            if (values.length != fields.length) {
                throw new RecordException(null, "has " + values.length + " values but the #fields header names "
                        + fields.length);
            }
            String logPath = path != null ? path : Zeek.pathFromName(input.name());
            if (tsIndex < 0) {
                if (Zeek.configurationOnly(logPath, null)) {
                    return null; // counted, no event: see Zeek.configurationOnly
                }
                Zeek.time(null, logPath); // rejects: no timestamp
            }
            Map<String, Object> doc = new LinkedHashMap<>(fields.length * 2);
            for (int i = 0; i < fields.length; i++) {
                String raw = values[i];
                if (raw.equals(unsetField)) {
                    continue; // unset: left out, as Zeek's JSON writer leaves it out
                }
                doc.put(fields[i], value(fields[i], types == null ? "string" : types[i], raw));
            }
            String tsRaw = values[tsIndex];
            Instant time = Zeek.time(tsRaw.equals(unsetField) ? null : unescape(tsRaw), logPath);
            return Zeek.event(time, logPath, doc, new EventRef(input.name(), record));
        }

        private Object value(String field, String type, String raw) throws RecordException {
            int open = type.indexOf('[');
            if (open > 0 && type.endsWith("]")) {
                String inner = type.substring(open + 1, type.length() - 1);
                List<Object> list = new ArrayList<>();
                if (raw.equals(emptyField)) {
                    return list;
                }
                for (String element : split(raw, setSeparator)) {
                    list.add(element.equals(unsetField) ? null : scalar(field, inner, element));
                }
                return list;
            }
            if (raw.equals(emptyField) && !isNumericOrBool(type)) {
                return "";
            }
            return scalar(field, type, raw);
        }

        private static boolean isNumericOrBool(String type) {
            return switch (type) {
                case "count", "int", "port", "double", "time", "interval", "bool" -> true;
                default -> false;
            };
        }

        private static Object scalar(String field, String type, String raw) throws RecordException {
            switch (type) {
                case "count", "int", "port" -> {
                    try {
                        long v = Long.parseLong(raw);
                        if (v == (int) v) {
                            return Integer.valueOf((int) v); // as Jackson reads the same number from JSON
                        }
                        return Long.valueOf(v);
                    } catch (NumberFormatException e) {
                        if ("count".equals(type) && raw.chars().allMatch(Character::isDigit) && !raw.isEmpty()) {
                            return new java.math.BigInteger(raw); // a count is unsigned 64-bit
                        }
                        throw RecordException.invalid(field, "a " + type, raw);
                    }
                }
                case "double", "time", "interval" -> {
                    try {
                        double d = Double.parseDouble(raw);
                        if (Double.isFinite(d)) {
                            return d;
                        }
                    } catch (NumberFormatException e) {
                        // below
                    }
                    if ("inf".equals(raw) || "-inf".equals(raw) || "nan".equals(raw)) {
                        return raw; // JSON has no number for these either; Zeek's JSON writer quotes them
                    }
                    throw RecordException.invalid(field, "time".equals(type) ? "a timestamp" : "a number (" + type + ")", raw);
                }
                case "bool" -> {
                    if ("T".equals(raw)) {
                        return Boolean.TRUE;
                    }
                    if ("F".equals(raw)) {
                        return Boolean.FALSE;
                    }
                    throw RecordException.invalid(field, "a bool (T or F)", raw);
                }
                default -> {
                    return unescape(raw);
                }
            }
        }
    }

    /** Splits on a literal separator, keeping empty parts. */
    static String[] split(String s, String sep) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        int at;
        while ((at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts.toArray(new String[0]);
    }

    /** Zeek's ASCII escapes: {@code \xHH} for a byte, {@code \\} for a backslash; the bytes are UTF-8. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            byte c = in[i];
            if (c == '\\' && i + 1 < in.length) {
                if (in[i + 1] == 'x' && i + 3 < in.length && hex(in[i + 2]) >= 0 && hex(in[i + 3]) >= 0) {
                    out.write(hex(in[i + 2]) << 4 | hex(in[i + 3]));
                    i += 3;
                    continue;
                }
                if (in[i + 1] == '\\') {
                    out.write('\\');
                    i++;
                    continue;
                }
            }
            out.write(c);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

}
