package dev.unravel.triage.archive;

import static dev.unravel.triage.archive.TestArchives.entries;
import static dev.unravel.triage.archive.TestArchives.utf8;
import static dev.unravel.triage.archive.TestArchives.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZOutputFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/** Hostile bytes are findings, never exceptions: real archives with bytes flipped or cut off. */
class ArchiveReaderRobustnessTest {

    private final ArchiveReader reader = new ArchiveReader(new ArchiveLimits(3, 1_000, 64 << 20, 8 << 20, 100));

    @Test
    void realInfoZipZipCryptoArchiveListsNamesAndFlagsEncryption() throws Exception {
        byte[] zip = resource("zipcrypto-infozip.zip"); // zip -P infected -r: hello.txt, src/, src/Main.java

        ArchiveListing listing = reader.read("zipcrypto-infozip.zip", zip);

        assertThat(listing.entries()).extracting(ArchiveEntry::path, ArchiveEntry::encrypted).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hello.txt", true),
                org.assertj.core.groups.Tuple.tuple("src/", false),
                org.assertj.core.groups.Tuple.tuple("src/Main.java", true));
        assertThat(listing.entries()).allSatisfy(entry -> assertThat(entry.sha256()).isNull());
        assertThat(listing.entries().get(0).size()).isEqualTo(6);
        assertThat(listing.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.kind()).isEqualTo(Kind.ENCRYPTED);
            assertThat(finding.detail()).startsWith("2 of 3").contains("ZipCrypto");
        });
    }

    @Test
    void truncatedEncryptedZipStillListsEveryName() throws Exception {
        // encrypted entries with data descriptors cannot be skipped by a stream: carving finds the next header
        byte[] zip = resource("zipcrypto-infozip.zip");

        ArchiveListing listing = reader.read("x.zip", Arrays.copyOf(zip, zip.length - 60));

        assertThat(listing.entries()).extracting(ArchiveEntry::path).containsExactly("hello.txt", "src/", "src/Main.java");
        assertThat(listing.findings()).extracting(ArchiveFinding::kind).contains(Kind.DAMAGED, Kind.ENCRYPTED);
        assertThat(listing.findings()).filteredOn(finding -> finding.kind() == Kind.ENCRYPTED).singleElement()
                .satisfies(finding -> assertThat(finding.detail()).startsWith("2 of 3"));
    }

    @Test
    void repeatedSignaturesDoNotMultiplyIntoEntriesOrFindings() {
        // every 4 bytes a local header whose name runs over the following ones
        byte[] signatures = new byte[800_000];
        for (int i = 0; i < signatures.length; i += 4) {
            signatures[i] = 'P';
            signatures[i + 1] = 'K';
            signatures[i + 2] = 3;
            signatures[i + 3] = 4;
        }

        ArchiveListing listing = reader.read("x.zip", signatures);

        long listedNameBytes = listing.entries().stream().mapToLong(entry -> entry.path().length()).sum();
        assertThat(listedNameBytes).as("each byte is part of at most one listed name").isLessThanOrEqualTo(signatures.length);
        assertThat(listing.entries()).hasSizeLessThan(100);
        assertThat(listing.findings()).hasSizeLessThan(5);
    }

    @Test
    void flippedAndTruncatedArchivesNeverThrow() throws Exception {
        Map<String, byte[]> samples = new LinkedHashMap<>();
        Map<String, byte[]> files = entries("a.txt", "hello\n".repeat(50), "b/inner.zip", zip("c.txt", utf8("x")),
                "run.exe", "MZ");
        samples.put("x.zip", zip(files));
        samples.put("x.tar.gz", ArchiveReaderFormatsTest.compress("gz", ArchiveReaderFormatsTest.tar(files, true)));
        samples.put("x.tar.xz", ArchiveReaderFormatsTest.compress("xz", ArchiveReaderFormatsTest.tar(files, false)));
        samples.put("x.7z", sevenZ(files));
        samples.put("x.zip.enc", resource("zipcrypto-infozip.zip"));
        Random random = new Random(20261128);
        for (Map.Entry<String, byte[]> sample : samples.entrySet()) {
            for (int round = 0; round < 150; round++) {
                byte[] bytes = mutate(sample.getValue(), random);
                assertThatCode(() -> {
                    ArchiveListing listing = reader.read(sample.getKey(), bytes);
                    assertThat(listing.entries()).allSatisfy(entry -> {
                        assertThat(entry.path()).isNotNull();
                        if (entry.sha256() != null) {
                            assertThat(entry.sha256()).hasSize(64);
                        }
                    });
                }).as("%s round %d", sample.getKey(), round).doesNotThrowAnyException();
            }
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        if (random.nextInt(4) == 0) {
            return Arrays.copyOf(original, random.nextInt(original.length));
        }
        byte[] bytes = original.clone();
        for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    private static byte[] sevenZ(Map<String, byte[]> files) throws Exception {
        SeekableInMemoryByteChannel channel = new SeekableInMemoryByteChannel();
        try (SevenZOutputFile sevenZ = new SevenZOutputFile(channel)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                SevenZArchiveEntry entry = new SevenZArchiveEntry();
                entry.setName(file.getKey());
                sevenZ.putArchiveEntry(entry);
                sevenZ.write(file.getValue());
                sevenZ.closeArchiveEntry();
            }
        }
        return Arrays.copyOf(channel.array(), (int) channel.size());
    }

    static byte[] resource(String name) throws Exception {
        try (InputStream in = ArchiveReaderRobustnessTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
