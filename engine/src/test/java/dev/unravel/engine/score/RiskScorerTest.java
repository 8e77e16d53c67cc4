package dev.unravel.engine.score;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.EventRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RiskScorerTest {

    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    final RiskScorer scorer = new RiskScorer(ScoringConfig.defaults());

    static Signal signal(String detector, Stage stage, double strength, Instant time) {
        return new Signal(EntityRef.worker("E1"), time, detector, stage, null, strength,
                List.of(new EventRef("f.json", 1)), "test signal from " + detector);
    }

    @Test
    void moreIndependentStagesScoreHigher() {
        List<Signal> one = List.of(signal("apply.voip-phone", Stage.APPLY, 0.4, T0));
        List<Signal> two = List.of(one.get(0), signal("access.foreign-sign-in", Stage.ACCESS, 0.4, T0));
        List<Signal> three = new ArrayList<>(two);
        three.add(signal("control.remote-access-tool", Stage.CONTROL, 0.4, T0));
        double s1 = scorer.score(one, T0).score();
        double s2 = scorer.score(two, T0).score();
        double s3 = scorer.score(three, T0).score();
        assertThat(s2).isGreaterThan(s1);
        assertThat(s3).isGreaterThan(s2);
        assertThat(scorer.score(three, T0).stages()).containsExactlyInAnyOrder(Stage.APPLY, Stage.ACCESS, Stage.CONTROL);
        assertThat(scorer.score(three, T0).level()).isIn("high", "critical");
    }

    @Property
    void oneSignalNeverReachesHigh(@ForAll @DoubleRange(min = 0, max = 1) double strength,
            @ForAll("stages") Stage stage) {
        var r = scorer.score(List.of(signal("any.detector", stage, strength, T0)), T0);
        assertThat(r.score()).isLessThan(ScoringConfig.defaults().high());
        assertThat(r.level()).isIn("low", "medium");
    }

    @Property
    void manySignalsOfOneStageNeverReachHigh(@ForAll @IntRange(min = 1, max = 8) int detectors,
            @ForAll @IntRange(min = 1, max = 30) int repeats, @ForAll("stages") Stage stage) {
        List<Signal> s = new ArrayList<>();
        for (int d = 0; d < detectors; d++) {
            for (int i = 0; i < repeats; i++) {
                s.add(signal("fam" + d + ".det", stage, 0.7, T0.minusSeconds(i)));
            }
        }
        assertThat(scorer.score(s, T0).level()).isIn("low", "medium");
    }

    @Property
    void repeatsOfOneDetectorAreCapped(@ForAll @IntRange(min = 1, max = 200) int repeats,
            @ForAll @DoubleRange(min = 0.05, max = 0.9) double strength) {
        List<Signal> s = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            s.add(signal("access.vpn", Stage.ACCESS, strength, T0));
        }
        var r = scorer.score(s, T0);
        ScoringConfig c = ScoringConfig.defaults();
        assertThat(r.contributions()).hasSize(1);
        assertThat(r.contributions().get(0).signals()).isEqualTo(repeats);
        assertThat(r.contributions().get(0).contribution())
                .isLessThanOrEqualTo(Math.min(c.signalCap(), strength + c.repeatMaxBonus()) + 1e-9);
    }

    @Test
    void clusterContextRaisesButNeverMakesHighAlone() {
        List<Signal> weak = List.of(signal("apply.shared-phone", Stage.APPLY, 0.5, T0));
        var alone = scorer.withCluster(weak, T0, 0.0);
        var withCluster = scorer.withCluster(weak, T0, 0.95);
        assertThat(withCluster.score()).isGreaterThanOrEqualTo(alone.score());
        assertThat(withCluster.level()).isIn("low", "medium");
        List<Signal> twoStages = List.of(weak.get(0), signal("access.vpn", Stage.ACCESS, 0.3, T0));
        assertThat(scorer.withCluster(twoStages, T0, 0.95).score())
                .isGreaterThan(scorer.withCluster(twoStages, T0, 0.0).score());
        assertThat(scorer.withCluster(List.of(), T0, 1.0).level()).isEqualTo("low");
    }

    @Test
    void oldWeakSignalsFadeStrongOnesDoNot() {
        Instant old = T0.minus(Duration.ofDays(28));
        double freshWeak = scorer.score(List.of(signal("a.x", Stage.ACCESS, 0.3, T0)), T0).score();
        double oldWeak = scorer.score(List.of(signal("a.x", Stage.ACCESS, 0.3, old)), T0).score();
        assertThat(oldWeak).isLessThan(freshWeak).isGreaterThan(0);
        double freshStrong = scorer.score(List.of(signal("a.x", Stage.ACCESS, 0.5, T0)), T0).score();
        double oldStrong = scorer.score(List.of(signal("a.x", Stage.ACCESS, 0.5, old)), T0).score();
        assertThat(oldStrong).isEqualTo(freshStrong);
    }

    @Test
    void scoreDecomposesIntoContributionsAndWeightsApply() {
        List<Signal> s = List.of(signal("apply.voip-phone", Stage.APPLY, 0.3, T0),
                signal("control.kvm", Stage.CONTROL, 0.7, T0));
        var r = scorer.score(s, T0);
        assertThat(r.contributions()).extracting(RiskScorer.Contribution::detector)
                .containsExactly("control.kvm", "apply.voip-phone");
        double combined = 1 - (1 - r.contributions().get(0).contribution()) * (1 - r.contributions().get(1).contribution());
        assertThat(r.ownScore()).isGreaterThanOrEqualTo(Math.round(combined * 10000) / 10000.0 - 1e-4);
        assertThat(RiskScorer.family("sigma:abc-123")).isEqualTo("sigma");
        assertThat(RiskScorer.family("access.vpn")).isEqualTo("access");
    }

    @Test
    void firstFlaggedIsWhenTheScoreFirstReachedHigh() {
        Instant t1 = T0;
        Instant t2 = T0.plus(Duration.ofDays(2));
        Instant t3 = T0.plus(Duration.ofDays(5));
        List<Signal> s = List.of(signal("apply.ssn", Stage.APPLY, 0.7, t1), signal("access.vpn", Stage.ACCESS, 0.5, t2),
                signal("control.kvm", Stage.CONTROL, 0.7, t3));
        Instant flagged = scorer.firstFlagged(s);
        assertThat(flagged).isEqualTo(t2);
        assertThat(scorer.firstFlagged(s.subList(0, 1))).isNull();
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Stage> stages() {
        return net.jqwik.api.Arbitraries.of(Stage.class);
    }
}
