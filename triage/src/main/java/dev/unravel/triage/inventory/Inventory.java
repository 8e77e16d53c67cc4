package dev.unravel.triage.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * The company's files as paths, sizes and git blob ids, grouped by project, plus where each
 * project was read from. Saved as gzip-compressed JSON lines: a header line
 * {@code {"schema":"unravel.inventory/1","created":...,"sources":[...]}} then one line per file
 * {@code {"project":...,"path":...,"size":...,"gitBlobSha1":...}}. Immutable.
 */
public final class Inventory {

  public static final String SCHEMA = "unravel.inventory/1";

  /** Where one project's files came from: a git repository ({@code "git"}) or a folder ({@code "dir"}). */
  public record Source(String project, String kind, String path, String commit, int files) {}

  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final Pattern SHA1_HEX = Pattern.compile("[0-9a-f]{40}");

  private final Instant created;
  private final List<Source> sources;
  private final List<InventoryFile> files;
  private final Map<String, Integer> fileCounts;

  Inventory(Instant created, List<Source> sources, List<InventoryFile> files) {
    this.created = created;
    this.sources = List.copyOf(sources);
    this.files = Collections.unmodifiableList(new ArrayList<>(files));
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Source source : this.sources) {
      counts.putIfAbsent(source.project(), 0);
    }
    for (InventoryFile file : this.files) {
      counts.merge(file.project(), 1, Integer::sum);
    }
    this.fileCounts = Collections.unmodifiableMap(counts);
  }

  /** When the inventory was built. */
  public Instant created() {
    return created;
  }

  /** Project names in the order they were added. */
  public List<String> projects() {
    return List.copyOf(fileCounts.keySet());
  }

  /** Files indexed for the project; 0 for an unknown project. */
  public int fileCount(String project) {
    return fileCounts.getOrDefault(project, 0);
  }

  /** Files indexed in all projects. */
  public int size() {
    return files.size();
  }

  public List<Source> sources() {
    return sources;
  }

  /** Every indexed file, project by project. */
  public List<InventoryFile> files() {
    return files;
  }

  // ---- persistence -------------------------------------------------------------------------

  @JsonInclude(JsonInclude.Include.NON_NULL)
  private record SourceLine(String project, String kind, String path, String commit, int files) {}

  private record HeaderLine(String schema, String created, List<SourceLine> sources) {}

  private record FileLine(String project, String path, long size, String gitBlobSha1) {}

  /**
   * Writes the inventory as gzip-compressed JSON lines. Written to a sibling temporary file and
   * moved into place, so an interrupted save never leaves a truncated inventory behind.
   */
  public void save(Path file) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path temporary = absolute.resolveSibling(absolute.getFileName() + ".partial");
    try (Writer out =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(temporary), 1 << 16),
                StandardCharsets.UTF_8),
            1 << 16)) {
      List<SourceLine> sourceLines = new ArrayList<>();
      for (Source s : sources) {
        sourceLines.add(new SourceLine(s.project(), s.kind(), s.path(), s.commit(), s.files()));
      }
      out.write(JSON.writeValueAsString(new HeaderLine(SCHEMA, created.toString(), sourceLines)));
      out.write('\n');
      for (InventoryFile f : files) {
        out.write(
            JSON.writeValueAsString(
                new FileLine(f.project(), f.path(), f.size(), f.gitBlobSha1())));
        out.write('\n');
      }
    } catch (IOException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Reads an inventory written by {@link #save}.
   *
   * @throws IOException naming the file and line when the file is not an inventory or is damaged
   */
  public static Inventory load(Path file) throws IOException {
    int lineNumber = 0;
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8),
            1 << 16)) {
      String line = in.readLine();
      lineNumber = 1;
      if (line == null) {
        throw bad(file, lineNumber, "empty file, expected a " + SCHEMA + " header");
      }
      HeaderLine header = parse(line, HeaderLine.class, file, lineNumber);
      if (!SCHEMA.equals(header.schema())) {
        throw bad(file, lineNumber, "schema is " + header.schema() + ", expected " + SCHEMA);
      }
      Instant created = parseCreated(header.created(), file, lineNumber);
      List<Source> sources = new ArrayList<>();
      // Project names from the header; file lines reuse these instances instead of a million copies.
      Map<String, String> projectNames = new HashMap<>();
      for (SourceLine s : header.sources() == null ? List.<SourceLine>of() : header.sources()) {
        if (s.project() == null || s.kind() == null || s.path() == null) {
          throw bad(file, lineNumber, "a source lacks project, kind or path");
        }
        if (!"git".equals(s.kind()) && !"dir".equals(s.kind())) {
          throw bad(file, lineNumber, "source kind is " + s.kind() + ", expected git or dir");
        }
        sources.add(new Source(s.project(), s.kind(), s.path(), s.commit(), s.files()));
        projectNames.putIfAbsent(s.project(), s.project());
      }
      List<InventoryFile> files = new ArrayList<>();
      while ((line = in.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        FileLine f = parse(line, FileLine.class, file, lineNumber);
        String project = f.project() == null ? null : projectNames.get(f.project());
        if (project == null) {
          throw bad(file, lineNumber, "project " + f.project() + " is not among the header's sources");
        }
        if (f.path() == null || f.path().isEmpty()) {
          throw bad(file, lineNumber, "file without a path");
        }
        if (f.size() < 0) {
          throw bad(file, lineNumber, "negative size " + f.size());
        }
        if (f.gitBlobSha1() == null || !SHA1_HEX.matcher(f.gitBlobSha1()).matches()) {
          throw bad(file, lineNumber, "gitBlobSha1 is not 40 lower-case hex digits: " + f.gitBlobSha1());
        }
        files.add(new InventoryFile(project, f.path(), f.size(), f.gitBlobSha1()));
      }
      return new Inventory(created, sources, files);
    } catch (ZipException e) {
      throw bad(file, Math.max(lineNumber, 1), "not a gzip-compressed inventory (" + e.getMessage() + ")");
    } catch (java.io.EOFException e) {
      throw bad(file, Math.max(lineNumber, 1), "file is truncated");
    }
  }

  private static <T> T parse(String line, Class<T> type, Path file, int lineNumber)
      throws IOException {
    if (!line.startsWith("{")) {
      throw bad(file, lineNumber, "expected a JSON object");
    }
    try {
      return JSON.readValue(line, type);
    } catch (JsonProcessingException e) {
      throw bad(file, lineNumber, "malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static Instant parseCreated(String text, Path file, int lineNumber) throws IOException {
    if (text == null) {
      throw bad(file, lineNumber, "header lacks created");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw bad(file, lineNumber, "created is not an ISO-8601 instant: " + text);
    }
  }

  private static IOException bad(Path file, int line, String problem) {
    return new IOException(file + ":" + line + ": not a valid inventory: " + problem);
  }
}
