package dev.unravel.detect.extort;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.intel.IndicatorLists;
import dev.unravel.triage.Sender;
import dev.unravel.triage.archive.ArchiveEntry;
import dev.unravel.triage.demand.DemandAssessment;
import dev.unravel.triage.demand.ExtortionLanguage;
import dev.unravel.triage.inventory.Inventory;
import dev.unravel.triage.inventory.InventoryMatcher;
import dev.unravel.triage.inventory.LeakMatch;
import dev.unravel.triage.inventory.ProjectLeak;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import dev.unravel.detect.access.SignInEvents;
import java.util.Set;

/**
 * The extortion email of a fired worker (ATT&amp;CK T1657, financial theft): an inbound email whose
 * text demands payment with threats, tied to the worker who sent it — by the personal address HR
 * holds (or a look-alike of it), the address they signed in from, their name — and to the
 * repositories they took, named by the archive offered as proof. Emits on the tied worker at the
 * end of the scan, when every sign-in and clone of the period has been seen.
 *
 * <p>The proof archive is matched by its entries' names and sizes (a scan lists archives, it does
 * not read them): against the {@code inventory} file when one is configured, else against the
 * repository names seen in the GitHub audit log. {@code unravel triage} reads the archive itself.
 *
 * <p>A wallet the demand names that is on the team's published-indicator lists (type {@code wallet}:
 * the scan's, {@code indicators:} in the configuration, and its own {@code files}) is said in the
 * finding, for legal: paying a sanctioned address may itself be a breach.
 */
public final class ExtortionEmailDetector implements PreparingDetector<DemandAssessment> {
    public static final String ID = "extort.extortion-email";
    static final int MAX_EMAILS = 10_000;

    private final AccessIndex access = new AccessIndex();
    private final Map<EventRef, Pending> pending = new LinkedHashMap<>();
    private InventoryMatcher matcher;
    private boolean configured;
    /** The scan's lists ({@code indicators:} in the configuration). */
    private final IndicatorLists.Lists shared;
    /** Listed wallets, by the key they are compared by. */
    private final Map<String, IndicatorLists.Indicator> wallets = new java.util.HashMap<>();
    /** The wallet entries of the lists as {@link #check} read them; their bad entries are counted at the start. */
    private IndicatorLists.Compared walletLists;
    private static final Set<String> WALLET = Set.of("wallet");

    /** A detector without the scan's indicator lists. */
    public ExtortionEmailDetector() {
        this(IndicatorLists.Lists.NONE);
    }

    /** @param shared the scan's lists ({@code indicators:} in the configuration), whose wallets a demand is compared with */
    public ExtortionEmailDetector(IndicatorLists.Lists shared) {
        this.shared = shared;
    }

    /** Counts the entries of wallet type that cannot be read (the lists were read once, at its check). */
    @Override
    public void start(DetectorContext ctx) {
        if (!configured) {
            check(ctx.settings());
        }
        walletLists.countProblems(ctx);
    }

    /** An extortion email waiting for the end of the scan. */
    private static final class Pending {
        final Event message;
        final DemandAssessment demand;
        final List<ArchiveEntry> entries = new ArrayList<>();

        Pending(Event message, DemandAssessment demand) {
            this.message = message;
            this.demand = demand;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "email the company received (.eml files or mbox)";
    }

    @Override
    public String description() {
        return "Extortion email (a demand with threats) tied to a worker by personal address, sending IP or name, "
                + "and to the repositories they took";
    }

    /** The mail, repository access and every source's sign-ins (the addresses a worker worked from). */
    private static final Set<String> TYPES = SignInEvents.with("email.message", "email.attachment", "git.",
            "repo.");

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    /**
     * A message's language assessed on the reader threads: it needs none of the detector's state,
     * and reading every body's phrases on the detection thread was a thirtieth of that thread.
     */
    @Override
    public DemandAssessment prepare(Event e) {
        if (!"email.message".equals(e.type())) {
            return null;
        }
        String subject = e.document().get("subject") instanceof String s ? s : "";
        String body = e.document().get("body") instanceof String s ? s : "";
        return ExtortionLanguage.assess(subject, body);
    }

    @Override
    public void onEvent(Event e, DemandAssessment demand, DetectorContext ctx) {
        if (!configured) {
            check(ctx.settings()); // run outside a scan (tests, Flink) without the up-front check
        }
        switch (e.type()) {
            case "email.message" -> message(e, demand, ctx);
            case "email.attachment" -> attachment(e);
            default -> access.observe(e, ctx.roster());
        }
    }

    /** Loads the inventory named in the settings, so that a wrong path stops the scan before it starts. */
    @Override
    public void check(dev.unravel.detect.Settings settings) {
        configured = true;
        wallets.clear();
        walletLists = IndicatorLists.compared(shared, settings, ID, WALLET, false);
        for (var ind : walletLists.indicators()) {
            wallets.putIfAbsent(ind.key(), ind);
        }
        String file = settings.text("inventory", null);
        if (file == null) {
            return;
        }
        Path path = Path.of(file);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw new IllegalArgumentException("detectors." + ID + ".inventory: " + file + ": no such file (build one "
                    + "with unravel inventory build)");
        }
        try {
            matcher = new InventoryMatcher(Inventory.load(path));
        } catch (IOException e) {
            throw new IllegalArgumentException("detectors." + ID + ".inventory: " + e.getMessage(), e);
        }
    }

