package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoFastTest {

    @Test
    void theSchemasDateShapeParsesExactlyAndEverythingElseFallsThrough() {
        assertThat(IsoFast.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        for (String no : new String[] {"2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "２０２４-01-01"}) {
            assertThat(IsoFast.date(no)).as(no).isNull();
        }
    }
}
