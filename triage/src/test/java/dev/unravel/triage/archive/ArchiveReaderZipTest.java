package dev.unravel.triage.archive;

import static dev.unravel.triage.archive.TestArchives.entries;
import static dev.unravel.triage.archive.TestArchives.gitBlob;
import static dev.unravel.triage.archive.TestArchives.sha256;
import static dev.unravel.triage.archive.TestArchives.utf8;
import static dev.unravel.triage.archive.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;

class ArchiveReaderZipTest {

    private static final String HELLO_SHA256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
    private static final String HELLO_GIT_BLOB = "ce013625030ba8dba906f756967f9e9ca394464a";

    private final ArchiveReader reader = new ArchiveReader(ArchiveLimits.defaults());

    @Test
    void plainZipListsEntriesWithSha256AndGitBlobIds() throws Exception {
        byte[] zip = zip(entries("src/", new byte[0], "src/hello.txt", "hello\n", "README.md", "# leak\n"));

        ArchiveListing listing = reader.read("leak.zip", zip);

        assertThat(listing.format()).isEqualTo("zip");
        assertThat(listing.size()).isEqualTo(zip.length);
        assertThat(listing.truncated()).isFalse();
        assertThat(listing.findings()).isEmpty();
        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("src/", "src/hello.txt", "README.md");
        ArchiveEntry directory = listing.entries().get(0);
        assertThat(directory.directory()).isTrue();
        assertThat(directory.sha256()).isNull();
        assertThat(directory.fileName()).isEqualTo("src");
        ArchiveEntry hello = listing.entries().get(1);
        assertThat(hello.fileName()).isEqualTo("hello.txt");
        assertThat(hello.container()).isEmpty();
        assertThat(hello.size()).isEqualTo(6);
        assertThat(hello.compressedSize()).isPositive();
        assertThat(hello.modified()).isNotNull();
        assertThat(hello.sha256()).isEqualTo(HELLO_SHA256);
        assertThat(hello.gitBlobSha1()).isEqualTo(HELLO_GIT_BLOB);
        assertThat(listing.entries().get(2).gitBlobSha1()).isEqualTo(gitBlob(utf8("# leak\n")));
    }

