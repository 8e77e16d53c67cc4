package dev.unravel.ingest.format.records;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An applicant's profile photo ({@code applicants/photos/<applicant_id>.jpg} or {@code .png}): one
 * {@code applicant.photo} event per file carrying the picture's 64-bit {@link PerceptualHash}, never
 * the picture, so that the same face on two "different" applications can be found.
 *
 * <p>Like résumés, photos are files of their own, found by the folder walk and joined by applicant
 * id (the file's name without its extension); the applicants reader never opens the path in
 * {@code photo_file}. Recognised by content (the JPEG or PNG signature). Bounded: a file over the
 * record limit, a picture of more than {@link #MAX_PIXELS} pixels (checked from the header, before
 * decoding), one that does not decode, or one too small or too flat to hash is rejected with the
 * reason, and the run goes on.
 */
public final class ApplicantPhotoReader implements Reader {

    /** 40 megapixels: larger than any camera's photo, smaller than a decompression bomb. */
    static final long MAX_PIXELS = 40_000_000L;

    private static final LogSource LOGSOURCE = LogSource.of("unravel", null, "applicants");

    @Override
    public String id() {
        return "applicant-photo";
    }

    @Override
    public String description() {
        return "Applicant profile photo, JPEG or PNG (applicants/photos/<applicant_id>.jpg): one applicant.photo "
                + "event per file with the picture's perceptual hash";
    }

    @Override
    public int probe(Sample sample) {
        byte[] h = sample.head();
        boolean jpeg = h.length >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF;
        boolean png = h.length >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G'
                && h[4] == '\r' && h[5] == '\n' && (h[6] & 0xff) == 0x1A && h[7] == '\n';
        return jpeg || png ? 90 : 0;
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        int max = input.limits().maxRecordBytes();
        byte[] bytes = input.stream().readNBytes(max);
        boolean more = input.stream().read() != -1;
        if (bytes.length == 0) {
            return;
        }
        sink.record();
        if (more) {
            sink.reject(input.error(1, 0, null, "is larger than the record limit of " + max + " bytes", null));
            return;
        }
        long hash;
        int width;
        int height;
        try {
            BufferedImage image = decode(bytes);
            width = image.getWidth();
            height = image.getHeight();
            hash = PerceptualHash.of(image);
        } catch (PerceptualHash.NoHash e) {
            sink.reject(input.error(1, 0, null, e.getMessage(), null));
            return;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports corrupt data with unchecked exceptions too; a bad photo costs its record only
            sink.reject(input.error(1, 0, null, "is not a picture that can be decoded (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", null));
            return;
        }
        String name = input.name();
        String base = name.substring(Math.max(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')),
                name.lastIndexOf('!')) + 1);
        int dot = base.lastIndexOf('.');
        String applicantId = dot > 0 ? base.substring(0, dot) : base;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("applicant_id", applicantId);
        doc.put("file", name);
        doc.put("width", width);
        doc.put("height", height);
        doc.put("phash", PerceptualHash.hex(hash));
        sink.accept(new Event(RecordKind.UNDATED, "applicants", "applicant.photo", LOGSOURCE, applicantId, null, null,
                doc, new EventRef(name, 1)));
    }

    /** Decodes after checking the header's size, so an enormous canvas is refused before it is allocated. */
    static BufferedImage decode(byte[] bytes) throws IOException, PerceptualHash.NoHash {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no JPEG or PNG decoder recognises it");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new PerceptualHash.NoHash("has " + pixels + " pixels, more than the limit of " + MAX_PIXELS
                            + " for a photo");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new IOException("decoded to nothing");
                }
                return image;
            } finally {
                reader.dispose();
            }
        }
    }
}
