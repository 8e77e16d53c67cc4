package dev.unravel.detect.apply;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs of 64-bit hashes within a Hamming distance, without comparing every pair: the bits are cut
 * into {@code maxDistance + 1} bands, and two hashes that differ in at most {@code maxDistance} bits
 * agree entirely on at least one band (pigeonhole), so bucketing by each band finds every such pair.
 * Exact, unlike MinHash banding; the cost grows with the number of hashes and the bucket sizes.
 */
final class HammingPairs {

    /** Indices into the list given, and how many bits differ. */
    record Pair(int first, int second, int distance) {
    }

    private HammingPairs() {
    }

    /** The first band, among those processed so far, where the pair agrees in a bucket that was expanded. */
    private static int firstAgreeingBand(long hash, long diff, long[] masks, List<java.util.Set<Long>> crowdedKeys) {
        for (int band = 0; band < crowdedKeys.size(); band++) {
            if ((diff & masks[band]) == 0 && !crowdedKeys.get(band).contains(hash & masks[band])) {
                return band;
            }
        }
        return -1;
    }

    /**
     * Every pair at most {@code maxDistance} bits apart (0-63). A bucket of more than
     * {@code maxBucket} hashes is not expanded (counted in {@code crowdedBuckets[0]}); pairs in it are
     * still found through another band unless every band they share is crowded.
     */
    static List<Pair> within(List<Long> hashes, int maxDistance, int maxBucket, long[] crowdedBuckets) {
        if (maxDistance < 0 || maxDistance > 63) {
            throw new IllegalArgumentException("distance must be 0-63, not " + maxDistance);
        }
        int bands = maxDistance + 1;
        long[] masks = new long[bands];
        for (int band = 0; band < bands; band++) {
            int from = band * 64 / bands;
            int to = (band + 1) * 64 / bands;
            masks[band] = (to - from == 64 ? -1L : ((1L << (to - from)) - 1)) << from;
        }
        List<Pair> pairs = new ArrayList<>();
        List<java.util.Set<Long>> crowdedKeys = new ArrayList<>();
        for (int band = 0; band < bands; band++) {
            long mask = masks[band];
            crowdedKeys.add(new java.util.HashSet<>());
            Map<Long, List<Integer>> buckets = new HashMap<>();
            for (int i = 0; i < hashes.size(); i++) {
                buckets.computeIfAbsent(hashes.get(i) & mask, k -> new ArrayList<>(2)).add(i);
            }
            for (List<Integer> bucket : buckets.values()) {
                if (bucket.size() < 2) {
                    continue;
                }
                if (bucket.size() > maxBucket) {
                    crowdedBuckets[0]++;
                    crowdedKeys.get(band).add(hashes.get(bucket.get(0)) & mask);
                    continue;
                }
                for (int x = 0; x < bucket.size(); x++) {
                    for (int y = x + 1; y < bucket.size(); y++) {
                        int a = bucket.get(x);
                        int b = bucket.get(y);
                        long diff = hashes.get(a) ^ hashes.get(b);
                        // each pair once, in the first band it agrees on (no set of pairs seen to grow)
                        if (firstAgreeingBand(hashes.get(a), diff, masks, crowdedKeys) == band
                                && Long.bitCount(diff) <= maxDistance) {
                            pairs.add(new Pair(Math.min(a, b), Math.max(a, b), Long.bitCount(diff)));
                        }
                    }
                }
            }
        }
        pairs.sort(Comparator.comparingInt(Pair::first).thenComparingInt(Pair::second));
        return pairs;
    }
}
