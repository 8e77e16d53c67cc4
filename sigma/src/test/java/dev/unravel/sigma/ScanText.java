package dev.unravel.sigma;

import java.util.Random;

/** Text as the prefilter's scan reads it, and random text for the prefilter's property tests. */
public final class ScanText {
    private ScanText() {
    }

    /** Lower-cased one character at a time, LONG S read as s, as the prefilter folds text. */
    public static String folded(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            sb.append(c == '\u017F' ? 's' : Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /** {@code n} characters drawn from {@code alphabet}. */
    public static String random(Random rnd, String alphabet, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
