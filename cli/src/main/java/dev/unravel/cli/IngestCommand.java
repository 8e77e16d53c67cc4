package dev.unravel.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.core.Event;
import dev.unravel.engine.report.RecordJson;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.RecordLookup;
import dev.unravel.ingest.format.records.MappingException;
import dev.unravel.ingest.format.records.Mappings;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unravel ingest}: reading sources, without detection. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {"Reads source files: recognises each file's format, validates every record and "
                + "quarantines the bad ones.", ""},
        subcommands = {IngestCommand.Check.class, IngestCommand.ListFormats.class, IngestCommand.Send.class,
            IngestCommand.Batches.class, IngestCommand.Show.class})
public final class IngestCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Resolves {@code --format} among the mapped and built-in formats, listing the known ids when it is wrong. */
    static Reader format(String id, Mappings mappings) {
        if (id == null) {
            return null;
        }
        return mappings.byId(id).or(() -> Formats.byId(id)).orElseThrow(() -> new IllegalArgumentException(
                "unknown --format '" + id + "'; known formats: " + String.join(", ", java.util.stream.Stream.concat(
                        mappings.readers().stream(), Formats.all().stream()).map(Reader::id).toList())));
    }

    /** Loads {@code --mapping} files; a bad one stops the run before anything is read. */
    static Mappings mappings(List<Path> files) {
        try {
            return files == null || files.isEmpty() ? Mappings.NONE : Mappings.load(files);
        } catch (MappingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Command(name = "check",
            mixinStandardHelpOptions = true,
            description = {"Reads files and folders (gzip and ZIP archives are read in place) and prints, per "
                    + "file, the format recognised from its content, the records read, accepted and quarantined, "
                    + "and the first errors with file, line or record and field. Rejected records go to the "
                    + "quarantine file with their reason.", ""},
            footer = {"", "Examples:", "  unravel ingest check sim-out", "  unravel ingest check --json exports/okta.json.gz",
                "  unravel ingest check --format okta --quarantine bad.ndjson weird-export.txt",
                "  unravel ingest check --mapping workday.yaml exports/hris"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or folders to read.")
        List<Path> paths;

        @Option(names = "--format", paramLabel = "ID",
                description = "Read every file as this format instead of recognising it ('unravel ingest formats' "
                        + "lists them).")
        String format;

        @Option(names = "--mapping", paramLabel = "FILE",
                description = "A column-mapping file (YAML) for an HRIS export with other headers or date formats; "
                        + "repeatable. See docs/formats/hr-csv.md.")
        List<Path> mapping;

        @Option(names = "--json", description = "Print the summary as JSON.")
        boolean json;

        @Option(names = "--quarantine", paramLabel = "FILE",
                description = "Where rejected records go, one JSON line each. Default: ${DEFAULT-VALUE}.")
        Path quarantine = Path.of("unravel-quarantine.ndjson");

        @Option(names = "--errors", paramLabel = "N", description = "Errors to show per file. Default: ${DEFAULT-VALUE}.")
        int errors = 5;

        @Override
        public Integer call() throws IOException {
            Mappings mappings = mappings(mapping);
            Reader forced = format(format, mappings);
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(p + " does not exist");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            List<FileSummary> summaries;
            try (Quarantine q = new Quarantine(quarantine)) {
                // what a scan would quarantine, this included
                Ingest ingest = dev.unravel.engine.Scan.notAhead(new Ingest(forced, Limits.DEFAULT, q, e -> { },
                        Math.max(0, errors)), java.time.Instant.now(), "this check's clock")
                        .extraReaders(mappings.readers());
                if (!json && System.console() != null) {
                    try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Reading").setStyle(ProgressBarStyle.ASCII)
                            .setUnit(" files", 1).setInitialMax(-1).continuousUpdate().build()) {
                        summaries = ingest.progress((done, total, s) -> {
                            bar.maxHint(total);
                            bar.stepTo(done);
                        }).run(paths);
                    }
                } else {
                    summaries = ingest.run(paths);
                }
                if (json) {
                    printJson(out, summaries, q.written());
                } else {
                    printText(out, summaries, q.written());
                }
            }
            return 0;
        }

        static void printText(PrintWriter out, List<FileSummary> summaries, Path quarantined) {
            long records = 0;
            long accepted = 0;
            long rejected = 0;
            for (FileSummary s : summaries) {
                out.printf(Locale.ROOT, "%s%n  %-26s records %,d  accepted %,d  quarantined %,d%s%n", s.file(),
                        s.format() + (s.confidence() > 0 && s.confidence() < 100 ? " (" + s.confidence() + "%)" : ""),
                        s.records(), s.accepted(), s.quarantined(),
                        s.encoding() != null && !s.encoding().equals("utf8") ? "  [" + s.encoding() + "]" : "");
                for (RecordError e : s.errors()) {
                    out.println("    " + e);
                }
                if (s.errors().isEmpty() && s.failure() != null) {
                    out.println("    " + s.failure());
                }
                if (FileSummary.UNKNOWN.equals(s.format())) {
                    out.println("    (--format ID reads it as a format you name; 'unravel ingest formats' lists them)");
                }
                records += s.records();
                accepted += s.accepted();
                rejected += s.quarantined();
            }
            out.printf(Locale.ROOT, "%,d files: %,d records, %,d accepted, %,d quarantined%s%n", summaries.size(),
                    records, accepted, rejected, quarantined == null ? "" : " (see " + quarantined + ")");
        }

        static void printJson(PrintWriter out, List<FileSummary> summaries, Path quarantined) throws IOException {
            java.io.StringWriter text = new java.io.StringWriter();
            try (JsonGenerator g = JsonFactory.builder().build().createGenerator(text)) {
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeArrayFieldStart("files");
                long records = 0;
                long accepted = 0;
                long rejected = 0;
                for (FileSummary s : summaries) {
                    g.writeStartObject();
                    g.writeStringField("file", s.file());
                    g.writeStringField("format", s.format());
                    g.writeNumberField("confidence", s.confidence());
                    g.writeStringField("encoding", s.encoding());
                    g.writeNumberField("records", s.records());
                    g.writeNumberField("accepted", s.accepted());
                    g.writeNumberField("quarantined", s.quarantined());
                    g.writeNumberField("events", s.events());
                    g.writeStringField("failure", s.failure());
                    g.writeArrayFieldStart("errors");
                    for (RecordError e : s.errors()) {
                        g.writeStartObject();
                        g.writeNumberField("record", e.record());
                        g.writeNumberField("line", e.line());
                        g.writeStringField("field", e.field());
                        g.writeStringField("reason", e.reason());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                    records += s.records();
                    accepted += s.accepted();
                    rejected += s.quarantined();
                }
                g.writeEndArray();
                g.writeObjectFieldStart("totals");
                g.writeNumberField("files", summaries.size());
                g.writeNumberField("records", records);
                g.writeNumberField("accepted", accepted);
                g.writeNumberField("quarantined", rejected);
                g.writeEndObject();
                g.writeStringField("quarantine_file", quarantined == null ? null : quarantined.toString());
                g.writeEndObject();
            }
            out.println(text);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Shows the records behind evidence: each FILE#RECORD a finding cites (in the report, "
                + "'unravel cases show', the console) read again from its file the way the scan read it — archives "
                + "opened in place — with the format, the event's time, kind, user, host and address, and the vendor's "
                + "own record. The file is read as it is now; the output says when it last changed.", ""},
            footer = {"", "Examples:",
                "  unravel ingest show demo-out/okta/system-log-2026-03-10.ndjson#8",
                "  unravel ingest show --json 'exports.zip!/okta/day1.ndjson#12' spool/github/2026-03-02/x.ndjson#3",
                "  unravel ingest show --mapping workday.yaml hris/workers.csv#214"})
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE#RECORD", arity = "1..*", description = "Record references, as findings cite "
                + "them.")
        List<String> refs;

        @Option(names = "--mapping", paramLabel = "FILE", description = "The column-mapping files the scan read with "
                + "(repeatable), so that files only they recognise are read alike.")
        List<Path> mapping;

        @Option(names = "--json", description = "One JSON object a line per record: ref, format, file_changed, and "
                + "events (time, source, type, user, host, source_ip, document).")
        boolean json;

        @Option(names = "--report", paramLabel = "REPORT.json", description = "The scan report that cites the "
                + "records: each file is then told unchanged since that scan, or changed (the report keeps each cited "
                + "file's SHA-256).")
        Path report;

        @Override
        public Integer call() throws IOException {
            Mappings mappings = mappings(mapping);
            java.util.function.Function<RecordLookup.Found, dev.unravel.engine.report.EvidenceFiles.Verdict> verdict =
                    report == null ? null
                    : dev.unravel.engine.report.EvidenceFiles.checker(dev.unravel.engine.report.EvidenceFiles.of(
                            dev.unravel.engine.report.ReportJson.read(report)), "the report");
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int missing = 0;
            for (String ref : refs) {
                RecordLookup.Found found;
                try {
                    found = RecordLookup.find(ref, mappings.readers());
                } catch (RecordLookup.NotFound e) {
                    err.println(ref + ": " + e.getMessage());
                    missing++;
                    continue;
                }
                if (json) {
                    out.println(RecordJson.line(found));
                    continue;
                }
                out.printf("%s#%d (%s; file last changed %s)%n", found.file(), found.record(), found.format(),
                        found.modified());
                if (verdict != null) {
                    out.println("  " + verdict.apply(found).text());
                }
                for (Event e : found.events()) {
                    out.printf("  %s  %s %s%s%s%s%n", e.time(), e.source(), e.type(),
                            e.user() == null ? "" : "  user " + e.user(), e.host() == null ? "" : "  host " + e.host(),
                            e.sourceIp() == null ? "" : "  from " + e.sourceIp());
                    out.println(RecordJson.document(e).indent(2).stripTrailing());
                }
                out.println();
            }
            out.flush();
            err.flush();
            return missing == 0 ? 0 : 1;
        }
    }

    @Command(name = "formats", mixinStandardHelpOptions = true,
            description = {"Lists the formats Unravel reads, with the ids --format takes.", ""},
            footer = {"", "Example:", "  unravel ingest formats"})
    static final class ListFormats implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Reader r : Formats.all()) {
                out.printf(Locale.ROOT, "  %-32s %s%n", r.id(), r.description());
            }
            return 0;
        }
    }

    @Command(name = "batches", mixinStandardHelpOptions = true,
            description = {"Lists the batches of logs the console took over its ingest API ('unravel serve --spool') "
                + "or collected from the vendors' APIs ('serve --collect'), newest first: when, from which source, "
                + "the format read, records, events, rejected records, the events' first time, and the file in the "
                + "spool (marked 'collected' for a collection's file).", ""},
            footer = {"", "Examples:", "  unravel ingest batches", "  unravel ingest batches --source okta --limit 5"})
    static final class Batches extends StoreCommand {
        @Option(names = "--source", paramLabel = "NAME", description = "Only this source's batches.")
        String source;

        @Option(names = "--limit", paramLabel = "N", description = "At most this many. Default: ${DEFAULT-VALUE}.")
        int limit = 50;

        @Override
        void check() {
            atLeastOne(limit, "--limit");
        }

        @Override
        int run(dev.unravel.store.Store s, PrintWriter out) {
            List<dev.unravel.store.Store.IngestBatch> batches = s.ingestBatches(source, limit);
            if (batches.isEmpty()) {
                out.println("No batches received" + (source == null ? "" : " from " + source) + " in "
                        + s.description() + " (logs are sent to 'unravel serve --spool DIR').");
                return 0;
            }
            out.printf(Locale.ROOT, "%6s  %-17s %-14s %-16s %9s %9s %8s  %-17s %s%n", "BATCH", "RECEIVED", "SOURCE",
                    "FORMAT", "RECORDS", "EVENTS", "REJECTED", "FIRST EVENT", "FILE");
            for (var b : batches) {
                out.printf(Locale.ROOT, "%6d  %-17s %-14s %-16s %,9d %,9d %,8d  %-17s %s%n", b.id(),
                        CasesCommand.at(b.receivedAt()), b.source(), b.format(), b.records(), b.events(),
                        b.rejected(), b.first() == null ? "-" : CasesCommand.at(b.first()),
                        b.file() + (b.collected() ? " (collected)" : "") + (b.removedAt() == null ? ""
                                : " (deleted " + CasesCommand.at(b.removedAt()) + ")"));
            }
            return 0;
        }
    }

    @Command(name = "send", mixinStandardHelpOptions = true,
            description = {"Sends files to a console's ingest API ('unravel serve --spool'), one batch per file, "
                + "gzip-compressed on the way, and prints what the console made of each: records, events, rejected "
                + "records with the first reasons, or why it refused the file. For a cron job that fetches a vendor's "
                + "export, or to load a backlog. The ingest token comes from --token-file or $UNRAVEL_TOKEN, never "
                + "the command line. A refused connection or a server error is tried again twice.", ""},
            footer = {"", "Examples:",
                "  UNRAVEL_TOKEN=unr_… unravel ingest send --to http://127.0.0.1:7300 --source okta okta/*.ndjson",
                "  unravel ingest send --to https://unravel.corp.example --token-file /etc/unravel/token "
                    + "--source github --format github-audit export.json.gz"})
    static final class Send implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--to", paramLabel = "URL", required = true, description = "The console, e.g. "
                + "http://127.0.0.1:7300.")
        String to;

        @Option(names = "--source", paramLabel = "NAME", required = true, description = "The source the files "
                + "are from; it names their folder in the spool (okta, github, edr-emea).")
        String source;

        @Option(names = "--format", paramLabel = "ID", description = "The format the files are in; the console "
                + "refuses one that reads as another ('unravel ingest formats').")
        String format;

        @Option(names = "--token-file", paramLabel = "FILE", description = "A file holding the ingest token. "
                + "Default: $UNRAVEL_TOKEN.")
        Path tokenFile;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to send, each as one batch.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() throws IOException, InterruptedException {
            String token = Secrets.read(tokenFile, "--token-file", "UNRAVEL_TOKEN", "ingest token",
                    "'unravel analysts token NAME --scope ingest' makes one");
            java.net.URI base;
            try {
                base = java.net.URI.create(to.strip().replaceAll("/+$", "") + "/");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--to '" + to + "' is not a URL");
            }
            if (base.getScheme() == null || !base.getScheme().matches("https?") || base.getHost() == null) {
                throw new IllegalArgumentException("--to must be the console's http(s) address, not '" + to + "'");
            }
            for (Path f : files) {
                if (!Files.isRegularFile(f)) {
                    throw new IllegalArgumentException(f + ": no such file");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(10)).build();
            int refused = 0;
            for (Path f : files) {
                String query = "name=" + java.net.URLEncoder.encode(f.getFileName().toString(),
                        java.nio.charset.StandardCharsets.UTF_8) + (format == null ? "" : "&format="
                        + java.net.URLEncoder.encode(format, java.nio.charset.StandardCharsets.UTF_8));
                java.net.URI uri = base.resolve("api/ingest/" + java.net.URLEncoder.encode(source,
                        java.nio.charset.StandardCharsets.UTF_8) + "?" + query);
                Path body = gzip(f); // on disk, not in memory: a file may be larger than the heap
                java.net.http.HttpResponse<String> r = null;
                IOException failed = null;
                for (int attempt = 1; attempt <= 3; attempt++) {
                    try {
                        r = http.send(java.net.http.HttpRequest.newBuilder(uri)
                                .timeout(java.time.Duration.ofMinutes(5))
                                .header("Authorization", "Bearer " + token).header("Content-Encoding", "gzip")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(body)).build(),
                                java.net.http.HttpResponse.BodyHandlers.ofString());
                        failed = null;
                        if (r.statusCode() < 500) {
                            break;
                        }
                    } catch (IOException e) {
                        failed = e;
                    }
                    if (attempt < 3) {
                        Thread.sleep(1000L * attempt);
                    }
                }
                Files.delete(body);
                if (failed != null) {
                    String why = failed instanceof java.net.ConnectException ? "connection refused"
                            : failed.getMessage() != null ? failed.getMessage() : failed.getClass().getSimpleName();
                    throw new IOException("cannot reach " + base + " (" + why + "); " + f
                            + " and the files after it were not sent", failed);
                }
                if (!answered(f, r, out)) {
                    refused++;
                }
            }
            out.flush();
            return refused == 0 ? 0 : 1;
        }

        /** {@code f} gzip-compressed into a temporary file, deleted when the JVM exits if not before. */
        private static Path gzip(Path f) throws IOException {
            Path z = Files.createTempFile("unravel-send-", ".gz");
            z.toFile().deleteOnExit();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(z),
                    64 * 1024)) {
                Files.copy(f, gz);
            }
            return z;
        }

        /** Prints the console's answer about {@code f}; false when the file was refused. */
        private static boolean answered(Path f, java.net.http.HttpResponse<String> r, PrintWriter out) {
            com.fasterxml.jackson.databind.JsonNode a;
            try {
                a = dev.unravel.engine.report.ReportJson.mapper().readTree(r.body());
            } catch (IOException e) {
                a = null;
            }
            boolean kept = r.statusCode() == 200 && a != null && a.has("batch");
            if (kept) {
                out.printf(Locale.ROOT, "%s: %s batch %d (%s): %,d records, %,d events, %,d rejected%n", f,
                        a.get("duplicate").asBoolean() ? "already kept as" : "kept as", a.get("batch").asLong(),
                        a.get("format").asText(), a.get("records").asLong(), a.get("events").asLong(),
                        a.get("rejected").asLong());
            } else {
                String why = a != null && a.has("error") ? a.get("error").asText() : r.body().strip();
                out.printf(Locale.ROOT, "%s: refused (%d): %s%n", f, r.statusCode(), why.isEmpty() ? "no reason given"
                        : why);
            }
            if (a != null && a.has("errors")) {
                for (var e : a.get("errors")) {
                    out.printf(Locale.ROOT, "    record %d, %s: %s%n", e.get("record").asLong(),
                            e.get("field").isNull() ? "the record" : "field '" + e.get("field").asText() + "'",
                            e.get("reason").asText());
                }
            }
            return kept;
        }
    }
}