    private void message(Event e, DemandAssessment demand, DetectorContext ctx) {
        if (demand == null || !demand.extortion() || e.origin() == null) {
            return;
        }
        if (pending.size() >= MAX_EMAILS) {
            ctx.skipped("more than " + MAX_EMAILS + " extortion emails: the rest are not attributed");
            return;
        }
        pending.put(e.origin(), new Pending(e, demand));
    }

    private void attachment(Event e) {
        Pending p = e.origin() == null ? null : pending.get(e.origin());
        if (p == null || !(e.document().get("zip") instanceof Map<?, ?> zip)
                || !(zip.get("entries") instanceof List<?> entries)) {
            return;
        }
        for (Object o : entries) {
            if (o instanceof Map<?, ?> en && en.get("name") instanceof String name) {
                long size = en.get("size") instanceof Number n ? n.longValue() : -1;
                boolean dir = Boolean.TRUE.equals(en.get("directory"));
                p.entries.add(new ArchiveEntry(name, "", size, -1, null, dir, false, false, null, null));
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        if (pending.isEmpty()) {
            return;
        }
        SenderTies ties = new SenderTies(ctx.roster());
        for (Pending p : pending.values()) {
            Sender sender = Sender.of(p.message);
            List<String> leaked = leakedRepositories(p.entries);
            List<Suspect> suspects = Attribution.rank(sender, leaked, ties.of(sender, access), access, ctx.roster());
            double min = ctx.settings().number("min_strength", 0.30);
            for (Suspect s : suspects) {
                if (!s.tiedToSender() || s.score() < min) {
                    continue;
                }
                List<EventRef> evidence = new ArrayList<>();
                evidence.add(p.message.origin());
                s.ties().forEach(t -> evidence.addAll(t.evidence()));
                s.access().forEach(a -> evidence.addAll(a.evidence()));
                ctx.signal(ID, EntityRef.worker(s.workerId())).stage(Stage.EXTORT).technique("T1657")
                        .strength(Math.min(1, s.score())).at(p.message.time())
                        .evidence(evidence.subList(0, Math.min(evidence.size(), SignalBuilder.MAX_EVIDENCE)))
                        .because(explain(s, p, sender, leaked)).emit();
            }
        }
    }

    /** Repositories the proof archive's entries come from: by inventory when configured, else by name. */
    private List<String> leakedRepositories(List<ArchiveEntry> entries) {
        Set<String> repos = new LinkedHashSet<>();
        if (matcher != null && !entries.isEmpty()) {
            LeakMatch leak = matcher.match(entries);
            for (ProjectLeak pl : leak.projects()) {
                repos.add(pl.project());
            }
            return List.copyOf(repos);
        }
        Set<String> known = access.repositories();
        for (ArchiveEntry e : entries) {
            String[] segments = e.path().replace('\\', '/').split("/");
            for (int i = 0; i < segments.length - 1; i++) {
                String s = AccessIndex.shortName(segments[i]);
                if (known.contains(s)) {
                    repos.add(s);
                    break;
                }
            }
        }
        return List.copyOf(repos);
    }

    /**
     * The demand's wallets that a published list names (OFAC's SDN list names the scheme's), in words
     * for legal, or an empty string: paying a listed address may itself breach sanctions.
     */
    private String listedWallets(DemandAssessment demand) {
        List<String> listed = new ArrayList<>();
        for (var a : demand.addresses()) {
            String key = IndicatorLists.wallet(a.address());
            var ind = key == null ? null : wallets.get(key);
            if (ind != null) {
                listed.add(a.address() + " (" + ind.listed() + ")");
            }
        }
        return listed.isEmpty() ? "" : " The demand's " + (listed.size() == 1 ? "wallet is" : "wallets are") + " on a "
                + "published list of the scheme's indicators: " + String.join("; ", listed) + ". Paying a listed "
                + "address may breach sanctions: tell counsel before any payment is considered.";
    }

    private String explain(Suspect s, Pending p, Sender sender, List<String> leaked) {
        StringBuilder b = new StringBuilder();
        b.append(s.name() == null ? s.workerId() : s.name());
        if (s.terminated() != null) {
            b.append(", whose employment ended on ").append(s.terminated()).append(',');
        }
        b.append(" appears to have sent an extortion email on ").append(p.message.time().toString(), 0, 10)
                .append(": ").append(String.join("; ", s.ties().stream().limit(2).map(SenderTie::detail).toList()))
                .append(". ").append(p.demand.summary());
        if (!leaked.isEmpty()) {
            b.append(" The proof archive holds files from ").append(String.join(", ", leaked));
            if (!s.access().isEmpty()) {
                b.append("; they had cloned ").append(s.access().size() == leaked.size() ? "all of them"
                        : s.access().size() + " of them");
            }
            b.append('.');
        }
        b.append(listedWallets(p.demand));
        return b.toString();
    }
}
