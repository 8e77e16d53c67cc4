package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A person referred by a worker who is flagged: operators refer each other in. The rule, kept
 * simple so an analyst can check it, is that the referrer
 * <ul>
 *   <li>shares a strong identifier with someone unrelated ({@link Links}: SSN, bank account,
 *       personal email, phone, laptop, a laptop delivery building, a campaign résumé), or</li>
 *   <li>has an SSN that was never issued ({@link SsnCheck}, strength 0.7 or more), or</li>
 *   <li>failed identity verification (liveness failed, selfie mismatch, or declined).</li>
 * </ul>
 * Decided in {@code finish}, from the same records those detectors read (a detector does not see
 * other detectors' signals).
 *
 * <p>Settings: {@code strength} (0.5), and those of {@link Links}.
 */
public final class FlaggedReferrerDetector implements Detector {

    public static final String ID = "apply.flagged-referrer";

    private static final Set<String> TYPES;

    static {
        Set<String> t = new HashSet<>(Links.EVENT_TYPES);
        t.add("hr.referral");
        t.add("applicant.identity_verification");
        TYPES = Set.copyOf(t);
    }

    private Links links;
    private PerEntity<String, String> ssnFlags;
    private PerEntity<String, String> verificationFlags;
    private PerEntity<String, EventRef> referrals;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "employee referrals (hr-referrals) with HR records";
    }

    @Override
    public String description() {
        return "referred by a worker who shares identifiers, has a never-issued SSN or failed identity verification";
    }

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    @Override
    public void start(DetectorContext context) {
        links = new Links(context);
        int max = context.settings().integer("max_people", 500_000);
        ssnFlags = context.state(max);
        verificationFlags = context.state(max);
        referrals = context.state(max);
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        switch (event.type()) {
            case "hr.referral" -> {
                String applicant = Links.text(event.document(), "applicant_id");
                if (applicant != null && event.origin() != null) {
                    referrals.put(applicant, event.origin());
                }
            }
            case "applicant.identity_verification" -> verification(event);
            default -> {
                links.observe(event);
                if (event.type().equals("hr.hire") && event.user() != null) {
                    String digits = SsnCheck.digits(Links.text(event.document(), "ssn"));
                    SsnCheck.Verdict v = digits == null ? null : SsnCheck.check(digits, null, 0);
                    if (v != null && v.strength() >= 0.7) {
                        ssnFlags.put(event.user(), "whose Social Security number was never issued");
                    }
                }
            }
        }
    }

    private void verification(Event event) {
        Map<String, Object> d = event.document();
        String liveness = lower(Links.text(d, "liveness_result"));
        String match = lower(Links.text(d, "document_selfie_match"));
        String outcome = lower(Links.text(d, "outcome"));
        if (event.user() != null && ("fail".equals(liveness) || "mismatch".equals(match)
                || "declined".equals(outcome))) {
            verificationFlags.put(event.user(), "who failed identity verification");
        }
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        Map<String, String> flagged = new HashMap<>();
        Map<String, List<EventRef>> flagEvidence = new HashMap<>();
        for (Links.Tie tie : links.ties(context.roster())) {
            if (tie.strong() && people.isWorker(tie.person())) {
                flagged.putIfAbsent(tie.person(), "who shares a " + tie.kind().label().replaceFirst(" \\(.*\\)$", "")
                        + " with " + people.describeAll(tie.others()));
                flagEvidence.computeIfAbsent(tie.person(), k -> new ArrayList<>()).addAll(tie.evidence());
            }
        }
        for (Map.Entry<String, String> e : ssnFlags.entries()) {
            flagged.putIfAbsent(People.workerKey(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, String> e : verificationFlags.entries()) {
            String person = people.ofApplication(e.getKey());
            if (people.isWorker(person)) {
                flagged.putIfAbsent(person, e.getValue());
            }
        }
        for (String person : people.all()) {
            String referrer = referrerOf(people, person);
            if (referrer == null) {
                continue;
            }
            String referrerKey = People.workerKey(referrer);
            String why = flagged.get(referrerKey);
            if (why == null || referrerKey.equals(person)) {
                continue;
            }
            List<EventRef> evidence = new ArrayList<>();
            java.time.Instant time = null;
            for (Person a : people.applications(person)) {
                EventRef r = referrals.peek(a.id());
                if (r != null) {
                    evidence.add(r);
                }
                time = a.appliedAt();
            }
            List<RecordBook.Seen> seen = links.book().of(people, person, Set.of("applicant.submitted", "hr.hire"));
            evidence.addAll(RecordBook.refs(seen));
            evidence.addAll(flagEvidence.getOrDefault(referrerKey, List.of()));
            if (evidence.isEmpty()) {
                context.skipped("referral without a record to cite");
                continue;
            }
            if (time == null) {
                time = RecordBook.latest(seen);
            }
            context.signal(ID, people.subject(person))
                    .stage(Stage.APPLY)
                    .strength(context.settings().number("strength", 0.5))
                    .at(time == null ? java.time.Instant.EPOCH : time)
                    .evidence(evidence)
                    .because(people.describe(person) + " was referred by " + people.describe(referrerKey) + ", " + why
                            + ".")
                    .emit();
        }
    }

    private static String referrerOf(People people, String person) {
        Person r = people.record(person);
        if (r != null && r.referrer() != null) {
            return r.referrer();
        }
        for (Person a : people.applications(person)) {
            if (a.referrer() != null) {
                return a.referrer();
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
