package dev.unravel.ingest.format.windows;

import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples for probe tests: text as given, or a file's first 64 KiB as the sniffer sees it. */
public final class EndpointProbes {
    private EndpointProbes() {
    }

    public static Sample sample(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Sample(name, bytes.length <= Sample.SIZE ? bytes : java.util.Arrays.copyOf(bytes, Sample.SIZE));
    }

    public static Sample sample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Sample(file.getFileName().toString(), in.readNBytes(Sample.SIZE));
        }
    }
}
