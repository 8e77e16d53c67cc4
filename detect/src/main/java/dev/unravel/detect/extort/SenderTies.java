package dev.unravel.detect.extort;

import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import dev.unravel.triage.Sender;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ties an email's sender to the workers HR knows: by personal address (exact or look-alike), by
 * display name, and by the sending address against the addresses each worker signed in from. A
 * sending address shared by several workers (an office, a VPN exit) weighs less for each.
 */
public final class SenderTies {
    static final double PERSONAL_EMAIL = 0.90;
    static final double LOOKALIKE_EMAIL = 0.55;
    static final double SENDER_IP = 0.70;
    static final double DISPLAY_NAME = 0.35;

    private final Roster roster;
    private final Map<String, List<Person>> bySkeleton = new HashMap<>();
    private final Map<String, List<Person>> byName = new HashMap<>();

    public SenderTies(Roster roster) {
        this.roster = roster;
        for (Person p : roster.workers()) {
            if (p.personalEmail() != null) {
                bySkeleton.computeIfAbsent(skeleton(local(p.personalEmail())), k -> new ArrayList<>()).add(p);
            }
            String name = nameKey(p.name());
            if (!name.isEmpty()) {
                byName.computeIfAbsent(name, k -> new ArrayList<>()).add(p);
            }
        }
    }

    /** Every tie between the sender and a worker; several per worker when several things tie them. */
    public List<SenderTie> of(Sender sender, AccessIndex access) {
        List<SenderTie> ties = new ArrayList<>();
        java.util.Set<String> exact = new java.util.HashSet<>();
        for (String address : sender.addresses()) {
            String canonical = Normalise.email(address);
            if (canonical == null) {
                continue;
            }
            for (Person p : roster.workersWithPersonalEmail(canonical)) {
                if (exact.add(p.id())) {
                    ties.add(new SenderTie(p.id(), SenderTie.Kind.PERSONAL_EMAIL, PERSONAL_EMAIL,
                            "sent from the personal address HR holds for them (" + address + ")", List.of()));
                }
            }
        }
        for (String address : sender.addresses()) {
            String canonical = Normalise.email(address);
            if (canonical == null) {
                continue;
            }
            for (Person p : bySkeleton.getOrDefault(skeleton(local(canonical)), List.of())) {
                if (!exact.contains(p.id()) && lookalike(canonical, p.personalEmail())) {
                    exact.add(p.id());
                    ties.add(new SenderTie(p.id(), SenderTie.Kind.LOOKALIKE_EMAIL, LOOKALIKE_EMAIL,
                            "sent from " + address + ", a look-alike of the personal address HR holds ("
                                    + p.personalEmail() + ")", List.of()));
                }
            }
        }
        if (sender.fromName() != null) {
            List<Person> named = byName.getOrDefault(nameKey(sender.fromName()), List.of());
            // A common name shared by several workers says little about any one of them.
            for (Person p : named) {
                ties.add(new SenderTie(p.id(), SenderTie.Kind.DISPLAY_NAME, DISPLAY_NAME / named.size(),
                        "the sender's display name \"" + sender.fromName() + "\" is their name"
                                + (named.size() > 1 ? " (as it is of " + (named.size() - 1) + " other worker"
                                        + (named.size() > 2 ? "s" : "") + ")" : ""), List.of()));
            }
        }
        if (access != null) {
            for (String ip : sender.ips()) {
                List<AccessIndex.Use> behind = access.workersBehind(ip);
                for (AccessIndex.Use u : behind) {
                    ties.add(new SenderTie(u.who(), SenderTie.Kind.SENDER_IP, SENDER_IP / behind.size(),
                            "sent from " + ip + ", an address they worked from (" + u.events() + " events, "
                                    + u.first() + " to " + u.last() + ")"
                                    + (behind.size() > 1 ? "; " + (behind.size() - 1) + " other worker"
                                            + (behind.size() > 2 ? "s" : "") + " used it too" : ""), u.evidence()));
                }
            }
        }
        return ties;
    }

    /**
     * Two personal addresses of one person: the same local part once dots, digits, separators and
     * doubled letters are ignored, on the same domain or both on free mail, and not identical.
     */
    static boolean lookalike(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        String da = a.substring(a.indexOf('@') + 1);
        String db = b.substring(b.indexOf('@') + 1);
        boolean domains = da.equals(db) || Normalise.freeMail(da) && Normalise.freeMail(db);
        String sa = skeleton(local(a));
        return domains && sa.length() >= 4 && sa.equals(skeleton(local(b)));
    }

    private static String local(String email) {
        int at = email.indexOf('@');
        return at < 0 ? email : email.substring(0, at);
    }

    /** The letters of a mailbox name, lower-cased, doubled letters collapsed. */
    static String skeleton(String local) {
        StringBuilder s = new StringBuilder();
        for (char c : local.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetter(c) && (s.isEmpty() || s.charAt(s.length() - 1) != c)) {
                s.append(c);
            }
        }
        return s.toString();
    }

    /** A name as a key: accents removed, case folded, punctuation and extra spaces dropped. */
    static String nameKey(String name) {
        if (name == null) {
            return "";
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.toLowerCase(Locale.ROOT).replaceAll("[^a-z ]", " ").replaceAll("\\s+", " ").strip();
    }
}
