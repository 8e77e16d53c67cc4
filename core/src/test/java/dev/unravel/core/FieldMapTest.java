package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** FieldMap behaves as a LinkedHashMap under random operations, below and above its linear-search size. */
class FieldMapTest {

    @Test
    void ofPairs_matchesSuccessivePuts() {
        Random rnd = new Random(5);
        for (int round = 0; round < 2000; round++) {
            int pairs = rnd.nextInt(round % 3 == 0 ? 60 : 20);
            int keys = 1 + rnd.nextInt(round % 2 == 0 ? 3 * pairs + 1 : pairs + 1); // few keys: duplicates
            int from = rnd.nextInt(3);
            Object[] src = new Object[from + 2 * pairs + rnd.nextInt(3)];
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < pairs; i++) {
                // Equal keys that are not the same object, and null keys, as put allows them.
                String key = rnd.nextInt(40) == 0 ? null : new String("k" + rnd.nextInt(keys));
                src[from + 2 * i] = key;
                src[from + 2 * i + 1] = i;
                expected.put(key, i);
            }
            FieldMap actual = FieldMap.ofPairs(src, from, pairs);
            assertThat(actual).isEqualTo(expected);
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            for (String key : expected.keySet()) {
                assertThat(actual.get(key == null ? null : new String(key))).isEqualTo(expected.get(key));
            }
            actual.put("added", -1);
            expected.put("added", -1);
            assertThat(actual).isEqualTo(expected);
        }
    }

    @Test
    void randomOperations_matchLinkedHashMap() {
        Random rnd = new Random(3);
        for (int round = 0; round < 400; round++) {
            int keys = 1 + rnd.nextInt(round % 2 == 0 ? 6 : 70);
            Map<String, Object> expected = new LinkedHashMap<>();
            FieldMap actual = new FieldMap(rnd.nextInt(4));
            for (int op = 0; op < 600; op++) {
                // Equal keys that are not the same object too: lookups must not rely on identity.
                String key = rnd.nextInt(30) == 0 ? null : new String("k" + rnd.nextInt(keys));
                switch (rnd.nextInt(6)) {
                    case 0, 1, 2 -> assertThat(actual.put(key, op)).isEqualTo(expected.put(key, op));
                    case 3 -> assertThat(actual.remove(key)).isEqualTo(expected.remove(key));
                    case 4 -> {
                        assertThat(actual.get(key)).isEqualTo(expected.get(key));
                        assertThat(actual.containsKey(key)).isEqualTo(expected.containsKey(key));
                        assertThat(actual.getOrDefault(key, "none")).isEqualTo(expected.getOrDefault(key, "none"));
                    }
                    default -> {
                        Iterator<Map.Entry<String, Object>> a = actual.entrySet().iterator();
                        Iterator<Map.Entry<String, Object>> e = expected.entrySet().iterator();
                        while (e.hasNext()) {
                            Map.Entry<String, Object> x = e.next();
                            Map.Entry<String, Object> y = a.next();
                            assertThat(y).isEqualTo(x);
                            if (rnd.nextInt(10) == 0) {
                                e.remove();
                                a.remove();
                            }
                        }
                        assertThat(a.hasNext()).isFalse();
                    }
                }
                assertThat(actual).hasSize(expected.size());
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
            assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
            assertThat(actual.toString()).isEqualTo(expected.toString());
            List<Object> order = new ArrayList<>();
            actual.forEach((k, v) -> order.add(k));
            assertThat(order).isEqualTo(new ArrayList<>(expected.keySet()));
        }
    }

    @Test
    void builtFromPairs_thenChanged_matchesLinkedHashMap() {
        // indexed maps of 17 to 32 pairs keep the duplicate check's table as their index: lookups
        // of absent keys, removals and growth must keep answering as a LinkedHashMap does
        Random rnd = new Random(9);
        for (int round = 0; round < 300; round++) {
            int pairs = 1 + rnd.nextInt(45);
            Object[] src = new Object[2 * pairs];
            Map<String, Object> expected = new LinkedHashMap<>();
            for (int i = 0; i < pairs; i++) {
                String key = "k" + rnd.nextInt(2 * pairs);
                src[2 * i] = key;
                src[2 * i + 1] = i;
                expected.put(key, i);
            }
            FieldMap actual = round % 2 == 0 ? FieldMap.indexedOfPairs(src, 0, pairs) : FieldMap.ofPairs(src, 0, pairs);
            for (int op = 0; op < 200; op++) {
                String key = new String("k" + rnd.nextInt(3 * pairs + 2));
                switch (rnd.nextInt(4)) {
                    case 0 -> assertThat(actual.put(key, op)).isEqualTo(expected.put(key, op));
                    case 1 -> assertThat(actual.remove(key)).isEqualTo(expected.remove(key));
                    default -> {
                        assertThat(actual.get(key)).isEqualTo(expected.get(key));
                        assertThat(actual.getOrDefault(key, "none")).isEqualTo(expected.getOrDefault(key, "none"));
                    }
                }
            }
            assertThat(actual).isEqualTo(expected);
            List<String> keys = new ArrayList<>(expected.keySet());
            for (int i = 0; i < keys.size(); i++) {
                assertThat(actual.keyAt(i)).isEqualTo(keys.get(i));
                assertThat(actual.valueAt(i)).isEqualTo(expected.get(keys.get(i)));
            }
            assertThatThrownBy(() -> actual.keyAt(keys.size())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void duplicateKeys_keepTheFirstPosition_andModificationDuringIterationFails() {
        FieldMap m = new FieldMap();
        m.put("a", 1);
        m.put("b", 2);
        m.put("a", 3);
        assertThat(m.keySet()).containsExactly("a", "b");
        assertThat(m.get("a")).isEqualTo(3);
        m.entrySet().iterator().next().setValue(4);
        assertThat(m.get("a")).isEqualTo(4);
        Iterator<String> it = m.keySet().iterator();
        it.next();
        m.put("c", 5);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
    }
}
