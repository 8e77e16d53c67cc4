package dev.unravel.detect.apply;

import dev.unravel.core.EntityRef;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The distinct people behind the records: a worker together with the application that led to the
 * hire is one person, an application never hired is another. Keys are {@code W:<employee id>} or
 * {@code A:<applicant id>}, so that the two id spaces never collide. Built once the roster is
 * complete (in {@code finish}), because an application arrives before the hire that resolves it.
 */
public final class People {

    private final Roster roster;
    private final Map<String, String> workerOfApplicant = new HashMap<>();
    private final Map<String, List<String>> applicationsOfWorker = new HashMap<>();

    public People(Roster roster) {
        this.roster = roster;
        for (Person w : roster.workers()) {
            if (w.applicantId() != null) {
                link(w.applicantId(), w.id());
            }
        }
        for (Person a : roster.applicants()) {
            if (a.employeeId() != null && roster.worker(a.employeeId()) != null) {
                link(a.id(), a.employeeId());
            }
        }
    }

    private void link(String applicantId, String workerId) {
        if (workerOfApplicant.putIfAbsent(applicantId, workerId) == null) {
            applicationsOfWorker.computeIfAbsent(workerId, k -> new ArrayList<>()).add(applicantId);
        }
    }

    public Roster roster() {
        return roster;
    }

    public static String workerKey(String employeeId) {
        return "W:" + employeeId;
    }

    public static String applicantKey(String applicantId) {
        return "A:" + applicantId;
    }

    /** The person an application belongs to: the worker it became, or the applicant. */
    public String ofApplication(String applicantId) {
        String w = workerOfApplicant.get(applicantId);
        return w != null ? workerKey(w) : applicantKey(applicantId);
    }

    /** Every person: all workers, then every application that did not become one. */
    public List<String> all() {
        List<String> keys = new ArrayList<>();
        for (Person w : roster.workers()) {
            keys.add(workerKey(w.id()));
        }
        for (Person a : roster.applicants()) {
            if (!workerOfApplicant.containsKey(a.id())) {
                keys.add(applicantKey(a.id()));
            }
        }
        return keys;
    }

    public boolean isWorker(String key) {
        return key.startsWith("W:");
    }

    public String id(String key) {
        return key.substring(2);
    }

    /** The HR record for a worker, the application for an applicant; null when unknown. */
    public Person record(String key) {
        return isWorker(key) ? roster.worker(id(key)) : roster.applicant(id(key));
    }

    /** The applications of this person (the worker's own, or the applicant). */
    public List<Person> applications(String key) {
        if (!isWorker(key)) {
            Person a = roster.applicant(id(key));
            return a == null ? List.of() : List.of(a);
        }
        List<Person> out = new ArrayList<>();
        for (String id : applicationsOfWorker.getOrDefault(id(key), List.of())) {
            Person a = roster.applicant(id);
            if (a != null) {
                out.add(a);
            }
        }
        return out;
    }

    /** The record keys (as {@link RecordBook} files them) that belong to this person. */
    public List<String> recordKeys(String key) {
        List<String> keys = new ArrayList<>();
        keys.add(key);
        if (isWorker(key)) {
            for (String a : applicationsOfWorker.getOrDefault(id(key), List.of())) {
                keys.add(applicantKey(a));
            }
        }
        return keys;
    }

    public EntityRef subject(String key) {
        return isWorker(key) ? EntityRef.worker(id(key)) : new EntityRef(EntityRef.Kind.APPLICANT, id(key));
    }

    /** "Mark Thomas (worker E100308)": a name and an id, never a personal identifier. */
    public String describe(String key) {
        Person p = record(key);
        String name = p == null || p.name().isEmpty() ? "someone" : p.name();
        return name + " (" + (isWorker(key) ? "worker " : "applicant ") + id(key) + ")";
    }

    /** Up to five people by name and id, then how many more. */
    public String describeAll(List<String> keys) {
        StringBuilder b = new StringBuilder();
        int shown = Math.min(5, keys.size());
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                b.append(i == shown - 1 && keys.size() <= 5 ? " and " : ", ");
            }
            b.append(describe(keys.get(i)));
        }
        if (keys.size() > 5) {
            b.append(" and ").append(keys.size() - 5).append(" more");
        }
        return b.toString();
    }

    public String name(String key) {
        Person p = record(key);
        return p == null || p.name().isEmpty() ? id(key) : p.name();
    }

    /** Upper-case surname letters for household comparison; empty when unknown. */
    public String surname(String key) {
        Person p = record(key);
        return letters(p == null ? null : p.lastName());
    }

    public String fullName(String key) {
        Person p = record(key);
        return p == null ? "" : letters(p.firstName()) + " " + letters(p.lastName());
    }

    /** Every home address key HR or the application ever gave for this person. */
    public Set<String> homes(String key) {
        Set<String> homes = new LinkedHashSet<>();
        Person p = record(key);
        if (p != null) {
            for (Person.Address a : p.addresses()) {
                if (a.key() != null) {
                    homes.add(a.key());
                }
            }
        }
        for (Person a : applications(key)) {
            for (Person.Address ad : a.addresses()) {
                if (ad.key() != null) {
                    homes.add(ad.key());
                }
            }
        }
        return homes;
    }

    /** Building keys of every home address of this person. */
    public Set<String> homeBuildings(String key) {
        Set<String> homes = new LinkedHashSet<>();
        Person p = record(key);
        List<Person> records = new ArrayList<>(applications(key));
        if (p != null) {
            records.add(p);
        }
        for (Person r : records) {
            for (Person.Address a : r.addresses()) {
                if (a.building() != null) {
                    homes.add(a.building());
                }
            }
        }
        return homes;
    }

    /**
     * The US states (two-letter codes) of every home this person declared, HR's and the
     * application's, past and present: a mover's old state is still theirs.
     */
    public Set<String> homeStates(String key) {
        Set<String> states = new LinkedHashSet<>();
        List<Person> records = new ArrayList<>(applications(key));
        Person p = record(key);
        if (p != null) {
            records.add(p);
        }
        for (Person r : records) {
            add(states, r.state());
            for (Person.Address a : r.addresses()) {
                add(states, a.state());
            }
        }
        return states;
    }

    private static void add(Set<String> states, String state) {
        String code = dev.unravel.detect.roster.UsStates.code(state);
        if (code != null) {
            states.add(code);
        }
    }

    /** The declared country: HR's for a worker, the application's otherwise; null when none. */
    public String country(String key) {
        Person p = record(key);
        if (p != null && p.country() != null) {
            return p.country();
        }
        for (Person a : applications(key)) {
            if (a.country() != null) {
                return a.country();
            }
        }
        return null;
    }

    static String letters(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
