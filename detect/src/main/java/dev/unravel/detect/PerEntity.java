package dev.unravel.detect;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Bounded per-entity state: a map that evicts its least recently used entry once it holds
 * {@code maxEntries}, and counts every eviction. Detectors keep all their per-worker, per-host or
 * per-IP state here so that memory stays bounded however long the period scanned.
 */
public final class PerEntity<K, V> {

    private final int maxEntries;
    private long evictions;
    private final LinkedHashMap<K, V> map;

    public PerEntity(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                if (size() > PerEntity.this.maxEntries) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    /** The entry for {@code key}, created by {@code create} when absent. */
    public V get(K key, Function<? super K, ? extends V> create) {
        return map.computeIfAbsent(key, create);
    }

    /** The entry for {@code key}, or null. */
    public V peek(K key) {
        return map.get(key);
    }

    public void put(K key, V value) {
        map.put(key, value);
    }

    public V remove(K key) {
        return map.remove(key);
    }

    public int size() {
        return map.size();
    }

    public long evictions() {
        return evictions;
    }

    public int maxEntries() {
        return maxEntries;
    }

    /** A live view of the entries, for detectors that decide in {@code finish}. */
    public Collection<Map.Entry<K, V>> entries() {
        return map.entrySet();
    }
}
