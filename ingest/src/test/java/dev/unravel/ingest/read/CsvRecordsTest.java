package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    record Out(List<String> header, List<List<String>> rows, List<Long> lines, List<RecordError> errors, long records) {
    }

    /** How a test reads: with a header row, or without one. */
    @FunctionalInterface
    interface Reading {
        void run(Input input, RecordSink sink, List<String> header, CsvRecords.Rows rows) throws IOException;
    }

    static Out collect(String text, Limits limits, Reading reading) throws IOException {
        List<String> header = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        long[] records = {0};
        Input input = new Input("t.csv", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), limits);
        reading.run(input, new RecordSink() {
            @Override
            public void accept(dev.unravel.core.Event event) {
            }

            @Override
            public void reject(RecordError error) {
                errors.add(error);
            }

            @Override
            public void record() {
                records[0]++;
            }
        }, header, row -> {
            List<String> r = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                r.add(row.get(i));
            }
            rows.add(r);
            lines.add(row.line());
        });
        return new Out(header, rows, lines, errors, records[0]);
    }

    static Out read(String text, char delimiter, Limits limits) throws IOException {
        return collect(text, limits, (input, sink, header, rows) -> CsvRecords.read(input, sink, delimiter,
                (columns, line) -> {
                    header.addAll(columns);
                    return rows;
                }));
    }

    static Out read(String text) throws IOException {
        return read(text, ',', Limits.DEFAULT);
    }

    @Test
    void quotedFieldsWithCommasQuotesAndLineBreaksReadAsOneField() throws IOException {
        Out out = read("id,notes,n\nA1,\"Strong on Go, \"\"camera broken\"\"\nsecond line\",2\nA2,plain,3\n");
        assertThat(out.header()).containsExactly("id", "notes", "n");
        assertThat(out.rows()).containsExactly(
                List.of("A1", "Strong on Go, \"camera broken\"\nsecond line", "2"),
                List.of("A2", "plain", "3"));
        assertThat(out.lines()).containsExactly(2L, 4L);
        assertThat(out.errors()).isEmpty();
    }

    @Test
    void crlfAndLfLineEndsAndBlankLinesAndAMissingFinalNewline() throws IOException {
        Out out = read("a,b\r\n1,2\r\n\r\n3,\"x\r\ny\"\n\n5,6");
        assertThat(out.rows()).containsExactly(List.of("1", "2"), List.of("3", "x\r\ny"), List.of("5", "6"));
        assertThat(out.lines()).containsExactly(2L, 4L, 7L);
        assertThat(out.records()).isEqualTo(3);
    }

    @Test
    void raggedRowsAreRejectedWithTheirLineAndTheRestStillRead() throws IOException {
        Out out = read("a,b,c\n1,2,3\n1,2\n1,2,3,4\n7,8,9\n");
        assertThat(out.rows()).containsExactly(List.of("1", "2", "3"), List.of("7", "8", "9"));
        assertThat(out.errors()).extracting(RecordError::line, RecordError::record, RecordError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, 2L, "has 2 fields but the header has 3"),
                        org.assertj.core.groups.Tuple.tuple(4L, 3L, "has 4 fields but the header has 3"));
        assertThat(out.records()).isEqualTo(4);
    }

    @Test
    void textAfterAClosingQuoteIsRejectedNamingTheColumn() throws IOException {
        Out out = read("a,b\n1,\"x\"y\n2,3\n");
        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("b");
            assertThat(e.reason()).contains("after the closing quote");
            assertThat(e.excerpt()).isEqualTo("1,\"x\"y");
        });
        assertThat(out.rows()).containsExactly(List.of("2", "3"));
    }

    @Test
    void anOverLongFieldOrRecordIsSkippedWithoutBeingHeld() throws IOException {
        Limits small = new Limits(100, 8, 20, 40);
        String longField = "x".repeat(50);
        Out out = read("a,b\n1," + longField + "\n2,ok\n3,\"" + "y".repeat(200) + "\"\n4,end\n", ',', small);
        assertThat(out.rows()).containsExactly(List.of("2", "ok"), List.of("4", "end"));
        assertThat(out.errors()).extracting(RecordError::reason).containsExactly(
                "has a field longer than the limit of 20 bytes; skipped",
                "is longer than the record limit of 100 bytes (an unclosed quote?); skipped");
        assertThat(out.errors().get(0).excerpt()).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void anUnclosedQuoteCostsTheRestOfTheFileAsOneBadRecordNotMemory() throws IOException {
        Limits small = new Limits(1000, 8, 1000, 40);
        StringBuilder b = new StringBuilder("a,b\n1,\"never closed\n");
        for (int i = 0; i < 500; i++) {
            b.append(i).append(",row\n");
        }
        Out out = read(b.toString(), ',', small);
        assertThat(out.records()).isEqualTo(1);
        assertThat(out.errors()).singleElement().extracting(RecordError::reason).asString()
                .contains("record limit");
    }

    @Test
    void anotherDelimiterAndUtf8TextAndHeaderNamesAreStripped() throws IOException {
        Out out = read(" Name ; Stadt\nJürgen;Köln\n", ';', Limits.DEFAULT);
        assertThat(out.header()).containsExactly("Name", "Stadt");
        assertThat(out.rows()).containsExactly(List.of("Jürgen", "Köln"));
    }

    @Test
    void anEmptyFileHasNoHeaderAndNoRecords() throws IOException {
        Out out = read("");
        assertThat(out.header()).isEmpty();
        assertThat(out.records()).isZero();
        Out blank = read("\n\n");
        assertThat(blank.header()).isEmpty();
    }
    @Test
    void headerlessRows_ofAnyWidth_spacesBeforeQuotes_andAnOptionalHeader() throws IOException {
        String text = "\"Time\",\"Name\"\n\"1\",\"a\", \"b, c\"\n\n 2 , \"x\"\n\"3\",\"y\" z\n";
        Out out = collect(text, Limits.DEFAULT, (input, sink, header, rows) -> CsvRecords.readRows(input, sink, ',',
                first -> first.get(0).equals("Time"), rows));
        assertThat(out.records()).as("the header row is not a record").isEqualTo(3);
        assertThat(out.header()).isEmpty();
        assertThat(out.rows()).containsExactly(List.of("1", "a", "b, c"), List.of(" 2 ", "x"));
        assertThat(out.lines()).containsExactly(2L, 4L);
        assertThat(out.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("#2");
        });
    }
}
