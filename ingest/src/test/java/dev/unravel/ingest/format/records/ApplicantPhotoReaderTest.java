package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.testing.Portraits;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Sample;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ApplicantPhotoReaderTest {

    private final ApplicantPhotoReader reader = new ApplicantPhotoReader();

    private ReaderHarness.Result read(String name, byte[] bytes, Limits limits) {
        return ReaderHarness.read(reader, name, new ByteArrayInputStream(bytes), limits);
    }

    @Test
    void jpegAndPngPhotosAreRecognisedByContentAndCarryTheHashNotThePicture() {
        byte[] jpeg = Portraits.jpeg(Portraits.draw(3, 400), 0.8f);
        byte[] png = Portraits.png(Portraits.draw(3, 300));
        assertThat(Formats.recognise(new Sample("a00318.jpg", jpeg))).get()
                .extracting(r -> r.reader().id()).isEqualTo("applicant-photo");
        assertThat(Formats.recognise(new Sample("anything.bin", png))).get()
                .extracting(r -> r.reader().id()).isEqualTo("applicant-photo");

        ReaderHarness.Result r = read("applicants/photos/A00318.jpg", jpeg, Limits.DEFAULT);
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("applicant.photo");
        assertThat(e.user()).isEqualTo("A00318");
        assertThat(e.document()).containsEntry("applicant_id", "A00318").containsEntry("width", 400)
                .containsKeys("phash").doesNotContainKey("bytes");
        long fromJpeg = PerceptualHash.parse((String) e.document().get("phash"));
        long fromPng = PerceptualHash.parse((String) read("photos/A9.png", png, Limits.DEFAULT).events().get(0)
                .document().get("phash"));
        assertThat(PerceptualHash.distance(fromJpeg, fromPng)).isLessThanOrEqualTo(6);
    }

    @Test
    void textIsNotAPhoto() {
        assertThat(reader.probe(new Sample("notes.txt", "SUMMARY\nEXPERIENCE\n".getBytes()))).isZero();
    }

    @Test
    void oversizedTruncatedTinyAndBlankPhotosAreRejectedWithTheirReasonNeverThrown() {
        byte[] jpeg = Portraits.jpeg(Portraits.draw(5, 600), 0.9f);
        ReaderHarness.Result big = read("A1.jpg", jpeg, new Limits(jpeg.length / 2, 64, 1 << 20, 80));
        assertThat(big.events()).isEmpty();
        assertThat(big.errors()).singleElement().satisfies(err -> assertThat(err.reason()).contains("record limit"));

        ReaderHarness.Result cut = read("A2.jpg", Arrays.copyOf(jpeg, 300), Limits.DEFAULT);
        assertThat(cut.events()).isEmpty();
        assertThat(cut.errors()).singleElement().satisfies(err -> assertThat(err.reason()).contains("decoded"));

        ReaderHarness.Result tiny = read("A3.png", Portraits.png(Portraits.draw(5, 16)), Limits.DEFAULT);
        assertThat(tiny.errors()).singleElement().satisfies(err -> assertThat(err.reason()).contains("too small"));
        assertThat(big.records() + cut.records() + tiny.records()).isEqualTo(3);
    }

    @Test
    void aHeaderClaimingAnEnormousCanvasIsRefusedBeforeDecoding() {
        byte[] png = Portraits.png(Portraits.draw(5, 64));
        // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4) ... then its CRC over type and data
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, 100_000);
        b.putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        ReaderHarness.Result r = read("A4.png", png, Limits.DEFAULT);
        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(err -> assertThat(err.reason()).contains("pixels",
                "limit"));
    }
}
