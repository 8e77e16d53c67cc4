package dev.unravel.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SigmaDetectorTest {

    @Test
    void techniqueIsTheFirstAttackTechniqueTagWithOrWithoutSubTechnique() {
        assertThat(SigmaDetector.technique(List.of("attack.command-and-control", "attack.t1219"))).isEqualTo("T1219");
        assertThat(SigmaDetector.technique(List.of("attack.t1219.003", "attack.t1219"))).isEqualTo("T1219.003");
        assertThat(SigmaDetector.technique(List.of("attack.exfiltration", "attack.ta0010"))).isNull();
        assertThat(SigmaDetector.technique(List.of("attack.t1"))).isNull();
    }

    @Test
    void stageTagWinsOverTheTactic() {
        assertThat(SigmaDetector.stage(List.of("attack.collection", "unravel.stage.steal"))).isEqualTo(Stage.STEAL);
        assertThat(SigmaDetector.stage(List.of("attack.exfiltration"))).isEqualTo(Stage.STEAL);
        assertThat(SigmaDetector.stage(List.of("unravel.stage.nonsense", "attack.command-and-control")))
                .isEqualTo(Stage.CONTROL);
    }
}
