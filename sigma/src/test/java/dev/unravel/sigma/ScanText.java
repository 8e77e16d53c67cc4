package dev.unravel.sigma;

import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.match.Prefilter;
import java.util.Map;
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

    /** The rules (up to 64) {@code prefilter} activates for a process-creation event with this document. */
    public static long activated(Prefilter prefilter, FieldPath[] paths, Map<String, Object> document) {
        EventContext ctx = new EventContext(paths);
        ctx.reset(Rules.event(Rules.PROC, document));
        long[] active = new long[1];
        prefilter.scan(ctx, active);
        return active[0];
    }
}
