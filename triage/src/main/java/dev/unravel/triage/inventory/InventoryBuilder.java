package dev.unravel.triage.inventory;

import dev.unravel.ingest.source.Inputs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * Collects the company's files into an {@link Inventory}: git repositories (paths and blob ids read
 * from the trees, contents never read) and plain folders (blob ids computed from the contents,
 * which are hashed and forgotten). Not thread-safe; one builder per inventory.
 */
public final class InventoryBuilder {

  /** How often, in files, the progress listener hears from a long walk. */
  private static final int PROGRESS_EVERY = 1000;

  private final List<Inventory.Source> sources = new ArrayList<>();
  private final List<InventoryFile> files = new ArrayList<>();
  private final Set<String> projectNames = new HashSet<>();
  private final Set<Path> added = new HashSet<>();
  private IntConsumer progress = files -> {};

  /** Called with the number of files indexed so far, every thousand files and after each source. */
  public InventoryBuilder progress(IntConsumer filesSoFar) {
    this.progress = filesSoFar == null ? files -> {} : filesSoFar;
    return this;
  }

  /**
   * Indexes a git repository: a work tree (with {@code .git} inside) or a bare repository. Every
   * file of HEAD's tree and of each local branch's tip is listed once per path and blob. When the
   * path is not a repository but some of its immediate sub-folders are, each of them is indexed.
   * The project is the repository folder's name without a {@code .git} suffix.
   *
   * @throws IllegalArgumentException when neither the path nor any immediate sub-folder is a
   *     git repository
   */
  public InventoryBuilder addRepository(Path repo) throws IOException {
    Path dir = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a folder: " + repo);
    }
    if (Inputs.isGitRepository(dir)) {
      indexRepository(dir);
      return this;
    }
    List<Path> children = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      listing.filter(Inputs::isGitRepository).sorted().forEach(children::add);
    }
    if (children.isEmpty()) {
      throw new IllegalArgumentException(
          "not a git repository, nor a folder of git repositories: " + repo);
    }
    for (Path child : children) {
      indexRepository(child);
    }
    return this;
  }

  /**
   * Indexes a plain folder as one project named after the folder: every regular file below it,
   * not following symbolic links and skipping {@code .git} folders. Each file is read once to
   * compute its git blob id.
   */
  public InventoryBuilder addDirectory(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("not a folder: " + dir);
    }
    if (!added.add(root)) {
      return this;
    }
    TreeMap<String, InventoryFile> found = new TreeMap<>();
    String project = uniqueProjectName(root.getFileName() == null ? "root" : root.getFileName().toString());
    MessageDigest sha1 = sha1();
    byte[] buffer = new byte[1 << 16];
    // A folder named through a symbolic link is walked where it really is; links inside are not followed.
    Path walkRoot = root.toRealPath();
    Files.walkFileTree(
        walkRoot,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            return d.getFileName() != null && d.getFileName().toString().equals(".git") && !d.equals(walkRoot)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            // Without FOLLOW_LINKS a symbolic link arrives here as a link, never as its target.
            if (attrs.isRegularFile() && !file.getFileName().toString().equals(".git")) {
              String path = relativePath(walkRoot, file);
              long size = attrs.size();
              String blob = blobSha1(file, size, sha1, buffer);
              found.put(path, new InventoryFile(project, path, size, blob));
              reportEvery(files.size() + found.size());
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.addAll(found.values());
    sources.add(new Inventory.Source(project, "dir", root.toString(), null, found.size()));
    progress.accept(files.size());
    return this;
  }

  /** The inventory of everything added so far, stamped with the current time. */
  public Inventory build() {
    return new Inventory(Instant.now().truncatedTo(ChronoUnit.SECONDS), sources, files);
  }

  // ---- git ----------------------------------------------------------------------------------

  private void indexRepository(Path dir) throws IOException {
    if (!added.add(dir)) {
      return;
    }
    String name = dir.getFileName() == null ? "root" : dir.getFileName().toString();
    if (name.endsWith(".git") && name.length() > 4) {
      name = name.substring(0, name.length() - 4);
    }
    String project = uniqueProjectName(name);
    FileRepositoryBuilder opener = new FileRepositoryBuilder().setMustExist(true);
    if (Files.exists(dir.resolve(".git"))) {
      opener.setWorkTree(dir.toFile());
    } else {
      opener.setGitDir(dir.toFile());
    }
    try (Repository repository = opener.build();
        ObjectReader reader = repository.newObjectReader();
        RevWalk commits = new RevWalk(reader)) {
      // HEAD first, then local branches by name: the first tip to reach a path+blob pair keeps it.
      List<ObjectId> tips = new ArrayList<>();
      ObjectId head = repository.resolve(Constants.HEAD);
      String headCommit = null;
      if (head != null) {
        RevCommit commit = commits.parseCommit(head);
        headCommit = commit.name();
        tips.add(commit.getTree());
      }
      for (Ref branch : repository.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (branch.getObjectId() != null) {
          tips.add(commits.parseCommit(branch.getObjectId()).getTree());
        }
      }
      TreeMap<String, InventoryFile> found = new TreeMap<>();
      Set<String> walkedTrees = new HashSet<>();
      Map<ObjectId, Long> sizes = new HashMap<>();
      for (ObjectId tree : tips) {
        walkTree(reader, tree, "", project, walkedTrees, sizes, found);
      }
      files.addAll(found.values());
      sources.add(new Inventory.Source(project, "git", dir.toString(), headCommit, found.size()));
      progress.accept(files.size());
    }
  }

  /**
   * Lists the blobs below one tree. A subtree already walked at the same path (same id, so same
   * files) is skipped: branches mostly share their trees, and each shared tree is read once.
   */
  private void walkTree(
      ObjectReader reader,
      AnyObjectId treeId,
      String prefix,
      String project,
      Set<String> walkedTrees,
      Map<ObjectId, Long> sizes,
      TreeMap<String, InventoryFile> found)
      throws IOException {
    if (!walkedTrees.add(prefix + '\0' + treeId.name())) {
      return;
    }
    CanonicalTreeParser entries = new CanonicalTreeParser(null, reader, treeId);
    for (; !entries.eof(); entries.next()) {
      FileMode mode = entries.getEntryFileMode();
      String path = prefix + entries.getEntryPathString();
      ObjectId id = entries.getEntryObjectId();
      if (mode == FileMode.TREE) {
        walkTree(reader, id, path + "/", project, walkedTrees, sizes, found);
      } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
        // Symbolic links and submodule commits are not files of this project; they are skipped.
        String key = path + '\0' + id.name();
        if (!found.containsKey(key)) {
          // The size comes from the object header; the content is never inflated for it.
          Long size = sizes.get(id);
          if (size == null) {
            size = reader.getObjectSize(id, Constants.OBJ_BLOB);
            sizes.put(id, size);
          }
          found.put(key, new InventoryFile(project, path, size, id.name()));
          reportEvery(files.size() + found.size());
        }
      }
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String uniqueProjectName(String name) {
    String candidate = name;
    for (int n = 2; !projectNames.add(candidate); n++) {
      candidate = name + "-" + n;
    }
    return candidate;
  }

  private void reportEvery(int total) {
    if (total % PROGRESS_EVERY == 0) {
      progress.accept(total);
    }
  }

  private static String relativePath(Path root, Path file) {
    StringBuilder path = new StringBuilder();
    for (Path segment : root.relativize(file)) {
      if (path.length() > 0) {
        path.append('/');
      }
      path.append(segment);
    }
    return path.toString();
  }

  /**
   * The git blob id of a file's content. The size goes into the header before the content is
   * read; a file that changes size meanwhile is read again so the id always matches the content.
   */
  static String blobSha1(Path file, long expectedSize, MessageDigest sha1, byte[] buffer)
      throws IOException {
    long size = expectedSize;
    for (int attempt = 0; attempt < 3; attempt++) {
      sha1.reset();
      sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      long read = 0;
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          sha1.update(buffer, 0, n);
          read += n;
        }
      }
      if (read == size) {
        return hex(sha1.digest());
      }
      size = read;
    }
    throw new IOException("file keeps changing while it is read: " + file);
  }

  static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
    }
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
