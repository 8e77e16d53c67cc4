package dev.unravel.triage.inventory;

import dev.unravel.triage.archive.ArchiveEntry;
import java.util.List;

/**
 * The verdict on an archive's file entries: which are the company's (and how we know), which are
 * not, and the projects they came from, most files first.
 */
public record LeakMatch(
    List<EntryMatch> matched, List<ArchiveEntry> unmatched, List<ProjectLeak> projects) {

  public LeakMatch {
    matched = List.copyOf(matched);
    unmatched = List.copyOf(unmatched);
    projects = List.copyOf(projects);
  }

  /** Matched entries over all file entries (directories are never counted); 0 for no files. */
  public double matchedShare() {
    int total = matched.size() + unmatched.size();
    return total == 0 ? 0 : (double) matched.size() / total;
  }
}
