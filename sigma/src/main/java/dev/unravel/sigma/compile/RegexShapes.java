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
    static String requiredLiteral(String re) {
        String l = longestLiteral(re);
        return l.length() >= Requirement.MIN_LENGTH ? l.toLowerCase(Locale.ROOT) : null;
    }

    /** True when the pattern turns on case-insensitivity with a leading inline flag group. */
    static boolean inlineCaseInsensitive(String re) {
        if (!re.startsWith("(?")) {
            return false;
        }
        int close = re.indexOf(')');
        if (close < 0) {
            return false;
        }
        String flags = re.substring(2, close);
        int dash = flags.indexOf('-');
        return flags.matches("[imsU-]+") && flags.indexOf('i') >= 0 && (dash < 0 || flags.indexOf('i') < dash);
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
}
