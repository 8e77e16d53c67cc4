package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerEntityTest {

    @Test
    void staysBounded_countsEvictions_andKeepsWhatIsUsed() {
        PerEntity<String, Integer> p = new PerEntity<>(3);
        p.get("a", k -> 1);
        p.get("b", k -> 2);
        p.get("c", k -> 3);
        for (int i = 0; i < 100; i++) {
            p.get("a", k -> -1); // "a" is used between every insertion
            p.get("x" + i, k -> 0);
            assertThat(p.size()).isEqualTo(3);
        }
        assertThat(p.peek("a")).isEqualTo(1);
        assertThat(p.peek("b")).isNull();
        assertThat(p.peek("c")).isNull();
        assertThat(p.peek("x99")).isZero(); // the newest survives its own insertion
        assertThat(p.evictions()).isEqualTo(100);
    }

    @Test
    void evictsTheEntryUnusedTheLongest() {
        PerEntity<String, Integer> p = new PerEntity<>(3);
        p.put("a", 1);
        p.put("b", 2);
        p.put("c", 3);
        p.put("d", 4); // every entry had its second chance; the eldest goes
        assertThat(p.peek("a")).isNull();
        p.peek("b");
        p.put("e", 5); // "b" was used since: "c" goes
        assertThat(p.peek("c")).isNull();
        assertThat(p.peek("b")).isEqualTo(2);
        assertThat(p.evictions()).isEqualTo(2);
    }

    @Test
    void putReplaces_removeForgets_nullCreatesNothing_entriesAreReadOnly() {
        PerEntity<String, Integer> p = new PerEntity<>(10);
        p.put("a", 1);
        p.put("a", 2);
        assertThat(p.get("a", k -> 9)).isEqualTo(2);
        assertThat(p.get("z", k -> null)).isNull();
        assertThat(p.size()).isEqualTo(1);
        p.put("b", 3);
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, Integer> e : p.entries()) {
            seen.add(e.getKey() + "=" + e.getValue());
        }
        assertThat(seen).containsExactly("a=2", "b=3");
        assertThat(p.entries()).hasSize(2);
        assertThatThrownBy(() -> p.entries().iterator().next().setValue(7))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.remove("a")).isEqualTo(2);
        assertThat(p.remove("a")).isNull();
        assertThat(p.size()).isEqualTo(1);
        assertThatThrownBy(() -> new PerEntity<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
