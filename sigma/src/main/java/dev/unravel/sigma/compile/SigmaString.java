package dev.unravel.sigma.compile;

import dev.unravel.sigma.match.ValueTest.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma string value as tokens: characters, {@code *} ({@link Glob#STAR}), {@code ?}
 * ({@link Glob#ANY}), windash positions ({@link Glob#DASH}) and, under {@code expand}, named
 * placeholders.
 *
 * <p>Escapes follow rules §Escape Character: a backslash escapes the next character when that is
 * {@code *}, {@code ?} or {@code \} (and, under {@code expand}, {@code %}); any other backslash is
 * a plain backslash. So {@code \*} is a star, {@code \\*} a backslash then a wildcard,
 * {@code \\\*} a backslash then a star, and {@code \\\\} two backslashes.
 */
final class SigmaString {
    /** Token values below this are placeholders: {@code PLACEHOLDER - index}. */
    static final int PLACEHOLDER = -100;

    final int[] tokens;
    final List<String> placeholders;

    private SigmaString(int[] tokens, List<String> placeholders) {
        this.tokens = tokens;
        this.placeholders = placeholders;
    }

    static SigmaString plain(String s) {
        int[] t = new int[s.length()];
        for (int i = 0; i < t.length; i++) {
            t[i] = s.charAt(i);
        }
        return new SigmaString(t, List.of());
    }

    static SigmaString parse(String s, boolean expand) {
        int[] out = new int[s.length()];
        int n = 0;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char next = s.charAt(i + 1);
                if (next == '*' || next == '?' || next == '\\' || (expand && next == '%')) {
                    out[n++] = next;
                    i++;
                    continue;
                }
                out[n++] = c;
            } else if (c == '*') {
                out[n++] = Glob.STAR;
            } else if (c == '?') {
                out[n++] = Glob.ANY;
            } else if (expand && c == '%') {
                int end = s.indexOf('%', i + 1);
                if (end > i + 1) {
                    names.add(s.substring(i + 1, end));
                    out[n++] = PLACEHOLDER - (names.size() - 1);
                    i = end;
                } else {
                    out[n++] = c;
                }
            } else {
                out[n++] = c;
            }
        }
        return new SigmaString(java.util.Arrays.copyOf(out, n), List.copyOf(names));
    }

    boolean hasWildcards() {
        for (int t : tokens) {
            if (t == Glob.STAR || t == Glob.ANY) {
                return true;
            }
        }
        return false;
    }

    boolean hasPlaceholders() {
        return !placeholders.isEmpty();
    }

    /** The text when every token is a character; null otherwise. */
    String plainText() {
        StringBuilder b = new StringBuilder(tokens.length);
        for (int t : tokens) {
            if (t < 0) {
                return null;
            }
            b.append((char) t);
        }
        return b.toString();
    }

    static SigmaString ofTokens(int[] tokens) {
        return new SigmaString(tokens, List.of());
    }

    /** Replaces each placeholder by one of its values (each value a Sigma string with wildcards), all combinations. */
    List<SigmaString> expand(List<List<SigmaString>> values, int limit) {
        List<int[]> acc = new ArrayList<>();
        acc.add(new int[0]);
        int start = 0;
        for (int i = 0; i <= tokens.length; i++) {
            if (i == tokens.length || tokens[i] <= PLACEHOLDER) {
                int[] lit = java.util.Arrays.copyOfRange(tokens, start, i);
                acc = append(acc, List.of(lit));
                if (i < tokens.length) {
                    List<int[]> options = new ArrayList<>();
                    for (SigmaString v : values.get(PLACEHOLDER - tokens[i])) {
                        options.add(v.tokens);
                    }
                    acc = append(acc, options);
                    if (acc.size() > limit) {
                        throw new IllegalArgumentException("placeholder expansion exceeds " + limit + " values");
                    }
                }
                start = i + 1;
            }
        }
        List<SigmaString> out = new ArrayList<>();
        for (int[] t : acc) {
            out.add(new SigmaString(t, List.of()));
        }
        return out;
    }

    private static List<int[]> append(List<int[]> acc, List<int[]> suffixes) {
        List<int[]> out = new ArrayList<>(acc.size() * Math.max(1, suffixes.size()));
        for (int[] a : acc) {
            for (int[] s : suffixes) {
                int[] c = java.util.Arrays.copyOf(a, a.length + s.length);
                System.arraycopy(s, 0, c, a.length, s.length);
                out.add(c);
            }
        }
        return out;
    }

    /** Rule-style text for messages: wildcards shown as written, escapes added back. */
    static String show(int[] tokens) {
        StringBuilder b = new StringBuilder();
        for (int t : tokens) {
            if (t == Glob.STAR) {
                b.append('*');
            } else if (t == Glob.ANY) {
                b.append('?');
            } else if (t == Glob.DASH) {
                b.append("[-/\u2013\u2014\u2015]");
            } else if (t <= PLACEHOLDER) {
                b.append("%placeholder%");
            } else if (t == '*' || t == '?') {
                b.append('\\').append((char) t);
            } else {
                b.append((char) t);
            }
        }
        return b.toString();
    }
}
