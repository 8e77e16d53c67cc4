package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoFastTest {

    @Test
    void theSchemasShapesParseExactlyAndEverythingElseFallsThrough() {
        assertThat(IsoFast.timestamp("2025-03-04T15:06:07Z")).isEqualTo(Instant.parse("2025-03-04T15:06:07Z"));
        assertThat(IsoFast.timestamp("1999-12-31T23:59:59Z")).isEqualTo(Instant.parse("1999-12-31T23:59:59Z"));
        assertThat(IsoFast.timestamp("2024-02-29T00:00:00Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(IsoFast.date("2024-02-29")).isEqualTo(LocalDate.of(2024, 2, 29));
        for (String no : new String[] {"2025-03-04T15:06:07+01:00", "2025-03-04T24:00:00Z", "2025-02-30T00:00:00Z",
                "2025-03-04 15:06:07Z", "2025-03-04T15:06:07.5Z", "yyyy-MM-ddTHH:mm:ssZ"}) {
            assertThat(IsoFast.timestamp(no)).as(no).isNull();
        }
        for (String no : new String[] {"2023-02-29", "2024-13-01", "24-01-01", "2024/01/01", "２０２４-01-01"}) {
            assertThat(IsoFast.date(no)).as(no).isNull();
        }
    }
}
