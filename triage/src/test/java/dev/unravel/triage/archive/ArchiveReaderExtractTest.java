package dev.unravel.triage.archive;

import static dev.unravel.triage.archive.TestArchives.entries;
import static dev.unravel.triage.archive.TestArchives.utf8;
import static dev.unravel.triage.archive.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderExtractTest {

    @TempDir
    Path temp;

    private final ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults());

    @Test
    void writesOnlyReadableRegularEntriesInsideTheSandbox() throws Exception {
        Path sandbox = temp.resolve("case-17/sandbox");
        Path absoluteTarget = temp.resolve("absolute-target.txt");
        byte[] inner = zip("inner-secret.txt", utf8("nested\n"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            put(zip, "src/Main.java", utf8("class Main {}\n"));
            put(zip, "../escaped.txt", utf8("x"));
            put(zip, "src/../../../escaped-too.txt", utf8("x"));
            put(zip, absoluteTarget.toString(), utf8("x"));
            put(zip, "C:\\Windows\\win.ini", utf8("x"));
            put(zip, "docs/./notes.txt", utf8("notes\n"));
            put(zip, "inner.zip", inner);
            put(zip, "src/Main.java", utf8("class Evil {}\n")); // a second entry of the same name
            ZipArchiveEntry link = new ZipArchiveEntry("link-to-root");
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(link);
            zip.write(utf8("/"));
            zip.closeArchiveEntry();
            zip.putArchiveEntry(new ZipArchiveEntry("empty-dir/"));
            zip.closeArchiveEntry();
        }

        ArchiveListing listing = reader.extract("x.zip", bytes.toByteArray(), sandbox);

        assertThat(filesUnder(temp)).containsExactlyInAnyOrder(
                "case-17/sandbox/src/Main.java",
                "case-17/sandbox/docs/notes.txt",
                "case-17/sandbox/inner.zip");
        assertThat(Files.readString(sandbox.resolve("src/Main.java"))).isEqualTo("class Main {}\n");
        assertThat(Files.readAllBytes(sandbox.resolve("inner.zip"))).isEqualTo(inner);
        assertThat(Files.isDirectory(sandbox.resolve("empty-dir"))).isTrue();
        assertThat(Files.exists(absoluteTarget)).isFalse();
        assertThat(listing.entries()).extracting(ArchiveEntry::container, ArchiveEntry::path)
                .contains(tuple("inner.zip", "inner-secret.txt"));
        assertThat(listing.findings()).extracting(ArchiveFinding::kind, ArchiveFinding::entry).contains(
                tuple(Kind.PATH_TRAVERSAL, "../escaped.txt"),
                tuple(Kind.PATH_TRAVERSAL, "src/../../../escaped-too.txt"),
                tuple(Kind.ABSOLUTE_PATH, absoluteTarget.toString().replace('\\', '/')),
                tuple(Kind.ABSOLUTE_PATH, "C:/Windows/win.ini"),
                tuple(Kind.SYMLINK, "link-to-root"),
                tuple(Kind.DAMAGED, "src/Main.java"));
        try (Stream<Path> all = Files.walk(temp)) {
            assertThat(all.filter(Files::isSymbolicLink)).isEmpty();
        }
    }

    @Test
    void aLinkAlreadyInTheSandboxIsNotFollowed() throws Exception {
        Path sandbox = Files.createDirectories(temp.resolve("sandbox"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(sandbox.resolve("escape"), outside);

        ArchiveListing listing = reader.extract("x.zip", zip("escape/planted.txt", utf8("x")), sandbox);

        assertThat(outside).isEmptyDirectory();
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).containsExactly(Kind.SYMLINK);
        assertThat(listing.entries()).singleElement().extracting(ArchiveEntry::sha256).isNotNull();
    }

    @Test
    void entriesStoppedByALimitLeaveNoPartialFile() throws Exception {
        Path sandbox = temp.resolve("sandbox");
        byte[] big = ArchiveReaderZipTest.randomBytes(3 << 20);
        ArchiveReader strict = new ArchiveReader(new ArchiveLimits(3, 100, 1L << 30, 1 << 20, 100));

        ArchiveListing listing = strict.extract("x.zip", zip(entries("big.bin", big, "small.txt", "hello\n")), sandbox);

        assertThat(filesUnder(sandbox)).containsExactly("small.txt");
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).containsExactly(Kind.ZIP_BOMB);
    }

    @Test
    void encryptedEntriesAreNotWritten() throws Exception {
        Path sandbox = temp.resolve("sandbox");
        byte[] zip = new TestArchives.HandZip().zipCrypto("secret.txt", ArchiveReaderZipTest.randomBytes(40))
                .stored("clear.txt", utf8("hello\n")).bytes();

        reader.extract("x.zip", zip, sandbox);

        assertThat(filesUnder(sandbox)).containsExactly("clear.txt");
    }

    private static void put(ZipArchiveOutputStream zip, String name, byte[] content) throws Exception {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }

    private static List<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).toList();
        }
    }
}
