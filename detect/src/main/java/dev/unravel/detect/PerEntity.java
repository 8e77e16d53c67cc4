package dev.unravel.detect;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Bounded per-entity state: a map that evicts a least recently used entry once it holds
 * {@code maxEntries}, and counts every eviction. Detectors keep all their per-worker, per-host or
 * per-IP state here so that memory stays bounded however long the period scanned.
 *
 * <h2>Eviction</h2>
 * "Second chance" (CLOCK): entries are kept in insertion order and marked when used; the eldest
 * entry is evicted unless it is marked, in which case its mark is cleared and it goes to the back.
 * An entry used since it was inserted or last passed over survives, as under LRU, and the entry
 * being created is never the one evicted. Unlike an access-ordered
 * {@code LinkedHashMap}, a look-up only sets a flag: it does not unlink and relink the entry, which
 * touched two neighbouring entries' cache lines on every event (the scan's detection thread spent
 * 6 % of its time there).
 */
public final class PerEntity<K, V> {

    private final int maxEntries;
    private long evictions;
    private final LinkedHashMap<K, Slot<V>> map;

    private static final class Slot<V> {
        V value;
        /** Used since it was inserted or the eviction hand last passed. */
        boolean used;

        Slot(V value) {
            this.value = value;
        }
    }

    public PerEntity(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(Math.min(maxEntries, 1024));
    }

    /** The entry for {@code key}, created by {@code create} when absent (no entry when it gives null). */
    public V get(K key, Function<? super K, ? extends V> create) {
        Slot<V> s = map.get(key);
        if (s != null) {
            s.used = true;
            return s.value;
        }
        V v = create.apply(key);
        if (v != null) {
            insert(key, v);
        }
        return v;
    }

    /** The entry for {@code key}, or null. */
    public V peek(K key) {
        Slot<V> s = map.get(key);
        if (s == null) {
            return null;
        }
        s.used = true;
        return s.value;
    }

    public void put(K key, V value) {
        Slot<V> s = map.get(key);
        if (s != null) {
            s.value = value;
            s.used = true;
        } else {
            insert(key, value);
        }
    }

    public V remove(K key) {
        Slot<V> s = map.remove(key);
        return s == null ? null : s.value;
    }

    private void insert(K key, V value) {
        Slot<V> fresh = new Slot<>(value);
        map.put(key, fresh);
        while (map.size() > maxEntries) {
            Map.Entry<K, Slot<V>> eldest = map.entrySet().iterator().next();
            Slot<V> s = eldest.getValue();
            K k = eldest.getKey();
            map.remove(k);
            if (s.used || s == fresh) { // (the entry being created is never the one evicted)
                s.used = false;
                map.put(k, s); // second chance: to the back, unmarked
            } else {
                evictions++;
            }
        }
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

    /** A read-only view of the entries, oldest first, for detectors that decide in {@code finish}. */
    public Collection<Map.Entry<K, V>> entries() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                Iterator<Map.Entry<K, Slot<V>>> it = map.entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Map.Entry<K, V> next() {
                        Map.Entry<K, Slot<V>> e = it.next();
                        return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().value);
                    }
                };
            }

            @Override
            public int size() {
                return map.size();
            }
        };
    }
}
