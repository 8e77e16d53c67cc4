package dev.unravel.sigma.match;

import com.google.re2j.Pattern;
import dev.unravel.core.net.IpAddress;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;

/**
 * A test of one scalar field value against one rule value, after modifiers were applied. Tests are
 * immutable once their rule set is built ({@link #useScanFindings} is the one step after
 * construction) and shared by every thread; they never allocate on the common paths (string tests
 * work on the cached lower-cased text, numbers compare without boxing).
 */
public abstract class ValueTest {

    /**
     * @param raw   the scalar value (String, Number, Boolean; never null, a Map or a List)
     * @param text  its text form
     * @param lower the lower-cased text, or null when {@link #needsLower()} is false
     * @param ctx   the event, for tests that read another field
     */
    public abstract boolean test(Object raw, String text, String lower, EventContext ctx);


    /** Whether the test reads the lower-cased text. */
    public boolean needsLower() {
        return false;
    }

    /**
     * Whether the test searches through the value (rather than comparing at its start or end, or
     * looking something up): its cost grows with the value's length.
     */
    public boolean searches() {
        return false;
    }

    /** Relative cost, to order AND/OR children cheapest first. */
    public int cost() {
        return 1;
    }

    /**
     * Presence bits (two longs, {@link EventContext#presenceBit}) at least one of which the text
     * of any value passing this test has, or null when the test needs no particular character.
     * See {@link Gate}.
     */
    public long[] gate() {
        return null;
    }

    /**
     * Adjacent character pairs ({@link Pairs}) one of which the text of any value passing this
     * test holds, or null when none is known. See {@link Gate}.
     */
    public int[] pairs() {
        return null;
    }

    /**
     * Tells a test of field {@code slot} which of its literals the prefilter indexes for that
     * field in every bucket where its rule is evaluated: {@code idOf} gives a literal's number
     * ({@link EventContext#isHit}), or −1 when it is not indexed. A "contains" test whose literals
     * all are can then be answered from what the scan found. Called once, while the rule set is
     * built, before any matching.
     */
    public void useScanFindings(int slot, java.util.function.ToIntFunction<String> idOf) {
    }

    /** Whether {@link #useScanFindings} made this test answer from the scan where it can. */
    public boolean usesScanFindings() {
        return false;
    }

    /**
     * Numbers of every literal of a case-insensitive "contains" test, when the prefilter indexes
     * them all; else null.
     */
    static int[] scanIds(Position position, boolean cased, java.util.List<String> literals,
            java.util.function.ToIntFunction<String> idOf) {
        if (position != Position.CONTAINS || cased || literals.isEmpty()) {
            return null;
        }
        int[] ids = new int[literals.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = idOf.applyAsInt(literals.get(i));
            if (ids[i] < 0) {
                return null;
            }
        }
        return ids;
    }

    /**
     * The answer of a "contains" test from the scan's findings, or null when the scan did not
     * read this value in full (a list element, a short or strided value, text past ASCII).
     */
    static Boolean fromScan(int slot, int[] ids, Object raw, EventContext ctx) {
        if (ids == null || ctx == null || !ctx.wasScannedAscii(slot, raw)) {
            return null;
        }
        for (int id : ids) {
            if (ctx.isHit(id)) {
                return Boolean.TRUE;
            }
        }
        return Boolean.FALSE;
    }

    /** A short description for explanations and debugging. */
    @Override
    public abstract String toString();

    // ------------------------------------------------------------------ strings

    /** Position of a literal: the whole value, its start, its end, or anywhere. */
    public enum Position { EQUALS, PREFIX, SUFFIX, CONTAINS }

    /** A wildcard-free string compared at a position, case-insensitively or exactly. */
    public static final class Literal extends ValueTest {
        private final String literal;
        private final Position position;
        private final boolean cased;
        private int scanSlot;
        /** See {@link #useScanFindings}: set once while the rule set is built. */
        private int[] scanIds;

        public Literal(String literal, Position position, boolean cased) {
            this.literal = literal;
            this.position = position;
            this.cased = cased;
        }

        @Override
        public void useScanFindings(int slot, java.util.function.ToIntFunction<String> idOf) {
            scanSlot = slot;
            scanIds = scanIds(position, cased, java.util.List.of(literal), idOf);
        }

        @Override
        public boolean usesScanFindings() {
            return scanIds != null;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (scanIds != null) {
                Boolean found = fromScan(scanSlot, scanIds, raw, ctx);
                if (found != null) {
                    return found;
                }
            }
            String v = cased ? text : lower;
            return switch (position) {
                case EQUALS -> v.equals(literal);
                case PREFIX -> v.startsWith(literal);
                case SUFFIX -> v.endsWith(literal);
                case CONTAINS -> v.contains(literal);
            };
        }

