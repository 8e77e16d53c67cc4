package dev.unravel.triage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryBuilderTest {

  @TempDir Path temp;

  private static final Map<String, String> FILES =
      Map.of(
          "hello.txt", "hello\n",
          "src/Main.java", "class Main {}\n",
          "docs/guide.md", "# Guide\n");

  private static String jgitBlobId(String content) {
    return new ObjectInserter.Formatter()
        .idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8))
        .name();
  }

  private static Map<String, InventoryFile> byPath(Inventory inventory) {
    Map<String, InventoryFile> files = new LinkedHashMap<>();
    inventory.files().forEach(f -> files.put(f.project() + ":" + f.path(), f));
    return files;
  }

  @Test
  void workTreeListsHeadAndEveryLocalBranchWithJGitsBlobIds() throws Exception {
    Path repo = temp.resolve("payments-api");
    try (Git git = GitFixtures.repository(repo, FILES)) {
      git.checkout().setCreateBranch(true).setName("feature").call();
      GitFixtures.commit(
          git, Map.of("src/Extra.java", "class Extra {}\n", "hello.txt", "hello again\n"), "feature");
      git.checkout().setName("main").call();
    }

    Inventory inventory = new InventoryBuilder().addRepository(repo).build();

    assertThat(inventory.projects()).containsExactly("payments-api");
    Map<String, InventoryFile> files = byPath(inventory);
    assertThat(files.get("payments-api:src/Main.java").gitBlobSha1())
        .isEqualTo(jgitBlobId("class Main {}\n"));
    assertThat(files.get("payments-api:src/Extra.java").size()).isEqualTo(15);
    // The same path with two contents (main and feature) is listed once per blob.
    assertThat(inventory.files())
        .filteredOn(f -> f.path().equals("hello.txt"))
        .extracting(InventoryFile::gitBlobSha1)
        .containsExactlyInAnyOrder(
            "ce013625030ba8dba906f756967f9e9ca394464a", jgitBlobId("hello again\n"));
    assertThat(inventory.size()).isEqualTo(5);
    assertThat(inventory.fileCount("payments-api")).isEqualTo(5);
    Inventory.Source source = inventory.sources().get(0);
    assertThat(source.kind()).isEqualTo("git");
    assertThat(source.commit()).matches("[0-9a-f]{40}");
    assertThat(source.files()).isEqualTo(5);
  }

  @Test
  void bareCloneIsNamedWithoutDotGitAndHasTheSameFiles() throws Exception {
    Path repo = temp.resolve("work/billing");
    GitFixtures.repository(repo, FILES).close();
    Path bare = temp.resolve("billing.git");
    Git.cloneRepository().setURI(repo.toUri().toString()).setBare(true).setDirectory(bare.toFile()).call().close();

    Inventory fromBare = new InventoryBuilder().addRepository(bare).build();
    Inventory fromWorkTree = new InventoryBuilder().addRepository(repo).build();

    assertThat(fromBare.projects()).containsExactly("billing");
    assertThat(fromBare.files()).containsExactlyElementsOf(fromWorkTree.files());
    assertThat(fromBare.sources().get(0).commit()).isEqualTo(fromWorkTree.sources().get(0).commit());
  }

  @Test
  void aFolderOfRepositoriesIndexesEachChildAndRejectsAFolderWithout() throws Exception {
    Path repos = temp.resolve("repos");
    GitFixtures.repository(repos.resolve("b-service"), Map.of("b.txt", "b\n")).close();
    GitFixtures.repository(repos.resolve("a-service"), Map.of("a.txt", "a\n")).close();
    Files.createDirectories(repos.resolve("not-a-repo"));

    Inventory inventory = new InventoryBuilder().addRepository(repos).build();

    assertThat(inventory.projects()).containsExactly("a-service", "b-service");
    assertThatThrownBy(() -> new InventoryBuilder().addRepository(repos.resolve("not-a-repo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not-a-repo");
  }

  @Test
  void plainFolderHashesContentsSkipsGitFoldersAndSymbolicLinks() throws Exception {
    Path repo = temp.resolve("shop");
    GitFixtures.repository(repo, FILES).close();
    Files.createSymbolicLink(repo.resolve("link.txt"), repo.resolve("hello.txt"));
    List<Integer> progress = new ArrayList<>();

    Inventory inventory = new InventoryBuilder().progress(progress::add).addDirectory(repo).build();

    assertThat(inventory.files())
        .extracting(InventoryFile::path)
        .containsExactly("docs/guide.md", "hello.txt", "src/Main.java");
    assertThat(byPath(inventory).get("shop:hello.txt").gitBlobSha1())
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    // A folder and a git repository of the same files agree on every blob id.
    assertThat(new InventoryBuilder().addRepository(repo).build().files())
        .extracting(InventoryFile::gitBlobSha1)
        .containsExactlyElementsOf(inventory.files().stream().map(InventoryFile::gitBlobSha1).toList());
    assertThat(inventory.sources().get(0).kind()).isEqualTo("dir");
    assertThat(progress).last().isEqualTo(3);
  }

  @Test
  void folderNamedThroughASymbolicLinkIsWalkedAndNamedAsGiven() throws Exception {
    Files.createDirectories(temp.resolve("real/finance/q1"));
    Files.writeString(temp.resolve("real/finance/q1/budget.csv"), "a,b\n");
    Path link = Files.createSymbolicLink(temp.resolve("finance-share"), temp.resolve("real/finance"));

    Inventory inventory = new InventoryBuilder().addDirectory(link).build();

    assertThat(inventory.projects()).containsExactly("finance-share");
    assertThat(inventory.files()).extracting(InventoryFile::path).containsExactly("q1/budget.csv");
  }

  @Test
  void twoFoldersWithOneNameBecomeTwoProjects() throws Exception {
    Files.createDirectories(temp.resolve("x/api"));
    Files.createDirectories(temp.resolve("y/api"));
    Files.writeString(temp.resolve("x/api/a.txt"), "a");
    Files.writeString(temp.resolve("y/api/b.txt"), "b");

    Inventory inventory =
        new InventoryBuilder().addDirectory(temp.resolve("x/api")).addDirectory(temp.resolve("y/api")).build();

    assertThat(inventory.projects()).containsExactly("api", "api-2");
    assertThat(inventory.fileCount("api-2")).isEqualTo(1);
  }
}
