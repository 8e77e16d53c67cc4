package dev.unravel.engine.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes and reads {@code report.json}. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportJson() {
    }

    public static void write(Report report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, report);
    }

    /** Writes through a temporary file and renames, so a reader never sees half a report. */
    public static void write(Report report, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(report, out);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a report, checking its schema first so a wrong file gets a clear message. */
    public static Report read(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": not a scan report (expected a JSON object)");
        }
        String schema = root.path("schema").asText("");
        if (!schema.equals(Report.SCHEMA)) {
            throw new IllegalArgumentException(file + ": not a scan report of schema " + Report.SCHEMA
                    + (schema.isEmpty() ? " (no \"schema\" key)" : " (schema is \"" + schema + "\")"));
        }
        if (!root.path("workers").isArray()) {
            throw new IllegalArgumentException(file + ": the report has no \"workers\" array");
        }
        try {
            return MAPPER.treeToValue(root, Report.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": " + e.getOriginalMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