        @Override
        public boolean needsLower() {
            return !cased;
        }

        @Override
        public boolean searches() {
            return position == Position.CONTAINS;
        }

        public String literal() {
            return literal;
        }

        @Override
        public long[] gate() {
            return literal.isEmpty() ? null : Gate.bitsOf(LiteralSet.keyChar(literal), new long[2]);
        }

        @Override
        public int[] pairs() {
            return Pairs.ofLiteral(literal);
        }

        public Position position() {
            return position;
        }

        public boolean cased() {
            return cased;
        }

        @Override
        public String toString() {
            return position.name().toLowerCase(java.util.Locale.ROOT) + (cased ? "(cased) " : " ") + "'" + literal + "'";
        }
    }

    /**
     * Many wildcard-free values of one position, OR-linked ({@code Image|endswith: [50 names]}):
     * one test instead of fifty. Equality, prefixes and suffixes are looked up by the value's first
     * or last few characters ({@link AnchoredLiterals}); "contains" literals are bucketed by first
     * character with a single scan over the value, so the cost follows the value's length, not the
     * number of rule values.
     */
    public static final class LiteralSet extends ValueTest {
        private final Position position;
        private final boolean cased;
        /** Equality with an empty literal among the values: a hash set (else null). */
        private final java.util.Set<String> exact;
        /** Prefixes, suffixes and equality (no empty literal): looked up by their anchor characters. */
        private final AnchoredLiterals anchored;
        /** "contains": the literals by first character. */
        private final java.util.Map<Character, String[]> byChar;
        private final String[][] latin;
        private final long otherMask;
        private final int minLength;
        private final int size;
        private final java.util.List<String> literals;
        /** "contains": presence bits of one key character per literal (see {@link #keyChar}); 0/0 for none. */
        private final long keyLo;
        private final long keyHi;
        private int scanSlot;
        /** See {@link #useScanFindings}: set once while the rule set is built. */
        private int[] scanIds;

        @Override
        public void useScanFindings(int slot, java.util.function.ToIntFunction<String> idOf) {
            scanSlot = slot;
            scanIds = scanIds(position, cased, literals, idOf);
        }

        @Override
        public boolean usesScanFindings() {
            return scanIds != null;
        }

        public LiteralSet(java.util.List<String> literals, Position position, boolean cased) {
            this.position = position;
            this.cased = cased;
            this.size = literals.size();
            this.literals = java.util.List.copyOf(literals);
            int min = Integer.MAX_VALUE;
            for (String l : literals) {
                min = Math.min(min, l.length());
            }
            this.minLength = min;
            long lo = 0;
            long hi = 0;
            if (position == Position.CONTAINS && min > 0) {
                for (String l : literals) {
                    int b = EventContext.presenceBit(keyChar(l));
                    if (b < 64) {
                        lo |= 1L << b;
                    } else {
                        hi |= 1L << b;
                    }
                }
            }
            this.keyLo = lo;
            this.keyHi = hi;
            this.exact = position == Position.EQUALS && min == 0 ? new java.util.HashSet<>(literals) : null;
            this.anchored = position != Position.CONTAINS && min > 0 && min != Integer.MAX_VALUE
                    ? new AnchoredLiterals(this.literals, position) : null;
            if (position != Position.CONTAINS) {
                this.byChar = null;
                this.latin = null;
                this.otherMask = 0;
            } else {
                java.util.Map<Character, java.util.List<String>> m = new java.util.HashMap<>();
                for (String l : literals) {
                    if (l.isEmpty()) {
                        m.computeIfAbsent('\0', k -> new java.util.ArrayList<>()).add(l);
                        continue;
                    }
                    m.computeIfAbsent(l.charAt(0), k -> new java.util.ArrayList<>()).add(l);
                }
                this.byChar = new java.util.HashMap<>();
                this.latin = new String[256][];
                long mask = 0;
                for (java.util.Map.Entry<Character, java.util.List<String>> e : m.entrySet()) {
                    char k = e.getKey();
                    String[] arr = e.getValue().toArray(String[]::new);
                    if (k < 256) {
                        latin[k] = arr;
                    } else {
                        byChar.put(k, arr);
                        mask |= 1L << (k & 63);
                    }
                }
                this.otherMask = mask;
            }
        }

