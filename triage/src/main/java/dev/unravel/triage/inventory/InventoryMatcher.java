package dev.unravel.triage.inventory;

import dev.unravel.triage.archive.ArchiveEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Says which entries of a leaked archive are the company's files. Each file entry is tried, in
 * order: by content ({@link EntryMatch.Method#CONTENT_HASH}, the entry's git blob id), by path
 * ({@link EntryMatch.Method#PATH_SUFFIX}, the archive path with leading folders dropped one at a
 * time, so {@code proof/payments-api/src/Main.java} finds project {@code payments-api}'s {@code
 * src/Main.java}), and by a distinctive name with a unique size ({@link
 * EntryMatch.Method#NAME_AND_SIZE}). Every tie is broken by project then path, so the same archive
 * always gets the same answer. The look-up tables are built once; a matcher is immutable and may
 * be shared between threads.
 */
public final class InventoryMatcher {

  /** The empty file's blob: every empty file has it, so it proves nothing. */
  private static final String EMPTY_BLOB = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";

  /**
   * Names every project has, whose size alone says nothing about whose file it is. Compared in
   * lower case; README, LICENSE and similar prefixes are handled in {@link #isGenericName}.
   */
  private static final Set<String> GENERIC_NAMES =
      Set.of(
          ".gitignore", ".gitattributes", ".gitmodules", ".editorconfig", ".dockerignore",
          ".npmignore", ".npmrc", ".nvmrc", ".prettierrc", ".eslintrc", ".eslintrc.js",
          ".eslintrc.json", ".babelrc", ".travis.yml", ".ds_store", "thumbs.db", "package.json",
          "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "tsconfig.json", "index.js",
          "index.ts", "index.jsx", "index.tsx", "index.html", "index.css", "main.js", "main.ts",
          "main.py", "main.go", "main.rs", "__init__.py", "setup.py", "setup.cfg",
          "requirements.txt", "pyproject.toml", "pom.xml", "build.gradle", "settings.gradle",
          "gradle.properties", "gradlew", "gradlew.bat", "mvnw", "mvnw.cmd",
          "gradle-wrapper.properties", "maven-wrapper.properties", "makefile", "dockerfile",
          "docker-compose.yml", "docker-compose.yaml", "go.mod", "go.sum", "cargo.toml",
          "cargo.lock", "gemfile", "gemfile.lock", "favicon.ico", "robots.txt", "notice",
          "authors", "codeowners", "security.md", "code_of_conduct.md", "contributing.md");

  private static final Comparator<InventoryFile> BY_PROJECT_THEN_PATH =
      Comparator.comparing(InventoryFile::project).thenComparing(InventoryFile::path);

  private final Inventory inventory;
  /** Blob id → InventoryFile, or List of them when the content is in several places. */
  private final Map<String, Object> byBlob;
  /** Path inside its project → InventoryFile or List. */
  private final Map<String, Object> byPath;
  /** "name\0size" → the one InventoryFile with it, or AMBIGUOUS. */
  private final Map<String, Object> byNameAndSize;

  private static final Object AMBIGUOUS = new Object();

  public InventoryMatcher(Inventory inventory) {
    this.inventory = inventory;
    int capacity = Math.max(16, inventory.size() * 4 / 3 + 1);
    byBlob = new HashMap<>(capacity);
    byPath = new HashMap<>(capacity);
    byNameAndSize = new HashMap<>(capacity);
    for (InventoryFile file : inventory.files()) {
      addTo(byBlob, file.gitBlobSha1(), file);
      addTo(byPath, file.path(), file);
      byNameAndSize.merge(
          file.fileName() + '\0' + file.size(), file, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
    }
  }

  /** Matches every file entry; directory entries are ignored. */
  public LeakMatch match(List<ArchiveEntry> entries) {
    List<EntryMatch> matched = new ArrayList<>();
    List<ArchiveEntry> unmatched = new ArrayList<>();
    for (ArchiveEntry entry : entries) {
      if (entry.directory()) {
        continue;
      }
      EntryMatch match = matchOne(entry);
      if (match == null) {
        unmatched.add(entry);
      } else {
        matched.add(match);
      }
    }
    return new LeakMatch(matched, unmatched, projectsOf(matched));
  }

  private EntryMatch matchOne(ArchiveEntry entry) {
    String path = normalise(entry.path());
    String blob = entry.gitBlobSha1() == null ? null : entry.gitBlobSha1().toLowerCase(Locale.ROOT);
    if (blob != null && !blob.equals(EMPTY_BLOB)) {
      List<InventoryFile> sameContent = lookUp(byBlob, blob);
      if (!sameContent.isEmpty()) {
        // The same content in several places: the one whose path the archive path ends with.
        InventoryFile best = null;
        int bestSegments = -1;
        for (InventoryFile candidate : sameContent) {
          int segments = trailingSegmentsInCommon(path, candidate.project() + '/' + candidate.path());
          if (segments > bestSegments
              || (segments == bestSegments && BY_PROJECT_THEN_PATH.compare(candidate, best) < 0)) {
            best = candidate;
            bestSegments = segments;
          }
        }
        return new EntryMatch(entry, best.project(), best.path(), EntryMatch.Method.CONTENT_HASH);
      }
    }
    InventoryFile byName = matchPathSuffix(path, entry.size());
    if (byName != null) {
      return new EntryMatch(entry, byName.project(), byName.path(), EntryMatch.Method.PATH_SUFFIX);
    }
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (entry.size() > 0 && !isGenericName(name)) {
      Object unique = byNameAndSize.get(name + '\0' + entry.size());
      if (unique instanceof InventoryFile file) {
        return new EntryMatch(entry, file.project(), file.path(), EntryMatch.Method.NAME_AND_SIZE);
      }
    }
    return null;
  }

  /**
   * The longest suffix of the archive path that is an indexed "project/path" (any depth) or an
   * indexed "path" of at least two segments. Among equals: size agreement, then a project-prefixed
   * match, then project and path order.
   */
  private InventoryFile matchPathSuffix(String path, long size) {
    for (int start = 0; start < path.length(); ) {
      String suffix = path.substring(start);
      InventoryFile best = null;
      int bestRank = -1;
      int slash = suffix.indexOf('/');
      if (slash > 0) {
        String project = suffix.substring(0, slash);
        for (InventoryFile file : lookUp(byPath, suffix.substring(slash + 1))) {
          if (file.project().equals(project)) {
            int rank = (file.size() == size ? 2 : 0) + 1;
            if (rank > bestRank || (rank == bestRank && BY_PROJECT_THEN_PATH.compare(file, best) < 0)) {
              best = file;
              bestRank = rank;
            }
          }
        }
        for (InventoryFile file : lookUp(byPath, suffix)) {
          int rank = file.size() == size ? 2 : 0;
          if (rank > bestRank || (rank == bestRank && BY_PROJECT_THEN_PATH.compare(file, best) < 0)) {
            best = file;
            bestRank = rank;
          }
        }
      }
      if (best != null) {
        return best;
      }
      int next = path.indexOf('/', start);
      if (next < 0) {
        break;
      }
      start = next + 1;
    }
    return null;
  }

  private List<ProjectLeak> projectsOf(List<EntryMatch> matched) {
    Map<String, TreeSet<String>> pathsByProject = new LinkedHashMap<>();
    for (EntryMatch match : matched) {
      pathsByProject.computeIfAbsent(match.project(), p -> new TreeSet<>()).add(match.path());
    }
    List<ProjectLeak> projects = new ArrayList<>();
    pathsByProject.forEach(
        (project, paths) -> {
          int inProject = inventory.fileCount(project);
          List<String> sample = paths.stream().limit(10).toList();
          projects.add(
              new ProjectLeak(
                  project,
                  paths.size(),
                  inProject,
                  inProject == 0 ? 0 : (double) paths.size() / inProject,
                  sample));
        });
    projects.sort(
        Comparator.comparingInt(ProjectLeak::filesLeaked)
            .reversed()
            .thenComparing(ProjectLeak::project));
    return projects;
  }

  /** README, LICENSE, .gitignore, package.json and the like: every project has one. */
  static boolean isGenericName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return GENERIC_NAMES.contains(lower)
        || lower.startsWith("readme")
        || lower.startsWith("license")
        || lower.startsWith("licence")
        || lower.startsWith("copying")
        || lower.startsWith("changelog")
        || lower.startsWith("changes");
  }

  /** '/'-separated, without a leading "/" or "./" (archives written on Windows use '\'). */
  static String normalise(String path) {
    String p = path.replace('\\', '/');
    while (p.startsWith("/") || p.startsWith("./")) {
      p = p.substring(p.startsWith("/") ? 1 : 2);
    }
    return p;
  }

  /** How many whole trailing path segments two paths share ("a/b/c" and "x/b/c" share 2). */
  static int trailingSegmentsInCommon(String a, String b) {
    int i = a.length() - 1;
    int j = b.length() - 1;
    int segments = 0;
    while (i >= 0 && j >= 0 && a.charAt(i) == b.charAt(j)) {
      if (a.charAt(i) == '/') {
        segments++;
      }
      i--;
      j--;
    }
    boolean boundaryA = i < 0 || a.charAt(i) == '/';
    boolean boundaryB = j < 0 || b.charAt(j) == '/';
    if (boundaryA && boundaryB && (i < a.length() - 1)) {
      segments++;
    }
    return segments;
  }

  private static void addTo(Map<String, Object> index, String key, InventoryFile file) {
    index.merge(
        key,
        file,
        (existing, added) -> {
          if (existing instanceof InventoryFile single) {
            List<InventoryFile> several = new ArrayList<>(2);
            several.add(single);
            several.add((InventoryFile) added);
            return several;
          }
          @SuppressWarnings("unchecked")
          List<InventoryFile> several = (List<InventoryFile>) existing;
          several.add((InventoryFile) added);
          return several;
        });
  }

  @SuppressWarnings("unchecked")
  private static List<InventoryFile> lookUp(Map<String, Object> index, String key) {
    Object found = index.get(key);
    if (found == null) {
      return List.of();
    }
    return found instanceof InventoryFile single ? List.of(single) : (List<InventoryFile>) found;
  }
}
