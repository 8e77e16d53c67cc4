package dev.unravel.sigma.match;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Adjacent character pairs a value must hold, the second half of a {@link Gate}. A gate's one
 * character is often common where the rule's text is not: Raspberry Robin's expression needs a
 * dot (three command lines in four have one) followed by a space or a quote (almost none has
 * that); Potential Dosfuscation Activity needs {@code ^}, {@code ;}, {@code (} or {@code %}, but
 * as {@code ^^}, {@code ;;}, {@code (,} or a letter beside a caret.
 *
 * <p>Characters are read as codes: every ASCII letter (either case) is one code, every digit
 * another, each punctuation character and the space its own, the other control characters one
 * more; a pair is {@code first × 64 + second}, and one of its two is always a given punctuation
 * character or the space, its anchor. A {@link Check} finds the anchors with {@code indexOf}
 * (vectorised for Latin-1 text) and looks at the character beside each: no pass of its own over
 * the value, nothing to clear. A character past ASCII beside an anchor passes: lower-casing maps
 * KELVIN SIGN and DOTTED CAPITAL I to ASCII letters, and RE2 folds LONG S to s (an anchor, being
 * ASCII punctuation, only ever comes from itself).
 */
public final class Pairs {
    private Pairs() {
    }

    static final int CODES = 64;
    static final int LETTER = 1;
    static final int DIGIT = 2;
    private static final int CONTROL = 3;
    private static final byte[] CODE = new byte[128];

    static {
        int next = CONTROL + 1;
        for (char c = 0; c < 128; c++) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                CODE[c] = LETTER;
            } else if (c >= '0' && c <= '9') {
                CODE[c] = DIGIT;
            } else if (c < ' ' || c == 127) {
                CODE[c] = CONTROL;
            } else {
                CODE[c] = (byte) next++; // the space and the 32 punctuation characters
            }
        }
    }

    /** The code of an ASCII character. */
    static int code(char c) {
        return CODE[c];
    }

    /** Longest list of pairs a gate keeps: past that, checking costs more than it spares. */
    private static final int MAX_PAIRS = 16;

    /**
     * How often a pair of codes stands in event text, on a rough scale: two letters or digits
     * always (never chosen); a letter or digit beside a punctuation character as often as that
     * character; two punctuation characters together a quarter of that, except the pairs that
     * Windows paths and command lines are made of.
     */
    static int weight(int a, int b) {
        boolean wa = a == LETTER || a == DIGIT;
        boolean wb = b == LETTER || b == DIGIT;
        if ((wa || a == CONTROL) && (wb || b == CONTROL)) {
            return 10_000; // no anchor (and two letters or digits are everywhere)
        }
        if (wa || wb) {
            return commonness(wa ? b : a);
        }
        int pair = a * CODES + b;
        for (int common : COMMON) {
            if (common == pair) {
                return 100;
            }
        }
        return (commonness(a) + commonness(b)) / 4;
    }

    private static final int[] COMMON = commonPairs(":\\", "\\\\", " -", " /", " \"", "\" ", ".\\", "\\.", ", ", " '",
            "' ", "=\"", "--", "  ", "//", ":/", "\\ ", " \\", "_-", "-_", "..");

    private static int[] commonPairs(String... pairs) {
        int[] out = new int[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            out[i] = code(pairs[i].charAt(0)) * CODES + code(pairs[i].charAt(1));
        }
        return out;
    }

    private static int commonness(int code) {
        return code > CONTROL ? ValueTest.LiteralSet.commonness(CHAR[code]) : 10;
    }

    /** The one character of a code above {@link #CONTROL}. */
    private static final char[] CHAR = new char[CODES];

    static {
        for (char c = ' '; c < 127; c++) {
            if (CODE[c] > CONTROL) {
                CHAR[CODE[c]] = c;
            }
        }
    }

    /**
     * The rarest adjacent pair of a (lower-cased) literal, or null when it has none worth a check
     * (shorter than two characters, a character past ASCII, or only letters and digits).
     */
    static int[] ofLiteral(String literal) {
        int best = -1;
        int bestWeight = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < literal.length(); i++) {
            char a = literal.charAt(i);
            char b = literal.charAt(i + 1);
            if (a >= 128 || b >= 128) {
                return null;
            }
            int w = weight(code(a), code(b));
            if (w < bestWeight) {
                bestWeight = w;
                best = code(a) * CODES + code(b);
            }
        }
        return best < 0 || bestWeight >= 10_000 ? null : new int[] {best};
    }

    /** One pair per literal, together; null when one of them has none. */
    static int[] ofLiterals(List<String> literals) {
        TreeSet<Integer> all = new TreeSet<>();
        for (String l : literals) {
            int[] p = ofLiteral(l);
            if (p == null) {
                return null;
            }
            all.add(p[0]);
        }
        return all.size() > MAX_PAIRS ? null : all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * From necessary runs of character classes (two longs, a 128-bit ASCII mask, per class): the
     * code pairs of the two adjacent classes of one run that are least common together, at most
     * {@link #MAX_PAIRS}; null when no run has two classes worth it.
     */
    static int[] ofRuns(long[][] runs) {
        int[] best = null;
        int bestWeight = Integer.MAX_VALUE;
        for (long[] run : runs) {
            for (int k = 0; k + 3 < run.length; k += 2) {
                List<Integer> first = codes(run[k], run[k + 1]);
                List<Integer> second = codes(run[k + 2], run[k + 3]);
                if (first.size() * second.size() > MAX_PAIRS) {
                    continue;
                }
                int w = 0;
                List<Integer> pairs = new ArrayList<>();
                for (int a : first) {
                    for (int b : second) {
                        w += weight(a, b);
                        pairs.add(a * CODES + b);
                    }
                }
                if (w < bestWeight) {
                    bestWeight = w;
                    best = pairs.stream().mapToInt(Integer::intValue).sorted().toArray();
                }
            }
        }
        return bestWeight >= 10_000 ? null : best;
    }

    /** The distinct codes of the characters in a 128-bit ASCII mask. */
    private static List<Integer> codes(long lo, long hi) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int c = 0; c < 128; c++) {
            if (((c < 64 ? lo >>> c : hi >>> (c - 64)) & 1) != 0) {
                out.add(CODE[c] & 0xFF);
            }
        }
        return new ArrayList<>(out);
    }

    /** Pairs of both lists; null when either has none (then nothing is known). */
    static int[] union(int[] a, int[] b) {
        if (a == null || b == null) {
            return null;
        }
        TreeSet<Integer> all = new TreeSet<>();
        for (int p : a) {
            all.add(p);
        }
        for (int p : b) {
            all.add(p);
        }
        return all.size() > MAX_PAIRS ? null : all.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * A compiled list of pairs: per anchor character and side, the codes that may stand beside
     * it, as a 64-bit mask.
     */
    public static final class Check {
        private final char[] anchors;
        /** Per anchor: whether it is the first of its pairs (the other character follows it). */
        private final boolean[] first;
        private final long[] others;

        /** The pairs as given, for uniting gates. */
        private final int[] pairs;

        /** A check of {@code pairs}; null for null (nothing known). */
        public static Check of(int[] pairs) {
            return pairs == null ? null : new Check(pairs);
        }

        /** The pairs of {@code check}; null for a null check. */
        static int[] list(Check check) {
            return check == null ? null : check.pairs;
        }

        private Check(int[] pairs) {
            this.pairs = pairs.clone();
            java.util.Map<Integer, Long> byAnchor = new java.util.TreeMap<>();
            for (int p : pairs) {
                int a = p / CODES;
                int b = p % CODES;
                // the anchor: a given character; the rarer one when both are
                boolean anchorFirst = a > CONTROL && (b <= CONTROL || commonness(a) <= commonness(b));
                int anchor = anchorFirst ? a : b;
                int other = anchorFirst ? b : a;
                byAnchor.merge(anchor * 2 + (anchorFirst ? 1 : 0), 1L << other, (x, y) -> x | y);
            }
            anchors = new char[byAnchor.size()];
            first = new boolean[anchors.length];
            others = new long[anchors.length];
            int k = 0;
            for (java.util.Map.Entry<Integer, Long> e : byAnchor.entrySet()) {
                anchors[k] = CHAR[e.getKey() / 2];
                first[k] = e.getKey() % 2 == 1;
                others[k] = e.getValue();
                k++;
            }
        }

        /** Whether {@code v} holds one of the pairs (or a character past ASCII beside an anchor). */
        public boolean holds(String v) {
            int n = v.length();
            for (int k = 0; k < anchors.length; k++) {
                char a = anchors[k];
                int step = first[k] ? 1 : -1;
                long ok = others[k];
                for (int i = v.indexOf(a); i >= 0; i = v.indexOf(a, i + 1)) {
                    int j = i + step;
                    if (j >= 0 && j < n) {
                        char o = v.charAt(j);
                        if (o >= 128 || (ok & (1L << CODE[o])) != 0) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}
