package dev.unravel.sigma.match;

import dev.unravel.core.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-thread view of the event being matched: each field a rule names is resolved once per
 * event and lower-cased at most once per event, however many rules read it.
 *
 * <p>Fields are numbered ("slots") when rules are compiled; this context keeps one array entry
 * per slot, stamped with the number of the event that filled it, so moving to the next event is
 * one increment and nothing is cleared or allocated. Not thread-safe: one per matching thread.
 */
public final class EventContext {
    private final FieldPath[] paths;
    private final int[] stamp;
    private final Object[] raw;
    private final int[] lowerStamp;
    private final String[] lower;
    private final int[] textStamp;
    private final String[] text;
    private final int[] scannedStamp;
    private final String[] scanned;
    private int epoch;
    private Event event;
    private final List<String> allText = new ArrayList<>();
    private final List<String> allLower = new ArrayList<>();
    private int allStamp = -1;
    // Character-presence masks (see presence) of the strings tested lately, keyed by identity:
    // a String is immutable, so the same reference always has the same mask.
    private static final int MASKS = 8;
    private final String[] maskOf = new String[MASKS];
    private final long[] maskLo = new long[MASKS];
    private final long[] maskHi = new long[MASKS];
    /** Scratch for one IP address parsed by a {@code cidr} test (high and low 64 bits). */
    private final long[] address = new long[2];
    private int maskNext;
    // Literals the prefilter found in this event (bit per LiteralIds number), and which words of
    // the bitset are non-zero, so that moving to the next event clears only those.
    private long[] hits;
    private int[] hitWords;
    private int hitWordCount;

    public EventContext(FieldPath[] paths) {
        this(paths, 0);
    }

    /** @param literals how many numbered literals the prefilters of the rule set may report */
    public EventContext(FieldPath[] paths, int literals) {
        this.paths = paths;
        this.hits = new long[(literals + 63) >>> 6];
        this.hitWords = new int[hits.length];
        int n = paths.length;
        this.stamp = new int[n];
        this.raw = new Object[n];
        this.lowerStamp = new int[n];
        this.lower = new String[n];
        this.textStamp = new int[n];
        this.text = new String[n];
        this.scannedStamp = new int[n];
        this.scanned = new String[n];
        java.util.Arrays.fill(scannedStamp, -1);
        java.util.Arrays.fill(stamp, -1);
        java.util.Arrays.fill(lowerStamp, -1);
        java.util.Arrays.fill(textStamp, -1);
    }

    /** Starts matching a new event. */
    public void reset(Event e) {
        this.event = e;
        epoch++;
        long[] h = hits;
        int[] words = hitWords;
        for (int i = 0, n = hitWordCount; i < n; i++) {
            h[words[i]] = 0;
        }
        hitWordCount = 0;
        if (epoch == Integer.MAX_VALUE) {
            epoch = 0;
            java.util.Arrays.fill(stamp, -1);
            java.util.Arrays.fill(lowerStamp, -1);
            java.util.Arrays.fill(textStamp, -1);
            java.util.Arrays.fill(scannedStamp, -1);
            allStamp = -1;
        }
    }

    public Event event() {
        return event;
    }

    /** The field's value: a scalar, a Map, a List, null for JSON null, or {@link FieldPath#MISSING}. */
    public Object raw(int slot) {
        if (stamp[slot] != epoch) {
            raw[slot] = paths[slot].resolve(event);
            stamp[slot] = epoch;
        }
        return raw[slot];
    }

    /** Text of a scalar field value (numbers in decimal), or null when the value is not a scalar. */
    public String text(int slot) {
        if (textStamp[slot] != epoch) {
            Object r = raw(slot);
            text[slot] = r instanceof String s ? s : FieldPath.text(r);
            textStamp[slot] = epoch;
        }
        return text[slot];
    }

    /** Lower-cased text of a scalar field value, or null when the value is not a scalar. */
    public String lower(int slot) {
        if (lowerStamp[slot] != epoch) {
            String t = text(slot);
            lower[slot] = t == null ? null : lowerCase(t);
            lowerStamp[slot] = epoch;
        }
        return lower[slot];
    }

    /**
     * Records that the prefilter read every character of {@code value}, the slot's one value in
     * this event, and found it ASCII: the literals it found there ({@link #isHit}) are then exactly
     * the indexed literals the lower-cased value contains (past ASCII, the scan's per-character
     * folding and whole-string lower-casing can differ).
     */
    void scannedAscii(int slot, String value) {
        scanned[slot] = value;
        scannedStamp[slot] = epoch;
    }

    /** Whether {@link #scannedAscii} was told of {@code value} for {@code slot} in this event. */
    boolean wasScannedAscii(int slot, Object value) {
        return slot >= 0 && slot < scanned.length && scannedStamp[slot] == epoch && scanned[slot] == value;
    }

    /** Records that the prefilter found literal number {@code id} in this event. */
    public void hit(int id) {
        int w = id >>> 6;
        if (w >= hits.length) {
            // Prefilters built outside a rule set (tests) number their own literals.
            hits = java.util.Arrays.copyOf(hits, Math.max(w + 1, hits.length * 2));
            hitWords = java.util.Arrays.copyOf(hitWords, hits.length);
        }
        long x = hits[w];
        if (x == 0) {
            hitWords[hitWordCount++] = w;
        }
        hits[w] = x | (1L << id);
    }

