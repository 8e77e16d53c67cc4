package dev.unravel.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.unravel.core.Count;
import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.store.StoredCases.Assessed;
import dev.unravel.store.StoredCases.CaseChange;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.Forgotten;
import dev.unravel.store.StoredCases.HistoryEntry;
import dev.unravel.store.StoredCases.Opened;
import dev.unravel.store.StoredCases.Pruned;
import dev.unravel.store.StoredCases.SavedScan;
import dev.unravel.store.StoredCases.ScanInfo;
import dev.unravel.store.StoredCases.ScanSummary;
import dev.unravel.store.StoredCases.ScoreSeen;
import dev.unravel.store.StoredCases.TieSeen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Where scans, assessments and cases are kept: an embedded H2 database in a folder by default, or
 * PostgreSQL for a team ({@code jdbc:postgresql://host/db}). Opening migrates the schema (Flyway,
 * {@code db/migration}). Saving a scan and changing a case are each one transaction.
 */
public final class Store implements AutoCloseable {

    /** The scan's own actor in case histories. */
    public static final String SCANNER = "unravel";

    private static final String CASE_COLUMNS = "c.id, c.kind, c.person_id, c.name, c.status, c.disposition, "
            + "c.assignee, c.score, c.level, c.stages, c.opened_at, c.updated_at, c.closed_at, c.opened_scan, "
            + "c.last_scan, c.opened_by, (SELECT COUNT(*) FROM case_signal s WHERE s.case_id = c.id) AS signals";

    /** How long opening the embedded store waits for another process to let it go. */
    static final java.time.Duration LOCK_WAIT = java.time.Duration.ofSeconds(60);

    private final HikariDataSource pool;
    private final boolean embedded;
    private final Jdbi jdbi;
    private final String description;
    private final Clock clock;

    private Store(HikariDataSource pool, String description, Clock clock, boolean embedded) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.description = description;
        this.clock = clock;
        this.embedded = embedded;
    }

    /** The embedded database's file in its folder. */
    private static final String EMBEDDED_FILE = "unravel.mv.db";

    /** Opens (creating and migrating as needed) the store at {@code location}: a folder for H2, or a JDBC URL. */
    public static Store open(String location) {
        return open(location, Clock.systemUTC());
    }

    public static Store open(String location, Clock clock) {
        if (location == null || location.isBlank()) {
            throw new StoreException("no store given: name a folder (the embedded database) or a jdbc:postgresql:// URL");
        }
        String url;
        String description;
        if (location.startsWith("jdbc:")) {
            url = location;
            description = withoutPassword(location);
        } else if (location.matches("^[a-z][a-z0-9+.-]*://.*")) {
            throw new StoreException("'" + withoutPassword(location) + "' is not a store: name a folder for the embedded "
                    + "database or a JDBC URL such as jdbc:postgresql://db.example.com/unravel?user=unravel");
        } else {
            Path dir = Path.of(location).toAbsolutePath().normalize();
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new StoreException(dir + " is a file; the embedded store is a folder");
            }
            // PostgreSQL mode so that one set of migrations serves both; lower-case names as PostgreSQL folds them.
            url = "jdbc:h2:file:" + dir.resolve("unravel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
                    + ";DEFAULT_NULL_ORDERING=HIGH;COMPRESS=TRUE";
            description = dir.toString();
        }
        boolean embedded = !location.startsWith("jdbc:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("unravel-store");
        config.setMaximumPoolSize(4);
        if (embedded) {
            // The embedded database is one process's at a time: connections are let go when idle, so
            // that a console left open does not keep scans out, and a request while a scan saves
            // fails within seconds rather than the pool's 30.
            config.setMinimumIdle(0);
            config.setIdleTimeout(10_000);
            config.setConnectionTimeout(5_000);
        }
        // One attempt at opening, failing at once with the database's reason: retrying a refused
        // connection for the pool's 30 s would only delay the message.
        config.setInitializationFailTimeout(1);
        HikariDataSource pool = null;
        long giveUp = System.nanoTime() + LOCK_WAIT.toNanos();
        while (pool == null) {
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                // Another process (a console, a scan saving) holds the embedded database: wait for it.
                if (!embedded || !inUse(e) || System.nanoTime() > giveUp) {
                    throw new StoreException("cannot open the store at " + description + ": " + cause(e), e);
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new StoreException("interrupted while waiting for the store at " + description, e);
                }
            }
        }
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new StoreException("cannot open the store at " + description + ": " + cause(e), e);
        }
        return new Store(pool, description, clock, embedded);
    }

    /** Whether this is the embedded database (a folder) rather than PostgreSQL. */
    public boolean embedded() {
        return embedded;
    }

    /**
     * Writes a consistent copy of the embedded store to {@code zip} while it is open (H2's online
     * {@code BACKUP}), through a temporary file, so that a backup cut short never passes for one.
     * {@link #restore} puts it back. A PostgreSQL store is backed up with PostgreSQL's own tools.
     */
    public void backup(Path zip) throws IOException {
        if (!embedded) {
            throw new StoreException("the store at " + description + " is PostgreSQL: back it up with PostgreSQL's "
                    + "own tools (pg_dump -Fc -f unravel.dump DATABASE), which keep everything Unravel saves");
        }
        Path target = zip.toAbsolutePath().normalize();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        try {
            jdbi.useHandle(h -> h.execute("BACKUP TO '" + partial.toString().replace("'", "''") + "'"));
            Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (RuntimeException e) {
            Files.deleteIfExists(partial);
            throw new StoreException("cannot back up the store at " + description + " to " + target + ": " + cause(e),
                    e);
        }
    }

    /**
     * Puts a backup made by {@link #backup} back as the embedded store in the folder {@code dir}, which
     * must not hold a store yet, then opens it once: a file that is no store is refused and removed,
     * and a backup from an older version is brought up to date.
     *
     * @throws IllegalArgumentException naming what is wrong with the backup or the folder
     */
    public static void restore(Path zip, Path dir) throws IOException {
        restore(zip, dir, RESTORE_MARGIN);
    }

    /** Free space a restore leaves on the disk at least. */
    static final long RESTORE_MARGIN = 256L << 20;

    /** As {@link #restore(Path, Path)}, leaving at least {@code margin} bytes free (tests give a huge one). */
    static void restore(Path zip, Path dir, long margin) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalArgumentException(zip + ": no such file (a backup made by 'unravel store backup')");
        }
        Path folder = dir.toAbsolutePath().normalize();
        Path file = folder.resolve(EMBEDDED_FILE);
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + " is a file; the embedded store is a folder");
        }
        if (Files.exists(file)) {
            throw new IllegalArgumentException(folder + " holds a store already: restore into a new folder (and "
                    + "move it in place once checked), so that nothing is overwritten");
        }
        try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
            java.util.zip.ZipEntry entry = z.getEntry(EMBEDDED_FILE);
            if (entry == null || entry.isDirectory()) {
                throw new IllegalArgumentException(zip + " is not a backup of an Unravel store (it holds no "
                        + EMBEDDED_FILE + ")");
            }
            Files.createDirectories(folder);
            Path partial = folder.resolve(EMBEDDED_FILE + ".partial");
            // The entry's stated size can lie: a hostile or damaged ZIP could unpack until the disk is full.
            // Stop short of filling the folder's disk (keeping a margin for the store's own work after).
            long room = Files.getFileStore(folder).getUsableSpace() - margin;
            try (java.io.InputStream in = z.getInputStream(entry);
                    java.io.OutputStream out = Files.newOutputStream(partial)) {
                byte[] buf = new byte[1 << 16];
                long written = 0;
                for (int n; (n = in.read(buf)) > 0; ) {
                    written += n;
                    if (written > room) {
                        throw new IllegalArgumentException(zip + " unpacks to more than the " + (Math.max(room, 0) >> 20)
                                + " MiB free in " + folder + " (less a margin of " + (margin >> 20) + " MiB): "
                                + "restore where there is room, or check that it is a backup made by 'unravel store "
                                + "backup'");
                    }
                    out.write(buf, 0, n);
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.util.zip.ZipException e) {
            throw new IllegalArgumentException(zip + " is not a backup of an Unravel store (not a ZIP file: "
                    + e.getMessage() + ")");
        }
        try {
            open(folder.toString()).close();
        } catch (StoreException e) {
            Files.deleteIfExists(file);
            throw new IllegalArgumentException(zip + " does not open as an Unravel store: " + e.getMessage());
        }
    }

    /** Where the store is, for messages: the folder, or the URL without its password. */
    public String description() {
        return description;
    }

    /**
     * Saves a scan and what it concluded about each person, and opens, updates or reopens their
     * cases by {@code rules}: one transaction, so a failed save leaves the store as it was.
     */
    public SavedScan save(ScanInfo scan, List<Assessment> given, CaseRules rules, String actor) {
        List<Assessment> people = given.stream().map(Store::fitted).toList();
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM save_lock WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            OffsetDateTime now = now();
            long scanId = h.createUpdate("INSERT INTO scan (saved_at, saved_by, generated_at, unravel_version, inputs, "
                    + "period_from, period_to, records, events, quarantined, people, cases_opened, cases_updated, "
                    + "cases_reopened, report) VALUES (:at, :by, :generated, :version, :inputs, :from, :to, :records, "
                    + ":events, :quarantined, :people, 0, 0, 0, :report)")
                    .bind("at", now).bind("by", actor).bind("generated", scan.generatedAt())
                    .bind("version", scan.unravelVersion()).bind("inputs", String.join("\n", scan.inputs()))
                    .bind("from", scan.periodFrom()).bind("to", scan.periodTo()).bind("records", scan.records())
                    .bind("events", scan.events()).bind("quarantined", scan.quarantined())
                    .bind("people", people.size()).bind("report", scan.reportJson())
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();

            PreparedBatch assessed = h.prepareBatch("INSERT INTO assessment (scan_id, kind, person_id, name, score, "
                    + "level, stages, signals) VALUES (:scan, :kind, :person, :name, :score, :level, :stages, :signals)");
            Set<String> seen = new HashSet<>();
            for (Assessment a : people) {
                if (!seen.add(a.kind() + '\u0000' + a.personId())) {
                    throw new StoreException("scan lists " + a.kind() + " " + a.personId() + " twice");
                }
                assessed.bind("scan", scanId).bind("kind", a.kind()).bind("person", a.personId())
                        .bind("name", a.name()).bind("score", a.score()).bind("level", a.level())
                        .bind("stages", String.join(",", a.stages())).bind("signals", a.signals().size()).add();
            }
            if (!people.isEmpty()) {
                assessed.execute();
            }

            Map<String, Existing> cases = existingCases(h);
            int opened = 0;
            int updated = 0;
            int reopened = 0;
            List<StoredCases.Raised> raised = new ArrayList<>();
            for (Assessment a : people) {
                Existing existing = cases.get(a.kind() + '\u0000' + a.personId());
                CaseRules.Decision d = rules.decide(existing == null ? null : existing.current(), a);
                switch (d.action()) {
                    case NONE -> {
                        if (existing != null) {
                            // nothing new to tell, but the dates (a rehire) and ties may be, which only
                            // describe the person
                            if (a.hireDate() != null) {
                                h.createUpdate("UPDATE case_file SET hire_date = :hire, termination_date = :termination "
                                        + "WHERE id = :id").bind("hire", a.hireDate())
                                        .bind("termination", a.terminationDate()).bind("id", existing.id()).execute();
                            }
                            ties(h, existing.id(), a.ties());
                        }
                        continue;
                    }
                    case OPEN -> {
                        long id = h.createUpdate("INSERT INTO case_file (kind, person_id, name, status, score, level, "
                                + "stages, opened_at, updated_at, opened_scan, last_scan, hire_date, termination_date) "
                                + "VALUES (:kind, :person, :name, 'open', :score, :level, :stages, :at, :at, :scan, :scan, "
                                + ":hire, :termination)")
                                .bind("hire", a.hireDate()).bind("termination", a.terminationDate())
                                .bind("kind", a.kind()).bind("person", a.personId()).bind("name", a.name())
                                .bind("score", a.score()).bind("level", a.level())
                                .bind("stages", String.join(",", a.stages())).bind("at", now).bind("scan", scanId)
                                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                        record(h, id, scanId, d, now, SCANNER);
                        ties(h, id, a.ties());
                        opened++;
                        raised.add(new StoredCases.Raised(id, "opened", a.kind(), a.personId(), a.name(), a.level(),
                                a.score(), a.stages()));
                    }
                    case UPDATE, REOPEN -> {
                        // A scan that read the person's HR record gives both dates (no termination date:
                        // employed, or hired again); one that did not leaves them as they were.
                        h.createUpdate("UPDATE case_file SET name = COALESCE(:name, name), score = :score, level = :level, "
                                + "stages = :stages, updated_at = :at, last_scan = :scan"
                                + (a.hireDate() != null ? ", hire_date = :hire, termination_date = :termination" : "")
                                + (d.action() == CaseRules.Action.REOPEN
                                        ? ", status = 'open', disposition = NULL, closed_at = NULL" : "")
                                + " WHERE id = :id")
                                .bind("name", a.name()).bind("score", a.score()).bind("level", a.level())
                                .bind("stages", String.join(",", a.stages())).bind("at", now).bind("scan", scanId)
                                .bind("hire", a.hireDate()).bind("termination", a.terminationDate())
                                .bind("id", existing.id()).execute();
                        record(h, existing.id(), scanId, d, now, SCANNER);
                        ties(h, existing.id(), a.ties());
                        if (d.action() == CaseRules.Action.REOPEN) {
                            reopened++;
                            raised.add(new StoredCases.Raised(existing.id(), "reopened", a.kind(), a.personId(),
                                    a.name(), a.level(), a.score(), a.stages()));
                        } else {
                            updated++;
                        }
                    }
                    default -> throw new IllegalStateException(d.action().toString());
                }
            }
            h.createUpdate("UPDATE scan SET cases_opened = :o, cases_updated = :u, cases_reopened = :r WHERE id = :id")
                    .bind("o", opened).bind("u", updated).bind("r", reopened).bind("id", scanId).execute();
            int active = h.createQuery("SELECT COUNT(*) FROM case_file WHERE status <> 'closed'").mapTo(Integer.class)
                    .one();
            return new SavedScan(scanId, people.size(), opened, updated, reopened, active, raised);
        });
    }

    private record Existing(long id, CaseRules.Current current) {
    }

    /**
     * The people whose id is {@code who}, or whose name is (without regard to case), each as the
     * latest saved scan that still holds its report assessed them, latest first; {@code kind}
     * ({@code worker} or {@code applicant}) narrows it, null takes both.
     */
    public List<Assessed> assessed(String who, String kind) {
        String w = who == null ? "" : who.strip();
        if (w.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> {
            Map<String, Assessed> latest = new LinkedHashMap<>();
            h.createQuery("SELECT a.kind, a.person_id, a.name, a.scan_id, a.score, a.level FROM assessment a JOIN scan s "
                    + "ON s.id = a.scan_id WHERE s.report IS NOT NULL AND (a.person_id = :who OR LOWER(a.name) = :name)"
                    + (kind == null ? "" : " AND a.kind = :kind") + " ORDER BY a.scan_id DESC, a.kind, a.person_id")
                    .bind("who", w).bind("name", w.toLowerCase(java.util.Locale.ROOT)).bind("kind", kind)
                    .map((rs, ctx) -> new Assessed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getDouble(5), rs.getString(6)))
                    .forEach(a -> latest.putIfAbsent(a.kind() + '\u0000' + a.personId(), a));
            return List.copyOf(latest.values());
        });
    }

    /**
     * Opens a case by hand for the person of {@code a}, as scan {@code scanId} assessed them: all its
     * findings, and a history line under {@code actor}'s name that gives {@code reason}
     * ({@link CaseRules#openByHand}); one transaction, taken in turn with scans being saved. A person
     * with a case keeps it as it is ({@link Opened#existed}). Later scans update the case as they
     * update any other.
     */
    public Opened openCase(long scanId, Assessment a, String reason, String actor) {
        requireActor(actor);
        Assessment person = fitted(a);
        CaseRules.Decision d = CaseRules.openByHand(person, reason);
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM save_lock WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            Optional<Long> existing = h.createQuery("SELECT id FROM case_file WHERE kind = :kind AND person_id = :person")
                    .bind("kind", person.kind()).bind("person", person.personId()).mapTo(Long.class).findFirst();
            if (existing.isPresent()) {
                return new Opened(summary(h, existing.get()), true);
            }
            OffsetDateTime now = now();
            long id = h.createUpdate("INSERT INTO case_file (kind, person_id, name, status, score, level, stages, "
                    + "opened_at, updated_at, opened_scan, last_scan, hire_date, termination_date, opened_by) VALUES "
                    + "(:kind, :person, :name, 'open', :score, :level, :stages, :at, :at, :scan, :scan, :hire, "
                    + ":termination, :by)")
                    .bind("kind", person.kind()).bind("person", person.personId()).bind("name", person.name())
                    .bind("score", person.score()).bind("level", person.level())
                    .bind("stages", String.join(",", person.stages())).bind("at", now).bind("scan", scanId)
                    .bind("hire", person.hireDate()).bind("termination", person.terminationDate()).bind("by", actor)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            record(h, id, scanId, d, now, actor);
            ties(h, id, person.ties());
            return new Opened(summary(h, id), false);
        });
    }

    private static CaseSummary summary(Handle h, long id) {
        return h.createQuery("SELECT " + CASE_COLUMNS + " FROM case_file c WHERE c.id = :id").bind("id", id)
                .map((rs, ctx) -> summary(rs)).one();
    }

    /** Replaces the ties case {@code id} keeps with {@code ties}; null (the report did not say) keeps them. */
    private static void ties(Handle h, long id, List<Assessment.Tie> ties) {
        if (ties == null) {
            return;
        }
        h.createUpdate("DELETE FROM case_tie WHERE case_id = :id").bind("id", id).execute();
        PreparedBatch batch = h.prepareBatch("INSERT INTO case_tie (case_id, tie_kind, display, person_kind, person_id, "
                + "person_name) VALUES (:id, :kind, :display, :personKind, :person, :name)");
        int rows = 0;
        for (Assessment.Tie t : ties) {
            for (Assessment.Tied o : t.others()) {
                batch.bind("id", id).bind("kind", t.kind()).bind("display", t.display()).bind("personKind", o.kind())
                        .bind("person", o.id()).bind("name", o.name()).add();
                rows++;
            }
        }
        if (rows > 0) {
            batch.execute();
        }
    }

    /** Every case as the program's figures count it ({@code unravel cases stats}), oldest first. */
    public List<StoredCases.CaseOutcome> outcomes() {
        return jdbi.withHandle(h -> h.createQuery("SELECT c.id, c.kind, c.status, c.disposition, c.opened_at, c.closed_at, "
                + "c.opened_by, c.hire_date, (SELECT MIN(s.signal_time) FROM case_signal s WHERE s.case_id = c.id) AS first "
                + "FROM case_file c ORDER BY c.id").map((rs, ctx) -> {
                    String disposition = rs.getString("disposition");
                    return new StoredCases.CaseOutcome(rs.getLong("id"), rs.getString("kind"),
                            CaseStatus.parse(rs.getString("status")), disposition == null ? null
                                    : Disposition.parse(disposition), time(rs, "opened_at"), time(rs, "closed_at"),
                            rs.getString("opened_by"), rs.getString("hire_date"), rs.getString("first"));
                }).list());
    }

    /** Every case with the keys of the signals it holds, by kind and person. */
    private static Map<String, Existing> existingCases(Handle h) {
        Map<Long, Set<String>> keys = new HashMap<>();
        h.createQuery("SELECT case_id, signal_key FROM case_signal").map((rs, ctx) -> {
            keys.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
            return null;
        }).forEach(x -> { });
        Map<String, Existing> cases = new HashMap<>();
        h.createQuery("SELECT id, kind, person_id, status, disposition, score, level FROM case_file")
                .map((rs, ctx) -> {
                    long id = rs.getLong("id");
                    String disposition = rs.getString("disposition");
                    cases.put(rs.getString("kind") + '\u0000' + rs.getString("person_id"), new Existing(id,
                            new CaseRules.Current(CaseStatus.parse(rs.getString("status")),
                                    disposition == null ? null : Disposition.parse(disposition), rs.getDouble("score"),
                                    rs.getString("level"), keys.getOrDefault(id, Set.of()))));
                    return null;
                }).forEach(x -> { });
        return cases;
    }

    /** Adds a decision's new signals and history lines (by {@code actor}) to case {@code id}. */
    private static void record(Handle h, long id, long scanId, CaseRules.Decision d, OffsetDateTime now,
            String actor) {
        if (!d.newFindings().isEmpty()) {
            PreparedBatch signals = h.prepareBatch("INSERT INTO case_signal (case_id, signal_key, signal_time, detector, "
                    + "stage, technique, strength, subject, explanation, evidence, via, first_scan) VALUES (:id, :key, "
                    + ":time, :detector, :stage, :technique, :strength, :subject, :explanation, :evidence, :via, :scan)");
            for (Assessment.Finding f : d.newFindings()) {
                signals.bind("id", id).bind("key", f.key()).bind("time", f.time()).bind("detector", f.detector())
                        .bind("stage", f.stage()).bind("technique", f.technique()).bind("strength", f.strength())
                        .bind("subject", f.subject()).bind("explanation", f.explanation())
                        .bind("evidence", String.join("\n", f.evidence())).bind("via", f.via()).bind("scan", scanId)
                        .add();
            }
            signals.execute();
        }
        for (CaseRules.Entry e : d.history()) {
            event(h, id, now, actor, e.action(), e.detail() + " (scan " + scanId + ")");
        }
    }

    private static void event(Handle h, long caseId, OffsetDateTime at, String actor, String action, String detail) {
        h.createUpdate("INSERT INTO case_event (case_id, at, actor, action, detail) VALUES (:id, :at, :actor, :action, "
                + ":detail)").bind("id", caseId).bind("at", at).bind("actor", actor).bind("action", action)
                .bind("detail", detail).execute();
    }

    /** The team's own checks as loaded: the YAML, when and by whom. */
    public record TeamChecks(String yaml, OffsetDateTime loadedAt, String loadedBy) {
    }

    /**
     * Keeps the team's own "what to check next" ({@code yaml}, already checked by the caller), or with
     * null puts back the ones Unravel ships with; earlier versions stay as the record of the change.
     */
    public void putTeamChecks(String yaml, String by) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO case_checks (yaml, loaded_at, loaded_by) VALUES (:yaml, :at, "
                + ":by)").bind("yaml", yaml).bind("at", now()).bind("by", clip(by, 100)).execute());
    }

    /** The team's own checks in use, when some were loaded and not put back since. */
    public Optional<TeamChecks> teamChecks() {
        return jdbi.withHandle(h -> h.createQuery("SELECT yaml, loaded_at, loaded_by FROM case_checks ORDER BY id DESC")
                .setMaxRows(1).map((rs, ctx) -> new TeamChecks(rs.getString("yaml"), time(rs, "loaded_at"),
                        rs.getString("loaded_by"))).findFirst()).filter(t -> t.yaml() != null);
    }

    /** The kinds of finding each of {@code caseIds} holds (detector and stage, each once); a case with none is left out. */
    public Map<Long, List<StoredCases.FindingKind>> findingKinds(Collection<Long> caseIds) {
        Map<Long, List<StoredCases.FindingKind>> out = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(new java.util.LinkedHashSet<>(caseIds));
        for (int from = 0; from < ids.size(); from += 500) { // bounded IN lists
            List<Long> part = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Map.Entry<Long, StoredCases.FindingKind>> rows = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT "
                    + "case_id, detector, stage FROM case_signal WHERE case_id IN (<ids>) ORDER BY case_id, detector")
                    .bindList("ids", part).map((rs, ctx) -> Map.entry(rs.getLong("case_id"), new StoredCases.FindingKind(
                            rs.getString("detector"), rs.getString("stage")))).list());
            for (Map.Entry<Long, StoredCases.FindingKind> row : rows) {
                out.computeIfAbsent(row.getKey(), k -> new ArrayList<>()).add(row.getValue());
            }
        }
        return out;
    }

    /** Cases with one of {@code statuses} (all when empty), the highest score first. */
    public List<CaseSummary> cases(Collection<CaseStatus> statuses) {
        String where = statuses.isEmpty() ? "" : " WHERE c.status IN (<statuses>)";
        return jdbi.withHandle(h -> {
            var q = h.createQuery("SELECT " + CASE_COLUMNS + " FROM case_file c" + where
                    + " ORDER BY c.score DESC, c.id");
            if (!statuses.isEmpty()) {
                q.bindList("statuses", statuses.stream().map(CaseStatus::id).toList());
            }
            return q.map((rs, ctx) -> summary(rs)).list();
        });
    }

    /**
     * A case with its signals, history, the person's scores over the saved scans, their employment
     * dates and who else shares an identifier with them (with those people's cases).
     */
    public Optional<CaseFile> caseFile(long id) {
        return jdbi.withHandle(h -> {
            String[] dates = new String[2];
            Optional<CaseSummary> found = h.createQuery("SELECT " + CASE_COLUMNS + ", c.hire_date, c.termination_date "
                    + "FROM case_file c WHERE c.id = :id").bind("id", id).map((rs, ctx) -> {
                        dates[0] = rs.getString("hire_date");
                        dates[1] = rs.getString("termination_date");
                        return summary(rs);
                    }).findOne();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            CaseSummary c = found.get();
            List<Assessment.Finding> signals = h.createQuery("SELECT signal_time, detector, stage, technique, strength, "
                    + "subject, explanation, evidence, via FROM case_signal WHERE case_id = :id ORDER BY signal_time, "
                    + "detector").bind("id", id).map((rs, ctx) -> new Assessment.Finding(rs.getString(1),
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getDouble(5), rs.getString(6),
                            rs.getString(7), lines(rs.getString(8)), rs.getString(9))).list();
            List<HistoryEntry> history = h.createQuery("SELECT at, actor, action, detail FROM case_event WHERE case_id "
                    + "= :id ORDER BY id").bind("id", id).map((rs, ctx) -> new HistoryEntry(time(rs, "at"),
                            rs.getString("actor"), rs.getString("action"), rs.getString("detail"))).list();
            List<ScoreSeen> scores = h.createQuery("SELECT a.scan_id, s.saved_at, a.score, a.level, a.signals FROM "
                    + "assessment a JOIN scan s ON s.id = a.scan_id WHERE a.kind = :kind AND a.person_id = :person "
                    + "ORDER BY a.scan_id").bind("kind", c.kind()).bind("person", c.personId())
                    .map((rs, ctx) -> new ScoreSeen(rs.getLong(1), time(rs, "saved_at"), rs.getDouble(3),
                            rs.getString(4), rs.getInt(5))).list();
            List<TieSeen> ties = h.createQuery("SELECT t.tie_kind, t.display, t.person_kind, t.person_id, t.person_name, "
                    + "o.id FROM case_tie t LEFT JOIN case_file o ON o.kind = t.person_kind AND o.person_id = t.person_id "
                    + "WHERE t.case_id = :id ORDER BY t.tie_kind, t.display, t.person_id").bind("id", id)
                    .map((rs, ctx) -> new TieSeen(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getObject(6) == null ? null : rs.getLong(6))).list();
            return Optional.of(new CaseFile(c, signals, history, scores, dates[0], dates[1], ties));
        });
    }

    /**
     * Applies an analyst's change to case {@code id} and records it in the history, in one
     * transaction. Closing needs a disposition; a disposition needs closing; setting an active
     * status on a closed case reopens it.
     *
     * @throws NoSuchElementException   when there is no such case
     * @throws IllegalArgumentException when the change is empty or contradicts itself
     */
    public CaseSummary update(long id, CaseChange change, String actor) {
        if (change.isEmpty()) {
            throw new IllegalArgumentException("nothing to change: give a status, a disposition, an assignee or a note");
        }
        requireActor(actor);
        if (change.assignee() != null && change.assignee().strip().length() > 200) {
            throw new IllegalArgumentException("an assignee's name is at most 200 characters");
        }
        return jdbi.inTransaction(h -> {
            CaseSummary c = h.createQuery("SELECT " + CASE_COLUMNS + " FROM case_file c WHERE c.id = :id FOR UPDATE")
                    .bind("id", id).map((rs, ctx) -> summary(rs)).findOne()
                    .orElseThrow(() -> new NoSuchElementException("no case " + id + " in the store at " + description));
            refuseForgotten(id, c.personId());
            CaseStatus status = change.status() == null ? c.status() : change.status();
            if (status == CaseStatus.CLOSED && change.disposition() == null && c.status() != CaseStatus.CLOSED) {
                throw new IllegalArgumentException("closing case " + id + " needs a disposition: fraud, benign or "
                        + "inconclusive");
            }
            if (change.disposition() != null && status != CaseStatus.CLOSED) {
                throw new IllegalArgumentException("a disposition is given when a case is closed; case " + id + " is "
                        + status.id());
            }
            OffsetDateTime now = now();
            Disposition disposition = status == CaseStatus.CLOSED
                    ? (change.disposition() != null ? change.disposition() : c.disposition()) : null;
            boolean changed = false;
            if (status != c.status() || disposition != c.disposition()) {
                changed = true;
                event(h, id, now, actor, "status", describe(c.status(), c.disposition()) + " → "
                        + describe(status, disposition));
            }
            String assignee = c.assignee();
            if (change.assignee() != null) {
                String to = change.assignee().isBlank() ? null : change.assignee().trim();
                if (!java.util.Objects.equals(to, assignee)) {
                    changed = true;
                    event(h, id, now, actor, "assigned", to == null ? "Unassigned (was " + assignee + ")"
                            : "Assigned to " + to);
                    assignee = to;
                }
            }
            if (change.note() != null && !change.note().isBlank()) {
                changed = true;
                event(h, id, now, actor, "note", change.note().strip());
            }
            if (!changed) {
                return c; // a form sent back as it was: nothing to record, and the case is not "updated"
            }
            OffsetDateTime closedAt = status != CaseStatus.CLOSED ? null
                    : c.status() == CaseStatus.CLOSED ? c.closedAt() : now;
            h.createUpdate("UPDATE case_file SET status = :status, disposition = :disposition, assignee = :assignee, "
                    + "closed_at = :closed, updated_at = :at WHERE id = :id").bind("status", status.id())
                    .bind("disposition", disposition == null ? null : disposition.id()).bind("assignee", assignee)
                    .bind("closed", closedAt).bind("at", now).bind("id", id).execute();
            return h.createQuery("SELECT " + CASE_COLUMNS + " FROM case_file c WHERE c.id = :id").bind("id", id)
                    .map((rs, ctx) -> summary(rs)).one();
        });
    }

    private static String describe(CaseStatus status, Disposition disposition) {
        return disposition == null ? status.id() : status.id() + " (" + disposition.id() + ")";
    }

    /** Someone a case is shared with: a viewer, since when and by whom. */
    public record CaseViewer(String viewer, OffsetDateTime sharedAt, String sharedBy) {
    }

    /**
     * Shares case {@code id} with {@code viewer}, who may then read it, its brief and the records behind
     * it; written in the case's history under {@code actor}. Viewers read only the cases shared with
     * them (need to know); analysts read every case. False when it was shared with them already.
     *
     * @throws NoSuchElementException   when there is no such case
     * @throws IllegalArgumentException when {@code viewer} is not someone with the viewer role
     */
    public boolean shareCase(long id, String viewer, String actor) {
        requireActor(actor);
        return jdbi.inTransaction(h -> {
            lockCase(h, id);
            String role = h.createQuery("SELECT role FROM analyst WHERE name = :name AND removed_at IS NULL")
                    .bind("name", viewer).mapTo(String.class).findOne()
                    .orElseThrow(() -> new IllegalArgumentException("there is no viewer " + viewer + " (unravel analysts "
                            + "add " + viewer + " --role viewer)"));
            if (AnalystRole.parse(role) != AnalystRole.VIEWER) {
                throw new IllegalArgumentException(viewer + " is an analyst and reads every case; cases are shared with "
                        + "viewers");
            }
            boolean already = h.createQuery("SELECT COUNT(*) FROM case_viewer WHERE case_id = :id AND viewer = :viewer")
                    .bind("id", id).bind("viewer", viewer).mapTo(Integer.class).one() > 0;
            if (already) {
                return false;
            }
            OffsetDateTime now = now();
            h.createUpdate("INSERT INTO case_viewer (case_id, viewer, shared_at, shared_by) VALUES (:id, :viewer, :at, "
                    + ":by)").bind("id", id).bind("viewer", viewer).bind("at", now).bind("by", actor.strip()).execute();
            event(h, id, now, actor.strip(), "shared", "Shared with " + viewer + ", who may now read it");
            return true;
        });
    }

    /**
     * Stops sharing case {@code id} with {@code viewer} (at their next request); written in the case's
     * history. False when it was not shared with them.
     *
     * @throws NoSuchElementException when there is no such case
     */
    public boolean unshareCase(long id, String viewer, String actor) {
        requireActor(actor);
        return jdbi.inTransaction(h -> {
            lockCase(h, id);
            int gone = h.createUpdate("DELETE FROM case_viewer WHERE case_id = :id AND viewer = :viewer").bind("id", id)
                    .bind("viewer", viewer).execute();
            if (gone > 0) {
                event(h, id, now(), actor.strip(), "unshared", "No longer shared with " + viewer);
            }
            return gone > 0;
        });
    }

    /** A step of "what to check next" marked done on a case: by whom and when. */
    public record StepDone(String by, OffsetDateTime at) {
    }

    /**
     * Marks the step {@code key} of case {@code id} done ({@code label}, its team and text, goes into
     * the history); false when it was marked already.
     *
     * @throws NoSuchElementException when there is no such case
     */
    public boolean markStep(long id, String key, String label, String actor) {
        requireActor(actor);
        return jdbi.inTransaction(h -> {
            lockCase(h, id);
            boolean already = h.createQuery("SELECT COUNT(*) FROM case_step WHERE case_id = :id AND step_key = :key")
                    .bind("id", id).bind("key", key).mapTo(Integer.class).one() > 0;
            if (already) {
                return false;
            }
            OffsetDateTime now = now();
            h.createUpdate("INSERT INTO case_step (case_id, step_key, done_by, done_at) VALUES (:id, :key, :by, :at)")
                    .bind("id", id).bind("key", key).bind("by", actor.strip()).bind("at", now).execute();
            event(h, id, now, actor.strip(), "step", "Done: " + clip(label, 400));
            return true;
        });
    }

    /** Takes back the mark on step {@code key} of case {@code id} (written in the history); false when it had none. */
    public boolean unmarkStep(long id, String key, String label, String actor) {
        requireActor(actor);
        return jdbi.inTransaction(h -> {
            lockCase(h, id);
            int gone = h.createUpdate("DELETE FROM case_step WHERE case_id = :id AND step_key = :key").bind("id", id)
                    .bind("key", key).execute();
            if (gone > 0) {
                event(h, id, now(), actor.strip(), "step", "Not done after all: " + clip(label, 400));
            }
            return gone > 0;
        });
    }

    /** The steps of case {@code id} marked done, by key. */
    public Map<String, StepDone> stepsDone(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT step_key, done_by, done_at FROM case_step WHERE case_id = :id")
                .bind("id", id).map((rs, ctx) -> Map.entry(rs.getString("step_key").strip(), new StepDone(
                        rs.getString("done_by"), time(rs, "done_at")))).list().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** The viewers case {@code id} is shared with, by name. */
    public List<CaseViewer> caseViewers(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT viewer, shared_at, shared_by FROM case_viewer WHERE case_id "
                + "= :id ORDER BY viewer").bind("id", id).map((rs, ctx) -> new CaseViewer(rs.getString("viewer"),
                        time(rs, "shared_at"), rs.getString("shared_by"))).list());
    }

    /** The numbers of the cases shared with {@code viewer}. */
    public Set<Long> casesSharedWith(String viewer) {
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery("SELECT case_id FROM case_viewer WHERE viewer "
                + "= :viewer").bind("viewer", viewer).mapTo(Long.class).list()));
    }

    /** Whether {@code name} may read case {@code id}: an analyst reads every case, a viewer those shared with them. */
    public boolean mayRead(String name, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM analyst a WHERE a.name = :name AND a.removed_at "
                + "IS NULL AND (a.role = 'analyst' OR EXISTS (SELECT 1 FROM case_viewer v WHERE v.case_id = :id AND "
                + "v.viewer = a.name))").bind("name", name).bind("id", id).mapTo(Integer.class).one() > 0);
    }

    private static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a change to a case needs the analyst's name");
        }
    }

    /** Locks case {@code id} for a change; refused when there is no such case or its person was forgotten. */
    private void lockCase(Handle h, long id) {
        String person = h.createQuery("SELECT person_id FROM case_file WHERE id = :id FOR UPDATE").bind("id", id)
                .mapTo(String.class).findOne()
                .orElseThrow(() -> new NoSuchElementException("no case " + id + " in the store at " + description));
        refuseForgotten(id, person);
    }

    private static void refuseForgotten(long id, String personId) {
        if (personId.startsWith(FORGOTTEN)) {
            throw new IllegalArgumentException("case " + id + "'s person was forgotten: the case is only the record "
                    + "that they were, and changes no more");
        }
    }

    /** The saved scans, newest first, at most {@code limit}. */
    public List<ScanSummary> scans(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, saved_at, saved_by, generated_at, inputs, period_from, "
                + "period_to, events, quarantined, people, cases_opened, cases_updated, cases_reopened, "
                + "report IS NOT NULL AS has_report FROM scan ORDER BY id DESC LIMIT :limit").bind("limit", limit)
                .map((rs, ctx) -> new ScanSummary(rs.getLong("id"), time(rs, "saved_at"), rs.getString("saved_by"),
                        rs.getString("generated_at"), lines(rs.getString("inputs")), rs.getString("period_from"),
                        rs.getString("period_to"), rs.getLong("events"), rs.getLong("quarantined"), rs.getInt("people"),
                        rs.getInt("cases_opened"), rs.getInt("cases_updated"), rs.getInt("cases_reopened"),
                        rs.getBoolean("has_report"))).list());
    }

    /**
     * Keeps the last {@code keep} scans whole and prunes the older ones: their report is dropped, and
     * so are the assessments of the people who have no case (a case keeps its person's score in every
     * scan). The scans' rows, their counts and the cases' histories stay. Scheduled scans save one
     * report an hour (2 MB each for 10,000 workers), which a store could not keep for ever.
     */
    public Pruned pruneScans(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("at least the last scan is kept whole: keep must be 1 or more");
        }
        return jdbi.inTransaction(h -> {
            // after any save in progress, so that the scans counted as the last are the last
            h.createQuery("SELECT id FROM save_lock WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            Long below = h.createQuery("SELECT MIN(id) FROM (SELECT id FROM scan ORDER BY id DESC LIMIT :keep) AS kept")
                    .bind("keep", keep).mapTo(Long.class).findOne().orElse(null);
            if (below == null) {
                return new Pruned(0, 0);
            }
            int assessments = h.createUpdate("DELETE FROM assessment WHERE scan_id < :below AND NOT EXISTS (SELECT 1 "
                    + "FROM case_file c WHERE c.kind = assessment.kind AND c.person_id = assessment.person_id)")
                    .bind("below", below).execute();
            int reports = h.createUpdate("UPDATE scan SET report = NULL WHERE id < :below AND report IS NOT NULL")
                    .bind("below", below).execute();
            return new Pruned(reports, assessments);
        });
    }

    /** Takes a person out of a saved report's JSON: the same string when it does not name them. */
    @FunctionalInterface
    public interface ReportScrub {
        String without(String reportJson, String kind, String personId);
    }

    /** The person id a forgotten case keeps in place of theirs; no scan names anyone so. */
    public static final String FORGOTTEN = "forgotten:";

    /**
     * The person id another case's tie keeps for someone forgotten: the shared identifier stays (it
     * is evidence on that case's person), who shared it does not, nor which case was theirs.
     */
    public static final String FORGOTTEN_TIE = "forgotten";

    /**
     * Forgets the person of case {@code id} once it is closed benign or inconclusive (the retention a
     * privacy policy asks for of people who were cleared): the case's findings, history, ties, steps
     * and viewers go, with the person's score in every saved scan, their id and name in other cases'
     * ties (the shared identifier stays there: it is evidence on those people), their entry in every kept report
     * ({@code scrub}: a report's JSON and the person's kind and id → the JSON without them, or the same
     * string when they are not in it) and the access log's mention of their id beside the case. The
     * case stays as a numbered record that a person was forgotten, when, by whom and why; the logs
     * are the company's and are not touched, so scanning them again finds what they hold again.
     *
     * @throws IllegalArgumentException when the case is not closed benign or inconclusive, or is forgotten already
     */
    public Forgotten forget(long id, String reason, String actor, ReportScrub scrub) {
        requireActor(actor);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > CaseRules.REASON_MAX) {
            throw new IllegalArgumentException(why.isEmpty() ? "say why the person is forgotten (the retention policy, "
                    + "a request): it is the one line the case keeps" : "the reason is at most " + CaseRules.REASON_MAX
                    + " characters");
        }
        return jdbi.inTransaction(h -> {
            // after any save in progress, so that no scan writes the person back half-way
            h.createQuery("SELECT id FROM save_lock WHERE id = 1 FOR UPDATE").mapTo(Integer.class).one();
            lockCase(h, id);
            Map<String, Object> c = h.createQuery("SELECT kind, person_id, status, disposition FROM case_file WHERE id = :id")
                    .bind("id", id).mapToMap().one();
            String kind = (String) c.get("kind");
            String person = (String) c.get("person_id");
            String disposition = (String) c.get("disposition");
            if (!"closed".equals(c.get("status")) || disposition == null || disposition.equals("fraud")) {
                throw new IllegalArgumentException("case " + id + " is " + c.get("status")
                        + (disposition == null ? "" : " (" + disposition + ")") + ": only a case closed benign or "
                        + "inconclusive is forgotten; a case decided fraud is evidence (export it first if it must go)");
            }
            int findings = h.createUpdate("DELETE FROM case_signal WHERE case_id = :id").bind("id", id).execute();
            int lines = h.createUpdate("DELETE FROM case_event WHERE case_id = :id").bind("id", id).execute();
            for (String table : List.of("case_tie", "case_step", "case_viewer")) {
                h.createUpdate("DELETE FROM " + table + " WHERE case_id = :id").bind("id", id).execute();
            }
            // other people's cases keep what they share with them (it is evidence on those people), not who they are
            int ties = h.createUpdate("UPDATE case_tie SET person_id = :forgotten, person_name = NULL "
                    + "WHERE person_kind = :kind AND person_id = :person").bind("forgotten", FORGOTTEN_TIE)
                    .bind("kind", kind).bind("person", person).execute();
            int scores = h.createUpdate("DELETE FROM assessment WHERE kind = :kind AND person_id = :person")
                    .bind("kind", kind).bind("person", person).execute();
            int reports = 0;
            List<Long> kept = h.createQuery("SELECT id FROM scan WHERE report IS NOT NULL ORDER BY id").mapTo(Long.class)
                    .list();
            for (long scan : kept) {
                String json = h.createQuery("SELECT report FROM scan WHERE id = :id").bind("id", scan)
                        .mapTo(String.class).one();
                String without = scrub.without(json, kind, person);
                if (!without.equals(json)) {
                    h.createUpdate("UPDATE scan SET report = :report WHERE id = :id").bind("report", without)
                            .bind("id", scan).execute();
                    reports++;
                }
            }
            h.createUpdate("UPDATE access_log SET target = :exact WHERE target LIKE :colon OR target LIKE :space")
                    .bind("exact", "case " + id).bind("colon", "case " + id + ":%").bind("space", "case " + id + " %")
                    .execute();
            OffsetDateTime now = now();
            h.createUpdate("UPDATE case_file SET person_id = :forgotten, name = NULL, score = 0, level = 'low', "
                    + "stages = '', hire_date = NULL, termination_date = NULL, assignee = NULL, updated_at = :at "
                    + "WHERE id = :id").bind("forgotten", FORGOTTEN + id).bind("at", now).bind("id", id).execute();
            event(h, id, now, actor, "forgotten", "Forgot the person: " + Count.of(findings, "finding", "findings")
                    + ", " + Count.of(lines, "history line", "history lines") + ", their score in " + Count.of(scores,
                            "saved scan", "saved scans") + " and their entry in " + Count.of(reports, "kept report",
                                    "kept reports") + (ties == 0 ? "" : "; other cases' ties name them no more ("
                                            + Count.of(ties, "tie", "ties") + ")") + ". Reason: " + why);
            return new Forgotten(findings, lines, scores, reports, ties);
        });
    }

    /** Whether scan {@code id} was saved (its report may have been pruned since). */
    public boolean hasScan(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM scan WHERE id = :id").bind("id", id)
                .mapTo(Integer.class).one()) > 0;
    }

    /** The report a saved scan wrote (JSON, schema unravel.report/1); empty when there is none or it was pruned. */
    public Optional<String> report(long scanId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT report FROM scan WHERE id = :id").bind("id", scanId)
                .mapTo(String.class).findOne());
    }

    /** What someone who signs in may do. */
    public enum AnalystRole {
        /** Works the cases: changes status, assignee and disposition, adds notes, asks for scans. */
        ANALYST,
        /** Reads the cases, their briefs and records (HR, legal, a manager being briefed); changes nothing. */
        VIEWER;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static AnalystRole parse(String s) {
            for (AnalystRole r : values()) {
                if (r.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("'" + s + "' is not a role; use analyst (works the cases) or viewer "
                    + "(reads them)");
        }
    }

    /** Someone who may sign in, with their role. */
    public record AnalystEntry(String name, AnalystRole role) {
    }

    /**
     * Adds an analyst who may sign in to the console, or replaces their password hash; true when
     * they are new. The store keeps the hash it is given, never a password. A new one works the
     * cases; an existing one keeps their role.
     */
    public boolean putAnalyst(String name, String passwordHash) {
        return putAnalyst(name, passwordHash, null);
    }

    /**
     * As {@link #putAnalyst(String, String)}, with {@code role} for a new one or a change of role
     * (null: {@link AnalystRole#ANALYST} when new, unchanged otherwise).
     */
    public boolean putAnalyst(String name, String passwordHash, AnalystRole role) {
        if (name == null || !name.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new IllegalArgumentException("an analyst's name is 1 to 100 letters, digits, '.', '_', '@' or '-': '"
                    + name + "'");
        }
        return jdbi.inTransaction(h -> {
            OffsetDateTime now = now();
            int changed = h.createUpdate("UPDATE analyst SET password_hash = :hash, updated_at = :at, removed_at = NULL"
                    + (role == null ? "" : ", role = :role") + " WHERE name = :name")
                    .bind("hash", passwordHash).bind("at", now).bind("name", name)
                    .bind("role", role == null ? null : role.id()).execute();
            if (changed == 0) {
                h.createUpdate("INSERT INTO analyst (name, password_hash, created_at, updated_at, role) VALUES (:name, "
                        + ":hash, :at, :at, :role)").bind("name", name).bind("hash", passwordHash).bind("at", now)
                        .bind("role", (role == null ? AnalystRole.ANALYST : role).id()).execute();
            }
            return changed == 0;
        });
    }

    /** An analyst's password hash, if there is such an analyst. */
    public Optional<String> analystHash(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT password_hash FROM analyst WHERE name = :name AND "
                + "removed_at IS NULL")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** The role of someone who may sign in; empty when there is no such person (or they were removed). */
    public Optional<AnalystRole> analystRole(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT role FROM analyst WHERE name = :name AND removed_at IS NULL")
                .bind("name", name).mapTo(String.class).findOne().map(AnalystRole::parse));
    }

    /**
     * Changes the role of someone who may sign in; false when there is no such person. Takes effect at
     * their next request, signed in or by token.
     */
    public boolean setAnalystRole(String name, AnalystRole role) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE analyst SET role = :role WHERE name = :name AND removed_at "
                + "IS NULL").bind("role", role.id()).bind("name", name).execute()) == 1;
    }

    /** Everyone who may sign in, with their roles, by name. */
    public List<AnalystEntry> analystEntries() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name, role FROM analyst WHERE removed_at IS NULL ORDER BY name")
                .map((rs, ctx) -> new AnalystEntry(rs.getString("name"), AnalystRole.parse(rs.getString("role"))))
                .list());
    }

    /** The analysts' names, in order. */
    public List<String> analysts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT name FROM analyst WHERE removed_at IS NULL ORDER BY name")
                .mapTo(String.class).list());
    }

    /**
     * When the analyst's password last changed, while they may sign in: a session signed in before
     * another time than this one is over (a new password, or the analyst removed, ends it).
     */
    public Optional<OffsetDateTime> analystSince(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT updated_at FROM analyst WHERE name = :name AND removed_at IS "
                + "NULL").bind("name", name).map((rs, ctx) -> time(rs, "updated_at")).findOne());
    }

    /**
     * Removes an analyst: they can no longer sign in, their sessions end and their API tokens are
     * revoked, and the cases shared with them are no longer (each case's history says so); the name
     * stays in the case histories and the access log. False when there is no such analyst (or they
     * were removed already).
     */
    public boolean removeAnalyst(String name) {
        return jdbi.inTransaction(h -> {
            OffsetDateTime now = now();
            int removed = h.createUpdate("UPDATE analyst SET removed_at = :at, updated_at = :at WHERE name = :name AND "
                    + "removed_at IS NULL").bind("at", now).bind("name", name).execute();
            h.createUpdate("UPDATE api_token SET revoked_at = :at WHERE analyst = :name AND revoked_at IS NULL")
                    .bind("at", now).bind("name", name).execute();
            // Added again later, they start with nothing shared: what they read before is no longer theirs to know.
            List<Long> shared = h.createQuery("SELECT case_id FROM case_viewer WHERE viewer = :name ORDER BY case_id")
                    .bind("name", name).mapTo(Long.class).list();
            for (long id : shared) {
                event(h, id, now, SCANNER, "unshared", "No longer shared with " + name + ", who was removed from the "
                        + "console");
            }
            h.createUpdate("DELETE FROM case_viewer WHERE viewer = :name").bind("name", name).execute();
            return removed == 1;
        });
    }

    /**
     * What a token may do: read and work the cases through the API, send logs to the ingest API, or
     * sign a GitHub webhook's deliveries (its secret, which the store keeps: {@link #addGithubWebhook}).
     */
    public enum TokenScope {
        API("api"), INGEST("ingest"), GITHUB_WEBHOOK("github-webhook");

        private final String id;

        TokenScope(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static TokenScope parse(String s) {
            for (TokenScope t : values()) {
                if (t.id().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown token scope '" + s + "': use api (the cases API), ingest "
                    + "(sending logs) or github-webhook (a GitHub webhook's secret)");
        }
    }

    /** Keeps a new API token's hash for {@code analyst}; returns the token's id. */
    public long addToken(String analyst, String tokenHash, String label) {
        return addToken(analyst, tokenHash, label, TokenScope.API);
    }

    /** Keeps a new token's hash for {@code analyst}, good for {@code scope} only; returns the token's id. */
    public long addToken(String analyst, String tokenHash, String label, TokenScope scope) {
        if (scope == TokenScope.GITHUB_WEBHOOK) {
            throw new IllegalArgumentException("a GitHub webhook's secret is kept whole: addGithubWebhook");
        }
        if (analystHash(analyst).isEmpty()) {
            throw new NoSuchElementException("no analyst " + analyst + " in the store at " + description
                    + " (or removed)");
        }
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO api_token (analyst, token_hash, label, created_at, "
                + "scope) VALUES (:analyst, :hash, :label, :at, :scope)").bind("analyst", analyst).bind("hash", tokenHash)
                .bind("label", clip(label == null || label.isBlank() ? "api" : label.strip(), 100)).bind("at", now())
                .bind("scope", scope.id())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Keeps a GitHub webhook's secret for {@code analyst}, under whom its deliveries are kept and
     * logged; returns the token's id. Unlike other tokens the secret itself is kept, since checking a
     * delivery's signature (HMAC-SHA256 over the body) takes it; it signs GitHub deliveries and opens
     * nothing else, and {@link #revokeToken} withdraws it like any token.
     */
    public long addGithubWebhook(String analyst, String secret, String secretHash, String label) {
        if (analystHash(analyst).isEmpty()) {
            throw new NoSuchElementException("no analyst " + analyst + " in the store at " + description
                    + " (or removed)");
        }
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO api_token (analyst, token_hash, label, created_at, "
                + "scope, hook_secret) VALUES (:analyst, :hash, :label, :at, :scope, :secret)").bind("analyst", analyst)
                .bind("hash", secretHash).bind("label", clip(label == null || label.isBlank() ? "github" : label.strip(),
                        100)).bind("at", now()).bind("scope", TokenScope.GITHUB_WEBHOOK.id()).bind("secret", secret)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** A GitHub webhook's secret that may be used, with the token it belongs to. */
    public record WebhookSecret(TokenGrant grant, String secret) {
        @Override
        public String toString() {
            return "WebhookSecret[" + grant + "]"; // never the secret, should this reach a log
        }
    }

    /** The GitHub webhooks' secrets not revoked, oldest first. */
    public List<WebhookSecret> githubWebhookSecrets() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, analyst, label, hook_secret FROM api_token WHERE scope = "
                + ":scope AND revoked_at IS NULL AND hook_secret IS NOT NULL ORDER BY id")
                .bind("scope", TokenScope.GITHUB_WEBHOOK.id())
                .map((rs, ctx) -> new WebhookSecret(new TokenGrant(rs.getLong("id"), rs.getString("analyst"),
                        rs.getString("label"), TokenScope.GITHUB_WEBHOOK), rs.getString("hook_secret"))).list());
    }

    /** Notes that token {@code id} was just used (a webhook's signature checked with it). */
    public void tokenUsed(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE api_token SET last_used_at = :at WHERE id = :id").bind("at", now())
                .bind("id", id).execute());
    }

    /** The analyst a token (by its hash) acts for, when it exists, is not revoked and is an API token; notes its use. */
    public Optional<String> tokenAnalyst(String tokenHash) {
        return token(tokenHash).filter(g -> g.scope() == TokenScope.API).map(TokenGrant::analyst);
    }

    /** A token that may be used: whose it is and what for. */
    public record TokenGrant(long id, String analyst, String label, TokenScope scope) {
    }

    /** The token with this hash, when it exists and is not revoked; notes its use. */
    public Optional<TokenGrant> token(String tokenHash) {
        return jdbi.inTransaction(h -> {
            Optional<TokenGrant> grant = h.createQuery("SELECT id, analyst, label, scope FROM api_token WHERE "
                    + "token_hash = :hash AND revoked_at IS NULL").bind("hash", tokenHash)
                    .map((rs, ctx) -> new TokenGrant(rs.getLong("id"), rs.getString("analyst"), rs.getString("label"),
                            TokenScope.parse(rs.getString("scope")))).findOne();
            if (grant.isPresent()) {
                h.createUpdate("UPDATE api_token SET last_used_at = :at WHERE token_hash = :hash").bind("at", now())
                        .bind("hash", tokenHash).execute();
            }
            return grant;
        });
    }

    /** Revokes token {@code id}; false when there is no such token or it was revoked already. */
    public boolean revokeToken(long id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE api_token SET revoked_at = :at WHERE id = :id AND "
                + "revoked_at IS NULL").bind("at", now()).bind("id", id).execute()) == 1;
    }

    /** Every token, newest first (never the token itself). */
    public List<TokenEntry> tokens() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, analyst, label, scope, created_at, last_used_at, "
                + "revoked_at FROM api_token ORDER BY id DESC").map((rs, ctx) -> new TokenEntry(rs.getLong("id"),
                        rs.getString("analyst"), rs.getString("label"), TokenScope.parse(rs.getString("scope")),
                        time(rs, "created_at"), time(rs, "last_used_at"), time(rs, "revoked_at"))).list());
    }

    /** A token as listed. */
    public record TokenEntry(long id, String analyst, String label, TokenScope scope, OffsetDateTime createdAt,
            OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    }

    /**
     * A batch of logs received over the ingest API, or collected by the console from a vendor's API.
     *
     * @param file    where the body is kept, relative to the spool folder
     * @param first   the earliest event's time, or null when it held none
     * @param tokenId the token it was sent with, or null when the console collected it
     */
    public record IngestBatch(long id, OffsetDateTime receivedAt, String source, String sha256, long bytes,
            String format, long records, long events, long rejected, OffsetDateTime first, OffsetDateTime last,
            String file, Long tokenId, String address, OffsetDateTime removedAt) {

        /** Whether the console collected it from a vendor's API (no sender, no token). */
        public boolean collected() {
            return tokenId == null;
        }

        /** A batch as received, before the store keeps it (no id, no times of its own yet). */
        public IngestBatch(long id, OffsetDateTime receivedAt, String source, String sha256, long bytes, String format,
                long records, long events, long rejected, OffsetDateTime first, OffsetDateTime last, String file,
                Long tokenId, String address) {
            this(id, receivedAt, source, sha256, bytes, format, records, events, rejected, first, last, file, tokenId,
                    address, null);
        }
    }

    /**
     * Records a batch received (its {@code id} and {@code receivedAt} are the store's); returns the
     * batch as kept, or empty when a batch with the same source and SHA-256 is kept already (a
     * retry), which {@link #ingestBatch} then gives.
     */
    public Optional<IngestBatch> addIngestBatch(IngestBatch b) {
        OffsetDateTime at = now();
        try {
            long id = jdbi.inTransaction(h -> {
                long kept = h.createUpdate("INSERT INTO ingest_batch (received_at, source, sha256, bytes, "
                        + "format, records, events, rejected, first_event, last_event, file, token_id, address) VALUES "
                        + "(:at, :source, :sha, :bytes, :format, :records, :events, :rejected, :first, :last, :file, "
                        + ":token, :address)").bind("at", at).bind("source", b.source()).bind("sha", b.sha256())
                        .bind("bytes", b.bytes()).bind("format", clip(b.format(), 40)).bind("records", b.records())
                        .bind("events", b.events()).bind("rejected", b.rejected()).bind("first", b.first())
                        .bind("last", b.last()).bind("file", b.file()).bind("token", b.tokenId())
                        .bind("address", clip(b.address(), 64)).executeAndReturnGeneratedKeys("id").mapTo(Long.class)
                        .one();
                addToSource(h, b, at);
                return kept;
            });
            return Optional.of(new IngestBatch(id, at, b.source(), b.sha256(), b.bytes(), clip(b.format(), 40),
                    b.records(), b.events(), b.rejected(), b.first(), b.last(), b.file(), b.tokenId(),
                    clip(b.address(), 64)));
        } catch (RuntimeException e) {
            if (ingestBatch(b.source(), b.sha256()).isPresent()) {
                return Optional.empty(); // the same batch, kept by a request that came first
            }
            throw new StoreException("cannot record a batch of " + b.source() + " in the store at " + description + ": "
                    + cause(e), e);
        }
    }

    /**
     * Adds a batch to its source's totals ({@code ingest_source}), in the transaction that keeps it.
     * An update first, as a source's row exists after its first batch; the first batch of a source
     * inserts it (two first batches at once: the second's insert fails, and its transaction with it,
     * and the sender's retry is counted then).
     */
    private static void addToSource(Handle h, IngestBatch b, OffsetDateTime at) {
        int updated = h.createUpdate("UPDATE ingest_source SET batches = batches + 1, records = records + :records, "
                + "events = events + :events, rejected = rejected + :rejected, last_received = :at "
                + "WHERE source = :source").bind("records", b.records()).bind("events", b.events())
                .bind("rejected", b.rejected()).bind("at", at).bind("source", b.source()).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO ingest_source (source, batches, records, events, rejected, last_received, "
                    + "last_event) VALUES (:source, 1, :records, :events, :rejected, :at, :last)")
                    .bind("source", b.source()).bind("records", b.records()).bind("events", b.events())
                    .bind("rejected", b.rejected()).bind("at", at).bind("last", b.last()).execute();
        } else if (b.last() != null) { // a batch of older events leaves the latest event where it was
            h.createUpdate("UPDATE ingest_source SET last_event = :last WHERE source = :source AND (last_event IS NULL "
                    + "OR last_event < :last)").bind("last", b.last()).bind("source", b.source()).execute();
        }
    }

    /** The batch kept with this source and SHA-256, if any. */
    public Optional<IngestBatch> ingestBatch(String source, String sha256) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ingest_batch WHERE source = :source AND sha256 = :sha")
                .bind("source", source).bind("sha", sha256).map((rs, ctx) -> batch(rs)).findOne());
    }

    /** The batches received, newest first, at most {@code limit}, of one source when {@code source} is not null. */
    public List<IngestBatch> ingestBatches(String source, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ingest_batch"
                + (source == null ? "" : " WHERE source = :source") + " ORDER BY id DESC LIMIT :limit")
                .bind("source", source).bind("limit", limit).map((rs, ctx) -> batch(rs)).list());
    }

    /**
     * Notes that the file of the batch kept at {@code file} (relative to the spool) was deleted under
     * the retention period; false when no batch names that file or it was noted before.
     */
    public boolean ingestFileRemoved(String file) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE ingest_batch SET removed_at = :at WHERE file = :file AND "
                + "removed_at IS NULL").bind("at", now()).bind("file", file).execute()) > 0;
    }

    /** What {@link #pruneIngestRecords} deleted. */
    public record IngestPruned(long batches, long accessEntries) {
    }

    /**
     * Deletes the records of batches whose files the spool's retention deleted before
     * {@code removedBefore}, and the access log's entries of batches taken ({@code ingest},
     * {@code ingest-again}) before {@code loggedBefore}: a shipper that sends every second makes
     * 86,400 of each a day. The sources' totals stay as they are (all ever received); refusals stay in
     * the access log. In chunks of {@value #PRUNE_CHUNK} rows, each its own transaction, so that
     * batches arriving meanwhile are not held up.
     */
    public IngestPruned pruneIngestRecords(OffsetDateTime removedBefore, OffsetDateTime loggedBefore) {
        long batches = 0;
        long entries = 0;
        int n;
        do {
            n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM ingest_batch WHERE id IN (SELECT id FROM ingest_batch "
                    + "WHERE removed_at IS NOT NULL AND removed_at < :before ORDER BY removed_at LIMIT " + PRUNE_CHUNK
                    + ")").bind("before", removedBefore).execute());
            batches += n;
        } while (n == PRUNE_CHUNK);
        do {
            n = jdbi.withHandle(h -> h.createUpdate("DELETE FROM access_log WHERE id IN (SELECT id FROM access_log "
                    + "WHERE at < :before AND action IN ('ingest', 'ingest-again') ORDER BY at LIMIT " + PRUNE_CHUNK
                    + ")").bind("before", loggedBefore).execute());
            entries += n;
        } while (n == PRUNE_CHUNK);
        return new IngestPruned(batches, entries);
    }

    static final int PRUNE_CHUNK = 10_000;

    /**
     * Forgets a batch whose file could not be put in place, so that the sender's retry is kept
     * rather than answered as a duplicate of nothing.
     */
    public void forgetIngestBatch(long id) {
        jdbi.useTransaction(h -> {
            Optional<IngestBatch> gone = h.createQuery("SELECT * FROM ingest_batch WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> batch(rs)).findOne();
            if (gone.isEmpty()) {
                return;
            }
            IngestBatch b = gone.get();
            h.createUpdate("DELETE FROM ingest_batch WHERE id = :id").bind("id", id).execute();
            // its source's totals without it; the latest times again from what is left (forgetting is rare)
            h.createUpdate("UPDATE ingest_source SET batches = batches - 1, records = records - :records, events = "
                    + "events - :events, rejected = rejected - :rejected WHERE source = :source")
                    .bind("records", b.records()).bind("events", b.events()).bind("rejected", b.rejected())
                    .bind("source", b.source()).execute();
            h.createUpdate("DELETE FROM ingest_source WHERE source = :source AND batches <= 0")
                    .bind("source", b.source()).execute();
            h.createUpdate("UPDATE ingest_source SET last_received = (SELECT MAX(received_at) FROM ingest_batch WHERE "
                    + "source = :source), last_event = (SELECT MAX(last_event) FROM ingest_batch WHERE source = "
                    + ":source) WHERE source = :source").bind("source", b.source()).execute();
        });
    }

    /** What one source has sent over the ingest API, all told. */
    public record IngestSource(String source, long batches, long records, long events, long rejected,
            OffsetDateTime lastReceived, OffsetDateTime lastEvent) {
    }

    /** Every source that has sent logs, with its totals and when it last sent; the longest silent first. */
    public List<IngestSource> ingestSources() {
        return jdbi.withHandle(h -> h.createQuery("SELECT source, batches, records, events, rejected, last_received, "
                + "last_event FROM ingest_source ORDER BY last_received, source")
                .map((rs, ctx) -> new IngestSource(rs.getString("source"), rs.getLong("batches"), rs.getLong("records"),
                        rs.getLong("events"), rs.getLong("rejected"), time(rs, "last_received"),
                        time(rs, "last_event"))).list());
    }

    /**
     * How the console's collection of one log goes ({@code serve --collect}).
     *
     * @param name        the log's own name (source, organisation, log), as its state is kept
     * @param source      the spool folder its batches go to, which names the source of {@link IngestSource}
     * @param what        what the log is, in words ("Okta System Log of acme.okta.com")
     * @param lastSuccess the last run that worked (brought records or found none new), or null
     * @param lastBrought the last run that brought records, or null
     * @param failing     runs failed in a row since the last that worked
     * @param lastError   why the last run failed, or null when it worked
     */
    public record CollectSource(String name, String source, String what, OffsetDateTime firstRun,
            OffsetDateTime lastRun, OffsetDateTime lastSuccess, OffsetDateTime lastBrought, long runs, long records,
            long lastRecords, long failing, String lastError) {
    }

    /**
     * Records one collection run of the log {@code name}: {@code error} null when it worked, with the
     * {@code records} it brought (kept as a batch by the caller), else why it failed.
     */
    public CollectSource addCollectRun(String name, String source, String what, long records, String error) {
        OffsetDateTime at = now();
        boolean ok = error == null;
        try {
            jdbi.useTransaction(h -> {
                int updated = h.createUpdate("UPDATE collect_source SET source = :source, what = :what, last_run = :at, "
                        + "runs = runs + 1, records = records + :records, last_records = :records, "
                        + (ok ? "last_success = :at, failing = 0, last_error = NULL"
                                : "failing = failing + 1, last_error = :error")
                        + (records > 0 ? ", last_brought = :at" : "") + " WHERE name = :name")
                        .bind("source", source).bind("what", clip(what, 300)).bind("at", at).bind("records", records)
                        .bind("error", clip(error, 1000)).bind("name", clip(name, 200)).execute();
                if (updated == 0) {
                    h.createUpdate("INSERT INTO collect_source (name, source, what, first_run, last_run, last_success, "
                            + "last_brought, runs, records, last_records, failing, last_error) VALUES (:name, :source, "
                            + ":what, :at, :at, :success, :brought, 1, :records, :records, :failing, :error)")
                            .bind("name", clip(name, 200)).bind("source", source).bind("what", clip(what, 300))
                            .bind("at", at).bind("success", ok ? at : null).bind("brought", records > 0 ? at : null)
                            .bind("records", records).bind("failing", ok ? 0 : 1).bind("error", clip(error, 1000))
                            .execute();
                }
            });
        } catch (RuntimeException e) {
            throw new StoreException("cannot record a collection of " + name + " in the store at " + description
                    + ": " + cause(e), e);
        }
        return collectSources().stream().filter(c -> c.name().equals(clip(name, 200))).findFirst().orElseThrow();
    }

    /** Every log the console has collected, the longest without records first. */
    public List<CollectSource> collectSources() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM collect_source ORDER BY COALESCE(last_brought, "
                + "first_run), name").map((rs, ctx) -> new CollectSource(rs.getString("name"), rs.getString("source"),
                        rs.getString("what"), time(rs, "first_run"), time(rs, "last_run"), time(rs, "last_success"),
                        time(rs, "last_brought"), rs.getLong("runs"), rs.getLong("records"), rs.getLong("last_records"),
                        rs.getLong("failing"), rs.getString("last_error"))).list());
    }

    private static IngestBatch batch(ResultSet rs) throws SQLException {
        return new IngestBatch(rs.getLong("id"), time(rs, "received_at"), rs.getString("source"), rs.getString("sha256"),
                rs.getLong("bytes"), rs.getString("format"), rs.getLong("records"), rs.getLong("events"),
                rs.getLong("rejected"), time(rs, "first_event"), time(rs, "last_event"), rs.getString("file"),
                rs.getObject("token_id") == null ? null : rs.getLong("token_id"), rs.getString("address"),
                time(rs, "removed_at"));
    }

    /**
     * Records what an analyst did in the console: {@code action} such as {@code sign-in},
     * {@code sign-in-failed}, {@code case}, {@code brief}, {@code report}, {@code update}; {@code target}
     * what it was done to ({@code case 3}), or null.
     */
    public void logAccess(String analyst, String address, String action, String target) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO access_log (at, analyst, address, action, target) VALUES (:at, "
                + ":analyst, :address, :action, :target)").bind("at", now())
                .bind("analyst", clip(analyst, 100)).bind("address", clip(address, 64)).bind("action", action)
                .bind("target", clip(target, 200)).execute());
    }

    /** The access log, newest first, at most {@code limit} entries, of one analyst when {@code analyst} is not null. */
    public List<AccessEntry> accessLog(String analyst, int limit) {
        return accessLog(analyst, true, limit);
    }

    /**
     * As {@link #accessLog(String, int)}; without {@code withIngest}, the entries of batches taken over
     * the ingest API ({@code ingest}, {@code ingest-again}) are left out: a shipper that sends every
     * second would bury what people did.
     */
    /**
     * When {@code analyst} last opened each case (its page, brief or JSON), by case number: for the
     * case list's "new" and "changed since you looked". From the access log, so a pruned log forgets it.
     */
    public Map<Long, OffsetDateTime> lastOpened(String analyst) {
        Map<Long, OffsetDateTime> out = new HashMap<>();
        if (analyst == null) {
            return out;
        }
        jdbi.useHandle(h -> h.createQuery("SELECT target, MAX(at) AS at FROM access_log WHERE analyst = :analyst AND "
                + "action IN ('case', 'brief', 'api-case') GROUP BY target").bind("analyst", analyst)
                .map((rs, ctx) -> {
                    java.util.regex.Matcher m = CASE_TARGET.matcher(rs.getString("target") == null ? ""
                            : rs.getString("target"));
                    if (m.lookingAt()) {
                        out.merge(Long.parseLong(m.group(1)), time(rs, "at"), (a, b) -> a.isAfter(b) ? a : b);
                    }
                    return null;
                }).forEach(x -> { }));
        return out;
    }

    private static final java.util.regex.Pattern CASE_TARGET = java.util.regex.Pattern.compile("case (\\d{1,18})(?!\\d)");

    /**
     * Who looked at or changed case {@code id} and when, oldest first: the access log's entries about
     * it (its page, brief, records, JSON, changes, exports), for an evidence package's chain of custody.
     */
    public List<AccessEntry> caseAccess(long id) {
        String exact = "case " + id;
        return jdbi.withHandle(h -> h.createQuery("SELECT at, analyst, address, action, target FROM access_log WHERE "
                + "target = :exact OR target LIKE :colon OR target LIKE :space ORDER BY id")
                .bind("exact", exact).bind("colon", exact + ":%").bind("space", exact + " %")
                .map((rs, ctx) -> new AccessEntry(time(rs, "at"), rs.getString("analyst"), rs.getString("address"),
                        rs.getString("action"), rs.getString("target"))).list());
    }

    /**
     * Writes into case {@code id}'s history that {@code actor} exported it ({@code detail}: what and
     * the package's fingerprint): an export hands the evidence on, so the case says when and to whom.
     */
    public void recordExport(long id, String detail, String actor) {
        requireActor(actor);
        jdbi.useTransaction(h -> {
            lockCase(h, id);
            event(h, id, now(), actor, "export", detail);
        });
    }

    public List<AccessEntry> accessLog(String analyst, boolean withIngest, int limit) {
        String where = (analyst == null ? "" : "analyst = :analyst")
                + (withIngest ? "" : (analyst == null ? "" : " AND ") + "action NOT IN ('ingest', 'ingest-again')");
        return jdbi.withHandle(h -> h.createQuery("SELECT at, analyst, address, action, target FROM access_log"
                + (where.isEmpty() ? "" : " WHERE " + where) + " ORDER BY id DESC LIMIT :limit")
                .bind("analyst", analyst).bind("limit", limit)
                .map((rs, ctx) -> new AccessEntry(time(rs, "at"), rs.getString("analyst"), rs.getString("address"),
                        rs.getString("action"), rs.getString("target"))).list());
    }

    /** One line of the access log. */
    public record AccessEntry(OffsetDateTime at, String analyst, String address, String action, String target) {
    }

    private static String clip(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }

    /**
     * An assessment whose text fits the columns it goes to. Names and ids come from HR records and
     * logs, which a hostile or broken export can make any length; one such value must not lose the
     * whole save. Display text is cut; an id too long keeps its start and a digest of the whole, so
     * that two long ids stay two people.
     */
    static Assessment fitted(Assessment a) {
        boolean fits = a.personId().length() <= 200 && (a.name() == null || a.name().length() <= 300)
                && isDate(a.hireDate()) && isDate(a.terminationDate())
                && (a.ties() == null || a.ties().stream().allMatch(t -> t.kind().length() <= 32
                        && (t.display() == null || t.display().length() <= 300) && t.others().stream().allMatch(
                                o -> o.kind().length() <= 16 && o.id().length() <= 200
                                        && (o.name() == null || o.name().length() <= 300))))
                && a.signals().stream().allMatch(f -> f.detector().length() <= 200 && f.time().length() <= 40
                        && (f.stage() == null || f.stage().length() <= 32)
                        && (f.technique() == null || f.technique().length() <= 32));
        if (fits) {
            return a;
        }
        String id = fittedId(a.personId());
        List<Assessment.Tie> ties = a.ties() == null ? null : a.ties().stream().map(t -> new Assessment.Tie(
                clip(t.kind(), 32), clip(t.display(), 300), t.others().stream().map(o -> new Assessment.Tied(
                        clip(o.kind(), 16), fittedId(o.id()), clip(o.name(), 300))).toList())).toList();
        return new Assessment(id, a.kind(), clip(a.name(), 300), a.score(), a.level(), a.stages(),
                a.signals().stream().map(f -> new Assessment.Finding(clip(f.time(), 40), clip(f.detector(), 200),
                        clip(f.stage(), 32), clip(f.technique(), 32), f.strength(), f.subject(), f.explanation(),
                        f.evidence(), f.via())).toList(), isDate(a.hireDate()) ? a.hireDate() : null,
                isDate(a.terminationDate()) ? a.terminationDate() : null, ties);
    }

    /** An id that fits its column: one too long keeps its start and a digest of the whole, so two stay two. */
    private static String fittedId(String id) {
        return id.length() <= 200 ? id : id.substring(0, 150) + "…" + dev.unravel.core.Sha256.hex(id).substring(0, 32);
    }

    /**
     * Whether a date fits its column ({@code yyyy-MM-dd}) or is absent; one that does not is not kept,
     * since the dates only draw a case's timeline.
     */
    private static boolean isDate(String s) {
        return s == null || s.length() == 10;
    }

    @Override
    public void close() {
        pool.close();
    }

    private OffsetDateTime now() {
        // Microseconds: what both databases keep, so that a value read back equals the one written.
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static CaseSummary summary(ResultSet rs) throws SQLException {
        String disposition = rs.getString("disposition");
        long signals = rs.getLong("signals");
        return new CaseSummary(rs.getLong("id"), rs.getString("kind"), rs.getString("person_id"), rs.getString("name"),
                CaseStatus.parse(rs.getString("status")), disposition == null ? null : Disposition.parse(disposition),
                rs.getString("assignee"), rs.getDouble("score"), rs.getString("level"), stages(rs.getString("stages")),
                (int) signals, time(rs, "opened_at"), time(rs, "updated_at"), time(rs, "closed_at"),
                rs.getLong("opened_scan"), rs.getLong("last_scan"), rs.getString("opened_by"));
    }

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static List<String> stages(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split(","));
    }

    private static List<String> lines(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    /** A JDBC URL without the value of a {@code password} parameter. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    /** True when H2 refused because another process has the database file open. */
    private static boolean inUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("already in use") || m.contains("locked by another process"))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message worth showing: the database's own words. */
    private static String cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        if (inUse(e)) {
            return "another process has it open (the embedded database serves one process at a time; a team shares "
                    + "PostgreSQL)";
        }
        // Flyway's validation lists what differs on the lines after its first; keep them, on one line.
        String all = String.join("; ", m.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return all.length() <= 500 ? all : all.substring(0, 500) + "…";
    }
}