        /**
         * The character of a (non-empty) literal least likely to occur in event text: non-ASCII
         * first, then punctuation other than path and command-line separators, then the rest.
         * Any choice is correct — a value containing the literal contains each of its characters
         * — the rarest only makes the precheck reject more often.
         */
        static char keyChar(String l) {
            char best = l.charAt(0);
            int bestScore = Integer.MAX_VALUE;
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                int s = commonness(c);
                if (s < bestScore) {
                    bestScore = s;
                    best = c;
                }
            }
            return best;
        }

        /** How often {@code c} occurs in event text, on a rough scale (0 for non-ASCII, 100 for a space). */
        static int commonness(char c) {
            if (c >= 127) {
                return 0;
            }
            if (c >= 'a' && c <= 'z') {
                return "etaoinsrlcdhmupfgwybvkxjqz".indexOf(c) + 74;
            }
            if (c >= 'A' && c <= 'Z') {
                return 40;
            }
            if (c >= '0' && c <= '9') {
                return 60;
            }
            return switch (c) {
                case ' ' -> 100;
                case '\\' -> 99;
                case '.' -> 98;
                case '-' -> 70;
                case ':', '/', '_' -> 50;
                case '"', '\'', '=' -> 30;
                case ',', '%', '~' -> 20;
                default -> 10;
            };
        }

        private String[] candidates(char c) {
            if (c < 256) {
                return latin[c];
            }
            return (otherMask & (1L << (c & 63))) == 0 ? null : byChar.get(c);
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (scanIds != null) {
                Boolean found = fromScan(scanSlot, scanIds, raw, ctx);
                if (found != null) {
                    return found;
                }
            }
            String v = cased ? text : lower;
            int n = v.length();
            if (n < minLength) {
                return false;
            }
            if (minLength == 0 && position != Position.EQUALS) {
                return true; // an empty prefix, suffix or substring is in every value
            }
            switch (position) {
                case EQUALS:
                    return anchored != null ? anchored.matches(v) : exact.contains(v);
                case PREFIX:
                case SUFFIX:
                    return anchored.matches(v);
                default: {
                    // Every literal has its key character; a value with none of them holds none.
                    if (ctx != null ? !ctx.hasAnyOf(v, keyLo, keyHi) : !hasAnyOfSlow(v)) {
                        return false;
                    }
                    for (int i = 0, max = n - minLength; i <= max; i++) {
                        String[] c = candidates(v.charAt(i));
                        if (c == null) {
                            continue;
                        }
                        // Common first characters (space, dash, backslash) are told apart
                        // by the second character before the whole literal is compared.
                        char second = i + 1 < n ? v.charAt(i + 1) : 0;
                        for (String l : c) {
                            if (l.length() > 1 && l.charAt(1) != second) {
                                continue;
                            }
                            if (v.startsWith(l, i)) {
                                return true;
                            }
                        }
                    }
                    return false;
                }
            }
        }

        @Override
        public boolean needsLower() {
            return !cased;
        }

        @Override
        public long[] gate() {
            if (minLength == 0) {
                return null;
            }
            long[] m = new long[2];
            for (String l : literals) {
                Gate.bitsOf(keyChar(l), m);
            }
            return m;
        }

        @Override
        public int[] pairs() {
            return Pairs.ofLiterals(literals);
        }

        public java.util.List<String> literals() {
            return literals;
        }

        public Position position() {
            return position;
        }

        public boolean cased() {
            return cased;
        }

