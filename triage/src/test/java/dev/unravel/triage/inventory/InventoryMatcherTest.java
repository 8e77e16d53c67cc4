package dev.unravel.triage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.unravel.triage.archive.ArchiveEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryMatcherTest {

  @TempDir Path temp;

  private static final Map<String, String> PAYMENTS = new LinkedHashMap<>();
  private static final Map<String, String> BILLING = new LinkedHashMap<>();

  static {
    PAYMENTS.put("src/Main.java", "class Main { /* payments */ }\n");
    PAYMENTS.put("src/LedgerReconciler.java", "class LedgerReconciler { long cents; }\n");
    PAYMENTS.put("README.md", "# Payments API\n");
    PAYMENTS.put("pom.xml", "<project>payments</project>\n");
    PAYMENTS.put("shared/Money.java", "record Money(long cents) {}\n");
    BILLING.put("src/Main.java", "class Main { /* billing */ }\n");
    BILLING.put("lib/Money.java", "record Money(long cents) {}\n"); // same content as payments-api's
    BILLING.put("src/Invoice.java", "class Invoice {}\n");
  }

  private InventoryMatcher matcher;
  private Inventory inventory;

  @BeforeEach
  void indexTwoRepositories() throws Exception {
    GitFixtures.repository(temp.resolve("repos/payments-api"), PAYMENTS).close();
    GitFixtures.repository(temp.resolve("repos/billing"), BILLING).close();
    inventory = new InventoryBuilder().addRepository(temp.resolve("repos")).build();
    matcher = new InventoryMatcher(inventory);
  }

  @Test
  void proofZipOfRepoSlashPathMatchesEveryFileByContent() throws IOException {
    Map<String, String> proof = new LinkedHashMap<>();
    PAYMENTS.forEach((path, content) -> proof.put("payments-api/" + path, content));
    proof.put("billing/src/Invoice.java", BILLING.get("src/Invoice.java"));

    LeakMatch result = matcher.match(listZip(zip("proof.zip", proof)));

    assertThat(result.unmatched()).isEmpty();
    assertThat(result.matchedShare()).isEqualTo(1.0);
    assertThat(result.matched())
        .extracting(EntryMatch::project, EntryMatch::path, EntryMatch::method)
        .contains(
            tuple("payments-api", "src/Main.java", EntryMatch.Method.CONTENT_HASH),
            // Money.java's content is in both projects: the archive path decides.
            tuple("payments-api", "shared/Money.java", EntryMatch.Method.CONTENT_HASH),
            tuple("billing", "src/Invoice.java", EntryMatch.Method.CONTENT_HASH));
    assertThat(result.projects())
        .extracting(ProjectLeak::project, ProjectLeak::filesLeaked, ProjectLeak::filesInProject)
        .containsExactly(tuple("payments-api", 5, 5), tuple("billing", 1, 3));
    assertThat(result.projects().get(1).share()).isEqualTo(1.0 / 3);
    assertThat(result.projects().get(0).samplePaths())
        .containsExactly("README.md", "pom.xml", "shared/Money.java", "src/LedgerReconciler.java", "src/Main.java");
  }

  @Test
  void extraTopFolderAndEditedFilesMatchByPathSuffix() throws IOException {
    Map<String, String> proof = new LinkedHashMap<>();
    proof.put("proof/payments-api/src/Main.java", "class Main { /* edited by the thief */ }\n");
    proof.put("proof/payments-api/pom.xml", "<project>edited</project>\n"); // one segment after the project
    proof.put("proof/billing/src/Main.java", "class Main { /* billing, edited */ }\n");
    proof.put("proof/notes/Main.java", "class Main {}\n"); // one segment, no project: proves nothing
    proof.put("proof/", null);

    LeakMatch result = matcher.match(listZip(zip("proof.zip", proof)));

    assertThat(result.matched())
        .extracting(e -> e.entry().path(), EntryMatch::project, EntryMatch::path, EntryMatch::method)
        .containsExactly(
            tuple("proof/payments-api/src/Main.java", "payments-api", "src/Main.java", EntryMatch.Method.PATH_SUFFIX),
            tuple("proof/payments-api/pom.xml", "payments-api", "pom.xml", EntryMatch.Method.PATH_SUFFIX),
            tuple("proof/billing/src/Main.java", "billing", "src/Main.java", EntryMatch.Method.PATH_SUFFIX));
    assertThat(result.unmatched()).extracting(ArchiveEntry::path).containsExactly("proof/notes/Main.java");
    assertThat(result.matchedShare()).isEqualTo(0.75); // the directory entry is not counted
  }

  @Test
  void pathWithoutProjectNeedsTwoSegmentsAndPrefersAgreeingSize() {
    // "src/Main.java" is in both projects; only billing's has this size.
    long billingSize = BILLING.get("src/Main.java").length();
    LeakMatch result =
        matcher.match(List.of(entry("stuff/src/Main.java", billingSize, null), entry("stuff/Main.java", 1, null)));

    assertThat(result.matched())
        .extracting(EntryMatch::project, EntryMatch::path, EntryMatch::method)
        .containsExactly(tuple("billing", "src/Main.java", EntryMatch.Method.PATH_SUFFIX));
    assertThat(result.unmatched()).extracting(ArchiveEntry::path).containsExactly("stuff/Main.java");
  }

  @Test
  void distinctiveNameWithUniqueSizeMatchesButGenericNamesNever() {
    long ledgerSize = PAYMENTS.get("src/LedgerReconciler.java").length();
    long readmeSize = PAYMENTS.get("README.md").length();
    long moneySize = PAYMENTS.get("shared/Money.java").length();
    LeakMatch result =
        matcher.match(
            List.of(
                entry("loot/LedgerReconciler.java", ledgerSize, null),
                entry("loot/README.md", readmeSize, null),
                entry("loot/LedgerReconciler.java.bak", ledgerSize, null),
                // Money.java of this size is in two projects: not unique, so no match.
                entry("loot/Money.java", moneySize, null),
                entry("loot/LedgerReconciler2.java", ledgerSize + 1, null)));

    assertThat(result.matched())
        .extracting(e -> e.entry().path(), EntryMatch::project, EntryMatch::method)
        .containsExactly(tuple("loot/LedgerReconciler.java", "payments-api", EntryMatch.Method.NAME_AND_SIZE));
    assertThat(result.unmatched()).hasSize(4);
    assertThat(result.matchedShare()).isEqualTo(0.2);
  }

  @Test
  void contentHashWinsOverAMisleadingPath() {
    String billingInvoiceBlob = blobId(BILLING.get("src/Invoice.java"));
    LeakMatch result =
        matcher.match(List.of(entry("payments-api/src/Main.java", 17, billingInvoiceBlob)));

    assertThat(result.matched())
        .extracting(EntryMatch::project, EntryMatch::path, EntryMatch::method)
        .containsExactly(tuple("billing", "src/Invoice.java", EntryMatch.Method.CONTENT_HASH));
  }

  @Test
  void trailingSegmentsAreCountedWhole() {
    assertThat(InventoryMatcher.trailingSegmentsInCommon("a/b/c", "x/b/c")).isEqualTo(2);
    assertThat(InventoryMatcher.trailingSegmentsInCommon("b/c", "x/b/c")).isEqualTo(2);
    assertThat(InventoryMatcher.trailingSegmentsInCommon("ab/c", "b/c")).isEqualTo(1);
    assertThat(InventoryMatcher.trailingSegmentsInCommon("xc", "yc")).isZero();
    assertThat(InventoryMatcher.normalise(".\\proof\\a.txt")).isEqualTo("proof/a.txt");
  }

  // ---- a tiny archive lister standing in for the archive package --------------------------

  private static ArchiveEntry entry(String path, long size, String blob) {
    return new ArchiveEntry(path, "proof.zip", size, size, Instant.EPOCH, false, false, false, null, blob);
  }

  private static String blobId(String content) {
    return new ObjectInserter.Formatter()
        .idFor(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8))
        .name();
  }

  /** Writes a ZIP; a null content is a directory entry. */
  private Path zip(String name, Map<String, String> entries) throws IOException {
    Path file = temp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, String> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        if (e.getValue() != null) {
          out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    return file;
  }

  private static List<ArchiveEntry> listZip(Path file) throws IOException {
    List<ArchiveEntry> entries = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(file);
        ZipInputStream in = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        String blob =
            e.isDirectory() ? null : new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content).name();
        entries.add(
            new ArchiveEntry(
                e.getName(), file.getFileName().toString(), content.length, e.getCompressedSize(),
                Instant.EPOCH, e.isDirectory(), false, false, null, blob));
      }
    }
    return entries;
  }
}
