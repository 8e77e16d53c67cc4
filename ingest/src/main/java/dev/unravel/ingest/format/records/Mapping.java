package dev.unravel.ingest.format.records;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * A column-mapping file: how another system's export provides one {@link RecordKind} of our
 * schema — which of its columns hold which of ours, how it writes dates and timestamps, its
 * delimiter, and which file names it applies to. Documented in {@code docs/formats/hr-csv.md},
 * "Reading another HRIS export":
 *
 * <pre>
 * kind: hr-employees            # which of our files this export provides
 * match: "workday_*.csv"        # which file names it applies to (glob), optional
 * delimiter: ";"                # optional, default ","
 * time_zone: America/New_York   # optional, for timestamps written without an offset; default UTC
 * columns:
 *   employee_id: Employee ID
 *   hire_date: { column: "Hire Dt", format: "MM/dd/yyyy" }
 * </pre>
 *
 * A column of ours that is not listed is looked for under its own name.
 */
public final class Mapping {

    /** Mapping files are small; anything larger is a mistake (or hostile). */
    public static final int MAX_CHARS = 256 * 1024;
    private static final List<String> KEYS = List.of("kind", "match", "delimiter", "time_zone", "columns");
    private static final List<String> COLUMN_KEYS = List.of("column", "format");

    private final String file;
    private final String readerId;
    private final RecordKind kind;
    private final String glob;
    private final Pattern globPattern;
    private final char delimiter;
    private final ZoneId zone;
    private final Map<String, String> source;
    private final Map<String, String> patterns;
    private final Map<String, DateTimeFormatter> formats;

    private Mapping(String file, RecordKind kind, String glob, char delimiter, ZoneId zone, Map<String, String> source,
            Map<String, String> patterns, Map<String, DateTimeFormatter> formats) {
        this.file = file;
        this.kind = kind;
        this.glob = glob;
        this.globPattern = glob == null ? null : globToRegex(glob);
        this.delimiter = delimiter;
        this.zone = zone;
        this.source = Map.copyOf(source);
        this.patterns = Map.copyOf(patterns);
        this.formats = Map.copyOf(formats);
        this.readerId = kind.id() + "@" + stem(file);
    }

    /** The mapping file as named when loaded. */
    public String file() {
        return file;
    }

    /** {@code <kind>@<mapping file name without extension>}, e.g. {@code hr-employees@workday}. */
    public String readerId() {
        return readerId;
    }

    public RecordKind kind() {
        return kind;
    }

    public char delimiter() {
        return delimiter;
    }

    /** The zone of timestamps written without an offset. */
    public ZoneId zone() {
        return zone;
    }

    boolean hasGlob() {
        return glob != null;
    }

    /** Whether a file of this name (the last path element) is one this mapping applies to; true without a glob. */
    public boolean matchesName(String name) {
        return globPattern == null || globPattern.matcher(name).matches();
    }

    /** The export's column that holds our column {@code ours}. */
    public String sourceColumn(String ours) {
        return source.getOrDefault(ours, ours);
    }

    DateTimeFormatter format(String ours) {
        return formats.get(ours);
    }

    String formatPattern(String ours) {
        return patterns.get(ours);
    }

    /** A reader of files this mapping applies to. */
    public RecordsCsvReader reader() {
        return new RecordsCsvReader(kind, this);
    }

    // ---------------------------------------------------------------- values

