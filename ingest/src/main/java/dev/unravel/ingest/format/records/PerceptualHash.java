package dev.unravel.ingest.format.records;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 64-bit DCT perceptual hash (pHash) of a picture: greyscale, shrunk to 32×32 by averaging,
 * a two-dimensional DCT, and one bit per coefficient of the 8×8 lowest frequencies, set when it is
 * above their median. Rescaling, recompression and brightness or contrast changes move few bits;
 * a different picture moves about half. Compare two hashes by {@link #distance}.
 *
 * <p>Written here rather than taken from a library: the well-kept Java one (dev.brachtendorf
 * JImageHash) is not available to this build offline, and the algorithm is short and fixed.
 */
public final class PerceptualHash {

    /** Side of the shrunk greyscale picture the DCT runs over. */
    static final int SIZE = 32;
    /** Side of the low-frequency block the hash bits come from. */
    static final int LOW = 8;
    /**
     * Standard deviation of grey levels (0-255) below which a picture is a blank or a flat
     * placeholder: its hash would be noise and would "match" every other blank.
     */
    static final double MIN_DETAIL = 3.0;

    private static final double[][] COS = new double[SIZE][SIZE];

    static {
        for (int k = 0; k < SIZE; k++) {
            for (int n = 0; n < SIZE; n++) {
                COS[k][n] = Math.cos(Math.PI / SIZE * (n + 0.5) * k);
            }
        }
    }

    private PerceptualHash() {
    }

    /** Why a picture has no hash. */
    public static final class NoHash extends Exception {
        private static final long serialVersionUID = 1L;

        NoHash(String reason) {
            super(reason);
        }
    }

    /** The hash of {@code image}; {@link NoHash} when it is too small or has no detail to hash. */
    public static long of(BufferedImage image) throws NoHash {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < SIZE || h < SIZE) {
            throw new NoHash("is smaller than " + SIZE + "×" + SIZE + " pixels, too small to compare");
        }
        double[][] grey = shrink(image, w, h);
        if (deviation(grey) < MIN_DETAIL) {
            throw new NoHash("has no detail (a blank or flat placeholder picture)");
        }
        double[] low = lowFrequencies(grey);
        double[] sorted = low.clone();
        Arrays.sort(sorted);
        double median = (sorted[LOW * LOW / 2 - 1] + sorted[LOW * LOW / 2]) / 2;
        long bits = 0;
        for (int i = 0; i < low.length; i++) {
            if (low[i] > median) {
                bits |= 1L << (63 - i);
            }
        }
        return bits;
    }

    /** Number of differing bits, 0-64. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    /** Sixteen lower-case hex digits. */
    public static String hex(long hash) {
        return HexFormat.of().toHexDigits(hash);
    }

    /** The hash written as 16 hex digits (optionally {@code 0x}-prefixed, any case); null when it is not one. */
    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() != 16) {
            return null;
        }
        for (int i = 0; i < 16; i++) {
            if (Character.digit(t.charAt(i), 16) < 0) {
                return null;
            }
        }
        return Long.parseUnsignedLong(t, 16);
    }

    /**
     * Luma averaged over the exact area of the source each of the 32×32 cells covers, pixels cut by
     * a cell border counted in part. Whole-pixel cells (5 rows here, 6 there) shift edges by part of
     * a cell between two sizes of one picture, which flipped up to a third of the bits.
     * One source row at a time, so memory does not grow with the picture.
     */
    private static double[][] shrink(BufferedImage image, int w, int h) {
        double[][] sum = new double[SIZE][SIZE];
        double cellW = w / (double) SIZE;
        double cellH = h / (double) SIZE;
        // A pixel is no wider than a cell, so it overlaps one cell or two: its first cell and the
        // share of it that falls there, computed once per column.
        int[] firstCell = new int[w];
        double[] firstShare = new double[w];
        for (int x = 0; x < w; x++) {
            int c = Math.min(SIZE - 1, (int) (x / cellW));
            firstCell[x] = c;
            firstShare[x] = Math.min(1.0, (c + 1) * cellW - x);
        }
        // Decoded JPEGs are 8-bit sRGB components: read the samples straight, which is several times
        // faster than getRGB's per-pixel colour conversion; anything else goes through getRGB.
        boolean rgbSamples = image.getColorModel() instanceof java.awt.image.ComponentColorModel cm
                && cm.getColorSpace().isCS_sRGB() && cm.getNumColorComponents() == 3
                && image.getRaster().getTransferType() == java.awt.image.DataBuffer.TYPE_BYTE;
        int bands = image.getRaster().getNumBands();
        int[] row = new int[rgbSamples ? w * bands : w];
        double[] rowCells = new double[SIZE + 1];
        for (int y = 0; y < h; y++) {
            if (rgbSamples) {
                image.getRaster().getPixels(0, y, w, 1, row);
            } else {
                image.getRGB(0, y, w, 1, row, 0, w);
            }
            java.util.Arrays.fill(rowCells, 0);
            for (int x = 0; x < w; x++) {
                double luma;
                if (rgbSamples) {
                    int i = x * bands;
                    luma = 0.299 * row[i] + 0.587 * row[i + 1] + 0.114 * row[i + 2];
                } else {
                    int p = row[x];
                    luma = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                }
                double share = firstShare[x];
                rowCells[firstCell[x]] += luma * share;
                rowCells[firstCell[x] + 1] += luma * (1 - share);
            }
            int cy = Math.min(SIZE - 1, (int) (y / cellH));
            double share = Math.min(1.0, (cy + 1) * cellH - y);
            for (int cx = 0; cx < SIZE; cx++) {
                sum[cy][cx] += rowCells[cx] * share;
                if (cy + 1 < SIZE) {
                    sum[cy + 1][cx] += rowCells[cx] * (1 - share);
                }
            }
        }
        double area = cellW * cellH;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                sum[y][x] /= area;
            }
        }
        return sum;
    }

    private static double deviation(double[][] grey) {
        double mean = 0;
        for (double[] r : grey) {
            for (double v : r) {
                mean += v;
            }
        }
        mean /= SIZE * SIZE;
        double var = 0;
        for (double[] r : grey) {
            for (double v : r) {
                var += (v - mean) * (v - mean);
            }
        }
        return Math.sqrt(var / (SIZE * SIZE));
    }

    /** DCT-II along rows then columns, keeping only the 8×8 lowest frequencies, row-major. */
    private static double[] lowFrequencies(double[][] grey) {
        double[][] rows = new double[SIZE][LOW];
        for (int y = 0; y < SIZE; y++) {
            for (int u = 0; u < LOW; u++) {
                double s = 0;
                for (int x = 0; x < SIZE; x++) {
                    s += grey[y][x] * COS[u][x];
                }
                rows[y][u] = s;
            }
        }
        double[] out = new double[LOW * LOW];
        for (int v = 0; v < LOW; v++) {
            for (int u = 0; u < LOW; u++) {
                double s = 0;
                for (int y = 0; y < SIZE; y++) {
                    s += rows[y][u] * COS[v][y];
                }
                out[v * LOW + u] = s;
            }
        }
        return out;
    }
}
