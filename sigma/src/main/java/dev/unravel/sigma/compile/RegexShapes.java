package dev.unravel.sigma.compile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a regular expression's text tells the compiler without running it: a literal that every
 * match must contain (for the prefilter), and the one idiom worth a dedicated test, a length
 * check written as {@code .{n,}}.
 *
 * <p>The literal extraction is conservative: it walks the top-level sequence of atoms, keeps runs
 * of plain (or escaped punctuation) characters, drops a character that a {@code ?}, {@code *} or
 * {@code {0,…}} makes optional, and ends a run at every class, group, anchor, wildcard or escape
 * it does not read as one literal character. A top-level alternation yields nothing. Only ASCII
 * literals are kept, since the prefilter compares lower-cased text and ASCII is the only range
 * where lower-casing is position for position.
 */
final class RegexShapes {
    private static final Pattern LENGTH = Pattern.compile("(\\(\\?s\\))?\\.\\{(\\d+),\\}");

    private RegexShapes() {
    }

    /**
     * The longest necessary run of one character class: for a top-level atom such as
     * {@code [a-fA-F0-9]{64}} (or {@code \d{8,}}), every match contains at least that many
     * consecutive characters of the class. Returned as {@code boolean[128]} (ASCII members) with
     * the run length in {@code runLength[0]}, or null when the pattern has no such atom of at least
     * eight repetitions or uses a class this reader does not model exactly.
     */
    static boolean[] requiredRun(String re, boolean caseInsensitive, int[] runLength) {
        if (hasTopLevelAlternation(re)) {
            return null;
        }
        boolean[] best = null;
        int bestLen = 0;
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            boolean[] cls = null;
            int next;
            if (c == '[') {
                next = skipClass(re, i);
                cls = simpleClass(re.substring(i + 1, next - 1));
            } else if (c == '\\' && i + 1 < n) {
                char d = re.charAt(i + 1);
                next = i + 2;
                cls = d == 'd' ? range('0', '9') : d == 'w' ? word() : null;
            } else if (c == '(') {
                next = skipGroup(re, i);
            } else {
                next = i + 1;
            }
            if (cls != null && next < n && re.charAt(next) == '{') {
                int close = re.indexOf('}', next);
                String body = close < 0 ? "" : re.substring(next + 1, close);
                if (body.matches("\\d+(,\\d*)?")) {
                    int k = Integer.parseInt(body.split(",")[0]);
                    if (k >= 8 && k > bestLen) {
                        bestLen = k;
                        best = caseInsensitive ? folded(cls) : cls;
                    }
                }
            }
            i = next;
        }
        runLength[0] = bestLen;
        return best;
    }

    private static boolean[] range(char a, char b) {
        boolean[] r = new boolean[128];
        for (char c = a; c <= b; c++) {
            r[c] = true;
        }
        return r;
    }

    private static boolean[] word() {
        boolean[] r = range('0', '9');
        for (char c = 'a'; c <= 'z'; c++) {
            r[c] = true;
            r[c - 32] = true;
        }
        r['_'] = true;
        return r;
    }

    private static boolean[] folded(boolean[] cls) {
        boolean[] r = cls.clone();
        for (char c = 'a'; c <= 'z'; c++) {
            if (cls[c] || cls[c - 32]) {
                r[c] = true;
                r[c - 32] = true;
            }
        }
        return r;
    }

    /** A class body of ASCII characters and ranges only (no negation, no escapes); else null. */
    private static boolean[] simpleClass(String body) {
        if (body.isEmpty() || body.startsWith("^")) {
            return null;
        }
        boolean[] r = new boolean[128];
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' || c == '[' || c >= 128) {
                return null;
            }
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                char to = body.charAt(i + 2);
                if (to == '\\' || to >= 128 || to < c) {
                    return null;
                }
                for (char x = c; x <= to; x++) {
                    r[x] = true;
                }
                i += 2;
            } else {
                r[c] = true;
            }
        }
        return r;
    }

    /** n and dotall for {@code .{n,}} (or {@code (?s).{n,}}), else null. */
    static int[] minLength(String re, boolean dotall) {
        Matcher m = LENGTH.matcher(re);
        if (!m.matches()) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(m.group(2)), dotall || m.group(1) != null ? 1 : 0};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The longest literal every match contains, lower-cased, at least four characters, or null. */
    /**
     * The pieces of a regular expression made only of literal text joined by {@code .*}
     * ({@code \+.*\+.*\+}, {@code invoke.*-enc}), in order; null for any other shape. For an
     * unanchored search such an expression holds exactly when the pieces occur in this order,
     * without overlapping, inside one line (inside the whole value under DOTALL) — which a
     * left-to-right {@code indexOf} chain decides in linear time. RE2/J's NFA instead carries a
     * thread per {@code .*} through every character (≈ 70 µs on a long command line for the
     * fourteen-piece PowerShell obfuscation rules). A leading {@code (?i)} is allowed (returned
     * pieces are then matched case-insensitively by the caller); escapes are allowed only for
     * punctuation, so {@code \d}, {@code \s}, {@code \b} and the like keep the regex.
     */
    static java.util.List<String> orderedLiterals(String re) {
        String body = re.startsWith("(?i)") ? re.substring(4) : re;
        java.util.List<String> pieces = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c == '.' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                i += 2;
                if (i < body.length() && body.charAt(i) == '?') {
                    i++; // lazy: the same set of strings for an unanchored search
                }
                if (cur.length() > 0) {
                    pieces.add(cur.toString());
                    cur.setLength(0);
                }
                continue;
            }
            if (c == '\\') {
                if (i + 1 >= body.length()) {
                    return null;
                }
                char e = body.charAt(i + 1);
                if (Character.isLetterOrDigit(e) || e > 0x7e) {
                    return null;
                }
                cur.append(e);
                i += 2;
                continue;
            }
            if (".[]{}()*+?^$|".indexOf(c) >= 0 || c == '\n' || Character.isSurrogate(c)) {
                return null;
            }
            cur.append(c);
            i++;
        }
        if (cur.length() > 0) {
            pieces.add(cur.toString());
        }
        return pieces.isEmpty() ? null : pieces;
    }

    static String requiredLiteral(String re) {
        String l = longestLiteral(re);
        return l.length() >= Requirement.MIN_LENGTH ? l.toLowerCase(Locale.ROOT) : null;
    }

    /**
     * True when an inline flag group anywhere in the pattern turns on case-insensitivity
     * ({@code (?i)}, {@code (?s)(?i)}, {@code x(?i)abc}; a scoped {@code (?i:…)} too). The
     * prechecks then fold case for the whole pattern: looser than the expression where the flag
     * applies to a part only, never stricter. An escaped or bracketed {@code (?i} that is not a
     * flag group only makes them looser too.
     */
    static boolean inlineCaseInsensitive(String re) {
        for (int j = re.indexOf("(?"); j >= 0; j = re.indexOf("(?", j + 1)) {
            int k = j + 2;
            boolean on = false;
            boolean negated = false;
            while (k < re.length() && "imsU-".indexOf(re.charAt(k)) >= 0) {
                char c = re.charAt(k);
                negated |= c == '-';
                on |= c == 'i' && !negated;
                k++;
            }
            if (on && k < re.length() && (re.charAt(k) == ')' || re.charAt(k) == ':')) {
                return true;
            }
        }
        return false;
    }

    /** The longest literal (original case, ASCII) every match contains; possibly empty. */
    static String longestLiteral(String re) {
        if (hasTopLevelAlternation(re)) {
            return "";
        }
        StringBuilder run = new StringBuilder();
        String best = "";
        int i = 0;
        int n = re.length();
        // Leading inline flags such as (?i) or (?is).
        if (re.startsWith("(?")) {
            int close = re.indexOf(')');
            if (close > 0 && re.substring(2, close).matches("[imsU-]+")) {
                i = close + 1;
            }
        }
        boolean lastWasChar = false;
        while (i < n) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = re.charAt(i + 1);
                if (d == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    String quoted = end < 0 ? re.substring(i + 2) : re.substring(i + 2, end);
                    run.append(quoted);
                    i = end < 0 ? n : end + 2;
                    lastWasChar = !quoted.isEmpty();
                    continue;
                }
                if (!Character.isLetterOrDigit(d)) {
                    run.append(d);
                    lastWasChar = true;
                    i += 2;
                    continue;
                }
                best = longer(best, run);
                lastWasChar = false;
                i += 2;
                if ((d == 'x' || d == 'p' || d == 'P') && i < n) {
                    if (re.charAt(i) == '{') {
                        int close = re.indexOf('}', i);
                        i = close < 0 ? n : close + 1;
                    } else {
                        i += d == 'x' ? 2 : 1;
                    }
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    best = longer(best, run);
                    i = skipClass(re, i);
                    lastWasChar = false;
                    continue;
                }
                case '(' -> {
                    best = longer(best, run);
                    i = skipGroup(re, i);
                    lastWasChar = false;
                    continue;
                }
                case '*', '?' -> {
                    if (lastWasChar && run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    lastWasChar = false;
                    i++;
                    if (i < n && (re.charAt(i) == '?' || re.charAt(i) == '+')) {
                        i++;
                    }
                    continue;
                }
                case '+' -> {
                    best = longer(best, run);
                    lastWasChar = false;
                    i++;
                    if (i < n && (re.charAt(i) == '?' || re.charAt(i) == '+')) {
                        i++;
                    }
                    continue;
                }
                case '{' -> {
                    int close = re.indexOf('}', i);
                    String body = close < 0 ? "" : re.substring(i + 1, close);
                    if (close > 0 && body.matches("\\d+(,\\d*)?")) {
                        if (lastWasChar && body.matches("0+(,.*)?") && run.length() > 0) {
                            run.setLength(run.length() - 1);
                        }
                        best = longer(best, run);
                        lastWasChar = false;
                        i = close + 1;
                        if (i < n && re.charAt(i) == '?') {
                            i++;
                        }
                        continue;
                    }
                    run.append(c); // a literal brace
                    lastWasChar = true;
                    i++;
                    continue;
                }
                case '.', '^', '$', '|', ')' -> {
                    best = longer(best, run);
                    lastWasChar = false;
                    i++;
                    continue;
                }
                default -> {
                    run.append(c);
                    lastWasChar = true;
                    i++;
                }
            }
        }
        return longer(best, run);
    }

    /** Keeps the longer of the best literal so far and the ASCII part of the current run; clears the run. */
    private static String longer(String best, StringBuilder run) {
        String r = run.toString();
        run.setLength(0);
        // Split at non-ASCII characters: only ASCII is kept.
        String top = best;
        for (String part : r.split("[^\\x00-\\x7F]+")) {
            if (part.length() > top.length()) {
                top = part;
            }
        }
        return top;
    }

    private static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length() && re.charAt(j) != ']') {
            if (re.charAt(j) == '\\') {
                j++;
            } else if (re.charAt(j) == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
                int close = re.indexOf(":]", j + 2);
                j = close < 0 ? j : close + 1;
            }
            j++;
        }
        return Math.min(re.length(), j + 1);
    }

    private static int skipGroup(String re, int i) {
        int depth = 0;
        int j = i;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(re, j);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
            j++;
        }
        return re.length();
    }

    private static boolean hasTopLevelAlternation(String re) {
        int depth = 0;
        int j = 0;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[') {
                j = skipClass(re, j);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
            j++;
        }
        return false;
    }

    /**
     * Necessary character-class sequences: runs of adjacent top-level atoms that each consume
     * exactly one ASCII character (a literal, an escaped punctuation character, {@code \d},
     * {@code \w}, {@code \s} or a non-negated ASCII class), so that every match of the pattern
     * contains, for each run, consecutive characters that belong to the run's classes in order.
     * {@code \\[a-z0-9]{1,32}\.[a-z0-9]{1,6}\.[ "']} yields, among others,
     * {@code [a-z0-9][.][ "']}. A counted atom contributes its minimum count and, when the count
     * is not exact, ends the run (the last copies start the next one); a group that is a fixed
     * sequence of such atoms counts as that sequence, quantified alike ({@code "(?:\{\d\})+"}
     * yields {@code "\{\d\}} and {@code \{\d\}"}); optional atoms, other groups, anchors,
     * {@code .} and any class that may match a non-ASCII character end a run. Any escape
     * this reader does not model, or a top-level alternation, yields no sequence.
     *
     * <p>Each run is returned as 128-bit masks, two longs per atom. Under case-insensitivity
     * ({@code ci}: the flag, or any inline flag group anywhere) letters stand for both cases; the
     * checker maps the two non-ASCII characters that fold to ASCII letters (KELVIN SIGN to k, LONG
     * S to s). At most {@code max} runs, the most selective first, each worth at least seven bits
     * (one given character), and among them the run holding the rarest class of all
     * ({@link dev.unravel.sigma.match.Gate#weight}).
     */
    static java.util.List<long[]> requiredSequences(String re, boolean ci, int max) {
        java.util.List<long[]> runs = new java.util.ArrayList<>();
        if (hasTopLevelAlternation(re)) {
            return runs;
        }
        if (re.contains("(?") && !re.replace("(?:", "").replace("(?P<", "").contains("(?")) {
            // only non-capturing or named groups: no inline flags
        } else if (re.contains("(?")) {
            ci = true;
        }
        java.util.List<long[]> cur = new java.util.ArrayList<>();
        int i = 0;
        int n = re.length();
        while (i < n) {
            Element e = element(re, i);
            if (e == null) {
                return new java.util.ArrayList<>();
            }
            java.util.List<long[]> atoms = e.atoms();
            if (atoms == null && re.charAt(i) == '(') {
                atoms = groupAtoms(re, i, e.next());
            }
            if (atoms == null || e.min() == 0) {
                close(cur, runs);
            } else {
                if (ci) {
                    atoms = atoms.stream().map(RegexShapes::folded).toList();
                }
                int copies = Math.min(e.min(), Math.max(1, 64 / atoms.size()));
                for (int k = 0; k < copies; k++) {
                    cur.addAll(atoms);
                }
                if (!e.exact() || copies < e.min()) {
                    close(cur, runs);
                    for (int k = 0; k < copies; k++) {
                        cur.addAll(atoms);
                    }
                }
            }
            i = e.quantified();
        }
        close(cur, runs);
        runs.sort(java.util.Comparator.comparingDouble(RegexShapes::bits).reversed());
        java.util.List<long[]> out = new java.util.ArrayList<>();
        long[] rarest = null;
        int rarestWeight = Integer.MAX_VALUE;
        for (long[] r : runs) {
            if (bits(r) < 7) {
                continue;
            }
            if (out.size() < max) {
                out.add(r);
            }
            for (int k = 0; k < r.length; k += 2) {
                int w = dev.unravel.sigma.match.Gate.weight(r[k], r[k + 1]);
                if (w < rarestWeight) {
                    rarestWeight = w;
                    rarest = r;
                }
            }
        }
        // The run holding the rarest class stays, whatever its bits: a rule's gate and the
        // presence precheck take their character from these runs ("&&" beside two runs "set").
        if (rarest != null && !out.contains(rarest) && max > 0) {
            out.set(out.size() - 1, rarest);
        }
        return out;
    }

    /**
     * One element of a pattern at {@code i}: its one-ASCII-character atom (null for a group, an
     * anchor, {@code .} or anything else that is not one), where the element ends before its
     * quantifier ({@code next}) and after it ({@code quantified}), and its minimum count and
     * whether that count is exact. Null for what this reader does not model (an escape such as
     * {@code \x}, a stray quantifier or parenthesis, an alternation).
     */
    private record Element(java.util.List<long[]> atoms, int next, int quantified, int min, boolean exact) {
    }

    private static Element element(String re, int i) {
        int n = re.length();
        char c = re.charAt(i);
        long[] atom = null;
        int next;
        if (c == '\\') {
            if (i + 1 >= n) {
                return null;
            }
            char d = re.charAt(i + 1);
            next = i + 2;
            if (d == 'd' || d == 'w' || d == 's') {
                atom = perl(d);
            } else if (d == 'n' || d == 't' || d == 'r' || d == 'f') {
                atom = one(d == 'n' ? '\n' : d == 't' ? '\t' : d == 'r' ? '\r' : '\f');
            } else if (d == 'b' || d == 'B' || d == 'A' || d == 'z' || d == 'D' || d == 'W' || d == 'S') {
                atom = null; // zero-width, or may match non-ASCII: ends the run
            } else if (d < 128 && !Character.isLetterOrDigit(d)) {
                atom = one(d);
            } else {
                return null; // \x, \p, \Q, … not modelled
            }
        } else if (c == '[') {
            next = skipClass(re, i);
            atom = asciiClass(re.substring(i + 1, Math.max(i + 1, next - 1)));
        } else if (c == '(') {
            next = skipGroup(re, i);
        } else if (c == ')' || c == '|') {
            return null;
        } else if (c == '.' || c == '^' || c == '$' || c >= 128) {
            next = i + 1;
        } else if (c == '*' || c == '+' || c == '?') {
            return null; // a quantifier without an atom: not modelled
        } else {
            next = i + 1;
            atom = one(c);
        }
        int min = 1;
        boolean exact = true;
        int q = next;
        if (q < n) {
            char k = re.charAt(q);
            if (k == '*' || k == '?') {
                min = 0;
                exact = false;
                q++;
            } else if (k == '+') {
                exact = false;
                q++;
            } else if (k == '{') {
                int close = re.indexOf('}', q);
                String body = close < 0 ? "" : re.substring(q + 1, close);
                if (body.matches("\\d{1,4}(,\\d{0,4})?")) {
                    String[] parts = body.split(",", -1);
                    min = Integer.parseInt(parts[0]);
                    exact = parts.length == 1 || (!parts[1].isEmpty() && Integer.parseInt(parts[1]) == min);
                    q = close + 1;
                }
            }
            if (q < n && re.charAt(q) == '?' && (min != 1 || !exact)) {
                q++; // lazy
            }
        }
        return new Element(atom == null ? null : java.util.List.of(atom), next, q, min, exact);
    }

    /**
     * The atoms of a group that is nothing but a fixed sequence of one-character atoms
     * ({@code (?:\{\d\})}, a capturing or named group alike), which every iteration of the
     * group matches in order; null for any other group (an alternation, a quantifier, a nested
     * group, inline flags).
     */
    private static java.util.List<long[]> groupAtoms(String re, int open, int end) {
        int from;
        if (re.startsWith("(?:", open)) {
            from = open + 3;
        } else if (re.startsWith("(?P<", open)) {
            from = re.indexOf('>', open) + 1;
        } else if (open + 1 < re.length() && re.charAt(open + 1) == '?') {
            return null;
        } else {
            from = open + 1;
        }
        String body = re.substring(Math.min(from, end - 1), end - 1);
        if (body.isEmpty() || from <= open || hasTopLevelAlternation(body)) {
            return null;
        }
        java.util.List<long[]> atoms = new java.util.ArrayList<>();
        for (int i = 0; i < body.length(); ) {
            Element e = element(body, i);
            if (e == null || e.atoms() == null || !e.exact() || e.min() < 1 || atoms.size() + e.min() > 64) {
                return null;
            }
            for (int k = 0; k < e.min(); k++) {
                atoms.addAll(e.atoms());
            }
            i = e.quantified();
        }
        return atoms;
    }

    /** Most strings a window of classes may expand to (the prefilter indexes each). */
    static final int MAX_CHOICES = 16;

    /**
     * When the expression has no plain literal the prefilter can use: the lower-cased strings one
     * of which every match contains, from four consecutive atoms of a necessary run whose
     * classes are small ({@code arp\s+-a}: {@code "arp "}, {@code "arp\t"}, …), at most
     * {@link #MAX_CHOICES} of them; null when no window is that small. Letters stand for both
     * cases (the scan lower-cases text, and reads KELVIN SIGN as k and LONG S as s, which is how
     * RE2 folds them).
     */
    static java.util.List<String> requiredLiteralChoices(String re, boolean ci) {
        long[] bestRun = null;
        int bestAt = 0;
        long bestCount = MAX_CHOICES + 1;
        for (long[] run : requiredSequences(re, ci, 8)) {
            int atoms = run.length / 2;
            int[] sizes = new int[atoms];
            for (int k = 0; k < atoms; k++) {
                // A-Z are bits 1-26 of the high word, a-z bits 33-58: fold, then count
                long upper = run[2 * k + 1] & (0x3FFFFFFL << 1);
                long hi = (run[2 * k + 1] & ~upper) | (upper << 32);
                sizes[k] = Long.bitCount(run[2 * k]) + Long.bitCount(hi);
            }
            // Count before building: only the smallest window is expanded.
            for (int w = 0; w + Requirement.MIN_LENGTH <= atoms; w++) {
                long count = 1;
                for (int k = w; k < w + Requirement.MIN_LENGTH; k++) {
                    count *= sizes[k];
                }
                if (count < bestCount) {
                    bestCount = count;
                    bestRun = run;
                    bestAt = w;
                }
            }
        }
        if (bestRun == null) {
            return null;
        }
        java.util.List<String> choices = java.util.List.of("");
        for (int k = bestAt; k < bestAt + Requirement.MIN_LENGTH; k++) {
            java.util.List<String> next = new java.util.ArrayList<>();
            for (String prefix : choices) {
                for (char c : lowered(bestRun, k)) {
                    next.add(prefix + c);
                }
            }
            choices = next;
        }
        return choices;
    }

    /** The characters of atom {@code k} of a run, letters lower-cased, in order. */
    private static java.util.SortedSet<Character> lowered(long[] run, int k) {
        java.util.SortedSet<Character> chars = new java.util.TreeSet<>();
        for (char c = 0; c < 128; c++) {
            if ((run[2 * k + (c >>> 6)] & (1L << c)) != 0) {
                chars.add(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
        }
        return chars;
    }

    private static void close(java.util.List<long[]> cur, java.util.List<long[]> runs) {
        if (!cur.isEmpty()) {
            long[] r = new long[cur.size() * 2];
            for (int k = 0; k < cur.size(); k++) {
                r[2 * k] = cur.get(k)[0];
                r[2 * k + 1] = cur.get(k)[1];
            }
            runs.add(r);
            cur.clear();
        }
    }

    /** Selectivity of a run: the sum over its atoms of log2(128 / class size). */
    static double bits(long[] run) {
        double b = 0;
        for (int k = 0; k < run.length; k += 2) {
            int size = Long.bitCount(run[k]) + Long.bitCount(run[k + 1]);
            b += Math.log(128.0 / Math.max(1, size)) / Math.log(2);
        }
        return b;
    }

    private static long[] one(char c) {
        long[] m = new long[2];
        m[c >>> 6] |= 1L << c;
        return m;
    }

    private static long[] perl(char d) {
        long[] m = new long[2];
        for (char c = 0; c < 128; c++) {
            boolean in = switch (d) {
                case 'd' -> c >= '0' && c <= '9';
                case 'w' -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
                default -> c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
            };
            if (in) {
                m[c >>> 6] |= 1L << c;
            }
        }
        return m;
    }

    private static long[] folded(long[] m) {
        long[] f = m.clone();
        for (char c = 'a'; c <= 'z'; c++) {
            char u = (char) (c - 32);
            boolean in = (m[c >>> 6] & (1L << c)) != 0 || (m[u >>> 6] & (1L << u)) != 0;
            if (in) {
                f[c >>> 6] |= 1L << c;
                f[u >>> 6] |= 1L << u;
            }
        }
        return f;
    }

    /** A non-negated class body of ASCII characters, ranges and \d \w \s; null otherwise. */
    private static long[] asciiClass(String body) {
        if (body.isEmpty() || body.charAt(0) == '^' || body.contains("[:")) {
            return null;
        }
        long[] m = new long[2];
        int i = 0;
        int n = body.length();
        while (i < n) {
            int lo;
            char c = body.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) {
                    return null;
                }
                char d = body.charAt(i + 1);
                i += 2;
                if (d == 'd' || d == 'w' || d == 's') {
                    long[] p = perl(d);
                    m[0] |= p[0];
                    m[1] |= p[1];
                    continue;
                } else if (d == 'n' || d == 't' || d == 'r' || d == 'f') {
                    lo = d == 'n' ? '\n' : d == 't' ? '\t' : d == 'r' ? '\r' : '\f';
                } else if (d < 128 && !Character.isLetterOrDigit(d)) {
                    lo = d;
                } else {
                    return null;
                }
            } else {
                lo = c;
                i++;
            }
            if (lo >= 128) {
                return null;
            }
            int hi = lo;
            if (i + 1 < n && body.charAt(i) == '-') {
                if (body.charAt(i + 1) == '\\') {
                    return null; // a range whose end is escaped: not modelled
                }
                hi = body.charAt(i + 1);
                i += 2;
                if (hi >= 128 || hi < lo) {
                    return null;
                }
            }
            for (int k = lo; k <= hi; k++) {
                m[k >>> 6] |= 1L << k;
            }
        }
        return m;
    }
}
