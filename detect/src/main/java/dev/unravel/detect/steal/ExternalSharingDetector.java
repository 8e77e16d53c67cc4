package dev.unravel.detect.steal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.intel.IndicatorLists;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The company's documents shared out of it to private accounts (ATT&amp;CK T1537, transfer data to
 * a cloud account): per worker, the most distinct documents shared in one UTC day with an address
 * at a free mail service (the personal address HR holds for them among them) or by a link anyone
 * can open. Sharing takes nothing through the network or onto a disk — the file stays in the
 * company's drive while the outside account opens and copies it — so the download, upload and USB
 * detectors never see it.
 *
 * <p>Read from the Microsoft 365 audit log's SharePoint and OneDrive sharing records and Google
 * Drive's audit events by {@link SharingRecords}; a record without its document, its recipient or
 * what it granted is counted as skipped.
 *
 * <p>An address at the company's own domains (the work emails', {@code company_domains}, the
 * sharer's own, the tenant's {@code *.onmicrosoft.com}) is a colleague; one at another company's
 * domain is a client or a partner, as sales and support share every day, and is not counted. A
 * busiest day of {@code min_documents} (10) or more gives {@code strength} (0.4), with
 * {@code new_hire_bonus} (0.1) within {@code new_hire_days} (30) of the hire,
 * {@code own_address_bonus} (0.1) when the personal address HR holds is among the recipients, and
 * {@code bulk_bonus} (0.1) at three times the threshold. Fewer, but to the personal address HR holds,
 * gives {@code own_address_strength} (0.2): context, as people send themselves a file to work on at
 * home. A harvest spread thin — {@code min_week_documents} (25) or more distinct documents over
 * seven days (one shared again on another day counts once), on two or more of them, never
 * {@code min_documents} in one — gives the day's strength without the bulk bonus. One signal per worker, at the end of the scan.
 *
 * <p>A recipient on the team's lists of the scheme's published indicators — an {@code email}
 * entry, or a {@code domain} entry for its domain or one above it, from the configuration's
 * {@code indicators:} and this detector's own {@code files} ({@link IndicatorLists}) — is said at
 * once, whatever its domain: {@code listed_strength} (0.7), once per worker and recipient; its
 * documents count as private too. So is the personal address HR holds for another worker (not of
 * the sharer's household): {@code other_worker_strength} (0.5) on both, once per pair — one mailbox
 * collecting several hires' documents.
 */
public final class ExternalSharingDetector implements Detector {

    public static final String ID = "steal.external-sharing";

    static final Set<String> EVENT_TYPES = SharingRecords.EVENT_TYPES;

    /** Recipients and titles named in an explanation, at most. */
    private static final int SHOWN = 3;

    /** Who a document went to: the worker's own private address, another private one, anyone with the link. */
    enum Recipient { OWN, PRIVATE, ANYONE }

    /** The indicator types a recipient is compared with. */
    private static final Set<String> LISTED_TYPES = Set.of("email", "domain");

    /** The scan's lists ({@code indicators:} in the configuration). */
    private final IndicatorLists.Lists shared;
    private Settings settings;
    private CompanyDomains companyDomains;
    private PerEntity<EntityRef, Shares> workers;
    /** The lists' email and domain entries. */
    private IndicatorLists.Addresses listedAddresses = new IndicatorLists.Addresses(List.of());
    /** Worker and recipient (or other worker) pairs already said. */
    private final Set<String> said = new java.util.HashSet<>();

    public ExternalSharingDetector() {
        this(IndicatorLists.Lists.NONE);
    }

    /** @param shared the scan's lists of indicators ({@code indicators:} in the configuration) */
    public ExternalSharingDetector(IndicatorLists.Lists shared) {
        this.shared = shared;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "SharePoint and OneDrive sharing in the Microsoft 365 audit log, or Google Drive's sharing in Google "
                + "Workspace's Drive audit log";
    }

    @Override
    public String description() {
        return "The company's documents shared with free-mail addresses or by links anyone can open, many in a day "
                + "or with the worker's own personal address (Microsoft 365 audit, Google Drive audit)";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    /** Its own {@code files}, read at the scan's start: a list that cannot be read stops the scan there. */
    @Override
    public void check(Settings settings) {
        IndicatorLists.compared(IndicatorLists.Lists.NONE, settings, ID, LISTED_TYPES, true);
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        companyDomains = new CompanyDomains(settings);
        workers = ctx.state(settings.integer("max_workers", 500_000));
        said.clear();
        // entries of no known type in the scan's lists are counted by apply.published-indicator
        IndicatorLists.Compared lists = IndicatorLists.compared(shared, settings, ID, LISTED_TYPES, false);
        lists.countProblems(ctx);
        listedAddresses = new IndicatorLists.Addresses(lists.indicators());
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        String missing = SharingRecords.missing(e);
        if (missing != null) {
            ctx.skipped("sharing record without " + missing);
            return;
        }
        SharingRecords.Share share = SharingRecords.read(e);
        if (share == null) {
            return; // access removed, or opened to the company only
        }
        if (share.document() == null) {
            ctx.skipped("share without its document's id");
            return;
        }
        EntityRef subject = RepoHarvestDetector.subject(e, ctx);
        if (subject == null) {
            ctx.skipped("share without a user");
            return;
        }
        Person p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
        IndicatorLists.Indicator listed = listed(share.recipient());
        Person owner = subject.kind() == EntityRef.Kind.WORKER
                ? anotherWorkersAddress(share.recipient(), subject.value(), ctx) : null;
        Recipient kind = listed != null || owner != null ? Recipient.PRIVATE
                : recipient(share.recipient(), e, p, ctx);
        if (kind == null) {
            return; // a colleague, a client or a partner
        }
        if (owner != null) {
            tie(e, subject, p, owner, share, ctx);
        }
        if (listed != null && said.add(subject + " " + share.recipient())) {
            ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537")
                    .strength(Math.min(1, settings.number("listed_strength", 0.7))).evidence(e)
                    .because("This worker shared " + (share.title() != null ? "“" + share.title() + "”"
                            : "a company document") + " with " + (share.recipient().startsWith("@")
                                    ? "everyone at " + share.recipient().substring(1) : share.recipient())
                            + ", which is on a published list "
                            + "of the scheme's indicators: " + listed.listed() + ".")
                    .emit();
        }
        Shares w = workers.get(subject, k -> new Shares());
        String key = (e.type().startsWith("drive.") ? "g:" : "") + share.document();
        if (w.add(e, key)) {
            w.noteToday(share, kind);
        }
        if (kind == Recipient.OWN) {
            w.noteOwn(e, key, share.recipient());
        }
    }

    /**
     * The worker whose personal address HR holds {@code address} is, when that is not the sharer
     * and the two are not one household; null otherwise.
     */
    private Person anotherWorkersAddress(String address, String sharer, DetectorContext ctx) {
        if (address == null) {
            return null;
        }
        for (Person w : ctx.roster().workersWithPersonalEmail(address)) {
            if (w.id().equals(sharer) || ctx.roster().oneHousehold(List.of(w.id(), sharer))) {
                return null; // their own, or their household's
            }
            return w;
        }
        return null;
    }

    /**
     * A worker sharing company documents with the personal address HR holds for another: one
     * mailbox collecting two hires' documents, as when one operator works several hires. Said once
     * per pair, on both.
     */
    private void tie(Event e, EntityRef subject, Person sharer, Person owner, SharingRecords.Share share, DetectorContext ctx) {
        if (!said.add(subject + " > " + owner.id())) {
            return;
        }
        double strength = Math.min(1, settings.number("other_worker_strength", 0.5));
        String what = share.title() != null ? "“" + share.title() + "”" : "a company document";
        String sharerName = (sharer != null ? sharer.name() : subject.value()) + " (worker " + subject.value() + ")";
        String ownerName = owner.name() + " (worker " + owner.id() + ")";
        String why = ": one person's mailbox receiving another hire's company documents, as when one operator "
                + "works several hires.";
        ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537").strength(strength).evidence(e)
                .because("This worker shared " + what + " with " + share.recipient() + ", the personal address HR "
                        + "holds for " + ownerName + why)
                .emit();
        ctx.signal(ID, EntityRef.worker(owner.id())).stage(Stage.STEAL).technique("T1537").strength(strength)
                .evidence(e)
                .because(sharerName + " shared " + what + " with " + share.recipient() + ", the personal address HR "
                        + "holds for this worker" + why)
                .emit();
    }

    /** The list entry naming {@code address} or a domain it is under, or null. */
    private IndicatorLists.Indicator listed(String address) {
        if (address == null || listedAddresses.isEmpty()) {
            return null;
        }
        IndicatorLists.Indicator byAddress = listedAddresses.email(address);
        List<IndicatorLists.Indicator> byDomain = byAddress != null ? List.of() : listedAddresses.domainsOf(address);
        return byAddress != null ? byAddress : byDomain.isEmpty() ? null : byDomain.get(0);
    }

    /** The recipient's kind, or null when it is inside the company or another company. */
    private Recipient recipient(String address, Event e, Person p, DetectorContext ctx) {
        if (address == null) {
            return Recipient.ANYONE;
        }
        String domain = CompanyDomains.domain(address);
        if (domain == null || CompanyDomains.internal(domain, companyDomains.of(ctx))) {
            return null;
        }
        String actor = CompanyDomains.domain(e.user());
        if (actor != null && CompanyDomains.internal(domain, Set.of(actor))) {
            return null; // the sharer's own domain: the tenant's, or one HR's records do not show
        }
        if (p != null && p.personalEmail() != null && p.personalEmail().equals(Normalise.email(address))) {
            return Recipient.OWN;
        }
        return Normalise.freeMail(domain) ? Recipient.PRIVATE : null;
    }

    @Override
    public void finish(DetectorContext ctx) {
        int min = settings.integer("min_documents", 10);
        int newHireDays = settings.integer("new_hire_days", 30);
        for (Map.Entry<EntityRef, Shares> en : workers.entries()) {
            Shares w = en.getValue();
            EntityRef subject = en.getKey();
            Person p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
            BusiestDay.Best best = w.best();
            Map<String, Recipient> recipients = w.bestRecipients();
            if (best.count() >= min) {
                Long days = best.daysSinceHire(p);
                boolean newHire = days != null && days >= 0 && days <= newHireDays;
                boolean own = recipients.containsValue(Recipient.OWN);
                double strength = settings.number("strength", 0.4)
                        + (newHire ? settings.number("new_hire_bonus", 0.1) : 0)
                        + (own ? settings.number("own_address_bonus", 0.1) : 0)
                        + (best.count() >= 3 * min ? settings.number("bulk_bonus", 0.1) : 0);
                String when = !newHire ? "" : days == 0 ? ", on their first day" : ", " + days + " days after starting";
                ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537").strength(Math.min(1, strength))
                        .at(best.last()).evidence(best.evidence())
                        .because("This worker shared " + best.count() + " of the company's documents outside it in "
                                + "one day" + when + ", " + recipients(recipients) + ": " + titles(w.bestTitles(),
                                        best.count()) + ". A shared document stays in the company's drive while an "
                                + "outside account opens and copies it, unseen by download, upload and USB logs.")
                        .emit();
            } else if (w.bestWeek().count() >= settings.integer("min_week_documents", 25)
                    && w.bestWeek().days() > 1) {
                slowHarvest(subject, w.bestWeek(), p, min, newHireDays, ctx);
            } else if (w.ownCount > 0) {
                ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537")
                        .strength(Math.min(1, settings.number("own_address_strength", 0.2)))
                        .at(w.ownLast).evidence(w.ownEvidence)
                        .because("This worker shared " + (w.ownCount == 1 ? "a company document"
                                : w.ownCount + " company documents") + " with " + w.ownAddress
                                + ", the personal address HR holds for them: fewer than " + min + " in a day, as "
                                + "people send themselves a file to work on at home; context for other findings.")
                        .emit();
            }
        }
    }

    /**
     * Many documents over a week, never {@code min} in a day: a harvest spread thin. As strong as a
     * day's, without the bulk bonus.
     */
    private void slowHarvest(EntityRef subject, Week week, Person p, int min, int newHireDays, DetectorContext ctx) {
        Long days = p == null || p.hireDate() == null ? null
                : java.time.temporal.ChronoUnit.DAYS.between(p.hireDate(), java.time.LocalDate.ofEpochDay(week.lastDay()));
        boolean newHire = days != null && days >= 0 && days <= newHireDays;
        boolean own = week.recipients().containsValue(Recipient.OWN);
        double strength = settings.number("strength", 0.4) + (newHire ? settings.number("new_hire_bonus", 0.1) : 0)
                + (own ? settings.number("own_address_bonus", 0.1) : 0);
        ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537").strength(Math.min(1, strength))
                .at(week.last()).evidence(week.evidence())
                .because("This worker shared " + week.count() + " of the company's documents outside it on "
                        + week.days() + " of the " + WEEK_DAYS + " days to " + java.time.LocalDate.ofEpochDay(
                                week.lastDay()) + (newHire ? ", " + days + " days after starting" : "")
                        + ", never " + min + " in one day, " + recipients(week.recipients()) + ": "
                        + titles(week.titles(), week.count()) + ". A harvest spread over days stays under a daily "
                        + "count; a shared document stays in the company's drive while an outside account opens and "
                        + "copies it.")
                .emit();
    }

    /** "with a@gmail.com (a free mail service) and by links anyone can open". */
    private static String recipients(Map<String, Recipient> recipients) {
        List<String> people = new ArrayList<>();
        boolean anyone = false;
        for (Map.Entry<String, Recipient> r : recipients.entrySet()) {
            switch (r.getValue()) {
                case ANYONE -> anyone = true;
                case OWN -> people.add(r.getKey() + " (the personal address HR holds for them)");
                // a listed address or another worker's at a domain of its own has been said in its own finding
                case PRIVATE -> people.add(r.getKey() + (Normalise.freeMail(CompanyDomains.domain(r.getKey()))
                        ? " (a free mail service)" : ""));
            }
        }
        String with = people.isEmpty() ? "" : "with " + String.join(", ", people.subList(0, Math.min(SHOWN,
                people.size()))) + (people.size() > SHOWN ? " and " + (people.size() - SHOWN) + " more addresses" : "");
        return anyone ? with.isEmpty() ? "by links anyone can open" : with + ", and by links anyone can open" : with;
    }

    /** "“Pricing 2026.xlsx”, “Roadmap.docx” and 31 more". */
    private static String titles(List<String> titles, int count) {
        List<String> quoted = titles.stream().map(t -> "“" + t + "”").toList();
        return quoted.isEmpty() ? count + " documents"
                : String.join(", ", quoted) + (count > quoted.size() ? " and " + (count - quoted.size()) + " more" : "");
    }

    /** Days in the window a slow harvest is counted over. */
    private static final int WEEK_DAYS = 7;

    /** One UTC day's shares: its distinct documents, recipients, first titles, evidence. */
    record Day(long day, Set<String> documents, Map<String, Recipient> recipients, List<String> titles,
            List<EventRef> evidence) {
    }

    /**
     * Seven days' shares: distinct documents (a document shared again on another day counts once),
     * the days with shares, the last day and share, recipients, first titles, evidence.
     */
    record Week(int count, int days, long lastDay, Instant last, Map<String, Recipient> recipients,
            List<String> titles, List<EventRef> evidence) {
        static final Week NONE = new Week(0, 0, 0, null, Map.of(), List.of(), List.of());
    }

    /**
     * One worker's outward shares: the busiest day's distinct documents, its recipients and first
     * titles, the busiest seven days', and the shares to their own personal address over the whole
     * scan.
     */
    static final class Shares extends BusiestDay {
        /** Recipients kept per day, far beyond those shown. */
        private static final int MAX_RECIPIENTS = 32;

        final Map<String, Recipient> todayRecipients = new LinkedHashMap<>();
        final List<String> todayTitles = new ArrayList<>(SHOWN);
        Map<String, Recipient> bestRecipients = Map.of();
        List<String> bestTitles = List.of();
        /** The closed days with shares among the last six, oldest first, for the week's total. */
        final java.util.ArrayDeque<Day> lastDays = new java.util.ArrayDeque<>(WEEK_DAYS);
        Week bestWeek = Week.NONE;
        final Set<String> ownDocuments = new LinkedHashSet<>();
        int ownCount;
        String ownAddress;
        Instant ownLast;
        final List<EventRef> ownEvidence = new ArrayList<>();

        void noteToday(SharingRecords.Share share, Recipient kind) {
            String who = share.recipient() == null ? "anyone" : share.recipient();
            if (todayRecipients.size() < MAX_RECIPIENTS) {
                todayRecipients.putIfAbsent(who, kind);
            }
            if (share.title() != null && todayTitles.size() < SHOWN && !todayTitles.contains(share.title())) {
                todayTitles.add(share.title());
            }
        }

        void noteOwn(Event e, String document, String address) {
            if (ownAddress == null) {
                ownAddress = address; // as shared, not as normalised for comparing
            }
            if (ownDocuments.size() < MAX_PER_DAY && ownDocuments.add(document)) {
                ownCount++;
                ownLast = e.time();
                if (ownEvidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
                    ownEvidence.add(e.origin());
                }
            }
        }

        Map<String, Recipient> bestRecipients() {
            return todayIsBusiest() ? new LinkedHashMap<>(todayRecipients) : bestRecipients; // in the order seen
        }

        /** The seven days with the most shares so far, the open day included, without closing it. */
        Week bestWeek() {
            Week open = today.isEmpty() ? Week.NONE : weekEndingToday();
            return open.count() > bestWeek.count() ? open : bestWeek;
        }

        /** The seven UTC days ending with the open one: its shares and those of the six before. */
        private Week weekEndingToday() {
            int days = 0;
            Map<String, Recipient> recipients = new LinkedHashMap<>();
            List<String> titles = new ArrayList<>(SHOWN);
            List<EventRef> evidence = new ArrayList<>();
            List<Day> window = new ArrayList<>();
            for (Day d : lastDays) {
                if (d.day() > day - WEEK_DAYS) {
                    window.add(d);
                }
            }
            window.add(new Day(day, today, todayRecipients, todayTitles, todayEvidence));
            Set<String> documents = new java.util.HashSet<>();
            for (Day d : window) { // oldest first: recipients and titles in the order seen
                documents.addAll(d.documents());
                days++;
                d.recipients().forEach(recipients::putIfAbsent);
                d.titles().stream().filter(t -> titles.size() < SHOWN && !titles.contains(t)).forEach(titles::add);
                d.evidence().stream().limit(SignalBuilder.MAX_EVIDENCE - evidence.size()).forEach(evidence::add);
            }
            return new Week(documents.size(), days, day, todayLast, recipients, titles, evidence);
        }

        List<String> bestTitles() {
            return todayIsBusiest() ? List.copyOf(todayTitles) : bestTitles;
        }

        @Override
        void closeDay() {
            if (!today.isEmpty()) {
                Week week = weekEndingToday();
                if (week.count() > bestWeek.count()) {
                    bestWeek = week;
                }
                lastDays.addLast(new Day(day, Set.copyOf(today), new LinkedHashMap<>(todayRecipients),
                        List.copyOf(todayTitles), List.copyOf(todayEvidence)));
                if (lastDays.size() >= WEEK_DAYS) {
                    lastDays.removeFirst(); // at most the six days before a new one count with it
                }
            }
            if (todayIsBusiest()) {
                bestRecipients = new LinkedHashMap<>(todayRecipients);
                bestTitles = List.copyOf(todayTitles);
            }
            todayRecipients.clear();
            todayTitles.clear();
            super.closeDay();
        }
    }
}
