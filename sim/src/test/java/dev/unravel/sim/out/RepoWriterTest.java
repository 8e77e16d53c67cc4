package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.plan.MailFactory;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoWriterTest {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path tmp;

    private static World world() {
        World world = new World(7, "tenant", "org");
        world.repos.add(new Repo("payments-api", "payments", true,
                List.of("README.md", "pom.xml", "src/main/java/com/northwindlabs/paymentsapi/LedgerService.java",
                        "README.md")));
        world.repos.add(new Repo("web-frontend", "frontend", true, List.of("package.json", "src/index.ts")));
        return world;
    }

    @Test
    void eachRepositoryIsACleanWorkTreeWithOneCommitOfTheProofContents() throws Exception {
        OutputDir dir = new OutputDir(tmp.resolve("out"));
        Map<String, String> commits = RepoWriter.write(world(), dir, START);

        assertThat(commits).containsOnlyKeys("payments-api", "web-frontend");
        try (Git git = Git.open(tmp.resolve("out/repos/payments-api").toFile())) {
            Repository repository = git.getRepository();
            assertThat(repository.getFullBranch()).isEqualTo("refs/heads/main");
            ObjectId head = repository.resolve(Constants.HEAD);
            assertThat(head.name()).isEqualTo(commits.get("payments-api"));
            try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
                RevCommit commit = walk.parseCommit(head);
                assertThat(commit.getParentCount()).isZero();
                assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("eng@northwindlabs.com");
                assertThat(commit.getCommitterIdent().getWhenAsInstant()).isEqualTo(START);
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                Map<String, String> files = new TreeMap<>();
                while (tree.next()) {
                    files.put(tree.getPathString(),
                            new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
                }
                String ledger = "src/main/java/com/northwindlabs/paymentsapi/LedgerService.java";
                assertThat(files).containsOnlyKeys("README.md", "pom.xml", ledger);
                assertThat(files.get(ledger)).isEqualTo(MailFactory.source("payments-api", ledger));
            }
            // The index matches the checked-out files: nothing modified, nothing untracked.
            assertThat(git.status().call().isClean()).isTrue();
        }
        assertThat(tmp.resolve("out/repos/web-frontend/src/index.ts"))
                .hasContent(MailFactory.source("web-frontend", "src/index.ts"));
        assertThat(dir.files()).containsKey("repos/web-frontend/src/index.ts");
    }

    @Test
    void sameWorldGivesTheSameBytesEvenInsideDotGit() throws Exception {
        RepoWriter.write(world(), new OutputDir(tmp.resolve("a")), START);
        Thread.sleep(1100); // so file-system times differ between the two runs
        RepoWriter.write(world(), new OutputDir(tmp.resolve("b")), START);

        assertThat(digests(tmp.resolve("b"))).isEqualTo(digests(tmp.resolve("a")))
                .containsKey("repos/payments-api/.git/index");
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                digests.put(root.relativize(f).toString().replace('\\', '/'),
                        HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
            }
        }
        return digests;
    }
}
