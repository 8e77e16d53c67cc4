package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventOrderTest {

    static Event at(long second, int record) {
        return new Event(Instant.ofEpochSecond(second), "okta", "t", LogSource.of("okta", null, null), null, null,
                null, Map.of(), new EventRef("f", record));
    }

    @Test
    void restoresTimeOrderWithinTheWindowAndCountsWhatIsLater() {
        List<Event> out = new ArrayList<>();
        EventOrder order = new EventOrder(3, (e, note) -> out.add(e));
        long[] times = {10, 5, 7, 6, 20, 1, 30};
        for (int i = 0; i < times.length; i++) {
            order.accept(at(times[i], i + 1));
        }
        order.flush();
        assertThat(out).extracting(e -> e.time().getEpochSecond()).containsExactly(5L, 6L, 1L, 7L, 10L, 20L, 30L);
        assertThat(order.late()).isEqualTo(1);
        assertThat(order.delivered()).isEqualTo(7);
    }

    @Test
    void onlyTheEventsItTimesCountAsLate() {
        List<Event> out = new ArrayList<>();
        // records (here: the odd record numbers) are delivered in order like any event, but not counted late
        EventOrder order = new EventOrder(1, (e, note) -> out.add(e), e -> e.origin().record() % 2 == 0);
        long[] times = {10, 5, 7, 3, 20};
        for (int i = 0; i < times.length; i++) {
            order.accept(at(times[i], i + 1));
        }
        order.flush();
        assertThat(out).extracting(e -> e.time().getEpochSecond()).containsExactly(5L, 7L, 3L, 10L, 20L);
        // 3 (record 4) came after 7: late; 7 (record 3) after 5 is in order
        assertThat(order.late()).isEqualTo(1);
        order = new EventOrder(1, (e, note) -> out.add(e), e -> e.origin().record() % 2 == 1);
        for (int i = 0; i < times.length; i++) {
            order.accept(at(times[i], i + 1));
        }
        order.flush();
        assertThat(order.late()).isZero();
    }

    @Test
    void tiesKeepArrivalOrder() {
        List<Event> out = new ArrayList<>();
        EventOrder order = new EventOrder(100, (e, note) -> out.add(e));
        for (int i = 1; i <= 5; i++) {
            order.accept(at(42, i));
        }
        order.flush();
        assertThat(out).extracting(e -> e.origin().record()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void sameOrderAndLateCountAsASortByTimeThenArrivalWithinTheWindow() {
        java.util.Random random = new java.util.Random(7);
        for (int capacity : new int[] {1, 2, 5, 64, 1000}) {
            List<Event> in = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                in.add(at(i / 3 + random.nextInt(200) - (random.nextInt(50) == 0 ? 5000 : 0), i + 1));
            }
            // The reference: the PriorityQueue the heap replaced.
            java.util.PriorityQueue<Event> queue = new java.util.PriorityQueue<>(
                    java.util.Comparator.comparing(Event::time).thenComparingLong(e -> e.origin().record()));
            List<Event> expected = new ArrayList<>();
            for (Event e : in) {
                queue.add(e);
                if (queue.size() > capacity) {
                    expected.add(queue.poll());
                }
            }
            while (!queue.isEmpty()) {
                expected.add(queue.poll());
            }
            long expectedLate = 0;
            Instant last = Instant.MIN;
            for (Event e : expected) {
                if (e.time().isBefore(last)) {
                    expectedLate++;
                } else {
                    last = e.time();
                }
            }
            List<Event> out = new ArrayList<>();
            EventOrder order = new EventOrder(capacity, (e, note) -> {
                // each event's note comes out with it, whatever the heap moved
                assertThat(note).isEqualTo(e.origin().record() % 3 == 0 ? null : "note " + e.origin().record());
                out.add(e);
            });
            in.forEach(e -> order.accept(e, e.origin().record() % 3 == 0 ? null : "note " + e.origin().record()));
            order.flush();
            assertThat(out).as("capacity %d", capacity).containsExactlyElementsOf(expected);
            assertThat(order.late()).isEqualTo(expectedLate);
            assertThat(order.delivered()).isEqualTo(in.size());
        }
    }

    @Test
    void recordFilesComeFirstThenLogsByTheDateTheirPathNames() {
        List<Path> sorted = FileOrder.sort(List.of(Path.of("okta/system-log-2026-03-03.ndjson"),
                Path.of("entra/y=2026/m=03/d=02/h=05/m=00/PT1H.json"), Path.of("hr/employees.csv"),
                Path.of("okta/system-log-2026-03-02.ndjson"), Path.of("applicants/resumes/A1.txt"),
                Path.of("email/x.eml")));
        assertThat(sorted).extracting(Path::toString).containsExactly("applicants/resumes/A1.txt", "hr/employees.csv",
                "email/x.eml", "okta/system-log-2026-03-02.ndjson", "entra/y=2026/m=03/d=02/h=05/m=00/PT1H.json",
                "okta/system-log-2026-03-03.ndjson");
    }
}
