package dev.unravel.sim.out;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The folder a simulation writes into. Files are created through it so that the manifest can
 * list every file with its record count, and so that paths are always inside the folder.
 */
public final class OutputDir {
    private final Path root;
    private final Map<String, Long> records = new TreeMap<>();

    public OutputDir(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates (or replaces) a file at a path relative to the root, making parent folders; gzipped when it ends in .gz. */
    public OutputStream create(String relative) throws IOException {
        Path file = resolve(relative);
        Files.createDirectories(file.getParent());
        records.putIfAbsent(relative, 0L);
        OutputStream raw = Files.newOutputStream(file);
        if (relative.endsWith(".gz")) {
            return new java.util.zip.GZIPOutputStream(raw, 1 << 16); // a delivery its vendor compresses (FDR)
        }
        return new java.io.BufferedOutputStream(raw, 1 << 16);
    }

    public Writer createText(String relative) throws IOException {
        return new BufferedWriter(new java.io.OutputStreamWriter(create(relative), StandardCharsets.UTF_8), 1 << 16);
    }

    public Path resolve(String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("output path escapes the output folder: " + relative);
        }
        return file;
    }

    /** Adds to a file's record count, for the manifest. */
    public void count(String relative, long n) {
        records.merge(relative, n, Long::sum);
    }

    /** Every file created, with its record count, sorted by path. */
    public Map<String, Long> files() {
        return records;
    }
}
