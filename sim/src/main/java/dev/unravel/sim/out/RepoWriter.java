package dev.unravel.sim.out;

import dev.unravel.sim.plan.MailFactory;
import dev.unravel.sim.world.Repo;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The company's source code: each of {@link World#repos} as a git work tree under {@code
 * repos/<name>/}, one commit on {@code main} holding every path with {@link MailFactory#source}'s
 * content — the very bytes the extortion email's proof archive carries, so a responder can build
 * an inventory ({@code unravel inventory build --repo <out>/repos}) and prove the leak.
 *
 * <p>The same seed gives the same bytes: objects are written directly (no porcelain), the author,
 * committer and time are fixed, no reflog is kept, and the index is written with the commit time
 * as every file's stat time and no device, inode or owner, instead of the checkout's real stats.
 */
public final class RepoWriter {
    /** Where the repositories go, relative to the output folder. */
    public static final String FOLDER = "repos";
    private static final String BRANCH = "main";

    private RepoWriter() {
    }

    /**
     * Writes every repository and returns each one's commit id by name.
     *
     * @param committedAt the commit time; the simulation's first instant, so reruns agree
     */
    public static Map<String, String> write(World world, OutputDir dir, Instant committedAt) throws IOException {
        PersonIdent author = new PersonIdent(World.COMPANY, "eng@" + World.DOMAIN, committedAt, ZoneOffset.UTC);
        Map<String, String> commits = new LinkedHashMap<>();
        for (Repo repo : world.repos) {
            commits.put(repo.name(), write(repo, dir, author));
        }
        return commits;
    }

    private static String write(Repo repo, OutputDir dir, PersonIdent author) throws IOException {
        String root = FOLDER + "/" + repo.name();
        // Sorted and without duplicates: the order git keeps in its trees and index.
        List<String> paths = List.copyOf(new TreeSet<>(repo.paths()));
        try (Git git = Git.init().setDirectory(dir.resolve(root).toFile()).setInitialBranch(BRANCH).call();
                ObjectInserter inserter = git.getRepository().newObjectInserter()) {
            Repository repository = git.getRepository();
            DirCache tree = DirCache.newInCore();
            DirCacheBuilder entries = tree.builder();
            for (String path : paths) {
                byte[] content = MailFactory.source(repo.name(), path).getBytes(StandardCharsets.UTF_8);
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
                entries.add(entry(path, blob, content.length, author.getWhenAsInstant()));
                try (OutputStream out = dir.create(root + "/" + path)) {
                    out.write(content);
                }
                Files.setLastModifiedTime(dir.resolve(root + "/" + path), FileTime.from(author.getWhenAsInstant()));
            }
            entries.finish();
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree.writeTree(inserter));
            commit.setAuthor(author);
            commit.setCommitter(author);
            commit.setMessage("Import " + repo.name() + " (" + repo.team() + " team)\n");
            ObjectId commitId = inserter.insert(commit);
            inserter.flush();

            RefUpdate branch = repository.updateRef(Constants.R_HEADS + BRANCH);
            branch.setNewObjectId(commitId);
            branch.disableRefLog();
            RefUpdate.Result result = branch.forceUpdate();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED) {
                throw new IOException("could not create branch " + BRANCH + " in " + root + ": " + result);
            }

            // The checkout's index, so `git status` in the folder is clean.
            DirCache index = repository.lockDirCache();
            try {
                DirCacheBuilder indexEntries = index.builder();
                for (int i = 0; i < tree.getEntryCount(); i++) {
                    indexEntries.add(tree.getEntry(i));
                }
                indexEntries.finish();
                index.write();
                index.commit();
            } finally {
                index.unlock();
            }
            return commitId.name();
        } catch (GitAPIException e) {
            throw new IOException("could not create the git repository " + root + ": " + e.getMessage(), e);
        }
    }

    private static DirCacheEntry entry(String path, ObjectId blob, int length, Instant modified) {
        DirCacheEntry entry = new DirCacheEntry(path);
        entry.setFileMode(FileMode.REGULAR_FILE);
        entry.setObjectId(blob);
        entry.setLength(length);
        entry.setLastModified(modified);
        return entry;
    }
}
