package dev.unravel.triage.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryPersistenceTest {

  @TempDir Path temp;

  private static final String BLOB = "ce013625030ba8dba906f756967f9e9ca394464a";

  private static Inventory sample() {
    return new Inventory(
        Instant.parse("2026-11-28T23:00:00Z"),
        List.of(
            new Inventory.Source("payments-api", "git", "/srv/git/payments-api.git", "a".repeat(40), 2),
            new Inventory.Source("wiki", "dir", "/srv/wiki", null, 1)),
        List.of(
            new InventoryFile("payments-api", "hello.txt", 6, BLOB),
            new InventoryFile("payments-api", "src/Main.java", 14, "b".repeat(40)),
            new InventoryFile("wiki", "Home \"quoted\" ü.md", 0, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")));
  }

  @Test
  void savedInventoryLoadsBackEqual() throws IOException {
    Path file = temp.resolve("sub/inventory.jsonl.gz");
    sample().save(file);

    Inventory loaded = Inventory.load(file);

    assertThat(loaded.created()).isEqualTo(Instant.parse("2026-11-28T23:00:00Z"));
    assertThat(loaded.sources()).isEqualTo(sample().sources());
    assertThat(loaded.files()).isEqualTo(sample().files());
    assertThat(loaded.projects()).containsExactly("payments-api", "wiki");
    assertThat(loaded.fileCount("payments-api")).isEqualTo(2);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(text.lines().findFirst().orElseThrow())
          .startsWith("{\"schema\":\"unravel.inventory/1\"")
          .doesNotContain("\"commit\":null");
      assertThat(text.lines()).hasSize(4);
    }
    assertThat(temp.resolve("sub/inventory.jsonl.gz.partial")).doesNotExist();
  }

  @Test
  void damagedLineIsNamedWithFileAndLine() throws IOException {
    Path file = temp.resolve("bad.jsonl.gz");
    sample().save(file);
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    writeGzip(file, lines.get(0) + "\n" + lines.get(1) + "\n{\"project\":\"payments-api\",\"path\":\n");

    assertThatThrownBy(() -> Inventory.load(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file + ":3:");
  }

  @Test
  void unknownProjectAndBadBlobAreRejected() throws IOException {
    Path file = temp.resolve("bad.jsonl.gz");
    String header = "{\"schema\":\"unravel.inventory/1\",\"created\":\"2026-11-28T23:00:00Z\",\"sources\":[{\"project\":\"p\",\"kind\":\"dir\",\"path\":\"/p\",\"files\":1}]}";
    writeGzip(file, header + "\n{\"project\":\"q\",\"path\":\"a\",\"size\":1,\"gitBlobSha1\":\"" + BLOB + "\"}\n");
    assertThatThrownBy(() -> Inventory.load(file)).hasMessageContaining(file + ":2:").hasMessageContaining("q");

    writeGzip(file, header + "\n{\"project\":\"p\",\"path\":\"a\",\"size\":1,\"gitBlobSha1\":\"xyz\"}\n");
    assertThatThrownBy(() -> Inventory.load(file)).hasMessageContaining(file + ":2:").hasMessageContaining("gitBlobSha1");
  }

  @Test
  void notAnInventoryAtAllIsNamedAtLineOne() throws IOException {
    Path plain = temp.resolve("notes.txt");
    Files.writeString(plain, "hello\n");
    assertThatThrownBy(() -> Inventory.load(plain))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(plain + ":1:");

    Path otherSchema = temp.resolve("other.jsonl.gz");
    writeGzip(otherSchema, "{\"schema\":\"something/2\",\"created\":\"2026-11-28T23:00:00Z\",\"sources\":[]}\n");
    assertThatThrownBy(() -> Inventory.load(otherSchema))
        .hasMessageContaining(otherSchema + ":1:")
        .hasMessageContaining("something/2");
  }

  private static void writeGzip(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
