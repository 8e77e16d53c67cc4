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
        EventOrder order = new EventOrder(3, out::add);
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
    void tiesKeepArrivalOrder() {
        List<Event> out = new ArrayList<>();
        EventOrder order = new EventOrder(100, out::add);
        for (int i = 1; i <= 5; i++) {
            order.accept(at(42, i));
        }
        order.flush();
        assertThat(out).extracting(e -> e.origin().record()).containsExactly(1L, 2L, 3L, 4L, 5L);
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
