package dev.unravel.triage.archive;

import static dev.unravel.triage.archive.TestArchives.entries;
import static dev.unravel.triage.archive.TestArchives.sha256;
import static dev.unravel.triage.archive.TestArchives.utf8;
import static dev.unravel.triage.archive.TestArchives.zeros;
import static dev.unravel.triage.archive.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchiveReaderBombTest {

    private static final long MIB = 1 << 20;
    /** 200 MiB of zeros deflated: about 200 KiB on the wire. */
    private static byte[] zerosBomb;

    @BeforeAll
    static void buildBomb() throws IOException {
        zerosBomb = zipOfZeros("zeros.bin", 200 * MIB, "after.txt");
    }

    @Test
    void highRatioEntryIsABombAndIsNotReadToTheEnd() {
        ArchiveListing listing = new ArchiveReader(ArchiveLimits.defaults()).read("bomb.zip", zerosBomb);

        assertThat(zerosBomb.length).isLessThan((int) MIB);
        ArchiveEntry bomb = listing.entries().get(0);
        assertThat(bomb.path()).isEqualTo("zeros.bin");
        assertThat(bomb.size()).as("declared size still shown").isEqualTo(200 * MIB);
        assertThat(bomb.sha256()).isNull();
        assertThat(bomb.gitBlobSha1()).isNull();
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ZIP_BOMB);
            assertThat(finding.entry()).isEqualTo("zeros.bin");
            assertThat(finding.detail()).contains("ratio");
        });
        // a zip's central directory reaches the entries behind the bomb without inflating it
        assertThat(listing.entries().get(1).sha256()).isNotNull();
        assertThat(listing.truncated()).isFalse();
    }

    @Test
    void perEntryLimitStopsAnEntryAndTheNextOneIsRead() throws Exception {
        ArchiveReader reader = new ArchiveReader(new ArchiveLimits(3, 100, 1L << 30, MIB, 1_000_000));

        ArchiveListing listing = reader.read("bomb.zip", zerosBomb);

        assertThat(listing.entries()).extracting(ArchiveEntry::sha256).containsExactly(null, sha256(utf8("after\n")));
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ZIP_BOMB);
            assertThat(finding.detail()).contains("per-entry limit");
        });
    }

    @Test
    void totalLimitStopsEverythingAndTruncates() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            files.put("part" + i + ".bin", ArchiveReaderZipTest.randomBytes(3 * (int) MIB + i));
        }
        ArchiveReader reader = new ArchiveReader(new ArchiveLimits(3, 100, 10 * MIB, 256 * MIB, 100));

        ArchiveListing listing = reader.read("parts.zip", zip(files));

        assertThat(listing.truncated()).isTrue();
        // 3 + 3 + 3 MiB fit in 10 MiB; the fourth entry crosses it and is listed without hashes
        assertThat(listing.entries()).extracting(ArchiveEntry::path)
                .containsExactly("part0.bin", "part1.bin", "part2.bin", "part3.bin");
        assertThat(listing.entries().get(2).sha256()).isEqualTo(sha256(files.get("part2.bin")));
        assertThat(listing.entries().get(3).sha256()).isNull();
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ZIP_BOMB);
            assertThat(finding.detail()).contains("in all");
        });
    }

    @Test
    void nestedSmallBombLike42ZipIsStoppedAtEveryLeaf() throws Exception {
        // 42.zip in miniature: four copies of a 16 MiB zeros zip, in four copies, in one
        byte[] leaf = zipOfZeros("0.dat", 16 * MIB, null);
        byte[] middle = zip(entries("a.zip", leaf, "b.zip", leaf, "c.zip", leaf, "d.zip", leaf));
        byte[] top = zip(entries("1.zip", middle, "2.zip", middle, "3.zip", middle, "4.zip", middle));

        ArchiveListing listing = new ArchiveReader(ArchiveLimits.defaults()).read("42.zip", top);

        assertThat(top.length).isLessThan(2 * (int) MIB);
        assertThat(listing.entries()).filteredOn(entry -> entry.path().equals("0.dat")).hasSize(16)
                .allSatisfy(entry -> assertThat(entry.sha256()).isNull());
        assertThat(listing.findings()).hasSize(16).allSatisfy(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ZIP_BOMB);
            assertThat(finding.entry()).matches("[1-4]\\.zip!/[a-d]\\.zip!/0\\.dat");
        });
    }

    @Test
    void whatTarSkipsOnItsOwnIsBoundedToo() throws Exception {
        // a FIFO entry is never read, but declares 20 MiB that tar must inflate to skip
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                     new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(
                             new org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream(bytes))) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry fifo =
                    new org.apache.commons.compress.archivers.tar.TarArchiveEntry("pipe",
                            org.apache.commons.compress.archivers.tar.TarConstants.LF_FIFO);
            fifo.setSize(20 * MIB);
            tar.putArchiveEntry(fifo);
            zeros(tar, 20 * MIB);
            tar.closeArchiveEntry();
        }
        ArchiveReader reader = new ArchiveReader(new ArchiveLimits(3, 100, 8 * MIB, 8 * MIB, 100));

        ArchiveListing listing = reader.read("x.tar.gz", bytes.toByteArray());

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("pipe");
        assertThat(listing.truncated()).isTrue();
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).containsExactly(Kind.UNSUPPORTED, Kind.ZIP_BOMB);
    }

    @Test
    void inflatedContentStreamsThroughTheDigestsWithoutBeingHeld() throws Exception {
        com.sun.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t ? t : null;
        assumeThat(threads).isNotNull();
        assumeThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        ArchiveReader generous = new ArchiveReader(new ArchiveLimits(3, 100, 1L << 30, 256 * MIB, 1_000_000));
        long thread = Thread.currentThread().getId();
        String expected = sha256OfZeros(200 * MIB);

        long before = threads.getThreadAllocatedBytes(thread);
        ArchiveListing listing = generous.read("bomb.zip", zerosBomb);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(listing.entries().get(0).sha256()).as("all 200 MiB were read")
                .isEqualTo(expected);
        assertThat(allocated).as("bytes allocated while inflating 200 MiB").isLessThan(16 * MIB);
    }

    private static String sha256OfZeros(long count) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 16];
        for (long left = count; left > 0; left -= block.length) {
            sha.update(block, 0, (int) Math.min(block.length, left));
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    private static byte[] zipOfZeros(String name, long size, String followedBy) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            zeros(zip, size);
            zip.closeArchiveEntry();
            if (followedBy != null) {
                zip.putArchiveEntry(new ZipArchiveEntry(followedBy));
                zip.write(utf8("after\n"));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
