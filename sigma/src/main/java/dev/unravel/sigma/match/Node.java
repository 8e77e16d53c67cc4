package dev.unravel.sigma.match;

import java.util.List;
import java.util.Map;

/**
 * One node of a compiled rule: the matcher program is a tree of these, evaluated against an
 * {@link EventContext}. Nodes are immutable and shared between threads; evaluation allocates
 * nothing. {@link #explain} is the slow path, run only for events that matched, to say which
 * fields made the match.
 */
public abstract class Node {

    public abstract boolean eval(EventContext ctx);

    /** Adds the fields that make this (true) node true to {@code out}. */
    public void explain(EventContext ctx, Map<String, Object> out) {
    }

    /** Relative evaluation cost; AND and OR evaluate cheaper children first. */
    public int cost() {
        return 1;
    }

    // ------------------------------------------------------------------ boolean structure

    public static final class And extends Node {
        final Node[] children;

        public And(List<Node> children) {
            this.children = sorted(children);
        }

        @Override
        public boolean eval(EventContext ctx) {
            for (Node n : children) {
                if (!n.eval(ctx)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            for (Node n : children) {
                n.explain(ctx, out);
            }
        }

        @Override
        public int cost() {
            int c = 0;
            for (Node n : children) {
                c += n.cost();
            }
            return c;
        }

        public Node[] children() {
            return children.clone();
        }
    }

    public static final class Or extends Node {
        final Node[] children;

        public Or(List<Node> children) {
            this.children = sorted(children);
        }

        @Override
        public boolean eval(EventContext ctx) {
            for (Node n : children) {
                if (n.eval(ctx)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            for (Node n : children) {
                if (n.eval(ctx)) {
                    n.explain(ctx, out);
                    return;
                }
            }
        }

        @Override
        public int cost() {
            int c = 0;
            for (Node n : children) {
                c += n.cost();
            }
            return c;
        }

        public Node[] children() {
            return children.clone();
        }
    }

    public static final class Not extends Node {
        final Node inner;

        public Not(Node inner) {
            this.inner = inner;
        }

        @Override
        public boolean eval(EventContext ctx) {
            return !inner.eval(ctx);
        }

        @Override
        public int cost() {
            return inner.cost();
        }

        public Node inner() {
            return inner;
        }
    }

    public static final class Const extends Node {
        public static final Const TRUE = new Const(true);
        public static final Const FALSE = new Const(false);
        private final boolean value;

        private Const(boolean value) {
            this.value = value;
        }

        @Override
        public boolean eval(EventContext ctx) {
            return value;
        }

        @Override
        public int cost() {
            return 0;
        }
    }

    private static Node[] sorted(List<Node> children) {
        Node[] a = children.toArray(Node[]::new);
        // Stable: equal costs keep the rule's order.
        java.util.Arrays.sort(a, java.util.Comparator.comparingInt(Node::cost));
        return a;
    }

    /** Calls {@code visit} with every value test of {@code program} and the slot of its field. */
    public static void forEachTest(Node program, java.util.function.ObjIntConsumer<ValueTest> visit) {
        forEachField(program, f -> {
            for (ValueTest t : f.tests) {
                visit.accept(t, f.slot);
            }
        });
    }

    private static void forEachField(Node program, java.util.function.Consumer<Field> visit) {
        if (program instanceof And a) {
            for (Node n : a.children) {
                forEachField(n, visit);
            }
        } else if (program instanceof Or o) {
            for (Node n : o.children) {
                forEachField(n, visit);
            }
        } else if (program instanceof Not n) {
            forEachField(n.inner, visit);
        } else if (program instanceof Field f) {
            visit.accept(f);
        }
    }

    /**
     * Lets the "contains" tests of {@code program} answer from the prefilter's findings
     * ({@link ValueTest#useScanFindings}); {@code idOf} gives the number of a (slot, literal) the
     * prefilter indexes wherever the program is evaluated, or −1. Called once, while the rule set
     * is built.
     */
    public static void useScanFindings(Node program, java.util.function.ToIntBiFunction<Integer, String> idOf) {
        forEachField(program, f -> {
            boolean all = true;
            for (ValueTest t : f.tests) {
                t.useScanFindings(f.slot, lit -> idOf.applyAsInt(f.slot, lit));
                all &= !t.needsLower() || t.usesScanFindings();
            }
            f.lowerFromScan = all;
        });
    }

    // ------------------------------------------------------------------ field tests

    /**
     * {@code field|mods: values}: the field's value (each element, for a list) tested against the
     * rule's values, OR-linked, or AND-linked under {@code all}. A missing or null field fails
     * every value test; {@code neq} holds when the field has a value and no value test holds.
     */
    public static final class Field extends Node {
        final int slot;
        final ValueTest[] tests;
        final boolean all;
        final boolean negate;
        final boolean needsLower;
        /**
         * Whether every test that reads the lower-cased value answers from the scan's findings
         * when the scan read the value ({@link #useScanFindings}): the value is then not
         * lower-cased at all.
         */
        boolean lowerFromScan;

        /** How much more a search through this field's values costs than through a typical value's. */
        final int searchFactor;

        public Field(int slot, List<ValueTest> tests, boolean all, boolean negate) {
            this(slot, tests, all, negate, false);
        }

        /**
         * @param longText whether the field holds free text that runs to hundreds of characters (a
         *                 command line, a script block): a search through it costs several times a
         *                 compare on a short field, and AND tests the short field first
         */
        public Field(int slot, List<ValueTest> tests, boolean all, boolean negate, boolean longText) {
            this.searchFactor = longText ? 4 : 1;
            this.slot = slot;
            this.tests = tests.toArray(ValueTest[]::new);
            if (!all) {
                java.util.Arrays.sort(this.tests, java.util.Comparator.comparingInt(ValueTest::cost));
            }
            this.all = all;
            this.negate = negate;
            boolean nl = false;
            for (ValueTest t : this.tests) {
                nl |= t.needsLower();
            }
            this.needsLower = nl;
        }

        @Override
        public boolean eval(EventContext ctx) {
            Object v = ctx.raw(slot);
            boolean hit;
            if (v instanceof String text) {
                // most values: one class compare, not the interface checks below
                String lower = needsLower && !(lowerFromScan && ctx.wasScannedAscii(slot, text)) ? ctx.lower(slot)
                        : null;
                hit = all ? allScalar(v, text, lower, ctx) : anyScalar(v, text, lower, ctx);
                return hit != negate;
            }
            if (v == null || v == FieldPath.MISSING || v instanceof Map) {
                return false;
            }
            if (v instanceof List<?> list) {
                hit = all ? allInList(list, ctx) : anyInList(list, ctx);
            } else {
                String text = ctx.text(slot);
                if (text == null) {
                    return false;
                }
                String lower = needsLower ? ctx.lower(slot) : null;
                hit = all ? allScalar(v, text, lower, ctx) : anyScalar(v, text, lower, ctx);
            }
            return hit != negate;
        }

        private boolean anyScalar(Object v, String text, String lower, EventContext ctx) {
            for (ValueTest t : tests) {
                if (t.test(v, text, lower, ctx)) {
                    return true;
                }
            }
            return false;
        }

        private boolean allScalar(Object v, String text, String lower, EventContext ctx) {
            for (ValueTest t : tests) {
                if (!t.test(v, text, lower, ctx)) {
                    return false;
                }
            }
            return true;
        }

        private boolean anyInList(List<?> list, EventContext ctx) {
            int bound = Math.min(list.size(), 10_000);
            for (int i = 0; i < bound; i++) {
                Object e = list.get(i);
                String text = FieldPath.text(e);
                if (text == null) {
                    continue;
                }
                String lower = needsLower ? EventContext.lowerCase(text) : null;
                if (anyScalar(e, text, lower, ctx)) {
                    return true;
                }
            }
            return false;
        }

        private boolean allInList(List<?> list, EventContext ctx) {
            int bound = Math.min(list.size(), 10_000);
            for (ValueTest t : tests) {
                boolean found = false;
                for (int i = 0; i < bound && !found; i++) {
                    Object e = list.get(i);
                    String text = FieldPath.text(e);
                    if (text != null) {
                        found = t.test(e, text, needsLower ? EventContext.lowerCase(text) : null, ctx);
                    }
                }
                if (!found) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            Object v = ctx.raw(slot);
            out.put(ctx.fieldName(slot), v == FieldPath.MISSING ? null : v);
        }

        @Override
        public int cost() {
            int c = 0;
            for (ValueTest t : tests) {
                c += t.searches() ? t.cost() * searchFactor : t.cost();
            }
            return Math.max(1, c);
        }

        public int slot() {
            return slot;
        }

        public List<ValueTest> tests() {
            return List.of(tests);
        }

        public boolean all() {
            return all;
        }

        public boolean negate() {
            return negate;
        }
    }

    /** {@code field: null}: the field is missing or its value is null (an empty string is a value). */
    public static final class IsNull extends Node {
        final int slot;

        public IsNull(int slot) {
            this.slot = slot;
        }

        @Override
        public boolean eval(EventContext ctx) {
            Object v = ctx.raw(slot);
            return v == null || v == FieldPath.MISSING;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            out.put(ctx.fieldName(slot), null);
        }
    }

    /** {@code field|exists: true/false}: presence of the key, whatever its value (even null or empty). */
    public static final class Exists extends Node {
        final int slot;
        final boolean expected;

        public Exists(int slot, boolean expected) {
            this.slot = slot;
            this.expected = expected;
        }

        @Override
        public boolean eval(EventContext ctx) {
            return (ctx.raw(slot) != FieldPath.MISSING) == expected;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            if (expected) {
                out.put(ctx.fieldName(slot), ctx.raw(slot));
            }
        }
    }

    /**
     * Keyword search (rules §Keywords search): a value test against every scalar value anywhere
     * in the event. OR-linked values, or all of them (each anywhere) under {@code all}.
     */
    public static final class Keyword extends Node {
        final ValueTest[] tests;
        final boolean all;

        public Keyword(List<ValueTest> tests, boolean all) {
            this.tests = tests.toArray(ValueTest[]::new);
            this.all = all;
        }

        @Override
        public boolean eval(EventContext ctx) {
            List<String> texts = ctx.allText();
            List<String> lowers = ctx.allLower();
            int n = texts.size();
            if (all) {
                for (ValueTest t : tests) {
                    boolean found = false;
                    for (int i = 0; i < n && !found; i++) {
                        found = t.test(texts.get(i), texts.get(i), lowers.get(i), ctx);
                    }
                    if (!found) {
                        return false;
                    }
                }
                return true;
            }
            for (int i = 0; i < n; i++) {
                String text = texts.get(i);
                String lower = lowers.get(i);
                for (ValueTest t : tests) {
                    if (t.test(text, text, lower, ctx)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void explain(EventContext ctx, Map<String, Object> out) {
            List<String> texts = ctx.allText();
            List<String> lowers = ctx.allLower();
            for (int i = 0; i < texts.size(); i++) {
                for (ValueTest t : tests) {
                    if (t.test(texts.get(i), texts.get(i), lowers.get(i), ctx)) {
                        out.put("keyword", texts.get(i));
                        return;
                    }
                }
            }
        }

        @Override
        public int cost() {
            return 50;
        }
    }
}
