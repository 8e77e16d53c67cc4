package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped between saving its state and moving its file into place: neither lost nor doubled. */
class CollectStateTest {

    @TempDir
    Path dir;

    CollectState saveExpecting(Path stateFile, Path runFile) throws Exception {
        CollectState before = new CollectState();
        before.taken("u1", Instant.parse("2026-03-02T14:00:00Z"));
        CollectState after = before.copy();
        after.taken("u2", Instant.parse("2026-03-02T15:00:00Z"));
        after.save(stateFile, "okta", "Okta System Log", Instant.parse("2026-03-03T06:00:00Z"), runFile, before);
        return after;
    }

    @Test
    void aRunWhoseFileNeverAppeared_isUndone_oneWhoseFileDidIsKept() throws Exception {
        Path stateFile = dir.resolve("state.json");
        Path runFile = dir.resolve("okta/2026-03-02/okta-20260303T060000Z.ndjson");
        saveExpecting(stateFile, runFile);

        CollectState stopped = CollectState.load(stateFile);
        assertThat(stopped.last).as("the file is not there: as before the run").isEqualTo(Instant.parse(
                "2026-03-02T14:00:00Z"));
        assertThat(stopped.seen("u2")).isFalse();

        Files.createDirectories(runFile.getParent());
        Files.writeString(runFile, "{}\n");
        CollectState moved = CollectState.load(stateFile);
        assertThat(moved.last).isEqualTo(Instant.parse("2026-03-02T15:00:00Z"));
        assertThat(moved.seen("u1")).isTrue();
        assertThat(moved.seen("u2")).isTrue();
    }
}
