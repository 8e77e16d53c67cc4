package dev.unravel.detect.steal;

import dev.unravel.detect.Settings;
import java.util.Arrays;

/**
 * How many distinct items in one day stands out in a peer group: the median plus {@code mad_factor}
 * scaled median absolute deviations, or {@code busiest_tenth_factor} times the busiest tenth of the
 * group when that is lower (a group split between light and heavy users has a wide MAD), and never
 * below the floor, so that a quiet group does not turn an ordinary busy day into a finding. A group
 * smaller than {@code min_peers} is not compared with: its own fixed threshold applies.
 *
 * @param value       the threshold
 * @param median      the group's median busiest day
 * @param enoughPeers whether the group was large enough to compare with
 */
record PeerThreshold(double value, double median, boolean enoughPeers) {

    static PeerThreshold of(double[] counts, Settings settings, String floorKey, int floor, String withoutPeersKey,
            int withoutPeers) {
        double median = RepoHarvestDetector.median(counts);
        double[] deviations = Arrays.stream(counts).map(c -> Math.abs(c - median)).toArray();
        // 1.4826 scales the MAD to a standard deviation for normal data; the floor keeps a group in
        // which everyone did the same from making a one-item difference significant.
        double spread = Math.max(1.4826 * RepoHarvestDetector.median(deviations), Math.max(1, 0.1 * median));
        double k = settings.number("mad_factor", 4);
        boolean enoughPeers = counts.length >= settings.integer("min_peers", 5);
        double busiestTenth = RepoHarvestDetector.quantile(counts, 0.9) * settings.number("busiest_tenth_factor", 2);
        double value = enoughPeers ? Math.max(settings.integer(floorKey, floor), Math.min(median + k * spread,
                busiestTenth)) : settings.integer(withoutPeersKey, withoutPeers);
        return new PeerThreshold(value, median, enoughPeers);
    }
}
