package dev.unravel.sigma.match;

import dev.unravel.core.FieldMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared literal prefilter of one dispatch bucket: which rules can possibly match this event?
 *
 * <h2>Model</h2>
 * Every rule with a requirement contributes the (field slot, literal) pairs of its first clause,
 * one of which must occur in the event for the rule to match, and the literals of its other
 * clauses, which are only recorded. Each distinct literal is indexed by 4-character windows of
 * it (its "anchors"): those that the fewest other literals of the bucket share, so that common
 * fragments such as {@code .exe} or {@code \win} do not become anchors when rarer windows exist.
 * Scanning a field value rolls a 64-bit key over its characters (four UTF-16 units, 16 bits
 * each, case folded on the fly by {@link #LOOSE} — the event's text is not copied), checks a
 * 16 KiB bitmap of anchor hashes — which stays in L1 cache and rejects almost every position — and
 * only on a bitmap hit reads the anchors filed under that bit (the bit's rank among the set bits
 * locates them, no hash table) and verifies the whole literal in place against its record. A
 * verified literal activates its rules and is recorded in the context ({@link EventContext#hit}),
 * where the session checks a rule's other clauses, where "contains" tests read it
 * ({@link ValueTest#useScanFindings}) and where later occurrences of it are skipped without
 * verifying again (so a context is reset before each scan). Windows are salted with the field's
 * slot before hashing: a window is looked up only among the literals of the field being scanned
 * (keyword literals are filed under every field's salt, and under their own for values no rule
 * names a field for), so {@code .exe} in Image does not walk CommandLine's entries.
 *
 * <h2>Strides</h2>
 * A field whose literals are all long need not be tested at every position. With stride
 * {@code s} (a literal of {@code L} characters has {@code L − 3} windows; {@code s} is at most the
 * fewest of the field's literals, keyword literals included, and at most {@link #MAX_STRIDE}),
 * each literal is indexed by {@code s} consecutive windows, and the scan tests the windows
 * starting at 0, s, 2s, …: any occurrence puts one of its {@code s} windows on such a position.
 * Hashes (every literal a full {@code IMPHASH=…}), GUIDs, times and names that only the keyword
 * literals of a Windows rule can hold are read a quarter or less.
 *
 * <h2>Why not Aho–Corasick</h2>
 * A full Aho–Corasick DFA over the thousands of process-creation literals (tens of thousands of
 * states times the alphabet) takes megabytes and misses cache on nearly every character; the
 * {@code org.ahocorasick} library allocates per match and walks hash-map transitions. The anchor
 * bitmap does one multiply, one shift and one L1 load per character, with the table touched only
 * on candidates. The price is that literals shorter than four characters cannot be anchored; such
 * a requirement is dropped and the rule always evaluated (the compiler prefers longer literals
 * when it has a choice).
 *
 * <h2>Invariants</h2>
 * A rule whose literals all fail to occur is never activated only if it cannot match: activation
 * is exact for the literal (verified in place), and literals come from
 * {@code compile.Requirement}, which only holds necessary conditions.
 */
public final class Prefilter {
    /**
     * 128 Kibit: the SigmaHQ process-creation bucket's 11,137 anchor entries (7,911 literals, some
     * indexed by several windows) set 7.5 % of it, and 16 KiB leaves half of a 32 KiB L1 data
     * cache to the text. Against 64 Kibit: scan 4.65 → 4.50 µs per event.
     */
    private static final int FILTER_BITS = 17;
    private static final long MUL = 0x9E3779B97F4A7C15L;
    /** The fingerprint's multiplier: its top bits are independent of the bitmap bit's. */
    private static final long MUL3 = 0x165667B19E3779F9L;
    static final int ANCHOR = 4;
    /** Longest stride: a literal is indexed by this many windows, so the entries grow with it. */
    static final int MAX_STRIDE = 8;

    private final int[] slots;
    /** When keyword literals exist: top-level document key → slot it feeds (or ANY_FIELD). */
    private final KeySlots keySlots;
    /** When keyword literals exist: slots the one pass over the top-level entries cannot cover. */
    private final int[] extraSlots;
    private final long[] filter;
    /** Per bitmap word: how many bits the words before it set (the first entry of a set bit is its rank). */
    private final int[] rank;
    /**
     * Entries, {@link #ENTRY} ints each, one per (anchor, slot, literal): the anchor's
     * {@link #fingerprint} in the high bits or-ed with the anchor's offset in the literal in the low
     * {@link #OFFSET_BITS}; the literal's number in the rule set ({@code LiteralIds}), reported to
     * the context when found; the next entry whose anchor sets the same bitmap bit (0: none); where
     * the literal's record starts in {@link #records}. The first entry of each set bit sits at the
     * bit's rank, the others after all of those.
     */
    private final int[] entries;
    private static final int ENTRY = 4;
    /**
     * Anchors start in a literal's first {@code 1 << OFFSET_BITS} characters; the fingerprint keeps
     * the other 20 bits (a collision only costs a verification that fails).
     */
    private static final int OFFSET_BITS = 12;
    private static final int OFFSET_MASK = (1 << OFFSET_BITS) - 1;
    /**
     * One record per (slot, literal), all that verifying and activating it reads, adjacent: the
     * slot + 1 (0 for a keyword literal), the literal's length and the number of rules it
     * activates (two chars each); the literal; the rules (two chars each).
     */
    private final char[] records;
    private final int literals;
    /** Integer-equality requirements; null when the bucket has none. */
    private final NumberIndex numbers;
    /**
     * Per slot (index {@code slot + 1}): the number of its {@link #NON_ASCII} requirement (−1 for
     * none) and the rules it activates, when a scanned value of the slot has a character
     * outside ASCII.
     */
    private final int[] nonAsciiId;
    private final int[][] nonAsciiRules;
    private final boolean anyNonAscii;
    /**
     * Per slot (index {@code slot + 1}, so {@link #ANY_FIELD} is 0): whether some literal of that
     * slot, or a keyword literal, consists of digits and '-' only. Only such a literal can occur
     * in the text of an integer value, so otherwise integer values are not turned into text and
     * scanned for that slot.
     */
    private final boolean[] integerLiterals;

    /**
     * Per slot (index {@code slot + 1}, so {@link #ANY_FIELD} is 0): the distance between the
     * windows tested in its values. Every literal filed under the slot is at least
     * {@code ANCHOR + stride - 1} characters long and is indexed by that many consecutive windows,
     * so any occurrence covers a window starting at a multiple of the stride: the scan tests one
     * position in {@code stride} (hash values, GUID-heavy unnamed values) instead of every one.
     */
    private final int[] strides;
    /** Per slot (index {@code slot + 1}): whether a non-ASCII requirement can hold there (its own or a keyword one). */
    private final boolean[] nonAsciiMatters;

    private Prefilter(int[] slots, KeySlots keySlots, int[] extraSlots, long[] filter, int[] rank,
            int[] entries, char[] records, int literals, boolean[] integerLiterals, int[] nonAsciiId,
            int[][] nonAsciiRules, int[] strides, NumberIndex numbers) {
        this.numbers = numbers;
        this.slots = slots;
        this.keySlots = keySlots;
        this.extraSlots = extraSlots;
        this.filter = filter;
        this.rank = rank;
        this.entries = entries;
        this.records = records;
        this.literals = literals;
        this.nonAsciiId = nonAsciiId;
        this.nonAsciiRules = nonAsciiRules;
        boolean na = false;
        for (int id : nonAsciiId) {
            na |= id >= 0;
        }
        this.anyNonAscii = na;
        this.integerLiterals = integerLiterals;
        boolean[] il = integerLiterals;

        this.strides = java.util.Arrays.copyOf(strides, il.length);
        for (int i = 0; i < this.strides.length; i++) {
            this.strides[i] = Math.max(1, this.strides[i]);
        }
        boolean[] matters = new boolean[il.length];
        for (int i = 0; i < matters.length; i++) {
            matters[i] = (i < nonAsciiId.length && nonAsciiId[i] >= 0) || (nonAsciiId.length > 0 && nonAsciiId[0] >= 0);
        }
        this.nonAsciiMatters = matters;
    }

    /** Whether every character is one an integer's decimal text can hold. */
    static boolean integerCharsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == '-' || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** Values whose text ({@link FieldPath#text}) is {@code Long.toString}-like: digits and '-'. */
    private static boolean integer(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger;
    }

    /** Number of distinct (slot, literal) pairs indexed. */
    public int size() {
        return literals;
    }

    /** The field slots this prefilter reads. */
    public int[] slots() {
        return slots.clone();
    }

    /** The slot number for keyword literals: they may occur in any value of the event. */
    public static final int ANY_FIELD = -1;

    /**
     * The requirement "the value has a character outside ASCII", for values whose only plain text
     * is too short to anchor but not ASCII (an emoji, a Cyrillic look-alike, U+202E): lower-casing
     * maps ASCII to ASCII, so a lower-cased value holding such a character comes from a value
     * holding one. It travels with the literals of a requirement; being upper case, it can never
     * equal one (every prefilter literal is lower-cased).
     */
    public static final String NON_ASCII = "NON-ASCII";

    /**
     * The requirement "the value is the integer {@code n}" ({@link NumberIndex}), travelling with
     * the literals of a requirement. Like {@link #NON_ASCII} it is upper case, so no literal of
     * rule text (every one is lower-cased) can be taken for it.
     */
    public static String numberLiteral(long n) {
        return NUMBER_MARK + Long.toString(n);
    }

    private static final String NUMBER_MARK = "NUMBER=";

    /** Whether a requirement literal is a {@link #numberLiteral}. */
    public static boolean isNumber(String literal) {
        return literal.startsWith(NUMBER_MARK);
    }

    /**
     * Whether a literal character can be matched against event text folded one character at a
     * time ({@link #fold}) exactly as {@link EventContext#lowerCase} would lower-case it: lower
     * case already, not a surrogate (supplementary letters lower-case as pairs), not the
     * combining dot or final sigma that whole-string lower-casing produces in context, not LONG S
     * (which the scan reads as s).
     */
    public static boolean acceptable(char c) {
        return !Character.isSurrogate(c) && c != '\u0307' && c != '\u03C2' && c != '\u017F'
                && Character.toLowerCase(c) == c;
    }

    private static final char[] FOLD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            FOLD[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    /**
     * Or-ed into a window's four characters before hashing: an ASCII letter and its upper case
     * differ in that bit only, so windows are hashed case-insensitively without a lookup per
     * character. (Some punctuation pairs, such as a backslash and {@code |}, hash alike too: that
     * costs a verification that fails, never a missed literal. Characters past ASCII are
     * lower-cased first.)
     */
    private static final long LOOSE = 0x0020_0020_0020_0020L;

    /** A character as a window's key holds it, before {@link #LOOSE}. */
    private static char loose(char c) {
        return c < 0x80 ? c : foldWide(c);
    }

    /** One character lower-cased, as the scan sees the event's text. */
    static char fold(char c) {
        // a table, not a range test: mixed-case text makes the range test's branch unpredictable
        return c < 0x80 ? FOLD[c] : foldWide(c);
    }

    /**
     * A character past ASCII lower-cased, and LONG S read as s: a case-insensitive regular
     * expression (RE2) matches it where its literal has s, and the scan's literals must be found
     * wherever the expression can match. (KELVIN SIGN lower-cases to k already.) Plain Sigma
     * strings compare lower-cased values, where LONG S stays itself; for them this only lets a
     * rule be evaluated that then does not match.
     */
    private static char foldWide(char c) {
        return c == '\u017F' ? 's' : Character.toLowerCase(c);
    }

    /**
     * Sets the bit of every rule one of whose literals occurs in this event, and records every
     * literal found in the context ({@link EventContext#hit}).
     */
    public void scan(EventContext ctx, long[] active) {
        scanText(ctx, active);
        if (numbers != null) {
            numbers.scan(ctx, active);
        }
    }

    private void scanText(EventContext ctx, long[] active) {
        if (keySlots != null) {
            // Keyword literals may be anywhere: one pass over every value, each top-level value
            // also checked for the literals of the slot its key feeds.
            Map<String, Object> doc = ctx.event().document();
            if (doc instanceof FieldMap fields) { // what the readers build: no entry objects
                for (int i = 0, n = fields.size(); i < n; i++) {
                    scanAll(ctx, fields.valueAt(i), keySlots.slotOf(fields.keyAt(i)), 0, active);
                }
            } else {
                for (Map.Entry<String, Object> e : doc.entrySet()) {
                    scanAll(ctx, e.getValue(), keySlots.slotOf(e.getKey()), 0, active);
                }
            }
            for (int slot : extraSlots) {
                scanSlot(ctx, slot, active);
            }
            return;
        }
        for (int slot : slots) {
            scanSlot(ctx, slot, active);
        }
    }

    private void scanSlot(EventContext ctx, int slot, long[] active) {
        Object raw = ctx.raw(slot);
        if (raw instanceof String str) {
            if (scanValue(ctx, slot, str, active)) { // most values: no interface checks
                ctx.scannedAscii(slot, str);
            }
            return;
        }
        boolean integers = integerLiterals[slot + 1];
        if (raw == null || raw == FieldPath.MISSING || raw instanceof Map || (!integers && integer(raw))) {
            return;
        }
        if (raw instanceof List<?> list) {
            int bound = Math.min(list.size(), 10_000);
            for (int i = 0; i < bound; i++) {
                Object o = list.get(i);
                if (!integers && integer(o)) {
                    continue;
                }
                String t = FieldPath.text(o);
                if (t != null) {
                    scanValue(ctx, slot, t, active);
                }
            }
        } else {
            String t = raw instanceof String str ? str : FieldPath.text(raw);
            if (t != null) {
                scanValue(ctx, slot, t, active);
            }
        }
    }

    /** Scans a value for keyword literals and, for scalars and list elements, for {@code slot}'s literals. */
    private void scanAll(EventContext ctx, Object node, int slot, int depth, long[] active) {
        if (depth > 32) {
            return;
        }
        if (node instanceof String str) {
            if (scanValue(ctx, slot, str, active) && depth == 0 && slot != ANY_FIELD) {
                ctx.scannedAscii(slot, str);
            }
        } else if (node instanceof Number) {
            // before the interface checks below, which are slow for a class that fails them
            if (integerLiterals[slot + 1] || !integer(node)) {
                String t = FieldPath.text(node);
                if (t != null) {
                    scanValue(ctx, slot, t, active);
                }
            }
        } else if (node instanceof Map<?, ?> m) {
            for (Object v : m.values()) {
                scanAll(ctx, v, ANY_FIELD, depth + 1, active);
            }
        } else if (node instanceof List<?> l) {
            int bound = Math.min(l.size(), 10_000);
            for (int i = 0; i < bound; i++) {
                scanAll(ctx, l.get(i), depth == 0 ? slot : ANY_FIELD, depth + 1, active);
            }
        } else if (node != null && (integerLiterals[slot + 1] || !integer(node))) {
            String t = FieldPath.text(node);
            if (t != null) {
                scanValue(ctx, slot, t, active);
            }
        }
    }

    /**
     * Scans one value of {@code slot}; returns whether every character was read and is ASCII
     * (see {@link EventContext#scannedAscii}).
     */
    private boolean scanValue(EventContext ctx, int slot, String v, long[] active) {
        int n = v.length();
        if (n < ANCHOR) {
            if (anyNonAscii && nonAsciiMatters[slot + 1] && !ascii(v, n)) {
                nonAscii(ctx, slot, active);
            }
            return false;
        }
        int stride = strides[slot + 1];
        if (stride > 1) {
            scanStrided(ctx, slot, v, n, stride, active);
            return false;
        }
        long[] f = filter;
        long salt = salt(slot);
        char c0 = v.charAt(0);
        char c1 = v.charAt(1);
        char c2 = v.charAt(2);
        int seen = c0 | c1 | c2; // every character OR-ed: ≥ 0x80 when one is not ASCII
        long key = ((long) loose(c0) << 32) | ((long) loose(c1) << 16) | loose(c2);
        for (int i = ANCHOR - 1; i < n; i++) {
            char c = v.charAt(i);
            seen |= c;
            key = (key << 16) | (c < 0x80 ? c : foldWide(c));
            long salted = (key | LOOSE) ^ salt;
            int bit = (int) ((salted * MUL) >>> (64 - FILTER_BITS));
            long word = f[bit >>> 6];
            long m = 1L << bit;
            if ((word & m) != 0) {
                probe(ctx, slot, v, i - (ANCHOR - 1), salted, rank[bit >>> 6] + Long.bitCount(word & (m - 1)), active);
            }
        }
        if (seen >= 0x80) {
            if (anyNonAscii) {
                nonAscii(ctx, slot, active);
            }
            return false;
        }
        return true;
    }

    /**
     * Tests the windows starting at 0, stride, 2 × stride, …: each literal of the slot is indexed
     * by {@code stride} consecutive windows, one of which any occurrence puts at such a position.
     * The characters between are not read, so a non-ASCII requirement is checked separately.
     */
    private void scanStrided(EventContext ctx, int slot, String v, int n, int stride, long[] active) {
        long[] f = filter;
        long salt = salt(slot);
        for (int at = 0, last = n - ANCHOR; at <= last; at += stride) {
            char c0 = v.charAt(at);
            char c1 = v.charAt(at + 1);
            char c2 = v.charAt(at + 2);
            char c3 = v.charAt(at + 3);
            long key = (c0 | c1 | c2 | c3) < 0x80
                    ? ((long) c0 << 48) | ((long) c1 << 32) | ((long) c2 << 16) | c3
                    : ((long) loose(c0) << 48) | ((long) loose(c1) << 32) | ((long) loose(c2) << 16) | loose(c3);
            long salted = (key | LOOSE) ^ salt;
            int bit = (int) ((salted * MUL) >>> (64 - FILTER_BITS));
            long word = f[bit >>> 6];
            long m = 1L << bit;
            if ((word & m) != 0) {
                probe(ctx, slot, v, at, salted, rank[bit >>> 6] + Long.bitCount(word & (m - 1)), active);
            }
        }
        if (anyNonAscii && nonAsciiMatters[slot + 1] && !ascii(v, n)) {
            nonAscii(ctx, slot, active);
        }
    }

    /**
     * A window of {@code v} starting at {@code at} set bitmap bit number {@code first} (counting
     * set bits): walks the entries of that bit and verifies, in place, every literal of this slot
     * (or keyword literal) whose anchor has the window's fingerprint. A probe reads an entry and
     * a record, two cache lines: the anchor table, separate literal pool and per-entry rule arrays
     * it replaced took five dependent loads, each a likely cache miss.
     */
    private void probe(EventContext ctx, int slot, String v, int at, long salted, int first, long[] active) {
        int fingerprint = fingerprint(salted);
        int[] en = entries;
        for (int e = first * ENTRY; ; ) {
            int marked = en[e];
            if (((marked ^ fingerprint) & ~OFFSET_MASK) == 0) {
                int id = en[e + 1];
                if (!ctx.isHit(id)) {
                    char[] rec = records;
                    int r = en[e + 3];
                    int code = rec[r] << 16 | rec[r + 1];
                    // its slot's literal or a keyword literal
                    if (code == slot + 1 || code == 0) {
                        int length = rec[r + 2] << 16 | rec[r + 3];
                        int start = at - (marked & OFFSET_MASK);
                        if (start >= 0 && start + length <= v.length() && foldedAt(v, start, rec, r + 6, length)) {
                            ctx.hit(id);
                            for (int k = r + 6 + length, end = k + 2 * (rec[r + 4] << 16 | rec[r + 5]); k < end;
                                    k += 2) {
                                int rule = rec[k] << 16 | rec[k + 1];
                                active[rule >>> 6] |= 1L << rule;
                            }
                        }
                    }
                }
            }
            int next = en[e + 2];
            if (next == 0) {
                return;
            }
            e = next * ENTRY;
        }
    }

    /**
     * Bits of an anchor's key independent of its bitmap bit (the top 20 are kept, beside the
     * anchor's offset): another anchor of the same bit with the same fingerprint only costs a
     * verification that fails.
     */
    private static int fingerprint(long salted) {
        return (int) ((salted * MUL3) >>> 32);
    }

    private static boolean ascii(String v, int upTo) {
        for (int i = 0; i < upTo; i++) {
            if (v.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A value of {@code slot} has a character outside ASCII: its own and the keyword requirement hold. */
    private void nonAscii(EventContext ctx, int slot, long[] active) {
        nonAsciiHolds(ctx, slot + 1, active);
        if (slot != ANY_FIELD) {
            nonAsciiHolds(ctx, 0, active);
        }
    }

    private void nonAsciiHolds(EventContext ctx, int index, long[] active) {
        int id = nonAsciiId[index];
        if (id >= 0 && !ctx.isHit(id)) {
            ctx.hit(id);
            for (int r : nonAsciiRules[index]) {
                active[r >>> 6] |= 1L << r;
            }
        }
    }

    /**
     * Mixed into a window's key before hashing, so that a window is looked up among the literals
     * of the field being scanned only: {@code .exe} in Image does not walk CommandLine's entries.
     */
    private static long salt(int slot) {
        return (slot + 2L) * 0xD6E8FEB86659FD93L;
    }

    private static boolean foldedAt(String v, int start, char[] pool, int from, int length) {
        for (int k = 0; k < length; k++) {
            if (fold(v.charAt(start + k)) != pool[from + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Document key → the slot it feeds, {@link #ANY_FIELD} for the others, asked once per key of
     * every event. Open addressing on the key's cached hash code: a key read by a JSON parser is
     * interned, like the paths, so a member is found by identity, and a non-member (most keys)
     * usually by one empty place or a hash code that differs, with no node to load.
     */
    private static final class KeySlots {
        private final String[] keys;
        private final int[] hashes;
        private final int[] slotOf;
        private final int mask;

        KeySlots(Map<String, Integer> map) {
            int cap = Integer.highestOneBit(Math.max(4, map.size() * 4) - 1) << 1;
            keys = new String[cap];
            hashes = new int[cap];
            slotOf = new int[cap];
            mask = cap - 1;
            map.forEach((k, slot) -> {
                int h = k.hashCode();
                int i = spread(h) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                hashes[i] = h;
                slotOf[i] = slot;
            });
        }

        private static int spread(int h) {
            return h ^ (h >>> 16);
        }

        int slotOf(String key) {
            int h = key.hashCode();
            for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
                String k = keys[i];
                if (k == null) {
                    return ANY_FIELD;
                }
                if (k == key || (hashes[i] == h && k.equals(key))) {
                    return slotOf[i];
                }
            }
        }
    }

    /** Collects (slot, literal, rule) triples and builds the index. */
    public static final class Builder {
        private final Map<Long, Map<String, Draft>> bySlotLiteral = new LinkedHashMap<>();
        private final Map<Integer, Draft> nonAscii = new LinkedHashMap<>();
        private final Map<Integer, Map<Long, Draft>> numbers = new LinkedHashMap<>();
        private int nextId;

        /** A literal's number and the rules it activates. */
        private static final class Draft {
            final int id;
            final List<Integer> rules = new ArrayList<>();

            Draft(int id) {
                this.id = id;
            }
        }

        /**
         * Adds a literal (already lower-cased, at least four characters) for a bucket-local rule,
         * numbered by this builder (for prefilters used on their own).
         */
        public Builder add(int slot, String literal, int rule) {
            return add(slot, literal, rule, -1);
        }

        /**
         * Adds a literal that activates a bucket-local rule ({@code rule} ≥ 0) or is only to be
         * recorded when found ({@code rule} −1), with its number in the rule set (−1: the
         * builder numbers it).
         */
        public Builder add(int slot, String literal, int rule, int id) {
            if (!usable(literal)) {
                throw new IllegalArgumentException("literal cannot be indexed: " + literal);
            }
            long k = (long) slot << 32;
            if (isNumber(literal) && slot == ANY_FIELD) {
                throw new IllegalArgumentException("a number requirement needs a field: " + literal);
            }
            Draft d = isNumber(literal) ? numbers.computeIfAbsent(slot, x -> new LinkedHashMap<>())
                    .computeIfAbsent(Long.parseLong(literal.substring(NUMBER_MARK.length())),
                            x -> new Draft(id >= 0 ? id : nextId++))
                    : NON_ASCII.equals(literal) ? nonAscii.computeIfAbsent(slot, x -> new Draft(id >= 0 ? id : nextId++))
                    : bySlotLiteral.computeIfAbsent(k, x -> new LinkedHashMap<>())
                    .computeIfAbsent(literal, x -> new Draft(id >= 0 ? id : nextId++));
            if (id >= 0 && d.id != id) {
                throw new IllegalArgumentException("literal '" + literal + "' numbered " + d.id + " and " + id);
            }
            if (rule >= 0) {
                d.rules.add(rule);
            }
            return this;
        }

        /** Builds without knowledge of field paths (keyword literals then scan every value). */
        public Prefilter build() {
            return build(null);
        }

        /**
         * Builds the index. With the field paths, a bucket that has keyword literals scans each
         * top-level value once for both the keyword literals and the literals of the slot whose
         * path is that key.
         */
        public Prefilter build(FieldPath[] paths) {
            // How many distinct literals share each window: rarer windows make better anchors.
            Map<Long, Integer> share = new HashMap<>();
            for (Map<String, Draft> lits : bySlotLiteral.values()) {
                for (String lit : lits.keySet()) {
                    java.util.Set<Long> seen = new java.util.HashSet<>();
                    for (int i = 0; i + ANCHOR <= lit.length(); i++) {
                        long g = shareKey(gram(lit, i));
                        if (seen.add(g)) {
                            share.merge(g, 1, Integer::sum);
                        }
                    }
                }
            }
            java.util.TreeSet<Integer> slotSet = new java.util.TreeSet<>(nonAscii.keySet());
            slotSet.addAll(bySlotLiteral.keySet().stream().map(k -> (int) (k >> 32)).toList());
            // The stride of each slot's values: as long as its shortest literal allows, a keyword
            // literal counting for every slot (it is filed under each).
            int keywordMin = shortest(ANY_FIELD);
            int[] strides = new int[slotSet.isEmpty() ? 1 : slotSet.last() + 2];
            for (int slot : slotSet) {
                int min = slot == ANY_FIELD ? keywordMin : Math.min(shortest(slot), keywordMin);
                strides[slot + 1] = Math.max(1, Math.min(MAX_STRIDE, min - ANCHOR + 1));
            }
            List<Integer> eSlot = new ArrayList<>();
            List<Integer> eOffset = new ArrayList<>();
            List<String> eLit = new ArrayList<>();
            List<int[]> eRules = new ArrayList<>();
            List<Integer> eId = new ArrayList<>();
            List<Long> eKey = new ArrayList<>();
            for (Map.Entry<Long, Map<String, Draft>> bySlot : bySlotLiteral.entrySet()) {
                int slot = (int) (bySlot.getKey() >> 32);
                for (Map.Entry<String, Draft> e : bySlot.getValue().entrySet()) {
                    String lit = e.getKey();
                    int[] rules = e.getValue().rules.stream().distinct().mapToInt(Integer::intValue).toArray();
                    // Filed under its slot's salt; a keyword literal under every slot's too (and its
                    // own, for values no slot reads), so one probe per window serves both.
                    List<Integer> filedUnder = slot == ANY_FIELD ? List.copyOf(slotSet) : List.of(slot);
                    for (int filed : filedUnder) {
                        int stride = strides[filed + 1];
                        int first = firstWindow(lit, stride, share);
                        for (int w = first; w < first + stride; w++) {
                            eSlot.add(slot);
                            eOffset.add(w);
                            eLit.add(lit);
                            eRules.add(rules);
                            eId.add(e.getValue().id);
                            eKey.add(gram(lit, w) ^ salt(filed));
                        }
                    }
                }
            }
            // Entries grouped by the bitmap bit their anchor sets: the first of each bit at the bit's
            // rank, the others chained after all of those. One record per (slot, literal).
            long[] filter = new long[(1 << FILTER_BITS) / 64];
            Map<Integer, List<Integer>> byBit = new java.util.TreeMap<>();
            for (int e = 0; e < eLit.size(); e++) {
                int bit = (int) ((eKey.get(e) * MUL) >>> (64 - FILTER_BITS));
                filter[bit >>> 6] |= 1L << bit;
                byBit.computeIfAbsent(bit, x -> new ArrayList<>()).add(e);
            }
            int[] rank = new int[filter.length];
            for (int w = 1; w < filter.length; w++) {
                rank[w] = rank[w - 1] + Long.bitCount(filter[w - 1]);
            }
            int[] entries = new int[eLit.size() * ENTRY];
            StringBuilder records = new StringBuilder();
            Map<String, Integer> recordOf = new HashMap<>();
            int overflow = byBit.size();
            int place = 0;
            for (List<Integer> group : byBit.values()) {
                int at = place++;
                for (int j = 0; j < group.size(); j++) {
                    int e = group.get(j);
                    int next = j + 1 < group.size() ? overflow++ : 0;
                    String lit = eLit.get(e);
                    int slot = eSlot.get(e);
                    int[] rules = eRules.get(e);
                    int rec = recordOf.computeIfAbsent(slot + "\u0000" + lit, x -> {
                        int r = records.length();
                        appendInt(records, slot + 1);
                        appendInt(records, lit.length());
                        appendInt(records, rules.length);
                        records.append(lit);
                        for (int rule : rules) {
                            appendInt(records, rule);
                        }
                        return r;
                    });
                    entries[at * ENTRY] = fingerprint(eKey.get(e)) & ~OFFSET_MASK | eOffset.get(e);
                    entries[at * ENTRY + 1] = eId.get(e);
                    entries[at * ENTRY + 2] = next;
                    entries[at * ENTRY + 3] = rec;
                    at = next;
                }
            }
            // Per slot: whether one of its literals, or a keyword literal, could be in an integer's text.
            boolean[] integerLiterals = new boolean[strides.length];
            for (int e = 0; e < eLit.size(); e++) {
                if (integerCharsOnly(eLit.get(e))) {
                    if (eSlot.get(e) == ANY_FIELD) {
                        java.util.Arrays.fill(integerLiterals, true);
                    }
                    integerLiterals[eSlot.get(e) + 1] = true;
                }
            }
            int literals = 0;
            for (Map<String, Draft> lits : bySlotLiteral.values()) {
                literals += lits.size();
            }
            Map<String, Integer> keySlots = null;
            int[] extra = new int[0];
            if (slotSet.contains(ANY_FIELD)) {
                keySlots = new HashMap<>();
                List<Integer> ex = new ArrayList<>();
                for (int slot : slotSet) {
                    if (slot == ANY_FIELD) {
                        continue;
                    }
                    List<String> p = paths == null ? null : paths[slot].paths();
                    // A plain key (no dot, one path, not the envelope) is only ever found at the top level.
                    if (p != null && p.size() == 1 && p.get(0).indexOf('.') < 0 && !p.get(0).startsWith("$")
                            && !keySlots.containsKey(p.get(0))) {
                        keySlots.put(p.get(0), slot);
                    } else {
                        ex.add(slot);
                    }
                }
                extra = ex.stream().mapToInt(Integer::intValue).toArray();
            }
            int naSize = slotSet.isEmpty() ? 1 : slotSet.last() + 2;
            int[] naId = new int[naSize];
            java.util.Arrays.fill(naId, -1);
            int[][] naRules = new int[naSize][];
            for (Map.Entry<Integer, Draft> e : nonAscii.entrySet()) {
                naId[e.getKey() + 1] = e.getValue().id;
                naRules[e.getKey() + 1] = e.getValue().rules.stream().distinct().mapToInt(Integer::intValue).toArray();
            }
            return new Prefilter(slotSet.stream().mapToInt(Integer::intValue).toArray(),
                    keySlots == null ? null : new KeySlots(keySlots), extra, filter,
                    rank, entries, records.toString().toCharArray(), literals, integerLiterals, naId, naRules,
                    strides, numbers.isEmpty() ? null : numberIndex());
        }

        private static void appendInt(StringBuilder sb, int v) {
            sb.append((char) (v >>> 16)).append((char) v);
        }

        private NumberIndex numberIndex() {
            Map<Integer, Map<Long, NumberIndex.Entry>> bySlot = new java.util.TreeMap<>();
            numbers.forEach((slot, values) -> {
                Map<Long, NumberIndex.Entry> m = new LinkedHashMap<>();
                values.forEach((n, d) -> m.put(n, new NumberIndex.Entry(d.id,
                        d.rules.stream().distinct().mapToInt(Integer::intValue).toArray())));
                bySlot.put(slot, m);
            });
            return new NumberIndex(bySlot);
        }

        /** At least four characters, each {@link Prefilter#acceptable}. */
        public static boolean usable(String literal) {
            if (NON_ASCII.equals(literal) || isNumber(literal)) {
                return true;
            }
            if (literal.length() < ANCHOR) {
                return false;
            }
            for (int i = 0; i < literal.length(); i++) {
                if (!acceptable(literal.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Length of the shortest literal of {@code slot} (a large number when it has none). */
        private int shortest(int slot) {
            Map<String, Draft> lits = bySlotLiteral.get((long) slot << 32);
            int min = ANCHOR + MAX_STRIDE;
            if (lits != null) {
                for (String lit : lits.keySet()) {
                    min = Math.min(min, lit.length());
                }
            }
            return min;
        }

        /**
         * Where the {@code stride} consecutive windows indexing {@code lit} start: where they are
         * shared with the fewest other literals (common fragments such as {@code .exe} or
         * {@code \win} make poor anchors: every occurrence costs a probe).
         */
        private static int firstWindow(String lit, int stride, Map<Long, Integer> share) {
            int best = 0;
            long bestShare = Long.MAX_VALUE;
            // (an anchor's offset in its literal is kept in OFFSET_BITS bits)
            for (int i = 0; i + ANCHOR + stride - 1 <= lit.length() && i + stride <= 1 << OFFSET_BITS; i++) {
                long sum = 0;
                for (int w = i; w < i + stride; w++) {
                    sum += share.get(shareKey(gram(lit, w)));
                }
                if (sum < bestShare) {
                    bestShare = sum;
                    best = i;
                }
            }
            return best;
        }

        /**
         * A window as a key of the share counts: {@code Long.hashCode} XORs a window's first two
         * characters onto its last two, so plain windows collided in whole runs and the map's bins
         * turned into trees (the SigmaHQ process-creation, registry-set and file-event buckets
         * took 121–157 ms to build, warm, instead of 67–106). Multiplying by an odd constant is
         * one-to-one and spreads them.
         */
        private static long shareKey(long gram) {
            return gram * MUL;
        }

        /** The window of a (lower-case) literal at {@code i}, as the scan hashes it. */
        private static long gram(String s, int i) {
            return (((long) s.charAt(i) << 48) | ((long) s.charAt(i + 1) << 32) | ((long) s.charAt(i + 2) << 16)
                    | s.charAt(i + 3)) | LOOSE;
        }
    }
}
