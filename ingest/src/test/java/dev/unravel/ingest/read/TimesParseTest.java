package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What core's hand-written ISO reader leaves to it, {@link Times#parse} still reads with its formatters. */
class TimesParseTest {

    @Test
    void shapesTheFastReaderDeclines_areReadByTheFormatters() {
        assertThat(Times.parse("2026-03-02T10:00:00+0100")).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(Times.parse("2026-03-02 10:00:00.5")).isEqualTo(Instant.parse("2026-03-02T10:00:00.500Z"));
        assertThat(Times.parse("2024-02-29T23:59:59.1234567Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.1234567Z"));
        assertThat(Times.parse("Mon, 02 Mar 2026 10:00:00 GMT")).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
    }
}