        private boolean hasAnyOfSlow(String v) {
            for (int i = 0; i < v.length(); i++) {
                int b = EventContext.presenceBit(v.charAt(i));
                if (((b < 64 ? keyLo >>> b : keyHi >>> (b - 64)) & 1) != 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean searches() {
            return position == Position.CONTAINS;
        }

        @Override
        public int cost() {
            return 2;
        }

        @Override
        public String toString() {
            return position.name().toLowerCase(java.util.Locale.ROOT) + " any of " + size + " values";
        }
    }

    /**
     * A string with wildcards: tokens are chars ({@code >= 0}), {@link #ANY} (one char, {@code ?}),
     * {@link #DASH} (one of the windash characters); {@link #STAR} separates segments. Matching is
     * greedy-leftmost per segment, which is exact for fixed-length segments and runs in
     * O(value × pattern) at worst.
     */
    public static final class Glob extends ValueTest {
        public static final int STAR = -1;
        public static final int ANY = -2;
        public static final int DASH = -3;

        private final int[][] segments;
        private final boolean anchoredStart;
        private final boolean anchoredEnd;
        private final boolean cased;
        private final String shown;

        public Glob(int[] tokens, boolean cased, String shown) {
            java.util.List<int[]> segs = new java.util.ArrayList<>();
            int start = 0;
            for (int i = 0; i <= tokens.length; i++) {
                if (i == tokens.length || tokens[i] == STAR) {
                    segs.add(java.util.Arrays.copyOfRange(tokens, start, i));
                    start = i + 1;
                }
            }
            this.anchoredStart = tokens.length == 0 || tokens[0] != STAR;
            this.anchoredEnd = tokens.length == 0 || tokens[tokens.length - 1] != STAR;
            this.segments = segs.toArray(int[][]::new);
            this.cased = cased;
            this.shown = shown;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            String v = cased ? text : lower;
            int n = v.length();
            int segCount = segments.length;
            if (segCount == 1) {
                int[] s = segments[0];
                return s.length == n && at(v, 0, s);
            }
            int pos = 0;
            int first = 0;
            int last = segCount - 1;
            if (anchoredStart) {
                int[] s = segments[0];
                if (s.length > n || !at(v, 0, s)) {
                    return false;
                }
                pos = s.length;
                first = 1;
            }
            int endLimit = n;
            if (anchoredEnd) {
                int[] s = segments[last];
                if (s.length > n - pos || !at(v, n - s.length, s)) {
                    return false;
                }
                endLimit = n - s.length;
                last--;
            }
            for (int k = first; k <= last; k++) {
                int[] s = segments[k];
                if (s.length == 0) {
                    continue;
                }
                int found = find(v, pos, endLimit, s);
                if (found < 0) {
                    return false;
                }
                pos = found + s.length;
            }
            return pos <= endLimit;
        }

        private static int find(String v, int from, int limit, int[] s) {
            for (int i = from, max = limit - s.length; i <= max; i++) {
                if (at(v, i, s)) {
                    return i;
                }
            }
            return -1;
        }

        private static boolean at(String v, int offset, int[] s) {
            for (int j = 0; j < s.length; j++) {
                int t = s[j];
                char c = v.charAt(offset + j);
                if (t >= 0) {
                    if (c != t) {
                        return false;
                    }
                } else if (t == DASH && !isDash(c)) {
                    return false;
                }
            }
            return true;
        }

        /** The windash characters: hyphen-minus, slash, en dash, em dash, horizontal bar. */
        public static boolean isDash(char c) {
            return c == '-' || c == '/' || c == '\u2013' || c == '\u2014' || c == '\u2015';
        }

        @Override
        public boolean needsLower() {
            return !cased;
        }

        @Override
        public boolean searches() {
            return !anchoredStart && !anchoredEnd;
        }

        @Override
        public int cost() {
            return 3;
        }

        @Override
        public String toString() {
            return "glob" + (cased ? "(cased) '" : " '") + shown + "'";
        }
    }

    /**
     * A regular expression (RE2/J: linear time on any input), found anywhere in the value. When
     * the pattern's text shows a literal every match must contain, a plain substring search
     * rejects most values before the automaton runs.
     */
    public static final class Regex extends ValueTest {
        private final Pattern pattern;
        private final String required;
        private final boolean requiredInLower;
        private final boolean requiredHasS;

        private final boolean[] runClass;
        private final int runLength;
        private final long[][] sequences;
        private final boolean foldSequences;
        /** The distinct classes of all sequences, as {@link EventContext#hasEachOf} takes them. */
        private final long[] classes;

        /**
         * Each class once (a run such as {@code [a-f0-9]{64}} has one class 64 times); under case
         * folding bit 127 too, which a non-ASCII character sets (it may stand for k or s).
         */
        private static long[] distinctClasses(long[][] sequences, boolean fold) {
            java.util.LinkedHashSet<java.util.List<Long>> seen = new java.util.LinkedHashSet<>();
            for (long[] seq : sequences) {
                for (int k = 0; k < seq.length; k += 2) {
                    seen.add(java.util.List.of(seq[k], fold ? seq[k + 1] | Long.MIN_VALUE : seq[k + 1]));
                }
            }
            long[] out = new long[2 * seen.size()];
            int i = 0;
            for (java.util.List<Long> c : seen) {
                out[i++] = c.get(0);
                out[i++] = c.get(1);
            }
            return out;
        }

        /** {@link #hasSequence}, for tests. */
        public static boolean hasSequenceForTest(String text, long[] seq, boolean fold) {
            return hasSequence(text, seq, fold);
        }

        /** Whether {@code text} has consecutive characters in the classes of {@code seq}, in order. */
        static boolean hasSequence(String text, long[] seq, boolean fold) {
            int len = seq.length >> 1;
            long lo0 = seq[0];
            long hi0 = seq[1];
            for (int i = 0, max = text.length() - len; i <= max; i++) {
                char c = text.charAt(i);
                if (c >= 128) {
                    if (!fold) {
                        continue;
                    }
                    c = c == '\u212A' ? 'k' : c == '\u017F' ? 's' : c;
                    if (c >= 128) {
                        continue;
                    }
                }
                if (((c < 64 ? lo0 >>> c : hi0 >>> (c - 64)) & 1) == 0) {
                    continue;
                }
                int k = 1;
                for (; k < len; k++) {
                    char d = text.charAt(i + k);
                    if (d >= 128 && fold) {
                        d = d == '\u212A' ? 'k' : d == '\u017F' ? 's' : d;
                    }
                    if (d >= 128 || ((d < 64 ? seq[2 * k] >>> d : seq[2 * k + 1] >>> (d - 64)) & 1) == 0) {
                        break;
                    }
                }
                if (k == len) {
                    return true;
                }
            }
            return false;
        }

        public Regex(Pattern pattern) {
            this(pattern, null, false, null, 0);
        }

        public Regex(Pattern pattern, String required, boolean requiredInLower) {
            this(pattern, required, requiredInLower, null, 0);
        }

        /**
         * @param required        a literal every match contains (original case, or lower case when
         *                        {@code requiredInLower}), or null
         */
        public Regex(Pattern pattern, String required, boolean requiredInLower, boolean[] runClass, int runLength) {
            this(pattern, required, requiredInLower, runClass, runLength, new long[0][], false);
        }

        /**
         * @param sequences necessary runs of ASCII character classes (two longs, a 128-bit mask,
         *                  per position), each of which every match contains; checked before the
         *                  automaton runs
         * @param foldSequences whether the pattern is case-insensitive (KELVIN SIGN and LONG S then
         *                  count as k and s)
         */
        public Regex(Pattern pattern, String required, boolean requiredInLower, boolean[] runClass, int runLength,
                long[][] sequences, boolean foldSequences) {
            this.sequences = sequences;
            this.foldSequences = foldSequences;
            this.classes = distinctClasses(sequences, foldSequences);
            this.pattern = pattern;
            this.required = required;
            this.requiredInLower = requiredInLower;
            this.requiredHasS = required != null && required.indexOf('s') >= 0;
            this.runClass = runClass;
            this.runLength = runLength;
        }

        /**
         * Whether every class of every necessary sequence has a character in the text, from the
         * text's presence mask (computed once per string for all the tests of an event): a
         * backtick the expression needs and the command line lacks is answered without a pass.
         * Under case folding a non-ASCII character (mask bit 127) may stand for k or s.
         */
        private boolean classesPresent(String text, EventContext ctx) {
            return ctx.hasEachOf(text, classes);
        }

        /** {@link #hasRun}, for tests. */
        public static boolean hasRunForTest(String text, boolean[] runClass, int runLength, boolean fold) {
            return hasRun(text, runClass, runLength, fold);
        }

        private boolean hasRun(String text) {
            return hasRun(text, runClass, runLength, foldSequences);
        }

        /**
         * Whether the text has {@code runLength} consecutive characters of {@code runClass}. Reads
         * each candidate window from its end backwards: a character outside the class at {@code k}
         * rules out every window holding it, so the next candidate ends at {@code k + runLength}.
         * A run of 64 hex digits is looked for in a command line in a few reads, not one per
         * character; no character is read more than twice. Under case folding KELVIN SIGN and
         * LONG S count as k and s, as RE2 folds them.
         */
        private static boolean hasRun(String text, boolean[] runClass, int runLength, boolean fold) {
            int n = text.length();
            for (int end = runLength - 1; end < n; ) {
                int k = end;
                int stop = end - runLength;
                while (k > stop) {
                    char c = text.charAt(k);
                    if (c >= 128 && fold) {
                        c = c == '\u212A' ? 'k' : c == '\u017F' ? 's' : c;
                    }
                    if (c >= 128 || !runClass[c]) {
                        break;
                    }
                    k--;
                }
                if (k == stop) {
                    return true;
                }
                end = k + runLength;
            }
            return false;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (required != null && !(requiredInLower ? lower : text).contains(required)
                    && !(requiredInLower && requiredHasS
                            && (ctx != null ? ctx.hasAnyOf(text, 0, Long.MIN_VALUE) : text.indexOf('\u017F') >= 0))) {
                // (a value with LONG S, which RE2 folds to s and lower-casing keeps, goes to the automaton)
                return false;
            }
            if (ctx != null && !classesPresent(text, ctx)) {
                return false;
            }
            if (runClass != null && !hasRun(text)) {
                return false;
            }
            for (long[] seq : sequences) {
                if (!hasSequence(text, seq, foldSequences)) {
                    return false;
                }
            }
            return pattern.matcher(text).find();
        }

        @Override
        public boolean needsLower() {
            return required != null && requiredInLower;
        }

        @Override
        public long[] gate() {
            long[] best = required == null || required.isEmpty() ? null
                    : Gate.bitsOf(LiteralSet.keyChar(required), new long[2]);
            for (int k = 0; k < classes.length; k += 2) {
                if (best == null || Gate.weight(classes[k], classes[k + 1]) < Gate.weight(best[0], best[1])) {
                    best = new long[] {classes[k], classes[k + 1]};
                }
            }
            return best;
        }

        @Override
        public int[] pairs() {
            int[] fromRuns = Pairs.ofRuns(sequences);
            return fromRuns != null || required == null ? fromRuns : Pairs.ofLiteral(required);
        }

        @Override
        public int cost() {
            return 20;
        }

        @Override
        public String toString() {
            return "re '" + pattern.pattern() + "'";
        }
    }

    /**
     * The regular expression {@code .{n,}}: a run of n characters (code points, as RE2 counts
     * them) without a line feed, or n characters in all under the {@code s} flag. Counted directly
     * instead of by an automaton with n states.
     */
    public static final class MinLength extends ValueTest {
        private final int n;
        private final boolean dotall;
        private final String shown;

        public MinLength(int n, boolean dotall, String shown) {
            this.n = n;
            this.dotall = dotall;
            this.shown = shown;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (text.length() < n) {
                return false;
            }
            if (dotall) {
                return text.codePointCount(0, text.length()) >= n;
            }
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n') {
                    run = 0;
                } else if (!Character.isLowSurrogate(c) && ++run >= n) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "re '" + shown + "' (length)";
        }
    }

    /**
     * A regular expression of literal pieces joined by {@code .*}: the pieces occur in order,
     * without overlapping, within one line (the whole value under DOTALL). Each piece is found
     * at its earliest position after the previous one; an earliest end leaves the most room for
     * the rest, so the chain fails only when no placement exists. Case-insensitive pieces are
     * ASCII and compared on the lower-cased text of ASCII values; a value with other characters
     * goes to the regular expression, whose Unicode case folding (the Kelvin sign is a k, the
     * long s an s) lower-casing does not reproduce.
     */
    public static final class OrderedLiterals extends ValueTest {
        private final String[] pieces;
        private final boolean caseInsensitive;
        private final boolean dotall;
        private final Pattern pattern;

        public OrderedLiterals(java.util.List<String> pieces, boolean caseInsensitive, boolean dotall, Pattern pattern) {
            this.pieces = pieces.toArray(String[]::new);
            this.caseInsensitive = caseInsensitive;
            this.dotall = dotall;
            this.pattern = pattern;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (caseInsensitive && (ctx != null ? ctx.hasAnyOf(text, 0, 1L << 63) : !asciiOnly(text))) {
                return pattern.matcher(text).find();
            }
            String v = caseInsensitive ? lower : text;
            int from = 0;
            int lineEnd = dotall ? v.length() : lineEnd(v, 0);
            int k = 0;
            while (k < pieces.length) {
                int at = v.indexOf(pieces[k], from);
                if (at < 0) {
                    return false;
                }
                if (at + pieces[k].length() > lineEnd) {
                    // Crossed a line break: start over with the first piece on the line where this one is.
                    int lineStart = v.lastIndexOf('\n', at) + 1;
                    if (k == 0) {
                        from = lineStart;
                        lineEnd = lineEnd(v, lineStart);
                        continue;
                    }
                    from = lineStart;
                    lineEnd = lineEnd(v, lineStart);
                    k = 0;
                    continue;
                }
                from = at + pieces[k].length();
                k++;
            }
            return true;
        }

        private static int lineEnd(String v, int from) {
            int nl = v.indexOf('\n', from);
            return nl < 0 ? v.length() : nl;
        }

        @Override
        public boolean needsLower() {
            return caseInsensitive;
        }

        @Override
        public int cost() {
            return 2 + pieces.length;
        }

        private static boolean asciiOnly(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) >= 0x7f) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "re '" + pattern.pattern() + "' (pieces in order)";
        }
    }

    // ------------------------------------------------------------------ numbers

    /**
     * A number the rule wrote: equal to a numeric value of the same magnitude, or to a string
     * that reads as the rule wrote it or in decimal ({@code EventID: 4688} matches 4688,
     * {@code "4688"}; {@code 0x10} matches 16 and {@code "0x10"}).
     */
    public static final class NumberEquals extends ValueTest {
        private final BigDecimal number;
        private final double asDouble;
        private final long asLong;
        private final boolean integral;
        private final String written;
        private final String decimal;

        public NumberEquals(BigDecimal number, String written) {
            this.number = number;
            this.asDouble = number.doubleValue();
            boolean isIntegral;
            long l = 0;
            try {
                l = number.longValueExact();
                isIntegral = true;
            } catch (ArithmeticException e) {
                isIntegral = false;
            }
            this.integral = isIntegral;
            this.asLong = l;
            this.written = written.toLowerCase(java.util.Locale.ROOT);
            this.decimal = number.stripTrailingZeros().toPlainString();
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
                return integral && ((Number) raw).longValue() == asLong;
            }
            if (raw instanceof Double || raw instanceof Float) {
                return ((Number) raw).doubleValue() == asDouble;
            }
            if (raw instanceof Number n) {
                return new BigDecimal(n.toString()).compareTo(number) == 0;
            }
            if (raw instanceof String) {
                String t = text.trim();
                return t.equalsIgnoreCase(written) || t.equals(decimal);
            }
            return false;
        }

        /** The integer this test equals, or null when the rule's number is not one. */
        public Long integral() {
            return integral ? asLong : null;
        }

        @Override
        public String toString() {
            return "= " + decimal;
        }
    }

    /** lt, lte, gt, gte: the value read as a number (a numeric string counts) compared to a bound. */
    public static final class Compare extends ValueTest {
        public enum Op { LT, LTE, GT, GTE, EQ }

        private final Op op;
        private final double bound;

        public Compare(Op op, double bound) {
            this.op = op;
            this.bound = bound;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            double v;
            if (raw instanceof Number n) {
                v = n.doubleValue();
            } else if (raw instanceof String) {
                v = parse(text);
                if (Double.isNaN(v)) {
                    return false;
                }
            } else {
                return false;
            }
            return compare(op, v, bound);
        }

        static boolean compare(Op op, double v, double bound) {
            return switch (op) {
                case LT -> v < bound;
                case LTE -> v <= bound;
                case GT -> v > bound;
                case GTE -> v >= bound;
                case EQ -> v == bound;
            };
        }

        static double parse(String s) {
            String t = s.trim();
            if (t.isEmpty() || t.length() > 40) {
                return Double.NaN;
            }
            char c = t.charAt(0);
            if (!(c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9'))) {
                return Double.NaN;
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }

        @Override
        public String toString() {
            return op.name().toLowerCase(java.util.Locale.ROOT) + " " + bound;
        }
    }

    // ------------------------------------------------------------------ time

    /** minute, hour, day, week, month, year: a part of a date value compared to a number. */
    public static final class TimePart extends ValueTest {
        public enum Unit { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

        private static final DateTimeFormatter SPACE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

        private final Unit unit;
        private final Compare.Op op;
        private final double bound;

        public TimePart(Unit unit, Compare.Op op, double bound) {
            this.unit = unit;
            this.op = op;
            this.bound = bound;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            LocalDateTime t = parse(raw, text);
            if (t == null) {
                return false;
            }
            int part = switch (unit) {
                case MINUTE -> t.getMinute();
                case HOUR -> t.getHour();
                case DAY -> t.getDayOfMonth();
                case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                case MONTH -> t.getMonthValue();
                case YEAR -> t.getYear();
            };
            return Compare.compare(op, part, bound);
        }

        /** ISO-8601 with or without offset (the offset is not converted: spec says no time zones), or "yyyy-MM-dd HH:mm:ss.fff". */
        static LocalDateTime parse(Object raw, String text) {
            if (raw instanceof java.time.Instant i) {
                return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
            }
            String s = text.trim();
            if (s.length() < 10 || s.length() > 40) {
                return null;
            }
            try {
                if (s.endsWith("Z") || s.matches(".*[+-]\\d\\d:?\\d\\d$")) {
                    return OffsetDateTime.parse(s).toLocalDateTime();
                }
                if (s.indexOf('T') > 0) {
                    return LocalDateTime.parse(s);
                }
                if (s.length() == 10) {
                    return java.time.LocalDate.parse(s).atStartOfDay();
                }
                return LocalDateTime.parse(s, SPACE);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        @Override
        public int cost() {
            return 10;
        }

        @Override
        public String toString() {
            return unit.name().toLowerCase(java.util.Locale.ROOT) + " " + op + " " + bound;
        }
    }

    // ------------------------------------------------------------------ networks

    /**
     * An IPv4 or IPv6 network; the value must be an IP address literal of the same family inside it
     * ({@code ::ffff:a.b.c.d} is IPv6 text and only an IPv6 network holds it). Addresses are read by
     * the project's one parser, {@link IpAddress}: no allocation, no name looked up.
     */
    public static final class Cidr extends ValueTest {
        private final boolean v6;
        /** The network's address, masked: for IPv4 its 32 bits in {@code lo}. */
        private final long hi;
        private final long lo;
        private final long maskHi;
        private final long maskLo;
        private final String shown;

        private Cidr(boolean v6, long hi, long lo, int prefix, String shown) {
            this.v6 = v6;
            if (v6) {
                maskHi = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
                maskLo = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
            } else {
                maskHi = 0;
                maskLo = prefix == 0 ? 0 : (0xffff_ffffL << (32 - prefix)) & 0xffff_ffffL;
            }
            this.hi = hi & maskHi;
            this.lo = lo & maskLo;
            this.shown = shown;
        }

        /** Parses {@code a.b.c.d/n} or an IPv6 {@code x::y/n}; null when it is not a CIDR. */
        public static Cidr parse(String s) {
            String t = s.trim();
            int slash = t.indexOf('/');
            String addr = slash < 0 ? t : t.substring(0, slash);
            boolean v6 = addr.indexOf(':') >= 0;
            long[] a = new long[2];
            if (v6 ? !IpAddress.parse(addr, a) : (a[1] = IpAddress.parseV4(addr)) < 0) {
                return null;
            }
            int bits = v6 ? 128 : 32;
            int prefix;
            try {
                prefix = slash < 0 ? bits : Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (prefix < 0 || prefix > bits) {
                return null;
            }
            return new Cidr(v6, v6 ? a[0] : 0, a[1], prefix, t);
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            String value = text.trim();
            if (value.isEmpty() || value.length() > 64 || (value.indexOf(':') >= 0) != v6) {
                return false;
            }
            if (!v6) {
                long v4 = IpAddress.parseV4(value);
                return v4 >= 0 && (v4 & maskLo) == lo;
            }
            long[] a = ctx.address();
            return IpAddress.parse(value, a) && (a[0] & maskHi) == hi && (a[1] & maskLo) == lo;
        }

        @Override
        public int cost() {
            return 5;
        }

        @Override
        public String toString() {
            return "cidr " + shown;
        }
    }

    // ------------------------------------------------------------------ field references

    /** fieldref: the value compared with another field of the same event. */
    public static final class FieldRef extends ValueTest {
        private final int otherSlot;
        private final Position position;
        private final boolean cased;
        private final String otherName;

        public FieldRef(int otherSlot, String otherName, Position position, boolean cased) {
            this.otherSlot = otherSlot;
            this.otherName = otherName;
            this.position = position;
            this.cased = cased;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            Object o = ctx.raw(otherSlot);
            String other = cased ? FieldPath.text(o) : ctx.lower(otherSlot);
            if (other == null) {
                return false;
            }
            String v = cased ? text : lower;
            return switch (position) {
                case EQUALS -> v.equals(other);
                case PREFIX -> v.startsWith(other);
                case SUFFIX -> v.endsWith(other);
                case CONTAINS -> v.contains(other);
            };
        }

        @Override
        public boolean needsLower() {
            return !cased;
        }

        @Override
        public String toString() {
            return "fieldref " + position + " " + otherName;
        }
    }

    /** Any of several alternatives (base64offset's three shifts, a placeholder's values). */
    public static final class AnyOf extends ValueTest {
        private final ValueTest[] options;

        public AnyOf(ValueTest[] options) {
            this.options = options;
        }

        @Override
        public boolean test(Object raw, String text, String lower, EventContext ctx) {
            for (ValueTest t : options) {
                if (t.test(raw, text, lower, ctx)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean needsLower() {
            for (ValueTest t : options) {
                if (t.needsLower()) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public int cost() {
            int c = 0;
            for (ValueTest t : options) {
                c += t.cost();
            }
            return c;
        }

        public ValueTest[] options() {
            return options.clone();
        }

        @Override
        public String toString() {
            return java.util.Arrays.toString(options);
        }
    }
}
