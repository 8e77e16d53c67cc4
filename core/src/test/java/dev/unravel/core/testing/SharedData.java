package dev.unravel.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds {@code ../shared} beside the repository, for the tests of every module (published in
 * core's test jar). Tests that need it call {@link #require()}:
 * outside CI a missing folder skips the test with a message; under {@code CI=true} it fails.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String repo = System.getProperty("unravel.root");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        // Surefire runs in the module folder; walk up until a sibling "shared" folder appears.
        for (Path p = base.toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("data"))) {
                return candidate;
            }
        }
        return base.toAbsolutePath().resolveSibling("shared");
    }

    /** The shared folder, or skips (fails under CI=true) when it is not there. */
    public static Path require() {
        Path root = root();
        boolean present = Files.isDirectory(root.resolve("data"));
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("../shared is required under CI=true but was not found at " + root);
        }
        assumeTrue(present, "../shared not found at " + root + "; skipping tests that read it");
        return root;
    }

    /** A vendor sample file from {@code shared/data/vendor-samples/records}. */
    public static Path vendorRecords(String name) {
        return require().resolve("data/vendor-samples/records").resolve(name);
    }

    /** {@code shared/data/sigma}: the SigmaHQ rule corpus and its regression data. */
    public static Path sigma() {
        return require().resolve("data/sigma");
    }

    /**
     * The binary event logs of SigmaHQ's regression data ({@code .evtx}, each beside its
     * evtx_dump JSON twin of the same name), sorted.
     */
    public static java.util.List<Path> regressionLogs() throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(sigma().resolve("regression_data"))) {
            return s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
    }

    /** The evtx_dump JSON twin of a regression log. */
    public static Path jsonTwin(Path log) {
        return log.resolveSibling(log.getFileName().toString().replaceFirst("\\.evtx$", ".json"));
    }

    /** {@code shared/data/sigma-spec}: the Sigma specification with its schema tests. */
    public static Path spec() {
        return require().resolve("data/sigma-spec");
    }

    /** {@code shared/data/lolrmm/detections/sigma}: the LOLRMM Sigma rules. */
    public static Path lolrmm() {
        return require().resolve("data/lolrmm/detections/sigma");
    }
}
