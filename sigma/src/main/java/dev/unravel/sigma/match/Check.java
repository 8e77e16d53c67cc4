package dev.unravel.sigma.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A necessary condition of a rule on one field, told from the field's raw text or the scan's
 * findings without evaluating the rule: the session asks it after the rule's literal guards pass
 * and skips the evaluation when it fails.
 *
 * <p>Two kinds, both read from the rule's program ({@link #of}):
 * <ul>
 * <li><b>Positive</b>, from a field test the rule needs ({@code selection and …}): one of its
 *     anchors must stand in the value — the start of {@code 7z*.exe}, the end of
 *     {@code *rar.exe}, a whole name, a literal the scan looks for. {@code 7z*.exe} alone gives
 *     the prefilter only {@code .exe}, which nearly every OriginalFileName holds.</li>
 * <li><b>Veto</b>, from a negated field test ({@code … and not filter}): when one of the test's
 *     own literals stands in the value at its position, the test holds, so the rule cannot
 *     match — {@code not Image|endswith: '.exe'}, {@code not Image|contains: '\'}.</li>
 * </ul>
 *
 * <p>Answers are exact or "cannot tell", never a guess: an anchor at the start or end is
 * compared folded on the raw text where those characters are ASCII ({@link
 * AnchoredLiterals#holdsFolded}); a literal without letters is searched for in the raw text
 * (lower-casing changes letters only, and no character lower-cases to ASCII punctuation or a
 * digit); another literal counts only when the prefilter indexes it for the field and the scan
 * read the whole value as ASCII ({@link EventContext#wasScannedAscii}). A list, a number or a
 * value past ASCII where it matters cannot be told, and the rule is evaluated.
 *
 * <p>Immutable; shared by every thread.
 */
public final class Check {
    /** Most checks a rule keeps: each costs a look at a value on every event the rule reaches. */
    static final int MAX_PER_RULE = 4;

    /** A literal that stands in the lower-cased value at {@code position}. */
    public record Anchor(ValueTest.Position position, String literal) {
    }

    private final int slot;
    private final boolean veto;
    private final AnchoredLiterals prefixes;
    private final AnchoredLiterals suffixes;
    private final AnchoredLiterals wholes;
    /** "contains" literals without letters: looked for in the raw text. */
    private final String[] plain;
    /** "contains" literals the prefilter indexes for the field: their numbers. */
    private final int[] found;

    private Check(int slot, boolean veto, List<String> prefixes, List<String> suffixes, List<String> wholes,
            List<String> plain, int[] found) {
        this.slot = slot;
        this.veto = veto;
        this.prefixes = prefixes.isEmpty() ? null : new AnchoredLiterals(prefixes, ValueTest.Position.PREFIX);
        this.suffixes = suffixes.isEmpty() ? null : new AnchoredLiterals(suffixes, ValueTest.Position.SUFFIX);
        this.wholes = wholes.isEmpty() ? null : new AnchoredLiterals(wholes, ValueTest.Position.EQUALS);
        this.plain = plain.toArray(String[]::new);
        this.found = found;
    }

    /** Whether the rule cannot match this event (false when it may, or when that cannot be told). */
    public boolean stops(EventContext ctx) {
        int holds = holds(ctx);
        return veto ? holds == 1 : holds == 0;
    }

    /** Whether one of the anchors stands in the field's value: 1 yes, 0 no, −1 cannot tell. */
    int holds(EventContext ctx) {
        Object raw = ctx.raw(slot);
        if (!(raw instanceof String s)) {
            // a missing, null or map value fails every (non-negated) field test
            return raw == null || raw == FieldPath.MISSING || raw instanceof Map ? 0 : -1;
        }
        int answer = 0;
        for (AnchoredLiterals a : new AnchoredLiterals[] {prefixes, suffixes, wholes}) {
            if (a != null) {
                int r = a.holdsFolded(s);
                if (r == 1) {
                    return 1;
                }
                answer |= r; // −1 sticks
            }
        }
        for (String p : plain) {
            if (s.contains(p)) {
                return 1;
            }
        }
        if (found.length > 0) {
            if (!ctx.wasScannedAscii(slot, s)) {
                return -1;
            }
            for (int id : found) {
                if (ctx.isHit(id)) {
                    return 1;
                }
            }
        }
        return answer;
    }

    public boolean veto() {
        return veto;
    }

    public int slot() {
        return slot;
    }

    /**
     * The checks of {@code program}: a positive one per field test its top-level AND needs, a
     * veto per field test it negates, at most {@link #MAX_PER_RULE}; {@code indexedId} gives the
     * number of a (slot, literal) the prefilter indexes where the program is evaluated, or −1.
     */
    public static List<Check> of(Node program, java.util.function.ToIntBiFunction<Integer, String> indexedId) {
        List<Check> out = new ArrayList<>();
        collect(program, indexedId, out);
        return out.size() > MAX_PER_RULE ? List.copyOf(out.subList(0, MAX_PER_RULE)) : out;
    }

    private static void collect(Node n, java.util.function.ToIntBiFunction<Integer, String> indexedId, List<Check> out) {
        if (n instanceof Node.And and) {
            for (Node c : and.children) {
                collect(c, indexedId, out);
            }
        } else if (n instanceof Node.Field f) {
            add(positive(f, indexedId), out);
        } else if (n instanceof Node.Not not) {
            if (not.inner instanceof Node.Field f) {
                add(veto(f, indexedId), out);
            } else if (not.inner instanceof Node.Or or) {
                // not (a or b) = not a and not b
                for (Node c : or.children) {
                    if (c instanceof Node.Field f) {
                        add(veto(f, indexedId), out);
                    }
                }
            }
        }
    }

    private static void add(Check c, List<Check> out) {
        if (c != null) {
            out.add(c);
        }
    }

    /** One of the anchors of the field's tests (of any one of them, under {@code all}) must stand in the value. */
    private static Check positive(Node.Field f, java.util.function.ToIntBiFunction<Integer, String> indexedId) {
        if (f.negate || f.tests.length == 0) {
            return null;
        }
        List<Anchor> anchors = new ArrayList<>();
        for (ValueTest t : f.tests) {
            List<Anchor> a = t.anchors();
            if (f.all) {
                if (a != null && decidable(a, f.slot, indexedId)) {
                    anchors = a;
                    break;
                }
                continue;
            }
            if (a == null || !decidable(a, f.slot, indexedId)) {
                return null; // a value passing that test may hold no anchor this check can see
            }
            anchors.addAll(a);
        }
        return anchors.isEmpty() ? null : build(f.slot, false, anchors, indexedId);
    }

    /** The field's test holds when one of its tests' own literals stands in the value: the negation fails. */
    private static Check veto(Node.Field f, java.util.function.ToIntBiFunction<Integer, String> indexedId) {
        if (f.negate || f.all) {
            return null;
        }
        List<Anchor> anchors = new ArrayList<>();
        for (ValueTest t : f.tests) {
            List<Anchor> a = t.anchors();
            if (a != null && t.anchorsSuffice()) {
                for (Anchor x : a) {
                    if (decidable(List.of(x), f.slot, indexedId)) {
                        anchors.add(x); // the others are left to the evaluation
                    }
                }
            }
        }
        return anchors.isEmpty() ? null : build(f.slot, true, anchors, indexedId);
    }

    private static boolean decidable(List<Anchor> anchors, int slot,
            java.util.function.ToIntBiFunction<Integer, String> indexedId) {
        for (Anchor a : anchors) {
            if (a.literal.isEmpty()) {
                return false;
            }
            if (a.position == ValueTest.Position.CONTAINS && !letterFree(a.literal)
                    && indexedId.applyAsInt(slot, a.literal) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Check build(int slot, boolean veto, List<Anchor> anchors,
            java.util.function.ToIntBiFunction<Integer, String> indexedId) {
        List<String> prefixes = new ArrayList<>();
        List<String> suffixes = new ArrayList<>();
        List<String> wholes = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        List<Integer> found = new ArrayList<>();
        for (Anchor a : anchors) {
            switch (a.position) {
                case PREFIX -> prefixes.add(a.literal);
                case SUFFIX -> suffixes.add(a.literal);
                case EQUALS -> wholes.add(a.literal);
                case CONTAINS -> {
                    if (letterFree(a.literal)) {
                        plain.add(a.literal);
                    } else {
                        found.add(indexedId.applyAsInt(slot, a.literal));
                    }
                }
            }
        }
        return new Check(slot, veto, distinct(prefixes), distinct(suffixes), distinct(wholes), distinct(plain),
                found.stream().distinct().mapToInt(Integer::intValue).toArray());
    }

    private static List<String> distinct(List<String> l) {
        return l.stream().distinct().toList();
    }

    /** ASCII without letters: the same in the raw and the lower-cased text. */
    static boolean letterFree(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return (veto ? "veto" : "needs") + " slot " + slot;
    }
}
