package dev.unravel.collect;

import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a collection left in its folder, read as a scan reads it. */
final class Collected {
    private Collected() {
    }

    /** Every file under {@code folder}, hidden ones too. */
    static List<Path> files(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The scan's readers over {@code file}: its format recognised from content, and the counts. */
    static FileSummary read(Path file) throws IOException {
        List<FileSummary> read = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> { }, 5).run(List.of(file));
        return read.get(0);
    }
}
