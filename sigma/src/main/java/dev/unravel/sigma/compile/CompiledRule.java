package dev.unravel.sigma.compile;

import dev.unravel.core.LogSource;
import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.parse.SigmaRule;
import java.util.List;

/**
 * A detection rule ready to match: its program, the literal requirement the prefilter uses, and
 * the event logsources it selects (after the pipelines' logsource mappings), each with an extra
 * condition or null.
 */
public final class CompiledRule {
    private final SigmaRule rule;
    private final Node root;
    private final Requirement requirement;
    private final List<Target> targets;
    private final int index;
    private volatile boolean standalone = true;

    /** An event logsource pattern this rule applies to, with the condition the mapping adds (or null). */
    public record Target(LogSource logSource, Node condition) {
    }

    public CompiledRule(SigmaRule rule, Node root, Requirement requirement, List<Target> targets, int index) {
        this.rule = rule;
        this.root = root;
        this.requirement = requirement;
        this.targets = List.copyOf(targets);
        this.index = index;
    }

    public SigmaRule rule() {
        return rule;
    }

    public Node root() {
        return root;
    }

    /** The prefilter requirement, or null when the rule must always be evaluated. */
    public Requirement requirement() {
        return requirement;
    }

    public List<Target> targets() {
        return targets;
    }

    /** Position in the rule set; matches are reported in this order. */
    public int index() {
        return index;
    }

    /**
     * False when the rule is referenced by a correlation without {@code generate: true}: it then
     * feeds the correlation but reports no match of its own (correlation §Generate).
     */
    public boolean standalone() {
        return standalone;
    }

    public void standalone(boolean value) {
        this.standalone = value;
    }

    @Override
    public String toString() {
        return rule.key() + " " + rule.title();
    }
}
