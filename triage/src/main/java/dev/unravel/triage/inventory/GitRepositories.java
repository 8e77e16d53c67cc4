package dev.unravel.triage.inventory;

import java.nio.file.Files;
import java.nio.file.Path;

/** Recognises git repositories on disk without opening them. */
final class GitRepositories {

  private GitRepositories() {}

  /** A work tree ({@code .git} folder or file inside) or a bare repository (HEAD, objects/, refs/). */
  static boolean isRepository(Path dir) {
    return Files.isDirectory(dir) && (Files.exists(dir.resolve(".git")) || isBare(dir));
  }

  static boolean isBare(Path dir) {
    return Files.isRegularFile(dir.resolve("HEAD"))
        && Files.isDirectory(dir.resolve("objects"))
        && Files.isDirectory(dir.resolve("refs"));
  }
}
