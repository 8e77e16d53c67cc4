package dev.unravel.ingest.source;

import dev.unravel.ingest.read.Sample;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Walks what the user named — files, folders, gzip files and ZIP archives (read in place, entry
 * by entry, nested up to {@link #MAX_NESTING}) — and hands each logical file to a visitor with a
 * sample of its start and its content as UTF-8, readable once. Compression is recognised by its
 * magic bytes, not by the name.
 */
public final class Inputs {
    public static final int MAX_NESTING = 3;

    private Inputs() {
    }

    /** Receives each logical file. */
    public interface Visitor {
        /**
         * @param name    display name ({@code logs.zip!/okta/day1.json})
         * @param sample  the start of the decoded content
         * @param content the whole decoded content, from the start
         */
        void file(String name, Sample sample, InputStream content, Utf8Stream.Encoding encoding) throws IOException;

        /** A file that could not be opened or decompressed at all. */
        void unreadable(String name, String reason);

        /** A file deliberately not read (hidden entries of an archive); reported, never silent. */
        default void skipped(String name, String reason) {
        }
    }

    /** Why hidden files are passed over, for summaries. */
    public static final String HIDDEN = "hidden (its name or a folder's starts with '.'): not read";

    /**
     * Why a git repository is passed over: it holds source code, not logs. The inventory is where
     * the company's source code belongs, to recognise it in an extortion email's proof archive.
     */
    public static final String GIT_REPOSITORY = "git repository: index it with `unravel inventory build --repo`";

    /** The regular files under {@code paths}, folders expanded in name order, hidden entries skipped. */
    public static List<Path> expand(List<Path> paths) throws IOException {
        return expand(paths, (skipped, reason) -> {
        });
    }

    /** As {@link #expand(List)}, telling {@code skipped} each file or repository passed over. */
    public static List<Path> expand(List<Path> paths, java.util.function.Consumer<Path> skipped) throws IOException {
        return expand(paths, (path, reason) -> skipped.accept(path));
    }

    /**
     * As {@link #expand(List)}, telling {@code skipped} each path passed over and why ({@link #HIDDEN}
     * or {@link #GIT_REPOSITORY}), in name order. A git repository — a work tree with {@code .git}
     * inside or a bare repository — is reported once, as its folder, and nothing in it is read.
     */
    public static List<Path> expand(List<Path> paths, BiConsumer<Path, String> skipped) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            // Files (null: read) and skipped paths with their reason, in the order a sorted walk meets them.
            Map<Path, String> found = new TreeMap<>();
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (isGitRepository(dir)) {
                        found.put(dir, GIT_REPOSITORY);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    // A link to a regular file is read, as before; a link to a folder is not followed.
                    if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(f))) {
                        found.put(f, hidden(p.relativize(f)) ? HIDDEN : null);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                    throw e;
                }
            });
            for (Map.Entry<Path, String> e : found.entrySet()) {
                if (e.getValue() == null) {
                    files.add(e.getKey());
                } else {
                    skipped.accept(e.getKey(), e.getValue());
                }
            }
        }
        return files;
    }

    /** A work tree ({@code .git} folder or file inside) or a bare repository (HEAD, objects/ and refs/). */
    public static boolean isGitRepository(Path dir) {
        if (Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        return Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"));
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Visits one file on disk. */
    public static void visit(Path file, Visitor visitor) {
        String name = file.toString();
        if (!Files.isReadable(file)) {
            visitor.unreadable(name, Files.exists(file) ? "cannot be read (permission denied)" : "does not exist");
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            visit(name, in, visitor, 0);
        } catch (IOException e) {
            visitor.unreadable(name, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Visits one stream as if it were a file named {@code name} (a batch received over the network):
     * gzip and ZIP are opened, the encoding is decoded, each logical file is shown to the visitor.
     */
    public static void visit(String name, InputStream raw, Visitor visitor) throws IOException {
        visit(name, raw, visitor, 0);
    }

    static void visit(String name, InputStream raw, Visitor visitor, int depth) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (depth < MAX_NESTING && magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            GZIPInputStream gz;
            try {
                gz = new GZIPInputStream(in, 1 << 16);
            } catch (IOException e) {
                visitor.unreadable(name, "is not a readable gzip file: " + (e.getMessage() != null ? e.getMessage()
                        : e instanceof java.io.EOFException ? "it ends inside its header" : e.getClass().getSimpleName()));
                return;
            }
            visit(stripGz(name), gz, visitor, depth + 1);
            return;
        }
        if (depth < MAX_NESTING && magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3
                && magic[3] == 4) {
            try (ZipInputStream zip = new ZipInputStream(in)) {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (hidden(Path.of(entry.getName().replace('\\', '/')))) {
                        visitor.skipped(name + "!/" + entry.getName(), HIDDEN);
                        continue;
                    }
                    visit(name + "!/" + entry.getName(), new NonClosing(zip), visitor, depth + 1);
                }
            }
            return;
        }
        Utf8Stream.Decoded decoded = Utf8Stream.decode(in);
        BufferedInputStream content = new BufferedInputStream(decoded.utf8(), 1 << 16);
        content.mark(Sample.SIZE + 1);
        byte[] head = content.readNBytes(Sample.SIZE);
        content.reset();
        visitor.file(name, new Sample(baseName(name), head), content, decoded.encoding());
        // Drain what the reader left so that a ZIP moves on to its next entry cleanly. A failure
        // here (a truncated gzip) was already met and reported by the reader.
        try {
            content.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException alreadyReported) {
            // nothing more to read
        }
    }

    private static String stripGz(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            return name.substring(0, name.length() - 3);
        }
        if (lower.endsWith(".tgz")) {
            return name.substring(0, name.length() - 4) + ".tar";
        }
        return name;
    }

    static String baseName(String name) {
        int cut = Math.max(name.lastIndexOf('/'), Math.max(name.lastIndexOf('\\'), name.lastIndexOf('!')));
        return name.substring(cut + 1);
    }

    /** A ZIP entry's stream that a reader may close without closing the archive. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the archive stays open for its next entry
        }
    }
}