    static LocalDate parseDate(String v, DateTimeFormatter f) {
        try {
            return f.parse(v).query(TemporalQueries.localDate());
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Instant parseTimestamp(String v, DateTimeFormatter f, ZoneId zone) {
        try {
            TemporalAccessor t = f.parse(v);
            LocalDate d = t.query(TemporalQueries.localDate());
            if (d == null) {
                return null;
            }
            LocalTime time = t.query(TemporalQueries.localTime());
            ZoneId z = t.query(TemporalQueries.zone());
            return d.atTime(time == null ? LocalTime.MIDNIGHT : time).atZone(z == null ? zone : z).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** An ISO timestamp; one without an offset is in {@code zone}. */
    static Instant parseIsoTimestamp(String v, ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // has an offset, or is another shape: as Times reads it
            }
        }
        return dev.unravel.ingest.read.Times.parse(v);
    }

    // ---------------------------------------------------------------- parsing the file

    /**
     * Parses a mapping file's text. {@code name} is the file as the user named it, for messages and the
     * reader id.
     */
    public static Mapping parse(String name, String yaml) throws MappingException {
        if (yaml.length() > MAX_CHARS) {
            throw new MappingException(name, 0, 0, "is larger than " + MAX_CHARS + " characters; a mapping file is "
                    + "a few lines");
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(name)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(10)
                .setCodePointLimit(MAX_CHARS)
                .setUseMarks(true)
                .build();
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(yaml);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            throw new MappingException(name, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "is not valid YAML: " + (e.getProblem() == null ? e.getMessage() : e.getProblem()));
        } catch (YamlEngineException e) {
            throw new MappingException(name, 0, 0, "is not valid YAML: " + e.getMessage());
        }
        if (root.isEmpty()) {
            throw new MappingException(name, 0, 0, "is empty; it needs at least 'kind' and 'columns'");
        }
        Node top = root.get();
        if (!(top instanceof MappingNode map)) {
            throw error(name, top, "must be a YAML mapping with the keys " + String.join(", ", KEYS));
        }
        Map<String, NodeTuple> entries = entries(name, map, KEYS, "");
        NodeTuple kindEntry = entries.get("kind");
        if (kindEntry == null) {
            throw new MappingException(name, line(top), 0, "has no 'kind': name one of " + String.join(", ",
                    RecordKind.ids()));
        }
        String kindText = scalar(name, kindEntry.getValueNode(), "kind");
        RecordKind kind = RecordKind.byId(kindText).orElseThrow(() -> error(name, kindEntry.getValueNode(),
                "kind " + dev.unravel.ingest.read.Limits.quote(kindText) + " is not one of ours; the kinds are "
                        + String.join(", ", RecordKind.ids())));

        String glob = null;
        if (entries.containsKey("match")) {
            Node n = entries.get("match").getValueNode();
            glob = scalar(name, n, "match");
            if (glob.isBlank() || glob.contains("/") || glob.contains("\\")) {
                throw error(name, n, "match must be a file-name pattern such as \"workday_*.csv\" (the name only, "
                        + "without folders)");
            }
        }
        char delimiter = ',';
        if (entries.containsKey("delimiter")) {
            Node n = entries.get("delimiter").getValueNode();
            String d = scalar(name, n, "delimiter");
            if (d.equalsIgnoreCase("tab") || d.equals("\\t")) {
                d = "\t";
            }
            if (d.length() != 1 || d.charAt(0) == '"' || d.charAt(0) == '\n' || d.charAt(0) == '\r'
                    || d.charAt(0) > 0x7F) {
                throw error(name, n, "delimiter must be one ASCII character other than a double quote (or \"tab\"), "
                        + "not " + dev.unravel.ingest.read.Limits.quote(d));
            }
            delimiter = d.charAt(0);
        }
        ZoneId zone = ZoneOffset.UTC;
        if (entries.containsKey("time_zone")) {
            Node n = entries.get("time_zone").getValueNode();
            String z = scalar(name, n, "time_zone");
            try {
                zone = ZoneId.of(z.strip());
            } catch (DateTimeException e) {
                throw error(name, n, "time_zone " + dev.unravel.ingest.read.Limits.quote(z)
                        + " is not a time zone; use an IANA id such as America/New_York, or UTC");
            }
        }
        NodeTuple columnsEntry = entries.get("columns");
        if (columnsEntry == null) {
            throw new MappingException(name, line(top), 0, "has no 'columns': map our column names to the "
                    + "export's, e.g. 'employee_id: Employee ID'");
        }
        if (!(columnsEntry.getValueNode() instanceof MappingNode columns)) {
            throw error(name, columnsEntry.getValueNode(), "columns must be a mapping of our column names to the "
                    + "export's column names");
        }
        Map<String, String> source = new HashMap<>();
        Map<String, String> patterns = new HashMap<>();
        Map<String, DateTimeFormatter> formats = new HashMap<>();
        Map<String, String> seen = new HashMap<>();
        for (NodeTuple t : columns.getValue()) {
            String ours = scalar(name, t.getKeyNode(), "a column name");
            RecordKind.Column column = kind.column(ours);
            if (column == null) {
                throw error(name, t.getKeyNode(), kind.id() + " has no column " + dev.unravel.ingest.read.Limits.quote(
                        ours) + "; its columns are " + columnNames(kind));
            }
            if (source.containsKey(ours)) {
                throw error(name, t.getKeyNode(), "column " + ours + " is mapped twice");
            }
            Node v = t.getValueNode();
            String theirs;
            if (v instanceof ScalarNode) {
                theirs = scalar(name, v, ours);
            } else if (v instanceof MappingNode spec) {
                Map<String, NodeTuple> specEntries = entries(name, spec, COLUMN_KEYS, ours + ": ");
                if (!specEntries.containsKey("column")) {
                    throw error(name, spec, ours + ": the export's column is missing: write { column: \"Its Name\" }");
                }
                theirs = scalar(name, specEntries.get("column").getValueNode(), ours + ".column");
                if (specEntries.containsKey("format")) {
                    Node fn = specEntries.get("format").getValueNode();
                    String pattern = scalar(name, fn, ours + ".format");
                    if (column.type() == RecordKind.Type.STRING) {
                        throw error(name, fn, ours + ": format applies only to date and timestamp columns, and "
                                + ours + " is text");
                    }
                    DateTimeFormatter f;
                    try {
                        f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                                .toFormatter(Locale.ENGLISH);
                    } catch (IllegalArgumentException e) {
                        throw error(name, fn, ours + ": " + dev.unravel.ingest.read.Limits.quote(pattern)
                                + " is not a date format (" + e.getMessage() + "); use letters such as MM/dd/yyyy or "
                                + "dd.MM.yyyy HH:mm");
                    }
                    if (!hasDate(pattern)) {
                        throw error(name, fn, ours + ": format " + dev.unravel.ingest.read.Limits.quote(pattern)
                                + " has no day, month and year (d, M, y)");
                    }
                    patterns.put(ours, pattern);
                    formats.put(ours, f);
                }
            } else {
                throw error(name, v, ours + " must name the export's column, or be { column: ..., format: ... }");
            }
            if (theirs.isBlank()) {
                throw error(name, v, ours + ": the export's column name is empty");
            }
            theirs = theirs.strip();
            String before = seen.putIfAbsent(theirs, ours);
            if (before != null) {
                throw error(name, v, "the export's column " + dev.unravel.ingest.read.Limits.quote(theirs)
                        + " is already mapped to " + before);
            }
            source.put(ours, theirs);
        }
        return new Mapping(name, kind, glob, delimiter, zone, source, patterns, formats);
    }

    private static boolean hasDate(String pattern) {
        String letters = pattern.replaceAll("'[^']*'", "");
        boolean day = letters.indexOf('d') >= 0;
        boolean month = letters.indexOf('M') >= 0 || letters.indexOf('L') >= 0;
        boolean year = letters.indexOf('y') >= 0 || letters.indexOf('u') >= 0;
        return day && month && year;
    }

    private static String columnNames(RecordKind kind) {
        List<String> names = new ArrayList<>();
        for (RecordKind.Column c : kind.columns()) {
            names.add(c.name());
        }
        return String.join(", ", names);
    }

    /** The entries of a YAML mapping by key, rejecting unknown and repeated keys. */
    private static Map<String, NodeTuple> entries(String name, MappingNode map, List<String> allowed, String where)
            throws MappingException {
        Map<String, NodeTuple> out = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
            String key = scalar(name, t.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw error(name, t.getKeyNode(), where + "unknown key " + dev.unravel.ingest.read.Limits.quote(key)
                        + "; the keys are " + String.join(", ", allowed));
            }
            if (out.put(key, t) != null) {
                throw error(name, t.getKeyNode(), where + "key " + key + " appears twice");
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static String scalar(String name, Node node, String what) throws MappingException {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(name, node, what + " must be a single value, not a " + node.getNodeType().name().toLowerCase(
                Locale.ROOT));
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static MappingException error(String name, Node node, String problem) {
        return new MappingException(name, line(node), node.getStartMark().map(m -> m.getColumn() + 1).orElse(0),
                problem);
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    private static String stem(String file) {
        String base = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        int dot = base.lastIndexOf('.');
        return dot > 0 ? base.substring(0, dot) : base;
    }

    @Override
    public String toString() {
        return readerId + " (" + file + ")";
    }
}
