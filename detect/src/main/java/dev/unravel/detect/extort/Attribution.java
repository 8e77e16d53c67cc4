package dev.unravel.detect.extort;

import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import dev.unravel.triage.Sender;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks the workers who may be behind an extortion email: those tied to the sender and those who
 * took at least a third of the leaked repositories, terminated workers (on or before the email)
 * first, then by score.
 * The extortionist of this scheme writes after being let go; a still-employed worker tied only by a
 * common display name stays at the bottom.
 */
public final class Attribution {
    /** Weight of having taken every leaked repository, as independent evidence. */
    static final double ACCESS_WEIGHT = 0.25;
    /** At most this many suspects are listed. */
    public static final int MAX_SUSPECTS = 20;

    private Attribution() {
    }

    public static List<Suspect> rank(Sender sender, List<String> leakedRepos, List<SenderTie> ties, AccessIndex access,
            Roster roster) {
        Map<String, List<SenderTie>> byWorker = new LinkedHashMap<>();
        for (SenderTie t : ties) {
            byWorker.computeIfAbsent(t.workerId(), k -> new ArrayList<>()).add(t);
        }
        Map<String, List<Suspect.RepoAccess>> took = new LinkedHashMap<>();
        if (access != null) {
            for (String repo : leakedRepos) {
                for (AccessIndex.Use u : access.accessors(repo)) {
                    if (u.isWorker()) {
                        took.computeIfAbsent(u.who(), k -> new ArrayList<>()).add(new Suspect.RepoAccess(repo,
                                u.events(), u.first(), u.last(), u.evidence()));
                    }
                }
            }
        }
        java.util.Set<String> candidates = new java.util.LinkedHashSet<>(byWorker.keySet());
        // Someone who cloned one of nine leaked repositories last month is a colleague, not a lead:
        // without a tie to the sender, a suspect must have taken a third of what leaked.
        int enough = Math.max(1, (int) Math.ceil(leakedRepos.size() / 3.0));
        took.forEach((id, repos) -> {
            if (repos.size() >= enough) {
                candidates.add(id);
            }
        });
        LocalDate sent = sender.time() == null ? null : LocalDate.ofInstant(sender.time(), ZoneOffset.UTC);
        List<Suspect> out = new ArrayList<>();
        for (String id : candidates) {
            Person p = roster.worker(id);
            List<SenderTie> mine = new ArrayList<>(byWorker.getOrDefault(id, List.of()));
            mine.sort(Comparator.comparingDouble(SenderTie::strength).reversed());
            List<Suspect.RepoAccess> repos = took.getOrDefault(id, List.of());
            double score = score(mine, repos.size(), leakedRepos.size());
            LocalDate terminated = p == null ? null : p.terminationDate();
            out.add(new Suspect(id, p == null ? null : p.name(), terminated, p == null ? null : p.terminationReason(),
                    score, List.copyOf(mine), List.copyOf(repos)));
        }
        out.sort(Comparator.comparing((Suspect s) -> !left(s, sent)).thenComparing(Comparator.comparingDouble(
                Suspect::score).reversed()).thenComparing(Suspect::workerId));
        return out.size() > MAX_SUSPECTS ? List.copyOf(out.subList(0, MAX_SUSPECTS)) : List.copyOf(out);
    }

    /** Sender ties combine as independent evidence, one per kind (its strongest); access raises the result. */
    static double score(List<SenderTie> ties, int reposTaken, int reposLeaked) {
        Map<SenderTie.Kind, Double> best = new EnumMap<>(SenderTie.Kind.class);
        for (SenderTie t : ties) {
            best.merge(t.kind(), t.strength(), Math::max);
        }
        double miss = 1;
        for (double s : best.values()) {
            miss *= 1 - s;
        }
        if (reposLeaked > 0 && reposTaken > 0) {
            miss *= 1 - ACCESS_WEIGHT * Math.min(1, reposTaken / (double) reposLeaked);
        }
        return 1 - miss;
    }

    private static boolean left(Suspect s, LocalDate sent) {
        return s.terminated() != null && (sent == null || !s.terminated().isAfter(sent));
    }
}
