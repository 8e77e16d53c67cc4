package dev.unravel.triage.inventory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/** Real git repositories for tests, made with JGit. */
final class GitFixtures {

  static final PersonIdent AUTHOR =
      new PersonIdent("Test", "test@example.com", java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);

  private GitFixtures() {}

  /** A work tree at dir with one commit holding the files (path → content) on branch main. */
  static Git repository(Path dir, Map<String, String> files) throws IOException, GitAPIException {
    Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    commit(git, files, "initial");
    return git;
  }

  static void commit(Git git, Map<String, String> files, String message)
      throws IOException, GitAPIException {
    Path root = git.getRepository().getWorkTree().toPath();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = root.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
    }
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).setSign(false).call();
  }
}