    @Test
    void zip64ArchiveIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setUseZip64(Zip64Mode.Always);
            zip.putArchiveEntry(new ZipArchiveEntry("hello.txt"));
            zip.write(utf8("hello\n"));
            zip.closeArchiveEntry();
        }
        byte[] zip64 = bytes.toByteArray();
        assertThat(indexOf(zip64, new byte[] {'P', 'K', 6, 6})).as("zip64 end of central directory").isPositive();

        ArchiveListing listing = reader.read("zip64.zip", zip64);

        assertThat(listing.findings()).isEmpty();
        assertThat(listing.entries()).singleElement().satisfies(entry -> {
            assertThat(entry.size()).isEqualTo(6);
            assertThat(entry.sha256()).isEqualTo(HELLO_SHA256);
            assertThat(entry.gitBlobSha1()).isEqualTo(HELLO_GIT_BLOB);
        });
    }

    @Test
    void encryptedEntriesAreListedWithoutHashesAndOneFindingCountsThem() {
        byte[] zip = new TestArchives.HandZip()
                .zipCrypto("customers.csv", randomBytes(64))
                .aes("src/Main.java", randomBytes(80))
                .stored("README.txt", utf8("pay 2 BTC\n"))
                .bytes();

        ArchiveListing listing = reader.read("proof.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path)
                .containsExactly("customers.csv", "src/Main.java", "README.txt");
        assertThat(listing.entries()).filteredOn(ArchiveEntry::encrypted).hasSize(2)
                .allSatisfy(entry -> {
                    assertThat(entry.sha256()).isNull();
                    assertThat(entry.gitBlobSha1()).isNull();
                });
        assertThat(listing.entries().get(2).encrypted()).isFalse();
        assertThat(listing.entries().get(2).gitBlobSha1()).isNotNull();
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ENCRYPTED);
            assertThat(finding.entry()).isEmpty();
            assertThat(finding.detail()).contains("2 of 3").contains("AES").contains("ZipCrypto");
        });
    }

    @Test
    void truncatedZipFallsBackToStreamingAndKeepsEntriesAndGitBlobIds() throws Exception {
        // java.util.zip writes data descriptors: sizes are unknown until each entry is inflated
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[][] contents = {utf8("hello\n"), utf8("int main() { return 0; }\n".repeat(40)), utf8("secret=42\n")};
        String[] names = {"hello.txt", "src/main.c", "config/.env"};
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < names.length; i++) {
                zip.putNextEntry(new ZipEntry(names[i]));
                zip.write(contents[i]);
                zip.closeEntry();
            }
        }
        byte[] whole = bytes.toByteArray();
        byte[] truncated = Arrays.copyOf(whole, whole.length - 100);

        ArchiveListing listing = reader.read("invoice.zip", truncated);

        // the directory is gone, and the stream ends inside what is left of it: both are damage
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).isNotEmpty().containsOnly(Kind.DAMAGED);
        assertThat(listing.findings().get(0).detail()).contains("central directory");
        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly(names);
        for (int i = 0; i < names.length; i++) {
            ArchiveEntry entry = listing.entries().get(i);
            assertThat(entry.sha256()).as(names[i]).isEqualTo(sha256(contents[i]));
            assertThat(entry.gitBlobSha1()).as(names[i]).isEqualTo(gitBlob(contents[i]));
            assertThat(entry.size()).isEqualTo(contents[i].length);
        }
    }

    @Test
    void garbageAfterTheArchiveFallsBackToStreaming() throws Exception {
        byte[] zip = zip(entries("hello.txt", "hello\n"));
        byte[] withGarbage = Arrays.copyOf(zip, zip.length + 70_000); // pushes the end record out of reach
        Arrays.fill(withGarbage, zip.length, withGarbage.length, (byte) 0x55);

        ArchiveListing listing = reader.read("x.zip", withGarbage);

        assertThat(listing.entries()).singleElement()
                .extracting(ArchiveEntry::sha256).isEqualTo(HELLO_SHA256);
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).contains(Kind.DAMAGED);
    }

    @Test
    void concatenatedZipsShowTheEntriesTheCentralDirectoryHides() throws Exception {
        byte[] decoy = zip(entries("invoice.pdf", "%PDF-1.7\n"));
        byte[] hidden = zip(entries("invoice.js", "WScript.Shell\n"));
        for (byte[][] order : new byte[][][] {{decoy, hidden}, {hidden, decoy}}) {
            byte[] both = Arrays.copyOf(order[0], order[0].length + order[1].length);
            System.arraycopy(order[1], 0, both, order[0].length, order[1].length);

            ArchiveListing listing = reader.read("invoice.zip", both);

            assertThat(listing.entries()).extracting(ArchiveEntry::path)
                    .containsExactlyInAnyOrder("invoice.pdf", "invoice.js");
            assertThat(listing.entries()).allSatisfy(entry -> assertThat(entry.sha256()).isNotNull());
            assertThat(listing.findings()).extracting(ArchiveFinding::kind)
                    .containsExactlyInAnyOrder(Kind.DAMAGED, Kind.EXECUTABLE);
            assertThat(listing.findings()).filteredOn(finding -> finding.kind() == Kind.DAMAGED).singleElement()
                    .satisfies(finding -> assertThat(finding.detail()).contains("not in the central directory"));
        }
    }

    @Test
    void storedZipInsideAZipIsNotMistakenForHiddenHeaders() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry stored = new ZipArchiveEntry("inner.zip");
            byte[] inner = zip(entries("a.txt", "hello\n"));
            stored.setMethod(ZipArchiveEntry.STORED);
            stored.setSize(inner.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(inner);
            stored.setCrc(crc.getValue());
            zip.putArchiveEntry(stored);
            zip.write(inner);
            zip.closeArchiveEntry();
        }

        ArchiveListing listing = reader.read("outer.zip", bytes.toByteArray());

        assertThat(listing.findings()).isEmpty();
        assertThat(listing.entries()).extracting(ArchiveEntry::location).containsExactly("inner.zip", "inner.zip!/a.txt");
    }

    @Test
    void selfExtractorStubIsAnExecutableFinding() throws Exception {
        byte[] stub = new byte[512];
        stub[0] = 'M';
        stub[1] = 'Z';
        byte[] zip = zip(entries("hello.txt", "hello\n"));
        byte[] sfx = Arrays.copyOf(stub, stub.length + zip.length);
        System.arraycopy(zip, 0, sfx, stub.length, zip.length);

        ArchiveListing listing = reader.read("documents.zip", sfx);

        assertThat(listing.format()).isEqualTo("zip");
        assertThat(listing.entries()).singleElement().extracting(ArchiveEntry::sha256).isEqualTo(HELLO_SHA256);
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.EXECUTABLE);
            assertThat(finding.detail()).contains("self-extractor");
        });
    }

    @Test
    void localHeaderNameThatDiffersFromTheCentralDirectoryIsAFinding() {
        byte[] zip = new TestArchives.HandZip().spoofed("payload.exe", "report.pdf", utf8("MZ")).stored("ok.txt", utf8("ok")).bytes();

        ArchiveListing listing = reader.read("x.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("report.pdf", "ok.txt");
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.DAMAGED);
            assertThat(finding.entry()).isEqualTo("report.pdf");
            assertThat(finding.detail()).contains("payload.exe");
        });
    }

    @Test
    void damagedEntryContentIsAFindingAndLaterEntriesAreStillRead() throws Exception {
        byte[] zip = zip(entries("first.txt", "a".repeat(5000) + "b".repeat(5000), "second.txt", "hello\n"));
        // break the first entry's deflate data, leaving headers and directory intact
        int data = 30 + "first.txt".length();
        for (int i = data; i < data + 8; i++) {
            zip[i] = (byte) 0xFF;
        }

        ArchiveListing listing = reader.read("x.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("first.txt", "second.txt");
        assertThat(listing.entries().get(0).sha256()).isNull();
        assertThat(listing.entries().get(1).sha256()).isEqualTo(HELLO_SHA256);
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.DAMAGED);
            assertThat(finding.entry()).isEqualTo("first.txt");
        });
    }

    @Test
    void unknownCompressionMethodIsUnsupportedAndListedWithoutHashes() {
        byte[] zip = new TestArchives.HandZip().method("data.bin", 18, randomBytes(32)).stored("ok.txt", utf8("hello\n")).bytes();

        ArchiveListing listing = reader.read("x.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("data.bin", "ok.txt");
        assertThat(listing.entries().get(0).sha256()).isNull();
        assertThat(listing.entries().get(1).sha256()).isEqualTo(HELLO_SHA256);
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.UNSUPPORTED);
            assertThat(finding.entry()).isEqualTo("data.bin");
            assertThat(finding.detail()).contains("18");
        });
    }

    @Test
    void zipSymlinkIsListedWithItsTargetAndFlagged() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            ZipArchiveEntry link = new ZipArchiveEntry("keys");
            link.setUnixMode(UnixStat.LINK_FLAG | 0777);
            zip.putArchiveEntry(link);
            zip.write("/home/dev/.ssh".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
        }

        ArchiveListing listing = reader.read("x.zip", bytes.toByteArray());

        assertThat(listing.entries()).singleElement().satisfies(entry -> assertThat(entry.symlink()).isTrue());
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.SYMLINK);
            assertThat(finding.detail()).contains("/home/dev/.ssh");
        });
    }

    @Test
    void traversalAndAbsoluteNamesAreFindings() throws Exception {
        byte[] zip = zip(entries("../../home/dev/.bashrc", "x", "/etc/cron.d/job", "x", "C:\\Windows\\evil.txt", "x",
                "C:relative.txt", "x", "ok/fine.txt", "x", "a/..b/c..txt", "x"));

        ArchiveListing listing = reader.read("x.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path).contains("C:/Windows/evil.txt");
        assertThat(listing.findings()).extracting(ArchiveFinding::kind, ArchiveFinding::entry).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Kind.PATH_TRAVERSAL, "../../home/dev/.bashrc"),
                org.assertj.core.groups.Tuple.tuple(Kind.ABSOLUTE_PATH, "/etc/cron.d/job"),
                org.assertj.core.groups.Tuple.tuple(Kind.ABSOLUTE_PATH, "C:/Windows/evil.txt"),
                org.assertj.core.groups.Tuple.tuple(Kind.PATH_TRAVERSAL, "C:relative.txt"));
    }

    @Test
    void executablesAreFlaggedByNameAndByContent() throws Exception {
        byte[] pe = new byte[256];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[60] = (byte) 128;
        pe[128] = 'P';
        pe[129] = 'E';
        byte[] zip = zip(entries("invoice.pdf.exe", "x", "scan.JS", "x", "report.pdf", pe, "notes.txt", "x",
                "macro.docm", "x"));

        ArchiveListing listing = reader.read("x.zip", zip);

        assertThat(listing.findings()).allSatisfy(finding -> assertThat(finding.kind()).isEqualTo(Kind.EXECUTABLE));
        assertThat(listing.findings()).extracting(ArchiveFinding::entry)
                .containsExactlyInAnyOrder("invoice.pdf.exe", "scan.JS", "report.pdf", "macro.docm");
    }

    @Test
    void tooManyEntriesTruncatesTheListing() throws Exception {
        Object[] many = new Object[20];
        for (int i = 0; i < 10; i++) {
            many[2 * i] = "file" + i + ".txt";
            many[2 * i + 1] = "x";
        }
        ArchiveReader strict = new ArchiveReader(new ArchiveLimits(3, 5, 1 << 20, 1 << 20, 100));

        ArchiveListing listing = strict.read("x.zip", zip(entries(many)));

        assertThat(listing.truncated()).isTrue();
        assertThat(listing.entries()).hasSize(5);
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).containsExactly(Kind.TOO_MANY_ENTRIES);
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    static int indexOf(byte[] bytes, byte[] needle) {
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
