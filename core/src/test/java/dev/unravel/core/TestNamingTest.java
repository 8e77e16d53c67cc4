package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Surefire runs only classes named {@code *Test}, {@code *Tests} or {@code *TestCase}: a class of
 * tests named otherwise compiles and silently never runs (two property-test classes did). This
 * guard fails instead.
 */
class TestNamingTest {
    private static final Pattern TEST_ANNOTATION = Pattern.compile("^\\s*@(Test|Property|TestFactory|ParameterizedTest|Example)\\b",
            Pattern.MULTILINE);

    @Test
    void everyClassWithTests_isNamedSoSurefireRunsIt() throws IOException {
        Path root = Path.of(System.getProperty("unravel.root", "..")).toAbsolutePath().normalize();
        List<String> misnamed;
        try (Stream<Path> files = Files.walk(root)) {
            misnamed = files.filter(f -> f.toString().contains("/src/test/java/") && f.toString().endsWith(".java"))
                    .filter(f -> !f.getFileName().toString().matches(".*(Test|Tests|TestCase)\\.java"))
                    .filter(f -> {
                        try {
                            return TEST_ANNOTATION.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
        assertThat(misnamed).as("test classes Surefire would skip").isEmpty();
    }
}
