package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.triage.inventory.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCommandTest {

    private static void repository(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/Main.java"), "class Main {}\n");
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        PersonIdent who = new PersonIdent("Test", "test@example.com", Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC);
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("initial").setAuthor(who).setCommitter(who).setSign(false).call();
        }
    }

    @Test
    void buildWritesAnInventoryThatLoads_andShowListsIt(@TempDir Path tmp) throws Exception {
        repository(tmp.resolve("repos/payments-api"));
        Files.createDirectories(tmp.resolve("wiki"));
        Files.writeString(tmp.resolve("wiki/Home.md"), "# Home\n");
        Path out = tmp.resolve("inventory.jsonl.gz");

        CliRun build = CliRun.run("inventory", "build", "--repo", tmp.resolve("repos").toString(), "--dir",
                tmp.resolve("wiki").toString(), "--out", out.toString());

        assertThat(build.code()).as(build.err()).isZero();
        assertThat(build.out()).contains("payments-api", "2 files", "git", "wiki", "dir", out.toString());
        Inventory inventory = Inventory.load(out);
        assertThat(inventory.projects()).containsExactly("payments-api", "wiki");
        assertThat(inventory.fileCount("payments-api")).isEqualTo(2);
        assertThat(inventory.size()).isEqualTo(3);

        CliRun show = CliRun.run("inventory", "show", out.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("3 files in 2 projects", "payments-api", "wiki");
    }

    @Test
    void usageErrorsAndBadFilesExitNonZeroWithOneLine(@TempDir Path tmp) throws Exception {
        CliRun nothing = CliRun.run("inventory", "build", "--out", tmp.resolve("x.gz").toString());
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("at least one --repo or --dir");

        Files.createDirectories(tmp.resolve("plain"));
        CliRun notARepo = CliRun.run("inventory", "build", "--repo", tmp.resolve("plain").toString(), "--out",
                tmp.resolve("x.gz").toString());
        assertThat(notARepo.code()).isEqualTo(2);
        assertThat(notARepo.err()).contains("not a git repository");

        Path junk = Files.writeString(tmp.resolve("junk.jsonl.gz"), "not gzip");
        CliRun bad = CliRun.run("inventory", "show", junk.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(junk + ":1:").doesNotContain("Exception");
    }
}
