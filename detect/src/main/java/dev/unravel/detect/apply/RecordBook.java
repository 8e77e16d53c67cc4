package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Where each person's records are, so that a signal decided in {@code finish} can cite the rows
 * that show it. Filed under the id the record itself names ({@code W:<employee id>} for HR, payroll
 * and asset rows, {@code A:<applicant id>} for applicant rows); {@link People#recordKeys} joins them.
 */
public final class RecordBook {

    /** One record: its type, where it was read, and its time. */
    public record Seen(String type, EventRef ref, Instant time) {
    }

    /** Records kept per person: a person has a handful; more are not needed as evidence. */
    private static final int PER_PERSON = 16;

    private final PerEntity<String, List<Seen>> byKey;

    public RecordBook(DetectorContext context, int maxPeople) {
        this.byKey = context.state(maxPeople);
    }

    /** Files a record under the person it names; events without an origin cannot be cited and are not kept. */
    public void add(Event e) {
        String key = keyOf(e);
        if (key == null || e.origin() == null) {
            return;
        }
        List<Seen> list = byKey.get(key, k -> new ArrayList<>(4));
        if (list.size() < PER_PERSON) {
            list.add(new Seen(e.type(), e.origin(), e.time()));
        }
    }

    /** The person key a record names, or null. */
    public static String keyOf(Event e) {
        String type = e.type();
        if (type.equals("hr.referral")) {
            Object a = e.document().get("applicant_id");
            return a == null || a.toString().isBlank() ? null : People.applicantKey(a.toString().strip());
        }
        String user = e.user();
        if (user == null || user.isBlank()) {
            return null;
        }
        return type.startsWith("applicant.") ? People.applicantKey(user.strip()) : People.workerKey(user.strip());
    }

    /** The records of a person (all its record keys) of the given types. */
    public List<Seen> of(People people, String person, Set<String> types) {
        List<Seen> out = new ArrayList<>();
        for (String key : people.recordKeys(person)) {
            List<Seen> list = byKey.peek(key);
            if (list != null) {
                for (Seen s : list) {
                    if (types.contains(s.type())) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    public static List<EventRef> refs(Collection<Seen> seen) {
        List<EventRef> refs = new ArrayList<>(seen.size());
        for (Seen s : seen) {
            refs.add(s.ref());
        }
        return refs;
    }

    /** The latest time among records, ignoring undated reference records; null when none is dated. */
    public static Instant latest(Collection<Seen> seen) {
        Instant t = null;
        for (Seen s : seen) {
            if (s.time().isAfter(Instant.EPOCH) && (t == null || s.time().isAfter(t))) {
                t = s.time();
            }
        }
        return t;
    }
}