    /** Whether the prefilter found literal number {@code id} in this event. */
    public boolean isHit(int id) {
        int w = id >>> 6;
        return w < hits.length && (hits[w] & (1L << id)) != 0;
    }

    public String fieldName(int slot) {
        return paths[slot].name();
    }

    /**
     * Every scalar value of the document (depth-first, bounded), for keyword searches: the text
     * forms in {@code allText()} and their lower-cased twins in {@code allLower()}.
     */
    public List<String> allText() {
        fillAll();
        return allText;
    }

    public List<String> allLower() {
        fillAll();
        return allLower;
    }

    private void fillAll() {
        if (allStamp == epoch) {
            return;
        }
        allText.clear();
        allLower.clear();
        collect(event.document(), 0);
        allStamp = epoch;
    }

    private void collect(Object node, int depth) {
        if (depth > 32 || allText.size() > 10_000) {
            return;
        }
        if (node instanceof String s) {
            // scalars first: a failed interface check (Map, List) is slow on JDK 17
            allText.add(s);
            allLower.add(lowerCase(s));
        } else if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                collect(v, depth + 1);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                collect(v, depth + 1);
            }
        } else {
            String t = FieldPath.text(node);
            if (t != null) {
                allText.add(t);
                allLower.add(lowerCase(t));
            }
        }
    }

    /**
     * Whether {@code v} has at least one character whose presence bit ({@link #presenceBit}) is
     * set in {@code lo}/{@code hi}. The mask of {@code v} is computed once and remembered for the
     * next tests of the same string (the rules of one event test the same cached field text).
     */
    public boolean hasAnyOf(String v, long lo, long hi) {
        int i = maskIndex(v);
        return ((maskLo[i] & lo) | (maskHi[i] & hi)) != 0;
    }

    /**
     * A {@link Gate}: false only when the value of {@code slot} cannot pass a test that needs one
     * of the characters in {@code lo}/{@code hi} and, when {@code pairs} is not null, one of its
     * adjacent character pairs (missing, null or a map fails every non-negated test; a list is
     * left to the rule, which tests its elements).
     */
    public boolean passesGate(int slot, long lo, long hi, Pairs.Check pairs) {
        Object r = raw(slot);
        String t;
        if (r instanceof String s) {
            t = s;
        } else if (r == null || r == FieldPath.MISSING || r instanceof Map) {
            return false;
        } else if (r instanceof List) {
            return true;
        } else {
            t = text(slot);
            if (t == null) {
                return false;
            }
        }
        return hasAnyOf(t, lo, hi) && (pairs == null || pairs.holds(t));
    }

    /**
     * Whether {@code v} has, for every class in {@code classes} (pairs of longs: a 128-bit
     * presence mask each), at least one character of that class; one look-up of the mask of
     * {@code v} for all of them.
     */
    public boolean hasEachOf(String v, long[] classes) {
        int i = maskIndex(v);
        long l = maskLo[i];
        long h = maskHi[i];
        for (int k = 0; k < classes.length; k += 2) {
            if (((l & classes[k]) | (h & classes[k + 1])) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Where the presence mask of {@code v} is kept, computing it when {@code v} is not one of the last few. */
    private int maskIndex(String v) {
        // the string tested last first: the tests of one field run back to back
        int last = (maskNext - 1) & (MASKS - 1);
        if (maskOf[last] == v) {
            return last;
        }
        for (int i = 0; i < MASKS; i++) {
            if (maskOf[i] == v) {
                return i;
            }
        }
        long l = 0;
        long h = 0;
        for (int i = 0, n = v.length(); i < n; i++) {
            int b = presenceBit(v.charAt(i));
            // Without a branch on which word: letters and punctuation alternate, and a branch on
            // b < 64 mispredicted on about every other character (4.2 against 1.75 ns per
            // character of command-line text).
            long bit = 1L << b; // the shift count is taken mod 64
            long high = -(long) (b >>> 6); // all ones when b ≥ 64
            h |= bit & high;
            l |= bit & ~high;
        }
        int k = maskNext;
        maskNext = (k + 1) & (MASKS - 1);
        maskOf[k] = v;
        maskLo[k] = l;
        maskHi[k] = h;
        return k;
    }

    /**
     * The bit (0–127) standing for a character in a presence mask: ASCII below 127 its own code,
     * DEL and every non-ASCII character 127. A substring's characters map to bits that are all
     * set in the mask of any string containing it.
     */
    public static int presenceBit(char c) {
        return c < 127 ? c : 127;
    }

    /** The one lower-casing every comparison uses (rule values are lower-cased the same way). */
    public static String lowerCase(String s) {
        // Fast path: ASCII without upper case is returned as is.
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'A' && c <= 'Z')) {
                return s.toLowerCase(Locale.ROOT);
            }
        }
        return s;
    }

    /** Scratch for {@link ValueTest.Cidr}: one address at a time, so no test allocates. */
    long[] address() {
        return address;
    }
}
