package dev.unravel.detect.apply;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-duplicate texts by MinHash signatures over word shingles, with locality-sensitive hashing
 * (banding) to find candidate pairs without comparing every pair: the cost grows with the number
 * of texts, not its square. Two texts' similarity is estimated as the share of equal signature
 * slots, which approximates the Jaccard similarity of their shingle sets.
 */
public final class MinHash {

    /** Signature length: bands × rows. */
    public static final int SLOTS = 128;
    /**
     * 32 bands of 4 rows: a pair becomes a candidate with probability 1 − (1 − s⁴)³², about 0.99
     * at similarity 0.6 and 0.05 at 0.2, so near-duplicates are all but never missed and few
     * dissimilar pairs are checked.
     */
    private static final int BANDS = 32;
    private static final int ROWS = SLOTS / BANDS;

    private final int shingleWords;
    private final long[] seeds = new long[SLOTS];

    public MinHash(int shingleWords) {
        if (shingleWords < 1) {
            throw new IllegalArgumentException("shingles need at least one word");
        }
        this.shingleWords = shingleWords;
        long s = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < SLOTS; i++) {
            s = mix(s + 0x632BE59BD9B4E019L);
            seeds[i] = s;
        }
    }

    /**
     * The signature of a text: for each of {@link #SLOTS} hash functions the least hash over its
     * shingles (lower-case words, {@code shingleWords} at a time). Null when the text has fewer
     * words than one shingle.
     */
    /**
     * The last text signed on this thread, with its shingle size and signature: four detectors
     * (each with its own {@code Links}) sign the same résumé one after another, and signing was the
     * largest cost of reading a company's records. Signatures are never modified after signing.
     */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[3]);

    public long[] signature(String text) {
        Object[] last = LAST.get();
        // Equal, not only identical: callers strip the text, which copies it when it ends in a newline.
        if (text != null && last[1] instanceof Integer n && n == shingleWords
                && (last[0] == text || text.equals(last[0]))) {
            return (long[]) last[2];
        }
        long[] sig = sign(text);
        last[0] = text;
        last[1] = shingleWords;
        last[2] = sig;
        return sig;
    }

    private long[] sign(String text) {
        List<String> words = words(text);
        if (words.size() < shingleWords) {
            return null;
        }
        long[] sig = new long[SLOTS];
        java.util.Arrays.fill(sig, Long.MAX_VALUE);
        for (int i = 0; i + shingleWords <= words.size(); i++) {
            long h = 0xCBF29CE484222325L;
            for (int w = i; w < i + shingleWords; w++) {
                String word = words.get(w);
                for (int c = 0; c < word.length(); c++) {
                    h = (h ^ word.charAt(c)) * 0x100000001B3L;
                }
                h = (h ^ ' ') * 0x100000001B3L;
            }
            for (int k = 0; k < SLOTS; k++) {
                long v = mix(h ^ seeds[k]);
                if (v < sig[k]) {
                    sig[k] = v;
                }
            }
        }
        return sig;
    }

    /** Estimated Jaccard similarity of two signatures. */
    public static double similarity(long[] a, long[] b) {
        int same = 0;
        for (int i = 0; i < SLOTS; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) SLOTS;
    }

    /** A pair of indices into the list given to {@link #nearDuplicates} and their estimated similarity. */
    public record Pair(int first, int second, double similarity) {
    }

    /**
     * Pairs of signatures at least {@code threshold} similar, found through LSH buckets. A bucket
     * holding more than {@code maxBucket} texts (boilerplate every résumé shares) is not expanded,
     * which bounds the work; the count of such buckets is returned in {@code crowdedBuckets[0]}.
     */
    public static List<Pair> nearDuplicates(List<long[]> signatures, double threshold, int maxBucket,
            long[] crowdedBuckets) {
        java.util.Set<Long> checked = new java.util.HashSet<>();
        List<Pair> pairs = new ArrayList<>();
        for (int band = 0; band < BANDS; band++) {
            Map<Long, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < signatures.size(); i++) {
                long[] sig = signatures.get(i);
                long h = band;
                for (int r = 0; r < ROWS; r++) {
                    h = mix(h * 31 + sig[band * ROWS + r]);
                }
                buckets.computeIfAbsent(h, k -> new ArrayList<>(2)).add(i);
            }
            for (List<Integer> bucket : buckets.values()) {
                if (bucket.size() < 2) {
                    continue;
                }
                if (bucket.size() > maxBucket) {
                    crowdedBuckets[0]++;
                    continue;
                }
                for (int x = 0; x < bucket.size(); x++) {
                    for (int y = x + 1; y < bucket.size(); y++) {
                        int a = bucket.get(x);
                        int b = bucket.get(y);
                        if (checked.add(((long) a << 32) | b)) {
                            double s = similarity(signatures.get(a), signatures.get(b));
                            if (s >= threshold) {
                                pairs.add(new Pair(a, b, s));
                            }
                        }
                    }
                }
            }
        }
        pairs.sort(java.util.Comparator.comparingInt(Pair::first).thenComparingInt(Pair::second));
        return pairs;
    }

    /**
     * The words of a text without its contact details, which a copied résumé always changes: the
     * lines before the first section heading (name, title, contact line) when a heading comes within
     * the first lines, and anything that looks like an email address or a phone number.
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        text = withoutContactDetails(text);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            } else if (b.length() > 0) {
                words.add(b.toString());
                b.setLength(0);
            }
        }
        if (b.length() > 0) {
            words.add(b.toString());
        }
        return words;
    }

    private static String withoutContactDetails(String text) {
        String[] lines = text.split("\n", -1);
        int start = 0;
        for (int i = 0; i < Math.min(lines.length, 12); i++) {
            if (isHeading(lines[i])) {
                start = i;
                break;
            }
        }
        StringBuilder b = new StringBuilder(text.length());
        for (int i = start; i < lines.length; i++) {
            String[] chunks = lines[i].split("\\s+");
            for (int c = 0; c < chunks.length; c++) {
                // a phone number written in several chunks ("+1 (303) 389-2005") is dropped whole; nine
                // digits or more, so that year ranges ("2019-2024") stay
                int end = c;
                int digits = 0;
                while (end < chunks.length && phoneChunk(chunks[end])) {
                    digits += digitCount(chunks[end]);
                    end++;
                }
                if (digits >= 9) {
                    c = end - 1;
                    continue;
                }
                if (chunks[c].indexOf('@') < 0) {
                    b.append(chunks[c]).append(' ');
                }
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static boolean phoneChunk(String chunk) {
        boolean digit = false;
        for (int i = 0; i < chunk.length(); i++) {
            char ch = chunk.charAt(i);
            if (Character.isDigit(ch)) {
                digit = true;
            } else if ("+()-.".indexOf(ch) < 0) {
                return false;
            }
        }
        return digit;
    }

    /** A line of capital letters only (SUMMARY, WORK EXPERIENCE), as résumé section headings are written. */
    private static boolean isHeading(String line) {
        String l = line.strip();
        if (l.endsWith(":")) {
            l = l.substring(0, l.length() - 1);
        }
        if (l.length() < 4 || l.length() > 40) {
            return false;
        }
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (!(Character.isUpperCase(c) || c == ' ' || c == '&')) {
                return false;
            }
        }
        return true;
    }

    private static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** SplitMix64's finaliser: a fast, well-mixed 64-bit hash. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
