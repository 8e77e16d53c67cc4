package dev.unravel.core.testing;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Face-like profile pictures drawn with java.awt, and the everyday edits a reused photo goes
 * through (rescaling, JPEG recompression, brightness), for perceptual-hash tests. Each seed draws a
 * different "person": face shape, hair, eyes, background and a shirt all vary with it.
 */
public final class Portraits {

    private Portraits() {
    }

    /** The portrait of person {@code seed} at {@code size}×{@code size} pixels. */
    public static BufferedImage draw(long seed, int size) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(size / 256.0, size / 256.0);
        // background: a two-tone wall at a height of its own
        g.setColor(new Color(60 + r.nextInt(160), 60 + r.nextInt(160), 60 + r.nextInt(160)));
        g.fillRect(0, 0, 256, 256);
        g.setColor(new Color(40 + r.nextInt(180), 40 + r.nextInt(180), 40 + r.nextInt(180)));
        int wall = 40 + r.nextInt(150);
        if (r.nextBoolean()) {
            g.fillRect(0, 0, wall, 256);
        } else {
            g.fillRect(0, wall, 256, 256 - wall);
        }
        // shoulders and shirt
        g.setColor(new Color(r.nextInt(200), r.nextInt(200), r.nextInt(200)));
        int shoulders = 150 + r.nextInt(60);
        g.fillOval(128 - shoulders / 2, 190 + r.nextInt(20), shoulders, 140);
        // face
        int faceW = 80 + r.nextInt(40);
        int faceH = 100 + r.nextInt(40);
        int faceX = 128 - faceW / 2 + r.nextInt(31) - 15;
        int faceY = 50 + r.nextInt(30);
        Color skin = new Color(140 + r.nextInt(110), 100 + r.nextInt(100), 70 + r.nextInt(90));
        g.setColor(skin);
        g.fillOval(faceX, faceY, faceW, faceH);
        // hair
        g.setColor(new Color(r.nextInt(120), r.nextInt(90), r.nextInt(60)));
        int hair = r.nextInt(3);
        if (hair == 0) {
            g.fillArc(faceX - 6, faceY - 14, faceW + 12, faceH / 2 + 20, 0, 180);
        } else if (hair == 1) {
            g.fillRect(faceX - 10, faceY - 8, faceW + 20, faceH / 3);
            g.fillRect(faceX - 14, faceY, 18, faceH);
            g.fillRect(faceX + faceW - 4, faceY, 18, faceH);
        } else {
            g.fillOval(faceX + faceW / 4, faceY - 18, faceW / 2, 36);
        }
        // eyes, nose, mouth
        g.setColor(new Color(20 + r.nextInt(60), 20 + r.nextInt(60), 20 + r.nextInt(60)));
        int eyeY = faceY + faceH * 2 / 5;
        int eyeGap = faceW / 4 + r.nextInt(8);
        int eye = 8 + r.nextInt(8);
        g.fillOval(faceX + faceW / 2 - eyeGap - eye / 2, eyeY, eye, eye);
        g.fillOval(faceX + faceW / 2 + eyeGap - eye / 2, eyeY, eye, eye);
        g.setStroke(new BasicStroke(3 + r.nextInt(3)));
        int noseY = eyeY + 12 + r.nextInt(10);
        g.drawLine(faceX + faceW / 2, eyeY + 8, faceX + faceW / 2 + r.nextInt(9) - 4, noseY);
        int mouthW = faceW / 3 + r.nextInt(16);
        g.drawArc(faceX + faceW / 2 - mouthW / 2, noseY + 8, mouthW, 10 + r.nextInt(14), 180, 180);
        g.dispose();
        return img;
    }

    /** {@code image} resampled to {@code width}×{@code height}, smoothly, as an upload form would. */
    public static BufferedImage resized(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /** {@code image} with {@code delta} added to every channel (clamped): a brighter or darker copy. */
    public static BufferedImage brighter(BufferedImage image, int delta) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int red = clamp(((p >> 16) & 0xff) + delta);
                int green = clamp(((p >> 8) & 0xff) + delta);
                int blue = clamp((p & 0xff) + delta);
                out.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }

    /** JPEG bytes at {@code quality} (0-1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** PNG bytes. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes JPEG or PNG bytes. */
    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
