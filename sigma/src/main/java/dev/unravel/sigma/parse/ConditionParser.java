package dev.unravel.sigma.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for detection conditions, with the precedence of rules §Condition
 * (least to most binding): or, and, not, {@code x of}, brackets.
 *
 * <pre>
 * or   := and ("or" and)*
 * and  := not ("and" not)*
 * not  := "not" not | prim
 * prim := "(" or ")" | ("1" | "any" | "all") "of" (pattern | "them") | identifier
 * </pre>
 *
 * Operators are lower case as the specification writes them. {@code any of} is accepted as
 * pySigma's synonym for {@code 1 of}. The obsolete aggregation syntax ({@code | count() by …})
 * is refused with a pointer to correlation rules.
 */
public final class ConditionParser {
    private static final String CLAUSE = "rules §Condition";
    private static final Pattern IDENT = Pattern.compile("[A-Za-z0-9_.\\-*]+");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "them");

    private final String text;
    private final Set<String> identifiers;
    private final int line;
    private final int column;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    private ConditionParser(String text, Set<String> identifiers, int line, int column) {
        this.text = text;
        this.identifiers = identifiers;
        this.line = line;
        this.column = column;
    }

    /**
     * Parses one condition against the detection's identifiers (in written order).
     *
     * @throws SigmaError with the condition's line for syntax errors and unknown identifiers
     */
    public static Condition parse(String text, Set<String> identifiers, int line, int column) {
        ConditionParser p = new ConditionParser(text, identifiers, line, column);
        p.tokenize();
        if (p.tokens.isEmpty()) {
            throw p.error("condition is empty");
        }
        Condition c = p.or();
        if (p.pos < p.tokens.size()) {
            throw p.error("unexpected '" + p.tokens.get(p.pos) + "' in condition '" + text + "'");
        }
        return c;
    }

    private void tokenize() {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw error("aggregation expressions ('| count() …') are obsolete in Sigma 2; "
                        + "write a correlation rule instead", "correlation §Expression of Relationships");
            } else {
                int j = i;
                while (j < n && !Character.isWhitespace(text.charAt(j)) && text.charAt(j) != '('
                        && text.charAt(j) != ')' && text.charAt(j) != '|') {
                    j++;
                }
                String t = text.substring(i, j);
                if (!IDENT.matcher(t).matches()) {
                    throw error("invalid token '" + t + "' in condition '" + text + "'");
                }
                tokens.add(t);
                i = j;
            }
        }
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Condition or() {
        List<Condition> parts = new ArrayList<>();
        parts.add(and());
        while ("or".equals(peek())) {
            pos++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.Or(parts);
    }

    private Condition and() {
        List<Condition> parts = new ArrayList<>();
        parts.add(not());
        while ("and".equals(peek())) {
            pos++;
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new Condition.And(parts);
    }

    private Condition not() {
        if ("not".equals(peek())) {
            pos++;
            return new Condition.Not(not());
        }
        return prim();
    }

    private Condition prim() {
        String t = peek();
        if (t == null) {
            throw error("condition '" + text + "' ends where an identifier or '(' was expected");
        }
        if (t.equals("(")) {
            pos++;
            Condition inner = or();
            if (!")".equals(peek())) {
                throw error("missing ')' in condition '" + text + "'");
            }
            pos++;
            return inner;
        }
        if (t.equals(")")) {
            throw error("unexpected ')' in condition '" + text + "'");
        }
        String next = pos + 1 < tokens.size() ? tokens.get(pos + 1) : null;
        if ("of".equals(next)) {
            boolean all;
            if (t.equals("1") || t.equals("any")) {
                all = false;
            } else if (t.equals("all")) {
                all = true;
            } else {
                throw error("'" + t + " of' is not a Sigma quantifier; use '1 of' or 'all of'");
            }
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")") || (KEYWORDS.contains(target)
                    && !target.equals("them"))) {
                throw error("'" + t + " of' needs a search-identifier pattern or 'them'");
            }
            pos++;
            List<String> names = new ArrayList<>();
            if (target.equals("them")) {
                for (String id : identifiers) {
                    if (!id.startsWith("_")) {
                        names.add(id);
                    }
                }
                if (names.isEmpty()) {
                    throw error("'" + t + " of them' but the detection has no search identifiers");
                }
                return new Condition.Of(all, null, names);
            }
            Pattern p = globToRegex(target);
            for (String id : identifiers) {
                if (p.matcher(id).matches()) {
                    names.add(id);
                }
            }
            if (names.isEmpty()) {
                throw error("'" + t + " of " + target + "' matches no search identifier");
            }
            return new Condition.Of(all, target, names);
        }
        if (KEYWORDS.contains(t)) {
            throw error("'" + t + "' where a search identifier was expected in condition '" + text + "'");
        }
        if (t.contains("*")) {
            throw error("wildcard '" + t + "' is only allowed after '1 of' or 'all of'");
        }
        if (!identifiers.contains(t)) {
            throw error("condition refers to '" + t + "', which the detection does not define");
        }
        pos++;
        return new Condition.Ref(t);
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder b = new StringBuilder();
        int lit = 0;
        for (int i = 0; i <= glob.length(); i++) {
            if (i == glob.length() || glob.charAt(i) == '*') {
                if (i > lit) {
                    b.append(Pattern.quote(glob.substring(lit, i)));
                }
                if (i < glob.length()) {
                    b.append(".*");
                }
                lit = i + 1;
            }
        }
        return Pattern.compile(b.toString());
    }

    private SigmaError error(String msg) {
        return error(msg, CLAUSE);
    }

    private SigmaError error(String msg, String clause) {
        return SigmaError.at(line, column, msg, clause);
    }
}
