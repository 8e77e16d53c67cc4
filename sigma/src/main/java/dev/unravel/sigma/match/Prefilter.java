package dev.unravel.sigma.match;

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
 * clauses, which are only recorded. Each distinct literal is indexed by one 4-character window
 * of it (its "anchor"): the window that the fewest other literals of the bucket share, so that
 * common fragments such as {@code .exe} or {@code \win} do not become anchors when a rarer window
 * exists. Scanning a field value rolls a 64-bit key over its lower-cased characters (four UTF-16
 * units, 16 bits each, each folded to lower case on the fly — the event's text is not copied),
 * checks an 8 KiB bitmap of anchor hashes — which stays in L1 cache and
 * rejects almost every position — and only on a bitmap hit probes an open-addressing table of
 * anchors and verifies the whole literal in place. A verified literal activates its rules and is
 * recorded in the context ({@link EventContext#hit}), where the session checks a rule's other
 * clauses and where later occurrences of it are skipped without verifying again (so a context is
 * reset before each scan). Windows are salted with the field's slot before hashing: a window is
 * looked up only among the literals of the field being scanned (keyword literals are filed under
 * every field's salt), so {@code .exe} in Image does not walk CommandLine's entries. A value no
 * rule names a field for can only hold keyword literals; it is scanned with a bitmap of one
 * character pair per keyword literal instead ({@code pairFilter}).
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
    private static final int FILTER_BITS = 16;
    private static final long MUL = 0x9E3779B97F4A7C15L;
    /**
     * The table's own multiplier: a product's low bits depend only on the key's low bits (the
     * last characters), so slots taken from them cluster every anchor ending alike ({@code .exe},
     * {@code .dll}); the top bits of a second product depend on all four characters.
     */
    private static final long MUL2 = 0xC2B2AE3D27D4EB4FL;
    static final int ANCHOR = 4;

    private final int[] slots;
    /** When keyword literals exist: top-level document key → slot it feeds (or ANY_FIELD). */
    private final Map<String, Integer> keySlots;
    /** When keyword literals exist: slots the one pass over the top-level entries cannot cover. */
    private final int[] extraSlots;
    private final long[] filter;
    private final long[] keys;
    private final int[] heads;
    private final int mask;
    private final int tableShift;
    // Entries: one per distinct (slot, literal), chained per anchor key.
    private final int[] entrySlot;
    private final int[] entryOffset;
    private final int[] entryNext;
    private final String[] entryLiteral;
    private final int[][] entryRules;
    /** The entry's number in the rule set ({@code LiteralIds}), reported to the context when found. */
    private final int[] entryId;
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

    /*
     * Keyword literals alone, for values no rule names a field for (GUIDs, times, channel and
     * provider names: nearly half the text of a Sysmon event). Such a value can only hold keyword
     * literals, and there are few of them, so instead of the rolling 4-character hash it is scanned
     * with an 8 KiB bitmap of character pairs, one pair per keyword literal, chosen to be unlikely
     * in event text: one load and one bit test per character.
     */
    private final long[] pairFilter = new long[1 << 10];
    private final int[] pairKeys;
    private final int[] pairHeads;
    private final int[] kwNext;
    private final int[] kwOffset;
    private final String[] kwLiteral;
    private final int[] kwId;
    private final int[][] kwRules;

    private Prefilter(int[] slots, Map<String, Integer> keySlots, int[] extraSlots, long[] filter, long[] keys,
            int[] heads, int[] entrySlot, int[] entryOffset, int[] entryNext, String[] entryLiteral,
            int[][] entryRules, int[] entryId, int[] nonAsciiId, int[][] nonAsciiRules) {
        this.slots = slots;
        this.keySlots = keySlots;
        this.extraSlots = extraSlots;
        this.filter = filter;
        this.keys = keys;
        this.heads = heads;
        this.mask = keys.length - 1;
        this.tableShift = 64 - Integer.numberOfTrailingZeros(keys.length);
        this.entrySlot = entrySlot;
        this.entryOffset = entryOffset;
        this.entryNext = entryNext;
        this.entryLiteral = entryLiteral;
        this.entryRules = entryRules;
        this.entryId = entryId;
        this.nonAsciiId = nonAsciiId;
        this.nonAsciiRules = nonAsciiRules;
        boolean na = false;
        for (int id : nonAsciiId) {
            na |= id >= 0;
        }
        this.anyNonAscii = na;
        int maxSlot = ANY_FIELD;
        for (int slot : entrySlot) {
            maxSlot = Math.max(maxSlot, slot);
        }
        for (int slot : slots) {
            maxSlot = Math.max(maxSlot, slot);
        }
        boolean[] il = new boolean[maxSlot + 2];
        boolean any = false;
        for (int e = 0; e < entryLiteral.length; e++) {
            if (integerCharsOnly(entryLiteral[e])) {
                il[entrySlot[e] + 1] = true;
                any |= entrySlot[e] == ANY_FIELD;
            }
        }
        if (any) {
            java.util.Arrays.fill(il, true);
        }
        this.integerLiterals = il;

        List<Integer> kw = new ArrayList<>();
        java.util.Set<Integer> kwIds = new java.util.HashSet<>();
        for (int e = 0; e < entryLiteral.length; e++) {
            if (entrySlot[e] == ANY_FIELD && kwIds.add(entryId[e])) {
                kw.add(e);
            }
        }
        int k = kw.size();
        this.kwLiteral = new String[k];
        this.kwId = new int[k];
        this.kwRules = new int[k][];
        this.kwOffset = new int[k];
        this.kwNext = new int[k];
        int cap = Integer.highestOneBit(Math.max(8, 2 * k - 1)) << 1;
        this.pairKeys = new int[cap];
        this.pairHeads = new int[cap];
        java.util.Arrays.fill(pairHeads, -1);
        for (int i = 0; i < k; i++) {
            int e = kw.get(i);
            String lit = entryLiteral[e];
            kwLiteral[i] = lit;
            kwId[i] = entryId[e];
            kwRules[i] = entryRules[e];
            int best = 0;
            for (int j = 1; j + 1 < lit.length(); j++) {
                if (pairCost(lit, j) < pairCost(lit, best)) {
                    best = j;
                }
            }
            kwOffset[i] = best;
            int pair = pair(lit.charAt(best), lit.charAt(best + 1));
            pairFilter[pair >>> 6] |= 1L << pair;
            int p = (pair * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(cap)) & (cap - 1);
            while (pairHeads[p] >= 0 && pairKeys[p] != pair) {
                p = (p + 1) & (cap - 1);
            }
            kwNext[i] = pairHeads[p];
            pairKeys[p] = pair;
            pairHeads[p] = i;
        }
    }

    /** A pair of folded characters as a 16-bit index (characters past U+00FF share low bytes; verification decides). */
    private static int pair(char a, char b) {
        return ((a & 0xFF) << 8) | (b & 0xFF);
    }

    /**
     * How common the pair at {@code j} is likely to be in event text, from the kind of its
     * characters: hexadecimal digits fill GUIDs, hashes and times; common letters fill words and
     * paths; rare letters and punctuation other than path and time separators seldom appear.
     */
    private static int pairCost(String lit, int j) {
        return charCost(lit.charAt(j)) + charCost(lit.charAt(j + 1));
    }

    private static int charCost(char c) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            return 4;
        }
        if ("tonisrhlum".indexOf(c) >= 0) {
            return 3;
        }
        if (c >= 'a' && c <= 'z' || " .-_:\\/".indexOf(c) >= 0) {
            return c >= 'a' && c <= 'z' ? 1 : 2;
        }
        return 0;
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

    /** Number of distinct literals indexed. */
    public int size() {
        return entryLiteral.length;
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
     * Whether a literal character can be matched against event text folded one character at a
     * time ({@link #fold}) exactly as {@link EventContext#lowerCase} would lower-case it: lower
     * case already, not a surrogate (supplementary letters lower-case as pairs), not the
     * combining dot or final sigma that whole-string lower-casing produces in context.
     */
    public static boolean acceptable(char c) {
        return !Character.isSurrogate(c) && c != '\u0307' && c != '\u03C2' && Character.toLowerCase(c) == c;
    }

    private static final char[] FOLD = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            FOLD[c] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
    }

    /** One character lower-cased, as the scan sees the event's text. */
    static char fold(char c) {
        if (c < 0x80) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }

    /**
     * Sets the bit of every rule one of whose literals occurs in this event, and records every
     * literal found in the context ({@link EventContext#hit}).
     */
    public void scan(EventContext ctx, long[] active) {
        if (keySlots != null) {
            // Keyword literals may be anywhere: one pass over every value, each top-level value
            // also checked for the literals of the slot its key feeds.
            for (Map.Entry<String, Object> e : ctx.event().document().entrySet()) {
                Integer slot = keySlots.get(e.getKey());
                scanAll(ctx, e.getValue(), slot == null ? ANY_FIELD : slot, 0, active);
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
            scanValue(ctx, slot, str, active);
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

    private void scanValue(EventContext ctx, int slot, String v, long[] active) {
        if (slot == ANY_FIELD) {
            // Only keyword literals are filed under no slot.
            scanKeywords(ctx, v, active);
            return;
        }
        int n = v.length();
        if (n < ANCHOR) {
            if (anyNonAscii && !ascii(v, n)) {
                nonAscii(ctx, slot, active);
            }
            return;
        }
        long[] f = filter;
        long salt = salt(slot);
        char c0 = v.charAt(0);
        char c1 = v.charAt(1);
        char c2 = v.charAt(2);
        int seen = c0 | c1 | c2; // every character OR-ed: ≥ 0x80 when one is not ASCII
        long key = ((long) fold(c0) << 32) | ((long) fold(c1) << 16) | fold(c2);
        for (int i = ANCHOR - 1; i < n; i++) {
            char c = v.charAt(i);
            seen |= c;
            key = (key << 16) | (c < 0x80 ? FOLD[c] : Character.toLowerCase(c));
            long salted = key ^ salt;
            long h = salted * MUL;
            int bit = (int) (h >>> (64 - FILTER_BITS));
            if ((f[bit >>> 6] & (1L << bit)) == 0) {
                continue;
            }
            int p = (int) ((salted * MUL2) >>> tableShift);
            while (heads[p] >= 0) {
                if (keys[p] == salted) {
                    for (int e = heads[p]; e >= 0; e = entryNext[e]) {
                        int es = entrySlot[e];
                        if (es != slot && es != ANY_FIELD) {
                            continue;
                        }
                        int id = entryId[e];
                        if (ctx.isHit(id)) {
                            continue; // found before in this event: its rules are active already
                        }
                        String lit = entryLiteral[e];
                        int start = i - (ANCHOR - 1) - entryOffset[e];
                        if (start >= 0 && start + lit.length() <= n && foldedAt(v, start, lit)) {
                            ctx.hit(id);
                            for (int r : entryRules[e]) {
                                active[r >>> 6] |= 1L << r;
                            }
                        }
                    }
                    break;
                }
                p = (p + 1) & mask;
            }
        }
        if (seen >= 0x80 && anyNonAscii) {
            nonAscii(ctx, slot, active);
        }
    }

    /** Finds the keyword literals in a value that feeds no rule's field (see {@link #pairFilter}). */
    private void scanKeywords(EventContext ctx, String v, long[] active) {
        int n = v.length();
        if (n < ANCHOR || kwLiteral.length == 0) {
            if (anyNonAscii && !ascii(v, n)) {
                nonAscii(ctx, ANY_FIELD, active);
            }
            return;
        }
        long[] f = pairFilter;
        char c0 = v.charAt(0);
        int seen = c0;
        int prev = c0 < 0x80 ? FOLD[c0] : Character.toLowerCase(c0) & 0xFF;
        for (int i = 1; i < n; i++) {
            char c = v.charAt(i);
            seen |= c;
            int cur = c < 0x80 ? FOLD[c] : Character.toLowerCase(c) & 0xFF;
            int pair = (prev << 8) | cur;
            prev = cur;
            if ((f[pair >>> 6] & (1L << pair)) != 0) {
                keywordsAt(ctx, v, i - 1, pair, active);
            }
        }
        if (seen >= 0x80 && anyNonAscii) {
            nonAscii(ctx, ANY_FIELD, active);
        }
    }

    private void keywordsAt(EventContext ctx, String v, int at, int pair, long[] active) {
        int mask = pairKeys.length - 1;
        int p = (pair * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(pairKeys.length)) & mask;
        while (pairHeads[p] >= 0) {
            if (pairKeys[p] == pair) {
                for (int k = pairHeads[p]; k >= 0; k = kwNext[k]) {
                    int id = kwId[k];
                    if (ctx.isHit(id)) {
                        continue;
                    }
                    String lit = kwLiteral[k];
                    int start = at - kwOffset[k];
                    if (start >= 0 && start + lit.length() <= v.length() && foldedAt(v, start, lit)) {
                        ctx.hit(id);
                        for (int r : kwRules[k]) {
                            active[r >>> 6] |= 1L << r;
                        }
                    }
                }
                return;
            }
            p = (p + 1) & mask;
        }
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

    private static boolean foldedAt(String v, int start, String lit) {
        for (int k = 0, len = lit.length(); k < len; k++) {
            if (fold(v.charAt(start + k)) != lit.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Collects (slot, literal, rule) triples and builds the index. */
    public static final class Builder {
        private final Map<Long, Map<String, Draft>> bySlotLiteral = new LinkedHashMap<>();
        private final Map<Integer, Draft> nonAscii = new LinkedHashMap<>();
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
            Draft d = NON_ASCII.equals(literal) ? nonAscii.computeIfAbsent(slot, x -> new Draft(id >= 0 ? id : nextId++))
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
                        long g = gram(lit, i);
                        if (seen.add(g)) {
                            share.merge(g, 1, Integer::sum);
                        }
                    }
                }
            }
            List<Integer> eSlot = new ArrayList<>();
            List<Integer> eOffset = new ArrayList<>();
            List<String> eLit = new ArrayList<>();
            List<int[]> eRules = new ArrayList<>();
            List<Integer> eId = new ArrayList<>();
            List<Long> eKey = new ArrayList<>();
            java.util.TreeSet<Integer> slotSet = new java.util.TreeSet<>(nonAscii.keySet());
            for (Map.Entry<Long, Map<String, Draft>> bySlot : bySlotLiteral.entrySet()) {
                int slot = (int) (bySlot.getKey() >> 32);
                slotSet.add(slot);
                for (Map.Entry<String, Draft> e : bySlot.getValue().entrySet()) {
                    String lit = e.getKey();
                    int best = 0;
                    int bestShare = Integer.MAX_VALUE;
                    for (int i = 0; i + ANCHOR <= lit.length(); i++) {
                        int s = share.get(gram(lit, i));
                        if (s < bestShare) {
                            bestShare = s;
                            best = i;
                        }
                    }
                    eSlot.add(slot);
                    eOffset.add(best);
                    eLit.add(lit);
                    eRules.add(e.getValue().rules.stream().distinct().mapToInt(Integer::intValue).toArray());
                    eId.add(e.getValue().id);
                    eKey.add(gram(lit, best));
                }
            }
            // Each entry is filed under its slot's salt; a keyword literal under every slot's (and
            // its own, for values no slot reads), so one probe per character serves both.
            int logical = eLit.size();
            for (int e = 0; e < logical; e++) {
                int slot = eSlot.get(e);
                eKey.set(e, eKey.get(e) ^ salt(slot));
                if (slot != ANY_FIELD) {
                    continue;
                }
                for (int other : slotSet) {
                    if (other == ANY_FIELD) {
                        continue;
                    }
                    eSlot.add(ANY_FIELD);
                    eOffset.add(eOffset.get(e));
                    eLit.add(eLit.get(e));
                    eRules.add(eRules.get(e));
                    eId.add(eId.get(e));
                    eKey.add(eKey.get(e) ^ salt(ANY_FIELD) ^ salt(other));
                }
            }
            int distinctKeys = (int) eKey.stream().distinct().count();
            int cap = Integer.highestOneBit(Math.max(16, distinctKeys * 2 - 1)) << 1;
            long[] keys = new long[cap];
            int[] heads = new int[cap];
            java.util.Arrays.fill(heads, -1);
            long[] filter = new long[(1 << FILTER_BITS) / 64];
            int[] next = new int[eLit.size()];
            java.util.Arrays.fill(next, -1);
            for (int e = 0; e < eLit.size(); e++) {
                long key = eKey.get(e);
                long h = key * MUL;
                int bit = (int) (h >>> (64 - FILTER_BITS));
                filter[bit >>> 6] |= 1L << bit;
                int p = (int) ((key * MUL2) >>> (64 - Integer.numberOfTrailingZeros(cap)));
                while (heads[p] >= 0 && keys[p] != key) {
                    p = (p + 1) & (cap - 1);
                }
                if (heads[p] >= 0) {
                    next[e] = heads[p];
                }
                keys[p] = key;
                heads[p] = e;
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
            return new Prefilter(slotSet.stream().mapToInt(Integer::intValue).toArray(), keySlots, extra, filter,
                    keys, heads,
                    eSlot.stream().mapToInt(Integer::intValue).toArray(),
                    eOffset.stream().mapToInt(Integer::intValue).toArray(), next, eLit.toArray(String[]::new),
                    eRules.toArray(int[][]::new), eId.stream().mapToInt(Integer::intValue).toArray(), naId, naRules);
        }

        /** At least four characters, each {@link Prefilter#acceptable}. */
        public static boolean usable(String literal) {
            if (NON_ASCII.equals(literal)) {
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

        private static long gram(String s, int i) {
            return ((long) s.charAt(i) << 48) | ((long) s.charAt(i + 1) << 32) | ((long) s.charAt(i + 2) << 16)
                    | s.charAt(i + 3);
        }
    }
}
