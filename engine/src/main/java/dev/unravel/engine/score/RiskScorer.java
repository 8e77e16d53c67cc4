package dev.unravel.engine.score;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one person's signals into a risk score in [0, 1], a level, and the decomposition that
 * explains it. The rules, each with its key in {@code scoring.yaml}:
 * <ol>
 * <li>signals group by detector and stage; a group counts its strongest signal plus a small,
 *     capped bonus for repeats ({@code repeats}), times the detector's and stage's weights, and
 *     never more than {@code signal_cap};</li>
 * <li>weak signals fade with age before the end of the period ({@code decay});</li>
 * <li>groups combine as independent evidence: {@code 1 - Π(1 - c)};</li>
 * <li>each further stage with evidence adds {@code breadth_bonus}; evidence from a single stage or
 *     a single family of detectors is capped at {@code single_stage_cap}, below "high";</li>
 * <li>cluster context adds at most {@code cluster.cap} and never lifts past that cap alone.</li>
 * </ol>
 * The properties the tests hold it to: more independent stages score higher; one weak signal never
 * reaches "high"; repeats of one detector are capped.
 */
public final class RiskScorer {

    /** One detector's part in a score. */
    public record Contribution(String detector, Stage stage, int signals, double strongest, double contribution) {
    }

    /** A score and why. */
    public record Risk(double score, String level, double ownScore, double clusterAdd, List<Stage> stages,
            List<String> families, List<Contribution> contributions) {
    }

    private final ScoringConfig config;

    public RiskScorer(ScoringConfig config) {
        this.config = config;
    }

    public ScoringConfig config() {
        return config;
    }

    /** The score of {@code signals} as of {@code asOf}, without cluster context. */
    public Risk score(List<Signal> signals, Instant asOf) {
        return withCluster(signals, asOf, 0.0);
    }

    /**
     * The score with cluster context: {@code peerScore} is the highest own score among the others in
     * this person's cluster (0 when none).
     */
    public Risk withCluster(List<Signal> signals, Instant asOf, double peerScore) {
        Map<String, List<Double>> groups = new LinkedHashMap<>();
        Map<String, Signal> firstOf = new LinkedHashMap<>();
        for (Signal s : signals) {
            // a signal dated after asOf (on a record dated ahead: a hire next month) counts, unfaded
            String key = s.detector() + "\u0000" + s.stage().name();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(decayed(s, asOf));
            firstOf.putIfAbsent(key, s);
        }
        List<Contribution> parts = new ArrayList<>();
        double keep = 1.0;
        Set<Stage> stages = EnumSet.noneOf(Stage.class);
        Set<String> families = new HashSet<>();
        for (var g : groups.entrySet()) {
            Signal first = firstOf.get(g.getKey());
            List<Double> strengths = g.getValue();
            strengths.sort(Comparator.reverseOrder());
            double bonus = 0;
            for (int i = 1; i < strengths.size(); i++) {
                bonus += config.repeatFactor() * strengths.get(i);
            }
            bonus = Math.min(bonus, config.repeatMaxBonus());
            double c = Math.min(config.signalCap(), config.weightOf(first.detector(), first.stage())
                    * (strengths.get(0) + bonus));
            parts.add(new Contribution(first.detector(), first.stage(), strengths.size(), strengths.get(0), c));
            keep *= 1.0 - c;
            if (c >= config.stageEvidence()) {
                stages.add(first.stage());
                families.add(family(first.detector()));
            }
        }
        double own = 1.0 - keep;
        if (stages.size() > 1) {
            own = 1.0 - (1.0 - own) * Math.pow(1.0 - config.breadthBonus(), stages.size() - 1);
        }
        boolean narrow = stages.size() <= 1 || families.size() <= 1;
        if (narrow) {
            own = Math.min(own, config.singleStageCap());
        }
        double clusterAdd = Math.min(config.clusterCap(), config.clusterWeight() * peerScore);
        double score = 1.0 - (1.0 - own) * (1.0 - clusterAdd);
        if (narrow) {
            score = Math.min(score, Math.max(own, config.singleStageCap()));
        }
        score = Math.min(1.0, Math.max(0.0, score));
        parts.sort(Comparator.comparingDouble(Contribution::contribution).reversed()
                .thenComparing(Contribution::detector));
        List<String> fam = new ArrayList<>(families);
        fam.sort(null);
        return new Risk(round(score), config.level(score), round(own), round(score - own), List.copyOf(stages),
                fam, parts);
    }

    /**
     * When the worker's score first reached "high": signals replayed in time order, each prefix
     * scored as of its last signal's time (cluster context left out: it is only known at the end).
     */
    public Instant firstFlagged(List<Signal> signals) {
        List<Signal> sorted = new ArrayList<>(signals);
        sorted.sort(Comparator.comparing(Signal::time));
        for (int i = 0; i < sorted.size(); i++) {
            Instant t = sorted.get(i).time();
            if (i + 1 < sorted.size() && sorted.get(i + 1).time().equals(t)) {
                continue;
            }
            if (score(sorted.subList(0, i + 1), t).score() >= config.high()) {
                return t;
            }
        }
        return null;
    }

    /** Detectors fall into families by the first part of their id: each family reads one kind of data. */
    public static String family(String detector) {
        int i = 0;
        while (i < detector.length() && detector.charAt(i) != '.' && detector.charAt(i) != ':') {
            i++;
        }
        return detector.substring(0, i);
    }

    private double decayed(Signal s, Instant asOf) {
        double strength = s.strength();
        if (strength >= config.weakBelow()) {
            return strength;
        }
        double days = Math.max(0, Duration.between(s.time(), asOf).toSeconds() / 86_400.0);
        return strength * Math.pow(0.5, days / config.halfLifeDays());
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
