package dev.unravel.triage.archive;

import static dev.unravel.triage.archive.TestArchives.entries;
import static dev.unravel.triage.archive.TestArchives.gitBlob;
import static dev.unravel.triage.archive.TestArchives.sha256;
import static dev.unravel.triage.archive.TestArchives.utf8;
import static dev.unravel.triage.archive.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchiveReaderFormatsTest {

    private final ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults());

    @Test
    void tarGzListsSymlinksAndHardLinksWithoutFollowingThem() throws Exception {
        byte[] tarGz = compress("gz", tar(Map.of("src/App.java", utf8("class App {}\n")), true));

        ArchiveListing listing = reader.read("repo.tgz", tarGz);

        assertThat(listing.format()).isEqualTo("tar.gz");
        assertThat(listing.entries()).extracting(ArchiveEntry::path, ArchiveEntry::symlink).containsExactly(
                tuple("src/App.java", false), tuple("passwd", true), tuple("hard", true));
        assertThat(listing.entries().get(0).gitBlobSha1()).isEqualTo(gitBlob(utf8("class App {}\n")));
        assertThat(listing.entries().get(0).modified()).isNotNull();
        assertThat(listing.entries().get(1).sha256()).isNull();
        assertThat(listing.findings()).extracting(ArchiveFinding::kind, ArchiveFinding::entry).containsExactly(
                tuple(Kind.SYMLINK, "passwd"), tuple(Kind.SYMLINK, "hard"));
        assertThat(listing.findings().get(0).detail()).contains("/etc/passwd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tar", "bz2", "xz"})
    void plainAndCompressedTarsAreRead(String compression) throws Exception {
        byte[] tar = tar(Map.of("hello.txt", utf8("hello\n")), false);
        byte[] archive = compression.equals("tar") ? tar : compress(compression, tar);

        ArchiveListing listing = reader.read("archive", archive);

        assertThat(listing.format()).isEqualTo(compression.equals("tar") ? "tar" : "tar." + compression);
        assertThat(listing.entries()).singleElement()
                .extracting(ArchiveEntry::gitBlobSha1).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(listing.findings()).isEmpty();
    }

    @Test
    void bareGzipIsOneEntryNamedWithoutTheSuffix() throws Exception {
        byte[] content = utf8("password=hunter2\n".repeat(100));

        ArchiveListing listing = reader.read("attachments/creds.txt.gz", compress("gz", content));

        assertThat(listing.format()).isEqualTo("gz");
        assertThat(listing.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.path()).isEqualTo("creds.txt");
            assertThat(entry.size()).isEqualTo(content.length);
            assertThat(entry.sha256()).isEqualTo(sha256(content));
            assertThat(entry.gitBlobSha1()).isEqualTo(gitBlob(content)); // size learnt on a first read
        });
    }

    @Test
    void sevenZipEntriesAreHashed() throws Exception {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            SevenZArchiveEntry folder = new SevenZArchiveEntry();
            folder.setName("src");
            folder.setDirectory(true);
            sevenZ.putArchiveEntry(folder);
            sevenZ.closeArchiveEntry();
            SevenZArchiveEntry hello = new SevenZArchiveEntry();
            hello.setName("src/hello.txt");
            sevenZ.putArchiveEntry(hello);
            sevenZ.write(utf8("hello\n"));
            sevenZ.closeArchiveEntry();
            SevenZArchiveEntry tool = new SevenZArchiveEntry();
            tool.setName("tools/wipe.ps1");
            sevenZ.putArchiveEntry(tool);
            sevenZ.write(utf8("Remove-Item -Recurse C:\\\n"));
            sevenZ.closeArchiveEntry();
        }
        byte[] bytes = Arrays.copyOf(channel.array(), (int) channel.size());

        ArchiveListing listing = reader.read("dump.7z", bytes);

        assertThat(listing.format()).isEqualTo("7z");
        assertThat(listing.entries()).extracting(ArchiveEntry::path, ArchiveEntry::directory).containsExactly(
                tuple("src", true), tuple("src/hello.txt", false), tuple("tools/wipe.ps1", false));
        assertThat(listing.entries().get(1).gitBlobSha1()).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(listing.findings()).extracting(ArchiveFinding::kind, ArchiveFinding::entry)
                .containsExactly(tuple(Kind.EXECUTABLE, "tools/wipe.ps1"));
    }

    @Test
    void encryptedSevenZipListsNamesWithoutHashes() throws Exception {
        // commons-compress writes 7z AES only through its package-private options class
        java.lang.reflect.Constructor<?> options = Class.forName("org.apache.commons.compress.archivers.sevenz.AES256Options")
                .getDeclaredConstructor(char[].class);
        options.setAccessible(true);
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            sevenZ.setContentMethods(java.util.List.of(
                    new org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration(
                            org.apache.commons.compress.archivers.sevenz.SevenZMethod.LZMA2),
                    new org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration(
                            org.apache.commons.compress.archivers.sevenz.SevenZMethod.AES256SHA256,
                            options.newInstance((Object) "infected".toCharArray()))));
            SevenZArchiveEntry entry = new SevenZArchiveEntry();
            entry.setName("customers.csv");
            sevenZ.putArchiveEntry(entry);
            sevenZ.write(utf8("id,name\n1,Ada\n"));
            sevenZ.closeArchiveEntry();
        }
        byte[] bytes = Arrays.copyOf(channel.array(), (int) channel.size());

        ArchiveListing listing = reader.read("proof.7z", bytes);

        assertThat(listing.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.path()).isEqualTo("customers.csv");
            assertThat(entry.encrypted()).isTrue();
            assertThat(entry.sha256()).isNull();
        });
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ENCRYPTED);
            assertThat(finding.detail()).contains("1 of 1");
        });
    }

    @Test
    void sevenZipWithEncryptedHeadersIsOneEncryptedFinding() {
        ArchiveListing listing = reader.read("proof.7z", sevenZipWithEncryptedHeader());

        assertThat(listing.format()).isEqualTo("7z");
        assertThat(listing.entries()).isEmpty();
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ENCRYPTED);
            assertThat(finding.detail()).contains("names are hidden");
        });
    }

    /**
     * A 7z whose header is AES-encrypted (7z -mhe=on), built by hand: commons-compress cannot
     * write one. The "encrypted" header is random bytes: without a password nothing decrypts it.
     */
    private static byte[] sevenZipWithEncryptedHeader() {
        byte[] packed = ArchiveReaderZipTest.randomBytes(16);
        java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
        header.writeBytes(new byte[] {0x17, // encoded header
                0x06, 0, 1, 0x09, 16, 0, // pack info: at 0, one stream of 16 bytes
                0x07, 0x0B, 1, 0, // unpack info: one folder, inline
                1, 0x24, 0x06, (byte) 0xF1, 0x07, 0x01, 18, // one coder: AES-256 + SHA-256, 18 property bytes
                0x40 | 19, 0x0F});
        header.writeBytes(ArchiveReaderZipTest.randomBytes(16)); // the IV
        header.writeBytes(new byte[] {0x0C, 32, 0, 0}); // unpacks to 32 bytes; end of folder, of streams
        byte[] next = header.toByteArray();
        java.nio.ByteBuffer start = java.nio.ByteBuffer.allocate(20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        start.putLong(packed.length).putLong(next.length).putInt((int) crc(next));
        java.nio.ByteBuffer file = java.nio.ByteBuffer.allocate(32 + packed.length + next.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C, 0, 4});
        file.putInt((int) crc(start.array())).put(start.array()).put(packed).put(next);
        return file.array();
    }

    private static long crc(byte[] bytes) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    @Test
    void nestedArchivesAreOpenedWithTheirContainerChain() throws Exception {
        byte[] deeper = compress("gz", tar(Map.of("db/dump.sql", utf8("INSERT INTO users;\n")), false));
        byte[] inner = zip(entries("secret.txt", "hello\n", "deeper.tar.gz", deeper));
        byte[] outer = zip(entries("README.txt", "pay\n", "inner.zip", inner));

        ArchiveListing listing = reader.read("outer.zip", outer);

        assertThat(listing.entries()).extracting(ArchiveEntry::container, ArchiveEntry::path).containsExactly(
                tuple("", "README.txt"),
                tuple("", "inner.zip"),
                tuple("inner.zip", "secret.txt"),
                tuple("inner.zip", "deeper.tar.gz"),
                tuple("inner.zip!/deeper.tar.gz", "db/dump.sql"));
        assertThat(listing.entries().get(1).sha256()).isEqualTo(sha256(inner));
        assertThat(listing.entries().get(4).gitBlobSha1()).isEqualTo(gitBlob(utf8("INSERT INTO users;\n")));
        assertThat(listing.findings()).isEmpty();
    }

    @Test
    void nestingDeeperThanTheLimitIsAFindingAndTheArchiveIsStillListed() throws Exception {
        byte[] archive = zip("bottom.txt", utf8("hello\n"));
        for (int level = 4; level >= 1; level--) {
            archive = zip("level" + level + ".zip", archive);
        }
        ArchiveReader shallow = new ArchiveReader(new ArchiveLimits(2, 100, 1 << 20, 1 << 20, 100));

        ArchiveListing listing = shallow.read("top.zip", archive);

        assertThat(listing.entries()).extracting(ArchiveEntry::container, ArchiveEntry::path).containsExactly(
                tuple("", "level1.zip"),
                tuple("level1.zip", "level2.zip"),
                tuple("level1.zip!/level2.zip", "level3.zip"));
        assertThat(listing.entries().get(2).sha256()).isNotNull();
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.NESTING_TOO_DEEP);
            assertThat(finding.entry()).isEqualTo("level1.zip!/level2.zip!/level3.zip");
        });
    }

    @Test
    void formatGoesByMagicBytesFirst() throws Exception {
        byte[] tar = tar(Map.of("a", utf8("a")), false);
        assertThat(ArchiveReader.format("notes.txt", zip("a", utf8("a")))).isEqualTo("zip");
        assertThat(ArchiveReader.format("x", new byte[] {'P', 'K', 5, 6})).isEqualTo("zip");
        assertThat(ArchiveReader.format("x.bin", tar)).isEqualTo("tar");
        assertThat(ArchiveReader.format("x.zip", compress("gz", tar))).isEqualTo("tar.gz");
        assertThat(ArchiveReader.format("x.tar.gz", compress("gz", utf8("plain")))).isEqualTo("gz");
        assertThat(ArchiveReader.format("x", compress("bz2", tar))).isEqualTo("tar.bz2");
        assertThat(ArchiveReader.format("x", compress("xz", utf8("plain")))).isEqualTo("xz");
        assertThat(ArchiveReader.format("x", new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C})).isEqualTo("7z");
        // a gzip head too short to peek into: the name decides tar.gz or gz
        assertThat(ArchiveReader.format("x.tgz", new byte[] {0x1F, (byte) 0x8B, 8, 0})).isEqualTo("tar.gz");
        assertThat(ArchiveReader.format("x.gz", new byte[] {0x1F, (byte) 0x8B, 8, 0})).isEqualTo("gz");
        assertThat(ArchiveReader.format("archive.zip", utf8("hello, not an archive"))).isNull();
        assertThat(ArchiveReader.format(null, null)).isNull();
    }

    @Test
    void somethingThatIsNotAnArchiveIsOneUnsupportedFinding() {
        ArchiveListing listing = reader.read("invoice.zip", utf8("<html>not a zip</html>"));

        assertThat(listing.format()).isNull();
        assertThat(listing.entries()).isEmpty();
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).containsExactly(Kind.UNSUPPORTED);
    }

    @Test
    void truncatedTarGzKeepsTheEntriesBeforeTheDamage() throws Exception {
        byte[] first = utf8("hello\n");
        byte[] second = ArchiveReaderZipTest.randomBytes(50_000); // incompressible, so the cut lands in it
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("a.txt", first);
        files.put("b.bin", second);
        byte[] tarGz = compress("gz", tar(files, false));

        ArchiveListing listing = reader.read("x.tar.gz", Arrays.copyOf(tarGz, tarGz.length - 20_000));

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("a.txt", "b.bin");
        assertThat(listing.entries().get(0).sha256()).isEqualTo(sha256(first));
        assertThat(listing.entries().get(1).sha256()).isNull();
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).contains(Kind.DAMAGED);
    }

    /** A tar of the files, optionally followed by a symlink to /etc/passwd and a hard link. */
    static byte[] tar(Map<String, byte[]> files, boolean links) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : new java.util.TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
            if (links) {
                TarArchiveEntry symlink = new TarArchiveEntry("passwd", TarConstants.LF_SYMLINK);
                symlink.setLinkName("/etc/passwd");
                tar.putArchiveEntry(symlink);
                tar.closeArchiveEntry();
                TarArchiveEntry hard = new TarArchiveEntry("hard", TarConstants.LF_LINK);
                hard.setLinkName("src/App.java");
                tar.putArchiveEntry(hard);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] compress(String compression, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = switch (compression) {
            case "gz" -> new GzipCompressorOutputStream(bytes);
            case "bz2" -> new BZip2CompressorOutputStream(bytes);
            case "xz" -> new XZCompressorOutputStream(bytes);
            default -> throw new IllegalArgumentException(compression);
        }) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
