package dev.unravel.sim.out;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 4180 reader for tests, written independently of {@link Csv} so that a round trip
 * checks the writer rather than agreeing with it. Fails on a malformed quote or a ragged row.
 */
public record CsvFile(List<String> header, List<Map<String, String>> rows) {

    public static CsvFile read(Path file) throws IOException {
        List<List<String>> records = parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = records.get(0);
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != header.size()) {
                throw new IllegalStateException(file + ": row " + r + " has " + r.size() + " fields");
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < r.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            rows.add(row);
        }
        return new CsvFile(header, rows);
    }

    /** The only row whose {@code column} equals {@code value}. */
    public Map<String, String> row(String column, String value) {
        List<Map<String, String>> found = where(column, value);
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " rows with " + column + "=" + value);
        }
        return found.get(0);
    }

    public List<Map<String, String>> where(String column, String value) {
        return rows.stream().filter(r -> value.equals(r.get(column))).toList();
    }

    static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new IllegalStateException("unterminated quoted field");
                    }
                    char q = text.charAt(i++);
                    if (q == '"' && i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else if (q == '"') {
                        break;
                    } else {
                        field.append(q);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\n') {
                    throw new IllegalStateException("text after a closing quote at " + i);
                }
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else if (c == '"' || c == '\r') {
                throw new IllegalStateException("bare " + (c == '"' ? "quote" : "CR") + " at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            throw new IllegalStateException("last line does not end in LF");
        }
        return records;
    }
}
