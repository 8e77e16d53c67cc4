package dev.unravel.triage.inventory;

import java.util.List;

/**
 * How much of one project an archive holds: distinct indexed files matched, the project's indexed
 * files, their ratio, and up to ten of the matched paths (sorted).
 */
public record ProjectLeak(
    String project, int filesLeaked, int filesInProject, double share, List<String> samplePaths) {

  public ProjectLeak {
    samplePaths = List.copyOf(samplePaths);
  }
}
