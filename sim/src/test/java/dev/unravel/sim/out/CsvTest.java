package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    @Test
    void plainFieldsAreUnquotedAndSpecialOnesQuotedWithDoubledQuotes() throws Exception {
        OutputDir out = new OutputDir(dir);
        try (Csv csv = Csv.open(out, "t.csv", "a", "b", "c", "d")) {
            csv.row("plain", "x, \"y\"", "line1\nline2", "cr\rhere");
        }
        assertThat(Files.readString(dir.resolve("t.csv"), StandardCharsets.UTF_8))
                .isEqualTo("a,b,c,d\nplain,\"x, \"\"y\"\"\",\"line1\nline2\",\"cr\rhere\"\n");
    }

    @Test
    void nullIsAnEmptyFieldAndTimesAreIsoUtcToTheSecond() throws Exception {
        OutputDir out = new OutputDir(dir);
        try (Csv csv = Csv.open(out, "t.csv", "a", "b", "c", "d", "e")) {
            csv.row(null, LocalDate.of(2025, 3, 4), Instant.parse("2025-03-04T05:06:00.789Z"), true, 7);
        }
        assertThat(Files.readString(dir.resolve("t.csv")))
                .isEqualTo("a,b,c,d,e\n,2025-03-04,2025-03-04T05:06:00Z,true,7\n");
    }

    @Test
    void countsDataRowsButNotTheHeaderForTheManifest() throws Exception {
        OutputDir out = new OutputDir(dir);
        try (Csv csv = Csv.open(out, "sub/t.csv", "a")) {
            csv.row("1");
            csv.row("2");
        }
        assertThat(out.files()).containsEntry("sub/t.csv", 2L);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRefused() throws Exception {
        OutputDir out = new OutputDir(dir);
        try (Csv csv = Csv.open(out, "t.csv", "a", "b")) {
            assertThatThrownBy(() -> csv.row("only one"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("t.csv");
        }
    }

    @Test
    void theTestReaderReadsBackWhatTheWriterWrote() throws Exception {
        OutputDir out = new OutputDir(dir);
        String tricky = "He said \"no\", twice\r\nthen left";
        try (Csv csv = Csv.open(out, "t.csv", "id", "text")) {
            csv.row("1", tricky);
            csv.row("2", "");
        }
        CsvFile f = CsvFile.read(dir.resolve("t.csv"));
        assertThat(f.header()).containsExactly("id", "text");
        assertThat(f.rows()).containsExactly(Map.of("id", "1", "text", tricky), Map.of("id", "2", "text", ""));
        assertThat(CsvFile.parse("a\n")).isEqualTo(List.of(List.of("a")));
    }
}
