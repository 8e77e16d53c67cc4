package dev.unravel.sigma.correlate;

/**
 * Bounds on correlation state, per correlation rule: at most {@code maxGroups} group-by keys are
 * tracked (the least recently seen is evicted first) and at most {@code maxEntriesPerGroup}
 * events or values are kept per group (the oldest is dropped first). Each eviction is counted in
 * {@link CorrelationEngine.Stats}, never silent. {@code maxEvidence} event references are kept per
 * group to cite in a match.
 */
public record CorrelationLimits(int maxGroups, int maxEntriesPerGroup, int maxEvidence) {
    public static final CorrelationLimits DEFAULT = new CorrelationLimits(100_000, 10_000, 32);

    public CorrelationLimits {
        if (maxGroups < 1 || maxEntriesPerGroup < 1 || maxEvidence < 0) {
            throw new IllegalArgumentException("correlation limits must be positive");
        }
    }
}
