package dev.unravel.core;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The map of an event document: insertion-ordered like {@link java.util.LinkedHashMap}, with keys
 * and values side by side in one array instead of a 40-byte entry object per field and a hash
 * table beside them.
 *
 * <p>Why: documents are built for every record read (millions per scan) and mostly read a few
 * times by key; their maps were a third of all bytes a scan allocated. Small maps are searched
 * linearly — first by identity, which is the common case because the JSON parser canonicalises
 * field names and readers look them up with constants — and a map of more than
 * {@value #LINEAR} keys builds a hash index on its first {@code get} (not while it is filled). A
 * map built by {@link #indexedOfPairs} is indexed from the start when it has more than 16 keys.
 *
 * <p>Keys are Strings (null allowed, as in HashMap); not thread-safe, like the maps it replaces.
 */
public final class FieldMap extends AbstractMap<String, Object> {
    /**
     * Keys searched linearly before an index pays: detectors read a handful of fields per event,
     * and indexing a 20-key document costs more than scanning it by identity a few times
     * (10,000 x 30 scan: 32 against 8 gave x 1.07-1.09 events/s, x 0.93 CPU).
     */
    private static final int LINEAR = 32;

    private Object[] kv;
    private int size;
    private int modCount;
    /**
     * Open addressing over key hashes, entry number + 1 (0 = free): for maps above LINEAR keys,
     * null until needed; for maps built by indexedOfPairs from more than 16 pairs, from the start.
     */
    private int[] index;
    /** A null key was ever put: lookups stay linear (the index holds String keys only). */
    private boolean nullKey;

    public FieldMap() {
        this(8);
    }

    /** A map with room for {@code expected} fields before it grows. */
    public FieldMap(int expected) {
        kv = new Object[2 * Math.max(2, expected)];
    }

    /**
     * The map of {@code pairs} key/value pairs laid out as {@code src[from], src[from + 1], ...}, in
     * that order, sized exactly; a key given twice keeps its first position and its last value, as
     * successive {@link #put}s would leave it. A parser fills a scratch array with an object's
     * fields and builds the map once at its end instead of growing it field by field (growing was
     * an eighth of the reader threads' time).
     */
    public static FieldMap ofPairs(Object[] src, int from, int pairs) {
        return ofPairs(src, from, pairs, false);
    }

    /**
     * {@link #ofPairs}, looked up by hash from the start when it has more than 16 keys: for a
     * reader that asks for many keys the document lacks (a Sigma rule set names hundreds of
     * fields), each of which a linear search compares with every key. Detectors, which ask for a
     * few keys that are there, are faster with the linear search below {@value #LINEAR} keys.
     */
    public static FieldMap indexedOfPairs(Object[] src, int from, int pairs) {
        return ofPairs(src, from, pairs, true);
    }

    private static FieldMap ofPairs(Object[] src, int from, int pairs, boolean indexed) {
        FieldMap m = new FieldMap(pairs);
        int[] table = pairs > 16 ? new int[Integer.highestOneBit(pairs * 2 - 1) << 1] : null;
        if (!hasDuplicateKey(src, from, pairs, table)) {
            System.arraycopy(src, from, m.kv, 0, 2 * pairs);
            m.size = pairs;
            for (int i = 0; i < pairs && !m.nullKey; i++) {
                m.nullKey = src[from + 2 * i] == null;
            }
            if (table != null && !m.nullKey && (indexed || pairs > LINEAR)) {
                m.index = table; // the duplicate check's table is the index a get would build
            }
            return m;
        }
        for (int i = 0; i < pairs; i++) {
            m.put((String) src[from + 2 * i], src[from + 2 * i + 1]);
        }
        if (indexed && !m.nullKey && m.size > 16) {
            m.buildIndex();
        }
        return m;
    }

    /**
     * Whether two of the keys are equal. Hash codes are compared before equals: parsers hand out
     * canonical field-name Strings whose hash is cached, so a pair of distinct keys costs two loads.
     */
    private static boolean hasDuplicateKey(Object[] src, int from, int pairs, int[] slots) {
        if (pairs > 16) {
            // laid out as buildIndex lays out an index: entry + 1 at the first free slot from the hash
            int mask = slots.length - 1;
            for (int i = 0; i < pairs; i++) {
                Object k = src[from + 2 * i];
                int p = k == null ? 0 : spread(k.hashCode()) & mask;
                for (; slots[p] != 0; p = (p + 1) & mask) {
                    if (Objects.equals(src[from + 2 * (slots[p] - 1)], k)) {
                        return true;
                    }
                }
                slots[p] = i + 1;
            }
            return false;
        }
        // Two 64-bit masks of hash bits first: equal keys set the same bits, so an object whose keys
        // never meet both set bits has no duplicate (nearly always) and skips the pairwise check.
        long low = 0;
        long high = 0;
        boolean collide = false;
        for (int i = 0; i < pairs && !collide; i++) {
            Object k = src[from + 2 * i];
            int h = k == null ? 0 : k.hashCode();
            long a = 1L << h;
            long b = 1L << (h >>> 6);
            collide = (low & a) != 0 && (high & b) != 0;
            low |= a;
            high |= b;
        }
        if (!collide) {
            return false;
        }
        for (int i = 1; i < pairs; i++) {
            Object k = src[from + 2 * i];
            int h = k == null ? 0 : k.hashCode();
            for (int j = 0; j < i; j++) {
                Object o = src[from + 2 * j];
                if (o == k || (o != null && k != null && o.hashCode() == h && k.equals(o))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int size() {
        return size;
    }

    /** The key at position {@code i} (0 ≤ i < size) in insertion order: a walk without entry objects. */
    public String keyAt(int i) {
        Objects.checkIndex(i, size);
        return (String) kv[2 * i];
    }

    /** The value at position {@code i} (0 ≤ i < size) in insertion order. */
    public Object valueAt(int i) {
        Objects.checkIndex(i, size);
        return kv[2 * i + 1];
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Object get(Object key) {
        int i = find(key);
        return i < 0 ? null : kv[2 * i + 1];
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        int i = find(key);
        return i < 0 ? defaultValue : kv[2 * i + 1];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public Object put(String key, Object value) {
        // Building a document puts every key once: no index is built for that (a linear look for
        // a duplicate, by identity first, is cheaper than indexing a map that may be read twice).
        int i = index != null ? find(key) : linear(key);
        if (i >= 0) {
            Object old = kv[2 * i + 1];
            kv[2 * i + 1] = value;
            return old;
        }
        if (2 * size == kv.length) {
            kv = Arrays.copyOf(kv, kv.length * 2);
        }
        kv[2 * size] = key;
        kv[2 * size + 1] = value;
        size++;
        modCount++;
        nullKey |= key == null;
        if (index != null) {
            if (key == null || size * 2 > index.length) {
                index = null; // rebuilt, larger, at the next lookup
            } else {
                insert(index, key, size);
            }
        }
        return null;
    }

    @Override
    public Object remove(Object key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        Object old = kv[2 * i + 1];
        removeAt(i);
        return old;
    }

    private void removeAt(int i) {
        System.arraycopy(kv, 2 * i + 2, kv, 2 * i, 2 * (size - i - 1));
        size--;
        kv[2 * size] = null;
        kv[2 * size + 1] = null;
        modCount++;
        index = null;
    }

    @Override
    public void clear() {
        Arrays.fill(kv, 0, 2 * size, null);
        size = 0;
        modCount++;
        index = null;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        int mc = modCount;
        for (int i = 0; i < size; i++) {
            action.accept((String) kv[2 * i], kv[2 * i + 1]);
        }
        if (mc != modCount) {
            throw new ConcurrentModificationException();
        }
    }

    private int find(Object key) {
        int n = size;
        Object[] a = kv;
        if (key != null && !nullKey && (index != null || n > LINEAR)) {
            int[] idx = index != null ? index : buildIndex();
            int mask = idx.length - 1;
            for (int p = spread(key.hashCode()) & mask; idx[p] != 0; p = (p + 1) & mask) {
                Object k = a[2 * (idx[p] - 1)];
                if (k == key || key.equals(k)) {
                    return idx[p] - 1;
                }
            }
            return -1;
        }
        return linear(key);
    }

    private int linear(Object key) {
        int n = size;
        Object[] a = kv;
        for (int i = 0; i < n; i++) {
            if (a[2 * i] == key) {
                return i;
            }
        }
        if (key != null) {
            for (int i = 0; i < n; i++) {
                if (key.equals(a[2 * i])) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int[] buildIndex() {
        int cap = Integer.highestOneBit(Math.max(16, size * 2) - 1) << 1; // load at most one half
        int[] idx = new int[cap];
        for (int i = 0; i < size; i++) {
            insert(idx, kv[2 * i], i + 1);
        }
        index = idx;
        return idx;
    }

    private static void insert(int[] idx, Object key, int entryPlusOne) {
        int mask = idx.length - 1;
        int p = spread(key.hashCode()) & mask;
        while (idx[p] != 0) {
            p = (p + 1) & mask;
        }
        idx[p] = entryPlusOne;
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x9E3779B9 >>> 8;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object o) {
                if (!(o instanceof Map.Entry<?, ?> e)) {
                    return false;
                }
                int i = find(e.getKey());
                return i >= 0 && Objects.equals(kv[2 * i + 1], e.getValue());
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;
                    private int last = -1;
                    private int expected = modCount;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (expected != modCount) {
                            throw new ConcurrentModificationException();
                        }
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        last = next++;
                        return new Entry(last);
                    }

                    @Override
                    public void remove() {
                        if (last < 0) {
                            throw new IllegalStateException();
                        }
                        if (expected != modCount) {
                            throw new ConcurrentModificationException();
                        }
                        removeAt(last);
                        next = last;
                        last = -1;
                        expected = modCount;
                    }
                };
            }
        };
    }

    /** A view of one position; reads and writes through to the map. */
    private final class Entry implements Map.Entry<String, Object> {
        private final int i;

        Entry(int i) {
            this.i = i;
        }

        @Override
        public String getKey() {
            return (String) kv[2 * i];
        }

        @Override
        public Object getValue() {
            return kv[2 * i + 1];
        }

        @Override
        public Object setValue(Object value) {
            Object old = kv[2 * i + 1];
            kv[2 * i + 1] = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && Objects.equals(getKey(), e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(getKey()) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return getKey() + "=" + getValue();
        }
    }
}
