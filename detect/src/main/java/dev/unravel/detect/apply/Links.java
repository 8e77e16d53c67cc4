package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Identifiers that distinct people share: the same SSN, bank account, personal mailbox, phone,
 * home address, laptop or résumé on file for two "different" people, and one delivery building
 * receiving laptops for several of them. Shared by the detectors that report these ties (shared
 * identifiers, payroll, laptop farm) and those that build on them (clusters, referrals), so that
 * all apply one definition of "distinct people" and of legitimate sharing:
 *
 * <ul>
 *   <li>a worker and the application that led to the hire are one person;</li>
 *   <li>people with one surname who share a mailbox, phone or bank account but not a home are
 *       probably relatives: a weak tie that does not build clusters;</li>
 *   <li>an application under the same full name as another record is the same person applying again;</li>
 *   <li>a household (same surname, a home address in common) may share an address, a landline, a joint
 *       bank account and a delivery address ({@code households}, {@code household_identifiers});</li>
 *   <li>pairs listed in {@code related} (documented relationships) may share anything but an SSN;</li>
 *   <li>company addresses ({@code company_addresses}) never tie anyone.</li>
 * </ul>
 *
 * <p>Settings (of the detector using it): {@code households} (true), {@code household_identifiers}
 * ([address, phone, bank_account, ship_to]), {@code related} (pairs of ids, "E1 E2"),
 * {@code company_addresses} (one-line addresses), {@code resume_similarity} (0.8, estimated Jaccard of
 * 5-word shingles), {@code resume_shingle_words} (5), {@code resume_campaign_days} (180),
 * {@code photo_distance} (6: profile photos whose 64-bit perceptual hashes differ in at most this
 * many bits are one picture), {@code photo_strong_distance} (3: nearer than this is a near-identical
 * copy and builds clusters; between the two only a weak tie, since similar headshots of different
 * people can come that close),
 * {@code max_group} (25: an identifier on more records is an agency's or a switchboard's, not reported),
 * {@code max_people} (500000, bounded state).
 *
 * Feed every event of {@link #EVENT_TYPES} to {@link #observe}; call {@link #ties} in {@code finish},
 * when the roster is complete.
 */
public final class Links {

    /** What is shared, with how much sharing it with an unrelated person alone suggests fraud. */
    public enum Kind {
        SSN("Social Security number", 0.8),
        BANK_ACCOUNT("direct-deposit bank account", 0.7),
        PERSONAL_EMAIL("personal email address", 0.6),
        PHONE("phone number", 0.5),
        RESUME("résumé", 0.5),
        PHOTO("profile photo", 0.6),
        SHIP_TO("laptop delivery address", 0.5),
        DEVICE("laptop (same serial number, assigned at the same time)", 0.3),
        ADDRESS("home address", 0.3);

        private final String label;
        private final double strength;

        Kind(String label, double strength) {
            this.label = label;
            this.strength = strength;
        }

        public String label() {
            return label;
        }

        public double strength() {
            return strength;
        }

        /** The name used in settings ({@code bank_account}). */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One person's share of an identifier with {@code others}. {@code strong} ties build clusters:
     * all kinds but a home address, and a résumé only when both applied within the campaign window
     * (an old résumé copied years later ties the copier, not the author).
     */
    public record Tie(Kind kind, String person, List<String> others, double strength, boolean strong,
            List<EventRef> evidence, Instant time, String note) {
    }

    /** Record types read; every detector using this class declares them. */
    public static final Set<String> EVENT_TYPES = Set.of("hr.hire", "hr.address", "payroll.account",
            "applicant.submitted", "asset.assigned", "asset.shipment", "applicant.resume", "applicant.photo");

    private static final Set<String> IDENTITY_RECORDS = Set.of("hr.hire", "applicant.submitted");
    private static final Set<String> ADDRESS_RECORDS = Set.of("hr.hire", "hr.address", "applicant.submitted");

    private record Resume(long[] signature, EventRef ref) {
    }

    /** A profile photo's perceptual hash, from the photo file or the application's {@code photo_phash}. */
    private record Photo(long hash, EventRef ref) {
    }

    private record Assignment(String worker, LocalDate assignedAt, boolean returned, EventRef ref, Instant time) {
    }

    private record Shipment(String worker, String key, String building, EventRef ref, Instant time) {
    }

    private final DetectorContext context;
    private final RecordBook book;
    private final PerEntity<String, Resume> resumes;
    private final PerEntity<String, Photo> photos;
    private final int photoDistance;
    private final int photoStrongDistance;
    private final PerEntity<String, List<Assignment>> bySerial;
    private final PerEntity<String, Shipment> shipments;
    private final boolean households;
    private final Set<Kind> householdKinds = new HashSet<>();
    private final Set<String> related = new HashSet<>();
    private final Set<String> companyBuildings = new HashSet<>();
    private final double resumeSimilarity;
    private final int campaignDays;
    private final int maxGroup;
    private final MinHash minHash;

    public Links(DetectorContext context) {
        this.context = context;
        Settings s = context.settings();
        int maxPeople = s.integer("max_people", 500_000);
        this.book = new RecordBook(context, maxPeople);
        this.resumes = context.state(maxPeople);
        this.photos = context.state(maxPeople);
        this.bySerial = context.state(maxPeople);
        this.shipments = context.state(maxPeople);
        this.households = s.flag("households", true);
        for (String k : s.list("household_identifiers", List.of("address", "phone", "bank_account", "ship_to"))) {
            try {
                householdKinds.add(Kind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("household_identifiers: \"" + k + "\" is not one of "
                        + java.util.Arrays.stream(Kind.values()).map(Kind::id).toList());
            }
        }
        for (String pair : s.list("related", List.of())) {
            String[] ids = pair.strip().split("[\\s,;]+");
            if (ids.length != 2) {
                throw new IllegalArgumentException("related: \"" + pair + "\" is not two ids (\"E1 E2\")");
            }
            related.add(pairKey(ids[0], ids[1]));
        }
        for (String a : s.list("company_addresses", List.of())) {
            String b = Normalise.oneLineBuilding(a);
            if (b != null) {
                companyBuildings.add(b);
            }
        }
        this.resumeSimilarity = s.number("resume_similarity", 0.8);
        this.campaignDays = s.integer("resume_campaign_days", 180);
        this.maxGroup = s.integer("max_group", 25);
        this.minHash = new MinHash(s.integer("resume_shingle_words", 5));
        this.photoDistance = s.integer("photo_distance", 6);
        this.photoStrongDistance = Math.min(photoDistance, s.integer("photo_strong_distance", 3));
        if (photoDistance < 0 || photoDistance > 20) {
            throw new IllegalArgumentException("photo_distance: " + photoDistance + " is not 0-20 bits of 64");
        }
    }

    public RecordBook book() {
        return book;
    }

    public void observe(Event e) {
        observed++;
        book.add(e);
        switch (e.type()) {
            case "applicant.resume" -> resume(e);
            case "applicant.photo" -> photo(e, "phash");
            case "applicant.submitted" -> {
                if (text(e.document(), "photo_phash") != null) {
                    photo(e, "photo_phash");
                }
            }
            case "asset.assigned" -> assigned(e);
            case "asset.shipment" -> shipment(e);
            default -> {
            }
        }
    }

    private void resume(Event e) {
        String id = e.user();
        long[] sig = minHash.signature(text(e.document(), "text"));
        if (id == null || sig == null || e.origin() == null) {
            context.skipped("résumé without an applicant id or too short to compare");
            return;
        }
        resumes.put(id, new Resume(sig, e.origin()));
    }

    /** The photo file's hash wins over a precomputed column: both describe one picture, the file is firsthand. */
    private void photo(Event e, String column) {
        String id = e.user();
        String raw = text(e.document(), column);
        Long hash = hexHash(raw);
        if (id == null || e.origin() == null) {
            context.skipped("photo without an applicant id");
            return;
        }
        if (hash == null) {
            context.skipped(column + " not 16 hex digits");
            return;
        }
        Photo previous = photos.peek(id);
        if (previous == null || column.equals("phash")) {
            photos.put(id, new Photo(hash, e.origin()));
        }
    }

    /** 16 hex digits (optionally {@code 0x}-prefixed), as ingest writes a photo's hash; null otherwise. */
    static Long hexHash(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.length() != 16 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return Long.parseUnsignedLong(t, 16);
    }

    private void assigned(Event e) {
        String serial = text(e.document(), "serial_number");
        String worker = e.user();
        if (serial == null || worker == null || e.origin() == null) {
            context.skipped("laptop assignment without a serial number or worker");
            return;
        }
        bySerial.get(serial.toUpperCase(Locale.ROOT), k -> new ArrayList<>(1)).add(new Assignment(worker,
                date(text(e.document(), "assigned_at")), "returned".equalsIgnoreCase(text(e.document(), "status")),
                e.origin(), e.time()));
    }

    private void shipment(Event e) {
        Map<String, Object> d = e.document();
        String id = text(d, "shipment_id");
        String worker = e.user();
        String key = Normalise.address(text(d, "ship_to_line1"), text(d, "ship_to_line2"), text(d, "ship_to_city"),
                text(d, "ship_to_state"), text(d, "ship_to_postal_code"), text(d, "ship_to_country"));
        String building = Normalise.building(text(d, "ship_to_line1"), text(d, "ship_to_city"),
                text(d, "ship_to_state"), text(d, "ship_to_postal_code"), text(d, "ship_to_country"));
        if (id == null || worker == null || key == null || e.origin() == null) {
            context.skipped("shipment without a worker or a ship-to street line");
            return;
        }
        shipments.put(id, new Shipment(worker, key, building, e.origin(), e.time()));
    }

    // ------------------------------------------------------------------ ties

    /**
     * Every tie between distinct, unrelated people, from the roster and the records observed so far.
     * Remembered while neither changes: finish also comes for each day's report as things stand,
     * and the records (read first) rarely change between, while finding the ties (résumés compared
     * by MinHash, photos, devices) is the costly part of a finish.
     */
    public List<Tie> ties(Roster roster) {
        if (lastTies != null && lastTiesRecords == roster.recordsTaken() && lastTiesObserved == observed) {
            lastTiesSkips.forEach(context::skipped);
            return lastTies;
        }
        skips = new ArrayList<>();
        try {
            lastTies = List.copyOf(findTies(roster));
            lastTiesSkips = skips;
            lastTiesRecords = roster.recordsTaken();
            lastTiesObserved = observed;
            return lastTies;
        } finally {
            skips = null;
        }
    }

    private List<Tie> lastTies;
    private List<String> lastTiesSkips;
    private long lastTiesRecords;
    private long lastTiesObserved;
    /** Events observed, for {@link #ties}. */
    private long observed;
    /** While {@link #ties} finds them: the reasons it skipped something, told again when it answers from memory. */
    private List<String> skips;

    private void skip(String reason) {
        if (skips != null) {
            skips.add(reason);
        }
        context.skipped(reason);
    }

    private List<Tie> findTies(Roster roster) {
        People people = new People(roster);
        List<Tie> ties = new ArrayList<>();
        Map<Kind, Map<String, Set<String>>> index = new LinkedHashMap<>();
        for (String person : people.all()) {
            Person r = people.record(person);
            if (r == null) {
                continue;
            }
            put(index, Kind.SSN, r.ssnHash(), person);
            for (String bank : r.bankAccountHashes()) {
                put(index, Kind.BANK_ACCOUNT, bank, person);
            }
            List<Person> records = new ArrayList<>(people.applications(person));
            records.add(r);
            for (Person rec : records) {
                put(index, Kind.PHONE, rec.phone(), person);
                put(index, Kind.PERSONAL_EMAIL, rec.personalEmail(), person);
                for (Person.Address a : rec.addresses()) {
                    if (a.key() != null && !companyBuildings.contains(a.building())) {
                        put(index, Kind.ADDRESS, a.key(), person);
                    }
                }
            }
        }
        for (Map.Entry<Kind, Map<String, Set<String>>> byKind : index.entrySet()) {
            Kind kind = byKind.getKey();
            for (Set<String> members : byKind.getValue().values()) {
                if (members.size() > maxGroup) {
                    // a recruiting agency's mailbox or a switchboard number, not a personal identifier
                    skip("shared " + kind.id() + " on more than max_group records: not personal");
                } else if (members.size() > 1) {
                    group(people, kind, members, ties);
                }
            }
        }
        devices(people, ties);
        resumes(people, ties);
        photos(people, ties);
        deliveries(people, ties);
        return ties;
    }

    private static void put(Map<Kind, Map<String, Set<String>>> index, Kind kind, String value, String person) {
        if (value != null) {
            index.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(value, k -> new LinkedHashSet<>(2))
                    .add(person);
        }
    }

    private void group(People people, Kind kind, Set<String> members, List<Tie> ties) {
        Set<String> types = switch (kind) {
            case SSN -> Set.of("hr.hire");
            case BANK_ACCOUNT -> Set.of("payroll.account");
            case ADDRESS -> ADDRESS_RECORDS;
            default -> IDENTITY_RECORDS;
        };
        for (String person : members) {
            List<String> others = new ArrayList<>();
            for (String other : members) {
                if (!other.equals(person) && !legitimate(people, kind, person, other)) {
                    others.add(other);
                }
            }
            if (others.isEmpty()) {
                continue;
            }
            List<RecordBook.Seen> seen = new ArrayList<>(book.of(people, person, types));
            for (String o : others) {
                seen.addAll(book.of(people, o, types));
            }
            if (kind != Kind.SSN && allSameSurname(people, person, others)) {
                // relatives living apart share a family mailbox, phone or account; weak, and no cluster
                add(ties, people, kind, person, others, RELATIVES_STRENGTH, false, seen, "relatives");
            } else {
                add(ties, people, kind, person, others, strength(kind, others), true, seen, null);
            }
        }
    }

    /** Strength of a tie between people with one surname who do not live together. */
    static final double RELATIVES_STRENGTH = 0.2;

    private static boolean allSameSurname(People people, String person, List<String> others) {
        String surname = people.surname(person);
        if (surname.isEmpty()) {
            return false;
        }
        for (String o : others) {
            if (!surname.equals(people.surname(o))) {
                return false;
            }
        }
        return true;
    }

    /** Sharing with two or more unrelated others is worse than with one. */
    private static double strength(Kind kind, List<String> others) {
        return Math.min(0.9, kind.strength() + (others.size() >= 2 ? 0.1 : 0.0));
    }

    private void add(List<Tie> ties, People people, Kind kind, String person, List<String> others, double strength,
            boolean strong, List<RecordBook.Seen> seen, String note) {
        if (seen.isEmpty()) {
            skip("shared " + kind.id() + " without a record to cite");
            return;
        }
        Instant time = RecordBook.latest(seen);
        if (time == null) {
            Person p = people.record(person);
            time = p != null && p.appliedAt() != null ? p.appliedAt() : seen.get(0).time();
        }
        ties.add(new Tie(kind, person, List.copyOf(others), strength, strong && kind != Kind.ADDRESS,
                RecordBook.refs(seen), time, note));
    }

    /** Whether two people may share an identifier of {@code kind} without it meaning anything. */
    public boolean legitimate(People people, Kind kind, String a, String b) {
        if (kind != Kind.SSN && related.contains(pairKey(people.id(a), people.id(b)))) {
            return true;
        }
        String nameA = people.fullName(a);
        if ((!people.isWorker(a) || !people.isWorker(b)) && !nameA.isBlank() && nameA.equals(people.fullName(b))) {
            return true; // the same person applying again
        }
        if (people.isWorker(a) && people.isWorker(b) && !nameA.isBlank() && nameA.equals(people.fullName(b))
                && rehired(people.record(a), people.record(b))) {
            return true; // the same person employed twice, under two ids (an HRIS that numbers a rehire anew)
        }
        return households && householdKinds.contains(kind) && sameHousehold(people, a, b);
    }

    /**
     * Two worker records of one person: the same date of birth, and one stint ended before the other
     * began. Two people at once under one name and number — a stolen identity hired twice — are not.
     */
    static boolean rehired(Person x, Person y) {
        if (x == null || y == null || x.dateOfBirth() == null || !x.dateOfBirth().equals(y.dateOfBirth())) {
            return false;
        }
        return endedBefore(x, y) || endedBefore(y, x);
    }

    private static boolean endedBefore(Person first, Person later) {
        return first.terminationDate() != null && later.hireDate() != null
                && !first.terminationDate().isAfter(later.hireDate());
    }

    private static boolean sameHousehold(People people, String a, String b) {
        String surname = people.surname(a);
        return !surname.isEmpty() && surname.equals(people.surname(b))
                && !Collections.disjoint(people.homes(a), people.homes(b));
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    /** One laptop assigned to two workers at once; a laptop returned and handed on is not shared. */
    private void devices(People people, List<Tie> ties) {
        for (Map.Entry<String, List<Assignment>> e : bySerial.entries()) {
            List<Assignment> list = new ArrayList<>(e.getValue());
            if (list.size() < 2) {
                continue;
            }
            list.sort(java.util.Comparator.comparing(a -> a.assignedAt() == null ? LocalDate.MIN : a.assignedAt()));
            Map<String, List<String>> othersOf = new LinkedHashMap<>();
            Map<String, List<RecordBook.Seen>> seenOf = new LinkedHashMap<>();
            for (int i = 0; i < list.size(); i++) {
                for (int j = i + 1; j < list.size(); j++) {
                    Assignment first = list.get(i);
                    Assignment later = list.get(j);
                    String a = People.workerKey(first.worker());
                    String b = People.workerKey(later.worker());
                    if (a.equals(b) || handedOn(people, first, later) || legitimate(people, Kind.DEVICE, a, b)) {
                        continue;
                    }
                    othersOf.computeIfAbsent(a, k -> new ArrayList<>()).add(b);
                    othersOf.computeIfAbsent(b, k -> new ArrayList<>()).add(a);
                    for (Assignment x : List.of(first, later)) {
                        for (String k : List.of(a, b)) {
                            seenOf.computeIfAbsent(k, q -> new ArrayList<>())
                                    .add(new RecordBook.Seen("asset.assigned", x.ref(), x.time()));
                        }
                    }
                }
            }
            for (Map.Entry<String, List<String>> o : othersOf.entrySet()) {
                add(ties, people, Kind.DEVICE, o.getKey(), o.getValue(), strength(Kind.DEVICE, o.getValue()), true,
                        seenOf.get(o.getKey()), null);
            }
        }
    }

    private static boolean handedOn(People people, Assignment first, Assignment later) {
        if (first.returned()) {
            return true;
        }
        Person w = people.roster().worker(first.worker());
        return w != null && w.terminationDate() != null && later.assignedAt() != null
                && !later.assignedAt().isBefore(w.terminationDate());
    }

    /**
     * Résumés that are near-copies of each other. The later application is the likely copy: it gets
     * the full strength; the earlier gets it too when both applied within the campaign window (one
     * operator sending clones), and only a weak note otherwise (its author may simply have been copied).
     */
    private void resumes(People people, List<Tie> ties) {
        List<String> ids = new ArrayList<>();
        List<long[]> sigs = new ArrayList<>();
        for (Map.Entry<String, Resume> e : resumes.entries()) {
            ids.add(e.getKey());
            sigs.add(e.getValue().signature());
        }
        long[] crowded = {0};
        for (MinHash.Pair pair : MinHash.nearDuplicates(sigs, resumeSimilarity, 200, crowded)) {
            String idA = ids.get(pair.first());
            String idB = ids.get(pair.second());
            String a = people.ofApplication(idA);
            String b = people.ofApplication(idB);
            if (a.equals(b) || legitimate(people, Kind.RESUME, a, b)) {
                continue;
            }
            Instant appliedA = applied(people, idA);
            Instant appliedB = applied(people, idB);
            boolean aLater = appliedA != null && appliedB != null && appliedA.isAfter(appliedB);
            boolean sameCampaign = appliedA != null && appliedB != null
                    && Math.abs(ChronoUnit.DAYS.between(appliedA, appliedB)) <= campaignDays;
            List<RecordBook.Seen> seen = List.of(
                    new RecordBook.Seen("applicant.resume", resumes.peek(idA).ref(), Instant.EPOCH),
                    new RecordBook.Seen("applicant.resume", resumes.peek(idB).ref(), Instant.EPOCH));
            String percent = Math.round(pair.similarity() * 100) + "%";
            String later = aLater ? a : b;
            String earlier = aLater ? b : a;
            add(ties, people, Kind.RESUME, later, List.of(earlier), Kind.RESUME.strength(), sameCampaign,
                    withTime(seen, aLater ? appliedA : appliedB), percent + " the same as an earlier application's");
            add(ties, people, Kind.RESUME, earlier, List.of(later), sameCampaign ? Kind.RESUME.strength() : 0.1,
                    sameCampaign, withTime(seen, aLater ? appliedB : appliedA),
                    percent + " the same as a " + (sameCampaign ? "" : "much ") + "later application's");
        }
        if (crowded[0] > 0) {
            skip("résumé similarity buckets too crowded to compare (shared boilerplate)");
        }
    }

    /**
     * One picture (rescaled, recompressed, brightened) on the applications of distinct people. A
     * picture on more than {@code max_group} applications is a placeholder or stock image, not a face.
     */
    private void photos(People people, List<Tie> ties) {
        List<String> ids = new ArrayList<>();
        List<Long> hashes = new ArrayList<>();
        for (Map.Entry<String, Photo> e : photos.entries()) {
            ids.add(e.getKey());
            hashes.add(e.getValue().hash());
        }
        long[] crowded = {0};
        // with the default 7 bands of 9 bits, uniform hashes fill a bucket with 1,000 at about 500,000
        // photos; a comparison is one popcount, so a full bucket costs half a million of them
        List<HammingPairs.Pair> pairs = HammingPairs.within(hashes, photoDistance, PHOTO_BUCKET, crowded);
        if (crowded[0] > 0) {
            skip("photo hash buckets too crowded to compare (placeholder pictures)");
        }
        Map<Integer, Integer> matchesOf = new HashMap<>();
        for (HammingPairs.Pair p : pairs) {
            matchesOf.merge(p.first(), 1, Integer::sum);
            matchesOf.merge(p.second(), 1, Integer::sum);
        }
        Map<String, List<String>> othersOf = new LinkedHashMap<>();
        Map<String, Integer> nearest = new HashMap<>();
        Map<String, List<RecordBook.Seen>> seenOf = new LinkedHashMap<>();
        for (HammingPairs.Pair p : pairs) {
            if (matchesOf.get(p.first()) >= maxGroup || matchesOf.get(p.second()) >= maxGroup) {
                skip("photo on more than max_group applications: a placeholder, not a face");
                continue;
            }
            String idA = ids.get(p.first());
            String idB = ids.get(p.second());
            String a = people.ofApplication(idA);
            String b = people.ofApplication(idB);
            if (a.equals(b) || legitimate(people, Kind.PHOTO, a, b)) {
                continue;
            }
            for (String[] pair : new String[][] {{a, b}, {b, a}}) {
                List<String> others = othersOf.computeIfAbsent(pair[0], k -> new ArrayList<>());
                if (!others.contains(pair[1])) {
                    others.add(pair[1]);
                }
                nearest.merge(pair[0], p.distance(), Math::min);
                List<RecordBook.Seen> seen = seenOf.computeIfAbsent(pair[0], k -> new ArrayList<>());
                for (String id : List.of(idA, idB)) {
                    Instant applied = applied(people, id);
                    seen.add(new RecordBook.Seen("applicant.photo", photos.peek(id).ref(),
                            applied == null ? Instant.EPOCH : applied));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : othersOf.entrySet()) {
            int distance = nearest.get(e.getKey());
            boolean copy = distance <= photoStrongDistance;
            String note = (distance == 0 ? "the same picture" : "the same picture (" + distance + " of 64 hash bits "
                    + "differ)") + (copy ? "" : ", or a very similar one");
            add(ties, people, Kind.PHOTO, e.getKey(), e.getValue(), copy ? strength(Kind.PHOTO, e.getValue())
                    : WEAK_PHOTO_STRENGTH, copy, seenOf.get(e.getKey()), note);
        }
    }

    /** Photos per hash bucket beyond which the bucket is not expanded (counted as crowded). */
    private static final int PHOTO_BUCKET = 1000;

    /** A match between the strong and the loose distance: similar headshots of two people can come this close. */
    static final double WEAK_PHOTO_STRENGTH = 0.3;

    private static List<RecordBook.Seen> withTime(List<RecordBook.Seen> seen, Instant time) {
        if (time == null) {
            return seen;
        }
        List<RecordBook.Seen> out = new ArrayList<>();
        out.add(new RecordBook.Seen(seen.get(0).type(), seen.get(0).ref(), time));
        out.addAll(seen.subList(1, seen.size()));
        return out;
    }

    private static Instant applied(People people, String applicantId) {
        Person a = people.roster().applicant(applicantId);
        return a == null ? null : a.appliedAt();
    }

    /**
     * One building receiving laptops for several people, or a laptop delivered to where another
     * person lives. Not a tie: a household (same surname, their home); neighbours each receiving
     * at their own flat; the company's own addresses.
     */
    private void deliveries(People people, List<Tie> ties) {
        Map<String, Map<String, List<Shipment>>> byBuilding = new LinkedHashMap<>();
        for (Map.Entry<String, Shipment> e : shipments.entries()) {
            Shipment s = e.getValue();
            if (s.building() == null || companyBuildings.contains(s.building())) {
                continue;
            }
            byBuilding.computeIfAbsent(s.building(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(People.workerKey(s.worker()), k -> new ArrayList<>()).add(s);
        }
        Map<String, Set<String>> residents = new HashMap<>();
        for (String person : people.all()) {
            for (String b : people.homeBuildings(person)) {
                if (byBuilding.containsKey(b)) {
                    residents.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(person);
                }
            }
        }
        for (Map.Entry<String, Map<String, List<Shipment>>> e : byBuilding.entrySet()) {
            Map<String, List<Shipment>> recipients = e.getValue();
            Set<String> parties = new LinkedHashSet<>(recipients.keySet());
            parties.addAll(residents.getOrDefault(e.getKey(), Set.of()));
            if (parties.size() < 2) {
                continue;
            }
            for (String person : parties) {
                List<String> others = new ArrayList<>();
                for (String other : parties) {
                    if (!other.equals(person) && deliveryTie(people, person, other, recipients)) {
                        others.add(other);
                    }
                }
                if (others.isEmpty()) {
                    continue;
                }
                List<RecordBook.Seen> seen = new ArrayList<>();
                for (String p : concat(person, others)) {
                    for (Shipment s : recipients.getOrDefault(p, List.of())) {
                        seen.add(new RecordBook.Seen("asset.shipment", s.ref(), s.time()));
                    }
                    if (!recipients.containsKey(p)) {
                        seen.addAll(book.of(people, p, ADDRESS_RECORDS));
                    }
                }
                add(ties, people, Kind.SHIP_TO, person, others, strength(Kind.SHIP_TO, others), true, seen, null);
            }
        }
    }

    private boolean deliveryTie(People people, String a, String b, Map<String, List<Shipment>> recipients) {
        List<Shipment> toA = recipients.getOrDefault(a, List.of());
        List<Shipment> toB = recipients.getOrDefault(b, List.of());
        if (toA.isEmpty() && toB.isEmpty()) {
            return false; // two residents of one building: the address detector's business
        }
        if (legitimate(people, Kind.SHIP_TO, a, b)) {
            return false;
        }
        if (households && householdKinds.contains(Kind.SHIP_TO) && !people.surname(a).isEmpty()
                && people.surname(a).equals(people.surname(b))) {
            Set<String> homes = new HashSet<>(people.homes(a));
            homes.addAll(people.homes(b));
            if (allTo(toA, homes) && allTo(toB, homes)) {
                return false; // a relative's home
            }
        }
        // neighbours or flatmates who each receive only at their own home: at most a shared address
        return !(allTo(toA, people.homes(a)) && allTo(toB, people.homes(b)));
    }

    private static boolean allTo(List<Shipment> shipments, Set<String> keys) {
        for (Shipment s : shipments) {
            if (!keys.contains(s.key())) {
                return false;
            }
        }
        return true;
    }

    private static List<String> concat(String first, Collection<String> rest) {
        List<String> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static String text(Map<String, Object> d, String key) {
        Object v = d.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }

    static LocalDate date(String s) {
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
