package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatedRecordsTest {

    private static Event row(String type, String file, Object... fields) {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            doc.put((String) fields[i], fields[i + 1]);
        }
        return new Event(Instant.parse("2026-03-09T00:00:00Z"), "hr", type, LogSource.NONE, "E1", null, null, doc,
                new EventRef(file, 2));
    }

    @Test
    void aRowReadAgain_fromAnotherFile_withItsColumnsMoved_isRepeated_andAChangedRowIsNot() {
        RepeatedRecords seen = new RepeatedRecords();
        assertThat(seen.firstTime(row("hr.hire", "hr/2026-03-10/employees.csv", "employee_id", "E1", "phone", "+1512",
                "ssn", "123"))).isTrue();
        assertThat(seen.firstTime(row("hr.hire", "hr/2026-03-11/employees.csv", "ssn", "123", "employee_id", "E1",
                "phone", "+1512"))).as("the same row in the next day's export").isFalse();
        assertThat(seen.firstTime(row("hr.hire", "hr/2026-03-12/employees.csv", "employee_id", "E1", "phone", "+1513",
                "ssn", "123"))).as("a field changed").isTrue();
        assertThat(seen.firstTime(row("hr.terminate", "hr/2026-03-10/employees.csv", "employee_id", "E1", "phone",
                "+1512", "ssn", "123"))).as("another event of the same row").isTrue();
        assertThat(seen.firstTime(row("hr.hire", "x", "employee_id", "E1", "phone", "+1512", "ssn", null)))
                .as("a field emptied").isTrue();
        assertThat(seen.firstTime(row("hr.hire", "x", "employee_id", "E1", "phone", "+1512"))).as("a field gone")
                .isTrue();
        assertThat(seen.firstTime(row("applicant.resume", "a", "words", List.of("go", "rust"))))
                .isTrue();
        assertThat(seen.firstTime(row("applicant.resume", "b", "words", List.of("rust", "go"))))
                .as("a list's order counts").isTrue();
        assertThat(seen.repeated()).isEqualTo(1);
    }

    @Test
    void manyDistinctRows_areAllNew_andEachAgainIsRepeated() {
        RepeatedRecords seen = new RepeatedRecords();
        for (int i = 0; i < 50_000; i++) {
            assertThat(seen.firstTime(row("asset.assigned", "a.csv", "serial", "SN" + i, "employee_id", "E" + i)))
                    .isTrue();
        }
        for (int i = 0; i < 50_000; i += 7) {
            assertThat(seen.firstTime(row("asset.assigned", "b.csv", "employee_id", "E" + i, "serial", "SN" + i)))
                    .isFalse();
        }
        assertThat(seen.repeated()).isEqualTo(7_143);
    }
}
