package dev.unravel.sigma.tool;

import dev.unravel.core.Event;
import dev.unravel.sigma.windows.EvtxJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The event files the sigma module reads on its own (regression tests, benchmarks; the CLI's
 * {@code sigma match} reads through every ingest reader): Windows event records in evtx_dump JSON
 * form ({@code .json}, {@code .jsoncls}, several documents back to back), given as files or
 * directories (searched recursively), and binary event logs ({@code .evtx}) given as files. A
 * directory's logs are not listed: SigmaHQ's regression data keeps each beside its evtx_dump twin,
 * and reading both would count every event twice.
 */
public final class EventFiles {
    private EventFiles() {
    }

    public static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(EventFiles::isEventFile).sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such events file or directory: " + p);
            }
        }
        return out;
    }

    static boolean isEventFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".jsoncls") || n.endsWith(".ndjson");
    }

    public static void forEach(Path file, Consumer<Event> sink) throws IOException {
        EvtxJson.forEach(file, sink);
    }
}
